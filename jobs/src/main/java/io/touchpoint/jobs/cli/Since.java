package io.touchpoint.jobs.cli;

import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.format.DateTimeParseException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code --since} (and {@code purge --older-than}): {@code 90m}, {@code 36h}, {@code 7d} back from now, or a
 * date (its start) or date-time.
 */
final class Since {

	private static final Pattern AGO = Pattern.compile("(\\d+)([smhd])");

	private Since() {
	}

	static LocalDateTime parse(String text, LocalDateTime now) {
		return parse("--since", text, now);
	}

	/** As {@link #parse(String, LocalDateTime)}, naming {@code option} when the text is neither. */
	static LocalDateTime parse(String option, String text, LocalDateTime now) {
		Matcher ago = AGO.matcher(text.trim());
		if (ago.matches()) {
			long n = Long.parseLong(ago.group(1));
			Duration back = switch (ago.group(2)) {
				case "s" -> Duration.ofSeconds(n);
				case "m" -> Duration.ofMinutes(n);
				case "h" -> Duration.ofHours(n);
				default -> Duration.ofDays(n);
			};
			return now.minus(back);
		}
		try {
			return text.contains("T") ? LocalDateTime.parse(text) : LocalDate.parse(text).atStartOfDay();
		}
		catch (DateTimeParseException ex) {
			throw new IllegalArgumentException(option + " takes a duration (90m, 36h, 7d), a date (2026-11-01) or a date-time "
					+ "(2026-11-01T06:00), not '" + text + "'");
		}
	}
}
