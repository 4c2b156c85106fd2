/**
 * Loading published staging parts into the warehouse exactly once: the loader contract, the description of a
 * target table, and the result or failure of one part's load.
 */
@NullMarked
package io.touchpoint.writers.load;

import org.jspecify.annotations.NullMarked;
