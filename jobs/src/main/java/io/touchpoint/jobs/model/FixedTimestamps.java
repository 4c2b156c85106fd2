package io.touchpoint.jobs.model;

import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

import org.jspecify.annotations.Nullable;

/**
 * The hand-written fast path of {@link Timestamps}: reads {@code yyyy-MM-ddTHH:mm:ss[.f{1,9}]Z} (also
 * with a lower-case {@code t} or {@code z}), the local {@code yyyy-MM-dd HH:mm[:ss[.f{1,9}]]} (a space or
 * a {@code T} between date and time) and {@code yyyy-MM-dd}, local forms only in a fixed {@link ZoneOffset}.
 * It answers null for anything else, and for any value out of range (hour 24, second 60, day 30 of
 * February, ...), so that the general parser decides those with its own rules and messages.
 */
final class FixedTimestamps {

	private static final int SECONDS_PER_DAY = 86_400;

	private FixedTimestamps() {
	}

	/** The instant, or null when the text is not exactly one of the fixed forms (or is out of range). */
	static @Nullable Instant parse(String text, ZoneId zone) {
		int length = text.length();
		if (length < 10) {
			return null;
		}
		int year = digits(text, 0, 4);
		int month = digits(text, 5, 2);
		int day = digits(text, 8, 2);
		if (year < 0 || month < 1 || month > 12 || day < 1 || day > lengthOfMonth(year, month)
				|| text.charAt(4) != '-' || text.charAt(7) != '-') {
			return null;
		}
		long epochDay = epochDay(year, month, day);
		if (length == 10) {
			return zone instanceof ZoneOffset offset ? Instant.ofEpochSecond(epochDay * SECONDS_PER_DAY
					- offset.getTotalSeconds()) : null;
		}
		char last = text.charAt(length - 1);
		boolean utc = last == 'Z' || last == 'z';
		int end = utc ? length - 1 : length;
		char separator = text.charAt(10);
		if (utc ? separator != 'T' && separator != 't' : separator != ' ' && separator != 'T') {
			return null;
		}
		if (utc ? end < 19 : !(zone instanceof ZoneOffset)) {
			return null; // Instant.parse wants the seconds; a local time in a region zone needs its rules
		}
		long secondOfDay = secondOfDay(text, end);
		if (secondOfDay < 0) {
			return null;
		}
		int nanos = 0;
		if (end > 19) {
			nanos = fraction(text, 19, end);
			if (nanos < 0) {
				return null;
			}
		}
		long offsetSeconds = utc ? 0 : ((ZoneOffset) zone).getTotalSeconds();
		return Instant.ofEpochSecond(epochDay * SECONDS_PER_DAY + secondOfDay - offsetSeconds, nanos);
	}

	/** {@code HH:mm} at 11 and, when {@code end} allows, {@code :ss} at 16; -1 when not exactly that. */
	private static long secondOfDay(String text, int end) {
		if (end != 16 && end < 19 || text.charAt(13) != ':') {
			return -1;
		}
		int hour = digits(text, 11, 2);
		int minute = digits(text, 14, 2);
		int second = 0;
		if (end >= 19) {
			if (text.charAt(16) != ':') {
				return -1;
			}
			second = digits(text, 17, 2);
		}
		if (hour < 0 || hour > 23 || minute < 0 || minute > 59 || second < 0 || second > 59) {
			return -1;
		}
		return hour * 3600L + minute * 60L + second;
	}

	/** {@code .d[d...]} (1 to 9 digits) from {@code at} to {@code end} as nanoseconds; -1 otherwise. */
	private static int fraction(String text, int at, int end) {
		int count = end - at - 1;
		if (text.charAt(at) != '.' || count < 1 || count > 9) {
			return -1;
		}
		int value = digits(text, at + 1, count);
		if (value < 0) {
			return -1;
		}
		for (int i = count; i < 9; i++) {
			value *= 10;
		}
		return value;
	}

	/** The non-negative number written by {@code count} ASCII digits at {@code at}, or -1. */
	private static int digits(String text, int at, int count) {
		if (at + count > text.length()) {
			return -1;
		}
		int value = 0;
		for (int i = at; i < at + count; i++) {
			char c = text.charAt(i);
			if (c < '0' || c > '9') {
				return -1;
			}
			value = value * 10 + (c - '0');
		}
		return value;
	}

	static int lengthOfMonth(int year, int month) {
		return switch (month) {
			case 2 -> (year % 4 == 0 && (year % 100 != 0 || year % 400 == 0)) ? 29 : 28;
			case 4, 6, 9, 11 -> 30;
			default -> 31;
		};
	}

	/** Days since 1970-01-01 of a proleptic Gregorian date (the algorithm of {@code LocalDate.toEpochDay}). */
	static long epochDay(int year, int month, int day) {
		long y = year;
		long total = 365 * y;
		total += (y + 3) / 4 - (y + 99) / 100 + (y + 399) / 400;
		total += (367 * month - 362) / 12;
		total += day - 1;
		if (month > 2) {
			total--;
			if (!(year % 4 == 0 && (year % 100 != 0 || year % 400 == 0))) {
				total--;
			}
		}
		return total - 719_528;
	}
}
