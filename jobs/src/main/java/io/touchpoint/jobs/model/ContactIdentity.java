package io.touchpoint.jobs.model;

import java.time.Instant;

import io.touchpoint.writers.staging.CsvRowEncoder;
import io.touchpoint.writers.staging.StagedRow;

/**
 * Links a source's own id (a Stripe customer, a Segment user or anonymous id, a Salesforce contact) to
 * a contact. Rows that know only the source id name the contact by its alias
 * ({@link ContactIds#forExternalId}); rollups resolve the alias through this link.
 */
public record ContactIdentity(String tenantId, String source, String idType, String externalId, String contactId,
		Instant seenAt, String batchId) implements StagedRow {

	public static final String TABLE = "contact_identities";

	@Override
	public String table() {
		return TABLE;
	}

	/** The contact id a row that knows only this source id uses. */
	public String aliasContactId() {
		return ContactIds.forExternalId(tenantId, source, idType, externalId);
	}

	@Override
	public void writeCsv(CsvRowEncoder out) {
		out.string(source).string(idType).string(externalId).string(contactId).string(aliasContactId())
			.timestamp(seenAt);
	}
}
