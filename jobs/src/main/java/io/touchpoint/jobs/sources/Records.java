package io.touchpoint.jobs.sources;

import org.jspecify.annotations.Nullable;

import io.touchpoint.readers.MalformedRecordException;
import io.touchpoint.readers.SourceRecord;
import io.touchpoint.readers.csv.CsvRecord;

/** Small helpers mappers share to read fields and to reject a record with a reason. */
public final class Records {

	private Records() {
	}

	/** The trimmed value of the first present column among {@code columns}, or null if blank/absent. */
	public static @Nullable String text(CsvRecord record, String... columns) {
		for (String column : columns) {
			String value = record.get(column);
			if (value != null) {
				String trimmed = value.strip();
				return trimmed.isEmpty() ? null : trimmed;
			}
		}
		return null;
	}

	/** Like {@link #text} but a missing value quarantines the record. */
	public static String required(CsvRecord record, String... columns) {
		String value = text(record, columns);
		if (value == null) {
			throw MalformedRecordException.of(record, "empty " + columns[0]);
		}
		return value;
	}

	/**
	 * The value, unless it has more than {@code max} characters (its canonical column's length): then the
	 * record is quarantined, rather than the whole staged file failing its load later.
	 */
	public static String atMost(SourceRecord record, String column, @Nullable String value, int max) {
		if (value != null && value.codePointCount(0, value.length()) > max) {
			throw MalformedRecordException.of(record, column + ": longer than " + max + " characters");
		}
		return value;
	}

	/** Runs a parse, turning its IllegalArgumentException into a quarantine reason. */
	public static <T> T parse(SourceRecord record, String field, java.util.function.Supplier<T> parse) {
		try {
			return parse.get();
		}
		catch (IllegalArgumentException ex) {
			throw MalformedRecordException.of(record, field + ": " + ex.getMessage());
		}
	}

	/** The normalized e-mail in {@code column}, or null when empty; a value that is not an e-mail quarantines the record. */
	public static @Nullable String email(CsvRecord record, String column) {
		String raw = text(record, column);
		String email = io.touchpoint.jobs.model.ContactIds.normalizeEmail(raw);
		if (raw != null && email == null) {
			throw MalformedRecordException.of(record, column + ": '" + raw + "' is not an e-mail address");
		}
		return email;
	}

	/** The time in the first non-empty column among {@code columns}; an unreadable one quarantines the record. */
	public static java.time.@Nullable Instant timestamp(CsvRecord record, String... columns) {
		for (String column : columns) {
			String value = text(record, column);
			if (value != null) {
				return parse(record, column, () -> io.touchpoint.jobs.model.Timestamps.parse(value));
			}
		}
		return null;
	}

	/** Like {@link #timestamp} but a record with none of the columns filled is quarantined. */
	public static java.time.Instant requiredTimestamp(CsvRecord record, String... columns) {
		java.time.Instant time = timestamp(record, columns);
		if (time == null) {
			throw MalformedRecordException.of(record, "no " + String.join(", ", columns));
		}
		return time;
	}

	/** {@code file:line}, stored with each row so an analyst can find its origin. */
	public static String ref(SourceRecord record) {
		return record.file() + ":" + record.line();
	}
}
