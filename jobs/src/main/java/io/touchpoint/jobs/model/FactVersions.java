package io.touchpoint.jobs.model;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;

import org.jspecify.annotations.Nullable;

/**
 * The version key of a fact that a source can restate (a purchase, a refund): 32 hex digits of SHA-256
 * over the fact's content, its fields joined by NUL, a null field as the empty string, a time as UTC
 * {@code yyyy-MM-dd HH:mm:ss.SSSSSS}. A re-export with the same content has the same key and loads
 * nothing; a corrected one (another contact, amount, time, currency or status) is a new version beside
 * the first. {@code sql/mysql/V013__fact_versions.sql} computes the same key in SQL
 * ({@code LEFT(SHA2(CONCAT_WS(CHAR(0), ...), 256), 32)}) for the rows loaded before it.
 */
public final class FactVersions {

	private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSSSSS");

	private FactVersions() {
	}

	/** The key of the content: each part as text ({@link Instant}s in the warehouse's UTC form), null as empty. */
	public static String key(@Nullable Object... parts) {
		StringBuilder text = new StringBuilder(128);
		for (int i = 0; i < parts.length; i++) {
			if (i > 0) {
				text.append('\u0000');
			}
			Object part = parts[i];
			if (part instanceof Instant instant) {
				text.append(TIME.format(LocalDateTime.ofInstant(instant.truncatedTo(ChronoUnit.MICROS), ZoneOffset.UTC)));
			}
			else if (part != null) {
				text.append(part);
			}
		}
		return Digests.sha256Hex(text.toString(), 32);
	}
}
