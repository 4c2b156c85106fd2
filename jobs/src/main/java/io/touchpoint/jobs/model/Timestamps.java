package io.touchpoint.jobs.model;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.DateTimeParseException;
import java.time.format.ResolverStyle;
import java.time.temporal.ChronoField;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;

/**
 * Timestamp parsing for export files, with formatters built once. Accepts ISO-8601 instants and
 * offsets ({@code 2015-02-23T22:28:55.111Z}, {@code 2025-12-06T11:39:30+01:00}), local times followed by
 * a space and a {@code +HHMM} offset ({@code 2025-10-26 01:15:00 +0000}, Shopify's shop-time form, whose
 * offset changes with daylight saving time), ISO times with a {@code +HHMM} offset
 * ({@code 2024-01-01T00:00:00.000+0000}, the Salesforce REST API's), and the exports' local forms
 * {@code yyyy-MM-dd HH:mm[:ss[.fraction]]} and {@code yyyy-MM-dd}, which are read in UTC. Dates are
 * resolved strictly: {@code 2026-02-30} is refused rather than moved to the last day of the month.
 *
 * <p>The common fixed forms ({@code yyyy-MM-ddTHH:mm:ss[.fraction]Z} and the local
 * {@code yyyy-MM-dd[ |T]HH:mm[:ss[.fraction]]} and {@code yyyy-MM-dd} in a fixed offset) are read by hand,
 * without {@code java.time}'s formatters, which cost about a microsecond a value (two values a row in
 * most exports). Anything the hand-written path does not recognize exactly, including the values it
 * refuses (a 24th hour, a 60th second, February 30th), goes to the general parser, which decides:
 * both paths give the same instant or the same refusal.
 */
public final class Timestamps {

	private static final DateTimeFormatter LOCAL = new DateTimeFormatterBuilder().appendPattern("uuuu-MM-dd[ ]['T']HH:mm")
		.optionalStart()
		.appendPattern(":ss")
		.optionalStart()
		.appendFraction(ChronoField.NANO_OF_SECOND, 1, 9, true)
		.optionalEnd()
		.optionalEnd()
		.toFormatter()
		.withResolverStyle(ResolverStyle.STRICT);

	private static final DateTimeFormatter SPACED_OFFSET = new DateTimeFormatterBuilder()
		.appendPattern("uuuu-MM-dd HH:mm:ss")
		.optionalStart()
		.appendFraction(ChronoField.NANO_OF_SECOND, 1, 9, true)
		.optionalEnd()
		.appendLiteral(' ')
		.appendOffset("+HHMM", "+0000")
		.toFormatter()
		.withResolverStyle(ResolverStyle.STRICT);

	/** A trailing {@code +HHMM} offset without a colon (Salesforce's {@code 2024-01-01T00:00:00.000+0000}). */
	private static final Pattern COMPACT_OFFSET = Pattern.compile("([+-][0-9]{2})([0-9]{2})$");

	private Timestamps() {
	}

	/** The instant, or null for a blank value; IllegalArgumentException with the value if unreadable. */
	public static @Nullable Instant parse(String value) {
		return parse(value, ZoneOffset.UTC);
	}

	/**
	 * Like {@link #parse(String)}, but a value without an offset is a local time in {@code zone}
	 * (a time that daylight saving time skips moves forward, an ambiguous one takes the earlier offset).
	 */
	public static @Nullable Instant parse(@Nullable String value, ZoneId zone) {
		if (value == null || value.isBlank()) {
			return null;
		}
		String text = value.strip();
		Instant fixed = FixedTimestamps.parse(text, zone);
		return fixed != null ? fixed : general(text, zone, value);
	}

	/** The general parser (java.time's formatters) over the stripped text; package-private for its tests. */
	static Instant general(String text, ZoneId zone, String value) {
		try {
			if (text.endsWith("Z") || text.endsWith("z")) {
				return Instant.parse(text.toUpperCase());
			}
			if (hasSpacedOffset(text)) {
				return OffsetDateTime.parse(text, SPACED_OFFSET).toInstant();
			}
			if (text.length() > 19 && (text.lastIndexOf('+') > 10 || text.lastIndexOf('-') > 10)) {
				return OffsetDateTime.parse(COMPACT_OFFSET.matcher(text.replace(' ', 'T')).replaceFirst("$1:$2"))
					.toInstant();
			}
			if (text.length() == 10) {
				return LocalDate.parse(text).atStartOfDay(zone).toInstant();
			}
			return LocalDateTime.parse(text, LOCAL).atZone(zone).toInstant();
		}
		catch (DateTimeParseException ex) {
			throw new IllegalArgumentException("unreadable timestamp '" + value + "'");
		}
	}

	/** Whether the text ends in a space and a {@code +HHMM} or {@code -HHMM} offset. */
	private static boolean hasSpacedOffset(String text) {
		int sign = text.length() - 5;
		return sign > 19 && text.charAt(sign - 1) == ' ' && (text.charAt(sign) == '+' || text.charAt(sign) == '-');
	}
}
