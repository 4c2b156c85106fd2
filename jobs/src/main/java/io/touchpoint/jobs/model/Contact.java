package io.touchpoint.jobs.model;

import java.time.Instant;

import io.touchpoint.writers.staging.CsvRowEncoder;
import io.touchpoint.writers.staging.StagedRow;

/** A contact as one source saw it at {@code updatedAt}; the warehouse keeps the latest non-null fields. */
public record Contact(String tenantId, String contactId, String email, String firstName, String lastName,
		String lifecycleStage, Instant createdAt, Instant updatedAt, String source, String batchId) implements StagedRow {

	public static final String TABLE = "contacts";

	@Override
	public String table() {
		return TABLE;
	}

	@Override
	public void writeCsv(CsvRowEncoder out) {
		out.string(contactId).string(email).string(firstName).string(lastName).string(lifecycleStage)
			.timestamp(createdAt).timestamp(updatedAt).string(source);
	}
}
