package io.touchpoint.scheduler;

/**
 * Launches one tenant's run of a schedule, to its end. The application implements it over Spring Batch's
 * JobOperator; a refused launch (already completed, or another run of the job for the tenant in
 * progress) is thrown as an exception whose message says so, and is logged, not retried.
 */
@FunctionalInterface
public interface Launcher {

	/** Runs the job; returns a one-line outcome for the log. */
	String launch(ScheduledRun run);
}
