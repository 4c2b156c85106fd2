/**
 * Run history and launches: starting, restarting and re-running jobs through Spring Batch's JobOperator, listing
 * executions, the sentence a user needs from a failure, and purging old history.
 */
@NullMarked
package io.touchpoint.jobs.executions;

import org.jspecify.annotations.NullMarked;
