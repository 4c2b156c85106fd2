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

	/** A duration written as people write one: {@code 90s}, {@code 5m}, {@code 2h}, {@code 1d} (a bare number is seconds). */
	static Duration duration(String text, String option) {
		String trimmed = text.trim();
		Matcher matcher = AGO.matcher(trimmed.matches("\\d+") ? trimmed + "s" : trimmed);
		if (!matcher.matches() || Long.parseLong(matcher.group(1)) == 0) {
			throw new IllegalArgumentException(option + " takes a positive duration such as 90s, 5m or 2h, not '" + text + "'");
		}
		return of(Long.parseLong(matcher.group(1)), matcher.group(2));
	}

	private static Duration of(long n, String unit) {
		return switch (unit) {
			case "s" -> Duration.ofSeconds(n);
			case "m" -> Duration.ofMinutes(n);
			case "h" -> Duration.ofHours(n);
			default -> Duration.ofDays(n);
		};
	}

	static LocalDateTime parse(String text, LocalDateTime now) {
		return parse("--since", text, now);
	}

	/** As {@link #parse(String, LocalDateTime)}, naming {@code option} when the text is neither. */
	static LocalDateTime parse(String option, String text, LocalDateTime now) {
		Matcher ago = AGO.matcher(text.trim());
		if (ago.matches()) {
			return now.minus(of(Long.parseLong(ago.group(1)), ago.group(2)));
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
