package io.touchpoint.writers.quarantine;

import java.time.Instant;
import java.util.List;

import io.touchpoint.writers.load.LoadTable;
import io.touchpoint.writers.staging.CsvRowEncoder;
import io.touchpoint.writers.staging.StagedRow;

/**
 * A source record that could not be processed, staged into the {@code quarantine} table.
 *
 * <p>Columns, in order: tenant_id, batch_id, source, file, line, reason, raw_text, quarantined_at; the
 * staged file holds them from source on (the loader sets tenant and batch, see {@link LoadTable#PART_COLUMNS}). The raw text is cut to {@value #MAX_RAW_TEXT_CHARS} characters, and then the
 * reason ends with {@value #TRUNCATED_NOTE}. A reason longer than its column ({@value #MAX_REASON_CHARS}
 * characters, long when it quotes a huge value) is cut and ends with {@value #REASON_TRUNCATED_NOTE}, so
 * that one bad record cannot fail the load of the quarantine.
 */
public record QuarantineRow(String tenantId, String batchId, String source, String file, long line,
		String reason, String rawText, Instant quarantinedAt) implements StagedRow {

	/** The staging table name. */
	public static final String TABLE = "quarantine";

	/** The columns of the quarantine table a part fills, in order. */
	public static final List<String> COLUMNS = List.of(
			"tenant_id", "batch_id", "source", "file", "line", "reason", "raw_text", "quarantined_at");

	/** The longest raw text kept. */
	public static final int MAX_RAW_TEXT_CHARS = 65_000;

	/** The longest reason kept: the {@code quarantine.reason} column. */
	public static final int MAX_REASON_CHARS = 1000;

	/** Ends a reason that was cut. */
	public static final String REASON_TRUNCATED_NOTE = "... (reason truncated)";

	/** Appended to the reason when the raw text was cut. */
	public static final String TRUNCATED_NOTE = " (raw text truncated)";

	public QuarantineRow {
		String note = "";
		if (rawText != null && rawText.length() > MAX_RAW_TEXT_CHARS) {
			rawText = rawText.substring(0, cutAt(rawText, MAX_RAW_TEXT_CHARS));
			note = TRUNCATED_NOTE;
		}
		if (reason != null && reason.length() + note.length() > MAX_REASON_CHARS) {
			reason = reason.substring(0, cutAt(reason, MAX_REASON_CHARS - note.length() - REASON_TRUNCATED_NOTE.length()))
					+ REASON_TRUNCATED_NOTE;
		}
		if (!note.isEmpty()) {
			reason = (reason == null ? "" : reason) + note;
		}
	}

	/** {@code max}, or one less so that a surrogate pair is never split. */
	private static int cutAt(String text, int max) {
		return Character.isHighSurrogate(text.charAt(max - 1)) ? max - 1 : max;
	}

	/** How the loader appends staged quarantine rows into the {@code quarantine} table. */
	public static LoadTable loadTable() {
		return new LoadTable(TABLE, COLUMNS, null, LoadTable.Mode.APPEND, null);
	}

	@Override
	public String table() {
		return TABLE;
	}

	@Override
	public void writeCsv(CsvRowEncoder out) {
		out.string(source).string(file).number(line)
			.string(reason).string(rawText).timestamp(quarantinedAt);
	}
}
