package io.touchpoint.jobs.model;

import java.time.Instant;

import io.touchpoint.writers.staging.CsvRowEncoder;
import io.touchpoint.writers.staging.StagedRow;

/**
 * Money returned on a purchase, negative. {@code cumulative} marks a row that states the total refunded
 * so far (Stripe's payments export), of which rollups take the largest per purchase. Like a purchase, a
 * refund restated with other content is a new version ({@link #versionKey()}); rollups count the latest.
 */
public record Refund(String tenantId, String refundKey, String purchaseKey, String contactId, Instant occurredAt,
		long amountMinor, String currency, boolean cumulative, String source, String sourceRef, String batchId)
		implements StagedRow {

	public static final String TABLE = "refunds";

	@Override
	public String table() {
		return TABLE;
	}

	@Override
	public long moneyMinor() {
		return amountMinor;
	}

	/** The version of this content ({@link FactVersions}): every field the source can correct. */
	public String versionKey() {
		return FactVersions.key(purchaseKey, contactId, occurredAt, amountMinor, currency, cumulative ? 1 : 0);
	}

	@Override
	public void writeCsv(CsvRowEncoder out) {
		out.string(refundKey).string(purchaseKey).string(contactId).timestamp(occurredAt)
			.number(amountMinor).string(currency).number(cumulative ? 1 : 0).string(source).string(sourceRef)
			.string(versionKey());
	}
}
