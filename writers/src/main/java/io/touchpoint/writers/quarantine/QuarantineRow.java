package io.touchpoint.writers.quarantine;

import io.touchpoint.writers.load.LoadTable;
import io.touchpoint.writers.staging.CsvRowEncoder;
import io.touchpoint.writers.staging.StagedRow;
import java.time.Instant;
import java.util.List;

/**
 * A source record that could not be processed, staged into the {@code quarantine} table.
 *
 * <p>CSV columns, in order: tenant_id, batch_id, source, file, line, reason, raw_text,
 * quarantined_at. The raw text is cut to {@value #MAX_RAW_TEXT_CHARS} characters, and then the
 * reason ends with {@value #TRUNCATED_NOTE}.
 */
public record QuarantineRow(String tenantId, String batchId, String source, String file, long line,
        String reason, String rawText, Instant quarantinedAt) implements StagedRow {

    /** The staging table name. */
    public static final String TABLE = "quarantine";

    /** The CSV column order of the quarantine table. */
    public static final List<String> COLUMNS = List.of(
            "tenant_id", "batch_id", "source", "file", "line", "reason", "raw_text", "quarantined_at");

    /** The longest raw text kept. */
    public static final int MAX_RAW_TEXT_CHARS = 65_000;

    /** Appended to the reason when the raw text was cut. */
    public static final String TRUNCATED_NOTE = " (raw text truncated)";

    public QuarantineRow {
        if (rawText != null && rawText.length() > MAX_RAW_TEXT_CHARS) {
            int end = MAX_RAW_TEXT_CHARS;
            if (Character.isHighSurrogate(rawText.charAt(end - 1))) {
                end--; // never split a surrogate pair
            }
            rawText = rawText.substring(0, end);
            reason = (reason == null ? "" : reason) + TRUNCATED_NOTE;
        }
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
        out.string(tenantId).string(batchId).string(source).string(file).number(line)
                .string(reason).string(rawText).timestamp(quarantinedAt);
    }
}
