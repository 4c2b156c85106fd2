/**
 * Progress of long steps: one line at most every interval, written to the log or rewritten in place on a
 * terminal.
 */
@NullMarked
package io.touchpoint.jobs.progress;

import org.jspecify.annotations.NullMarked;
