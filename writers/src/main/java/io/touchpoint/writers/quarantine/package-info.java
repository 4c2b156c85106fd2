/**
 * Records that could not be processed: the quarantine row and the buffer that stages it with the chunk it came
 * from.
 */
@NullMarked
package io.touchpoint.writers.quarantine;

import org.jspecify.annotations.NullMarked;
