package io.touchpoint.jobs.model;

import java.time.Instant;

import io.touchpoint.writers.staging.CsvRowEncoder;
import io.touchpoint.writers.staging.StagedRow;

/** A tag applied to a contact ({@code sign} +1) or removed from it (-1). Append-only. */
public record TagApplication(String tenantId, String contactId, String tag, int sign, Instant occurredAt, String source,
		String sourceRef, String batchId) implements StagedRow {

	public static final String TABLE = "tag_applications";

	@Override
	public String table() {
		return TABLE;
	}

	@Override
	public void writeCsv(CsvRowEncoder out) {
		out.string(contactId).string(tag).number(sign).timestamp(occurredAt).string(source)
			.string(sourceRef);
	}
}
