package io.touchpoint.readers.http;

import java.time.Duration;

/** Waits between attempts; tests pass one that records the waits. */
@FunctionalInterface
public interface Sleeper {

	Sleeper SYSTEM = duration -> Thread.sleep(duration.toMillis());

	void sleep(Duration duration) throws InterruptedException;
}
