package io.touchpoint.jobs.model;

import java.time.Instant;

import io.touchpoint.writers.staging.CsvRowEncoder;
import io.touchpoint.writers.staging.StagedRow;

/**
 * One real purchase, once: {@code purchaseKey} is unique per tenant ({@code stripe:ch_...}), so an
 * overlapping export loads it only the first time. Amounts are minor units of {@code currency}; the
 * settlement pair is the processor's converted amount where the export has one. {@code paymentRef} and
 * {@code paymentIntentRef} are the payment processor's charge and PaymentIntent ({@code stripe:ch_...},
 * {@code stripe:pi_...}) where the row knows them, so that rollups count a payment seen by the processor
 * and by a shop once.
 */
public record Purchase(String tenantId, String purchaseKey, String contactId, Instant occurredAt, long amountMinor,
		String currency, Long settlementAmountMinor, String settlementCurrency, String status, String source,
		String sourceRef, String batchId, String paymentRef, String paymentIntentRef) implements StagedRow {

	public static final String TABLE = "purchases";

	/** A purchase without processor references (a source that is not, and does not name, a payment processor). */
	public Purchase(String tenantId, String purchaseKey, String contactId, Instant occurredAt, long amountMinor,
			String currency, Long settlementAmountMinor, String settlementCurrency, String status, String source,
			String sourceRef, String batchId) {
		this(tenantId, purchaseKey, contactId, occurredAt, amountMinor, currency, settlementAmountMinor,
				settlementCurrency, status, source, sourceRef, batchId, null, null);
	}

	@Override
	public String table() {
		return TABLE;
	}

	@Override
	public long moneyMinor() {
		return amountMinor;
	}

	@Override
	public void writeCsv(CsvRowEncoder out) {
		out.string(tenantId).string(purchaseKey).string(contactId).timestamp(occurredAt).number(amountMinor)
			.string(currency).nullableNumber(settlementAmountMinor).string(settlementCurrency).string(status)
			.string(source).string(sourceRef).string(batchId).string(paymentRef).string(paymentIntentRef);
	}
}
