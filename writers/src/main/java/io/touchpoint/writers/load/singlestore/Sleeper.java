package io.touchpoint.writers.load.singlestore;

import java.time.Duration;

/** Waits between two polls of the pipeline views; tests pass one that advances a clock instead. */
@FunctionalInterface
public interface Sleeper {

	/** The real thing: {@link Thread#sleep(long)}. */
	Sleeper THREAD = duration -> Thread.sleep(duration.toMillis());

	void sleep(Duration duration) throws InterruptedException;
}
