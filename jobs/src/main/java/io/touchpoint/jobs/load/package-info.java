/**
 * How staged files reach the warehouse by its dialect, and the tag applications derived from the tag listings of
 * snapshot sources.
 */
@NullMarked
package io.touchpoint.jobs.load;

import org.jspecify.annotations.NullMarked;
