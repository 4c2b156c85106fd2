package io.touchpoint.jobs.sources.stripe;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;

import io.touchpoint.jobs.model.Contact;
import io.touchpoint.jobs.model.ContactIdentity;
import io.touchpoint.jobs.model.ContactIds;
import io.touchpoint.jobs.model.Money;
import io.touchpoint.jobs.model.Purchase;
import io.touchpoint.jobs.model.Refund;
import io.touchpoint.jobs.model.Timestamps;
import io.touchpoint.jobs.sources.Records;
import io.touchpoint.jobs.sources.SourceMapper;
import io.touchpoint.readers.MalformedFileException;
import io.touchpoint.readers.MalformedRecordException;
import io.touchpoint.readers.SourceRecord;
import io.touchpoint.readers.csv.CsvRecord;
import io.touchpoint.writers.staging.StagedRow;

/**
 * The Stripe Dashboard payments export ({@code unified_payments.csv}), mapped by column name so that
 * every header variant works: {@code Created date (UTC)} or the older {@code Created (UTC)}, column
 * subsets, {@code (metadata)} columns. Amounts are major-unit decimals in a lower-case currency.
 * <ul>
 * <li>A row with an empty {@code id} is a PaymentIntent that never became a charge: filtered.</li>
 * <li>{@code Failed}, {@code Pending} and other non-settled statuses, and uncaptured charges: filtered.</li>
 * <li>{@code Paid} and {@code Refunded} rows are purchases keyed {@code stripe:<id>}; a partial refund
 * keeps {@code Status=Paid} and shows only in {@code Amount Refunded}, which is cumulative, so it
 * becomes a refund row keyed by the charge and that total ({@code is_cumulative = 1}).</li>
 * <li>{@code Converted Amount}/{@code Converted Currency} are kept as the settlement pair.</li>
 * </ul>
 */
@Component
public final class StripePaymentsMapper implements SourceMapper {

	public static final String SOURCE = "stripe";

	/** Longest Stripe id kept (they are about 30 characters): {@code stripe:<id>:refunded:<minor>} must fit in 255. */
	private static final int MAX_ID_CHARS = 200;

	private static final Set<String> PURCHASED = Set.of("paid", "refunded", "succeeded");

	private static final FileFormat FORMAT = new FileFormat(FileFormat.Kind.CSV, StandardCharsets.UTF_8,
			List.of("id", "Amount", "Currency"));

	@Override
	public String source() {
		return SOURCE;
	}

	@Override
	public FileFormat format() {
		return FORMAT;
	}

	/** A Stripe object id as a processor reference ({@code stripe:pi_...}). */
	public static @Nullable String prefixed(@Nullable String id) {
		return id == null || id.isBlank() ? null : SOURCE + ":" + id.strip();
	}

	@Override
	public List<StagedRow> map(SourceRecord raw, MappingContext context) {
		CsvRecord record = (CsvRecord) raw;
		if (!record.has("Created date (UTC)") && !record.has("Created (UTC)")) {
			throw new MalformedFileException(record.file(), 1, "missing required column 'Created date (UTC)' (or the older"
					+ " 'Created (UTC)'); export the payments with the Created column, then restart the execution");
		}
		String id = Records.atMost(record, "id", Records.text(record, "id"), MAX_ID_CHARS);
		if (id == null) {
			return List.of();
		}
		String status = Records.text(record, "Status");
		if (status != null && !PURCHASED.contains(status.toLowerCase(Locale.ROOT))) {
			return List.of();
		}
		if ("false".equalsIgnoreCase(Records.text(record, "Captured"))) {
			return List.of();
		}
		String tenant = context.tenantId();
		String currency = Records.parse(record, "Currency", () -> Money.currency(Records.text(record, "Currency")));
		long amount = Records.parse(record, "Amount", () -> Money.toMinor(Records.text(record, "Amount"), currency));
		if (amount < 0) {
			throw MalformedRecordException.of(record, "Amount: a charge cannot be negative (" + record.get("Amount") + ")");
		}
		Instant created = Records.parse(record, "Created date (UTC)",
				() -> Timestamps.parse(Records.required(record, "Created date (UTC)", "Created (UTC)")));
		String email = ContactIds.normalizeEmail(Records.text(record, "Customer Email"));
		String customerId = Records.atMost(record, "Customer ID", Records.text(record, "Customer ID"), MAX_ID_CHARS);
		String contactId = email != null ? ContactIds.forEmail(tenant, email)
				: customerId != null ? ContactIds.forExternalId(tenant, SOURCE, "customer_id", customerId)
				: ContactIds.forExternalId(tenant, SOURCE, "charge_id", id);
		String ref = Records.ref(record);
		Long settlement = null;
		String settlementCurrency = null;
		String converted = Records.text(record, "Converted Amount");
		String convertedCurrency = Records.text(record, "Converted Currency");
		if (converted != null && convertedCurrency != null) {
			settlementCurrency = Records.parse(record, "Converted Currency", () -> Money.currency(convertedCurrency));
			String code = settlementCurrency;
			settlement = Records.parse(record, "Converted Amount", () -> Money.toMinor(converted, code));
		}
		String purchaseKey = SOURCE + ":" + id;
		List<StagedRow> rows = new ArrayList<>(4);
		rows.add(new Contact(tenant, contactId, email, null, null, null, null, created, SOURCE, context.batchId()));
		if (customerId != null) {
			rows.add(new ContactIdentity(tenant, SOURCE, "customer_id", customerId, contactId, created, context.batchId()));
		}
		rows.add(new Purchase(tenant, purchaseKey, contactId, created, amount, currency, settlement, settlementCurrency,
				status == null ? "paid" : status.toLowerCase(Locale.ROOT), SOURCE, ref, context.batchId(), purchaseKey,
				prefixed(Records.atMost(record, "PaymentIntent ID", Records.text(record, "PaymentIntent ID"), MAX_ID_CHARS))));
		String refunded = Records.text(record, "Amount Refunded");
		if (refunded != null) {
			long refundedMinor = Records.parse(record, "Amount Refunded", () -> Money.toMinor(refunded, currency));
			if (refundedMinor < 0 || refundedMinor > amount) {
				throw MalformedRecordException.of(record,
						"Amount Refunded " + refunded + " is outside 0.." + record.get("Amount"));
			}
			if (refundedMinor > 0) {
				Instant refundedAt = Records.parse(record, "Refunded date (UTC)",
						() -> Timestamps.parse(Records.text(record, "Refunded date (UTC)")));
				rows.add(new Refund(tenant, purchaseKey + ":refunded:" + refundedMinor, purchaseKey, contactId,
						refundedAt == null ? created : refundedAt, -refundedMinor, currency, true, SOURCE, ref,
						context.batchId()));
			}
		}
		return rows;
	}
}
