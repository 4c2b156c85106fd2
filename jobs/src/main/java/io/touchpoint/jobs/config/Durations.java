package io.touchpoint.jobs.config;

import java.time.Duration;

/**
 * Checks a configured duration when its settings record is bound, naming the property that is wrong, and
 * writes one in a message the way configuration writes it.
 */
final class Durations {

	private Durations() {
	}

	static void requirePositive(String property, Duration value) {
		if (value != null && (value.isZero() || value.isNegative())) {
			throw new InvalidConfigurationException(property + " must be positive (got " + value
					+ "); use a duration such as 500ms, 30s or 10m");
		}
	}

	/** {@code 30s}, or {@code 250ms} when not whole seconds: how durations are written in configuration. */
	static String text(Duration duration) {
		return duration.toMillis() % 1000 == 0 ? duration.toSeconds() + "s" : duration.toMillis() + "ms";
	}
}
