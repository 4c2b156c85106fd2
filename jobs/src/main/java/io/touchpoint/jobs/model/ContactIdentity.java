package io.touchpoint.jobs.model;

import java.time.Instant;

import io.touchpoint.writers.staging.CsvRowEncoder;
import io.touchpoint.writers.staging.StagedRow;

/** Links a source's own id (a Stripe customer, a Segment user or anonymous id) to a contact. */
public record ContactIdentity(String tenantId, String source, String idType, String externalId, String contactId,
		Instant seenAt, String batchId) implements StagedRow {

	public static final String TABLE = "contact_identities";

	@Override
	public String table() {
		return TABLE;
	}

	@Override
	public void writeCsv(CsvRowEncoder out) {
		out.string(tenantId).string(source).string(idType).string(externalId).string(contactId).timestamp(seenAt)
			.string(batchId);
	}
}
