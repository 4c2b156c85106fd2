package io.touchpoint.jobs.model;

import java.time.Instant;

import io.touchpoint.writers.staging.CsvRowEncoder;
import io.touchpoint.writers.staging.StagedRow;

/**
 * One version of a real purchase: {@code purchaseKey} names the payment per tenant ({@code stripe:ch_...});
 * {@link #versionKey()} names its content, so an overlapping export that restates it unchanged loads
 * nothing and a corrected one (contact, time, amount, currency, status) loads a new version
 * beside the first (facts are never updated; rollups count the latest version, docs/rollups.md). Amounts are minor units of {@code currency}; the
 * settlement pair is the processor's converted amount where the export has one. {@code paymentRef} and
 * {@code paymentIntentRef} are the payment processor's charge and PaymentIntent ({@code stripe:ch_...},
 * {@code stripe:pi_...}) where the row knows them, so that rollups count a payment seen by the processor
 * and by a shop once.
 */
public record Purchase(String tenantId, String purchaseKey, String contactId, Instant occurredAt, long amountMinor,
		String currency, Long settlementAmountMinor, String settlementCurrency, String status, String source,
		String sourceRef, String batchId, String paymentRef, String paymentIntentRef) implements StagedRow {

	public static final String TABLE = "purchases";

	/** The status of a purchase the source voided or cancelled: its latest version then no longer counts. */
	public static final String VOIDED = "voided";

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

	/**
	 * The version of this content ({@link FactVersions}): the fields a source corrects (contact, time, amount,
	 * currency, status). The settlement pair and the processor references are not among them: sources that
	 * see one payment know different subsets of them (the Stripe export's Converted Amount, the Shopify API's
	 * transactions), and none of them changes what counts.
	 */
	public String versionKey() {
		return FactVersions.key(contactId, occurredAt, amountMinor, currency, status);
	}

	@Override
	public void writeCsv(CsvRowEncoder out) {
		out.string(purchaseKey).string(contactId).timestamp(occurredAt).number(amountMinor)
			.string(currency).nullableNumber(settlementAmountMinor).string(settlementCurrency).string(status)
			.string(source).string(sourceRef).string(paymentRef).string(paymentIntentRef)
			.string(versionKey());
	}
}
