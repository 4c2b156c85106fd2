package io.touchpoint.jobs.progress;

/**
 * {@code touchpoint.progress.mode}: where long steps show their progress. A terminal user wants one line
 * rewritten in place; a log file or a pipe wants one plain line per interval, never a carriage return.
 */
public enum ProgressMode {

	/** {@link #LINE} when stderr is a terminal, {@link #LOG} otherwise (redirected, a pipe, a service). */
	AUTO,

	/** One line on stderr rewritten in place with a carriage return, cleared when the step ends. */
	LINE,

	/** A log line at most every {@code touchpoint.progress.interval}. */
	LOG,

	/** No progress at all. */
	OFF;

	/** The mode in effect: {@link #AUTO} decided by whether stderr is a terminal; the others as they are. */
	public ProgressMode resolve(boolean stderrIsTerminal) {
		if (this != AUTO) {
			return this;
		}
		return stderrIsTerminal ? LINE : LOG;
	}
}
