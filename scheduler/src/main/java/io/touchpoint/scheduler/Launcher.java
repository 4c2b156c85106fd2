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

	/**
	 * Runs the job again after the node {@code failedNode} died while running it: Quartz's cluster found that
	 * node's check-ins stopped and handed its in-flight run to this node. The execution that node left marked
	 * running may be marked failed and restarted. By default, a plain {@link #launch}.
	 */
	default String launchRecovered(ScheduledRun run, String failedNode) {
		return launch(run);
	}
}
