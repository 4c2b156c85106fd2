package io.touchpoint.jobs.progress;

import java.util.function.Consumer;

/**
 * Where a {@link ProgressMeter} puts its lines: the log, or one terminal line rewritten in place. A meter
 * tells its display when its step ended, so a terminal line can be cleared.
 */
public interface ProgressDisplay {

	/** Shows the meter's latest line. */
	void show(ProgressMeter meter, String line);

	/** The meter's step ended: whatever it shows goes away. */
	default void finish(ProgressMeter meter) {
	}

	/** Each line to {@code sink} (a logger, a list in a test); nothing to clear. */
	static ProgressDisplay lines(Consumer<String> sink) {
		return (meter, line) -> sink.accept(line);
	}
}
