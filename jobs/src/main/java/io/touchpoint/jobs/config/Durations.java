package io.touchpoint.jobs.config;

import java.time.Duration;

/** Writes a configured duration in a message the way configuration writes it. */
public final class Durations {

	private Durations() {
	}

	/**
	 * How configuration writes a duration, in its largest whole unit: {@code 36h}, {@code 10m}, {@code 30s},
	 * {@code 250ms}, {@code 2d}; never ISO-8601's {@code PT36H}.
	 */
	public static String text(Duration duration) {
		long millis = duration.toMillis();
		if (millis != 0 && millis % 86_400_000 == 0) {
			return millis / 86_400_000 + "d";
		}
		if (millis != 0 && millis % 3_600_000 == 0) {
			return millis / 3_600_000 + "h";
		}
		if (millis != 0 && millis % 60_000 == 0) {
			return millis / 60_000 + "m";
		}
		return millis % 1000 == 0 ? millis / 1000 + "s" : millis + "ms";
	}
}
