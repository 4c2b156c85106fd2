package io.touchpoint.jobs.config;

import java.time.Duration;
import org.jspecify.annotations.Nullable;

/**
 * Checks a configured duration when its settings record is bound, naming the property that is wrong, and
 * writes one in a message the way configuration writes it.
 */
public final class Durations {

	private Durations() {
	}

	static void requirePositive(String property, @Nullable Duration value) {
		if (value != null && (value.isZero() || value.isNegative())) {
			throw new InvalidConfigurationException(property + " must be positive (got " + value
					+ "); use a duration such as 500ms, 30s or 10m");
		}
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
