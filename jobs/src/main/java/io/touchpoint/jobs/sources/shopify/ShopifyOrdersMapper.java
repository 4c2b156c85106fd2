package io.touchpoint.jobs.sources.shopify;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;

import io.touchpoint.jobs.model.Contact;
import io.touchpoint.jobs.model.ContactIds;
import io.touchpoint.jobs.model.Money;
import io.touchpoint.jobs.model.Purchase;
import io.touchpoint.jobs.model.Refund;
import io.touchpoint.jobs.model.Timestamps;
import io.touchpoint.jobs.model.Touchpoint;
import io.touchpoint.jobs.sources.PaymentRefs;
import io.touchpoint.jobs.sources.Records;
import io.touchpoint.jobs.sources.SourceMapper;
import io.touchpoint.readers.MalformedRecordException;
import io.touchpoint.readers.SourceRecord;
import io.touchpoint.readers.csv.CsvRecord;
import io.touchpoint.writers.staging.StagedRow;

/**
 * The Shopify admin orders export ({@code orders_export_1.csv}: 79 columns, 72 in older files), mapped
 * by column name. The export has one row per line item and fills the order-level columns only on an
 * order's first row, so each order row is mapped on its own and the rest are filtered; no state is
 * kept between rows. Money is a 2-decimal string in the shop currency; times are shop time with a
 * {@code +HHMM} offset that changes with daylight saving time.
 * <ul>
 * <li>A row whose {@code Financial Status} and {@code Total} are both empty is a further line item:
 * filtered. {@code pending}, {@code authorized}, {@code voided} and {@code expired} orders: filtered.</li>
 * <li>{@code paid}, {@code partially_paid}, {@code partially_refunded} and {@code refunded} orders are
 * purchases keyed {@code shopify:<Id>} ({@code shopify:name:<Name>} when {@code Id} is empty) for
 * {@code Total}, at {@code Created at}. An {@code Id} a spreadsheet turned into {@code 1.2E+13} is
 * quarantined: it no longer names one order.</li>
 * <li>{@code Refunded Amount} is cumulative: a refund row keyed by the order and that total
 * ({@code is_cumulative = 1}), as for Stripe. The export has no refund time, so the refund is dated
 * {@code Cancelled at} when the order was cancelled, else {@code Created at}.</li>
 * <li>The contact is the {@code Email} (its first and last name from {@code Billing Name}, split at
 * the first space); an order without one gets a contact of its own.</li>
 * <li>{@code Note Attributes} holds {@code key: value} lines; {@code utm_source}, {@code utm_medium},
 * {@code utm_campaign} or {@code landing_page} there make an {@code order_attribution} touchpoint.</li>
 * </ul>
 */
@Component
public final class ShopifyOrdersMapper implements SourceMapper {

	public static final String SOURCE = "shopify";

	/** The touchpoint kind of an order's UTM attribution. */
	public static final String ATTRIBUTION = "order_attribution";

	private static final Pattern ORDER_ID = Pattern.compile("[0-9]{1,20}");

	private static final Pattern SCIENTIFIC = Pattern.compile("[0-9]+(\\.[0-9]+)?[eE][+-]?[0-9]+");

	private static final FileFormat FORMAT = new FileFormat(FileFormat.Kind.CSV, StandardCharsets.UTF_8,
			List.of("Name", "Email", "Financial Status", "Total", "Currency", "Created at"));

	@Override
	public String source() {
		return SOURCE;
	}

	@Override
	public FileFormat format() {
		return FORMAT;
	}

	@Override
	public List<StagedRow> map(SourceRecord raw, MappingContext context) {
		CsvRecord record = (CsvRecord) raw;
		String financialStatus = Records.text(record, "Financial Status");
		String total = Records.text(record, "Total");
		if (financialStatus == null && total == null) {
			return List.of();
		}
		String status = status(record, financialStatus, total);
		if (status == null) {
			return List.of();
		}
		String name = Records.required(record, "Name");
		String orderRef = orderRef(record, name);
		String currency = Records.parse(record, "Currency", () -> Money.currency(Records.text(record, "Currency")));
		long amount = Records.parse(record, "Total", () -> Money.toMinor(total, currency));
		if (amount < 0) {
			throw MalformedRecordException.of(record, "Total: an order total cannot be negative (" + total + ")");
		}
		Instant created = Records.parse(record, "Created at",
				() -> Timestamps.parse(Records.required(record, "Created at")));
		String tenant = context.tenantId();
		Contact contact = contact(record, tenant, orderRef, created, context.batchId());
		String purchaseKey = ShopifyOrders.purchaseKey(orderRef);
		String ref = Records.ref(record);
		List<StagedRow> rows = new ArrayList<>(4);
		rows.add(contact);
		PaymentRefs payment = PaymentRefs.find(Records.text(record, "Payment References"),
				Records.text(record, "Payment Reference"), Records.text(record, "Payment ID"));
		rows.add(new Purchase(tenant, purchaseKey, contact.contactId(), created, amount, currency, null, null, status,
				SOURCE, ref, context.batchId(), payment.charge(), payment.paymentIntent()));
		if (status.equals(Purchase.VOIDED)) {
			return rows; // the voided version alone: its refunds and attribution count nowhere
		}
		Refund refund = refund(record, purchaseKey, contact.contactId(), amount, total, currency, created, context);
		if (refund != null) {
			rows.add(refund);
		}
		Touchpoint attribution = attribution(record, purchaseKey, contact.contactId(), created, context);
		if (attribution != null) {
			rows.add(attribution);
		}
		return rows;
	}

	/** The lower-case status of a purchase, or null for an order that was not paid (filtered). */
	private static @Nullable String status(CsvRecord record, String financialStatus, String total) {
		if (financialStatus == null) {
			throw MalformedRecordException.of(record, "Financial Status: empty on an order row (Total is " + total
					+ "); only further line items of an order leave both empty");
		}
		return Records.parse(record, "Financial Status", () -> ShopifyOrders.purchaseStatus(financialStatus));
	}

	/** The order's own id ({@code 5698765432101}), or {@code name:<Name>} when the export has none. */
	private static String orderRef(CsvRecord record, String name) {
		String id = Records.text(record, "Id");
		return id == null ? "name:" + name : Records.parse(record, "Id", () -> orderId(id));
	}

	private static String orderId(String id) {
		if (ORDER_ID.matcher(id).matches()) {
			return id;
		}
		if (SCIENTIFIC.matcher(id).matches()) {
			throw new IllegalArgumentException("'" + id + "' is in scientific notation: a spreadsheet rounded the order"
					+ " id, so it no longer names one order; export the orders from Shopify again and put the file in the"
					+ " inbox without opening it in a spreadsheet");
		}
		throw new IllegalArgumentException("'" + id + "' is not a Shopify order id (digits only)");
	}

	private static Contact contact(CsvRecord record, String tenant, String orderRef, Instant created, String batchId) {
		String rawEmail = Records.text(record, "Email");
		String email = ContactIds.normalizeEmail(rawEmail);
		if (rawEmail != null && email == null) {
			throw MalformedRecordException.of(record, "Email: '" + rawEmail + "' is not an e-mail address");
		}
		String contactId = ShopifyOrders.contactId(tenant, email, orderRef);
		String billingName = Records.text(record, "Billing Name");
		int space = billingName == null ? -1 : billingName.indexOf(' ');
		String first = space < 0 ? billingName : billingName.substring(0, space);
		String last = space < 0 ? null : billingName.substring(space + 1).strip();
		return new Contact(tenant, contactId, email, first, last, null, null, created, SOURCE, batchId);
	}

	/** The cumulative refund stated by {@code Refunded Amount}, or null when nothing was refunded. */
	private static @Nullable Refund refund(CsvRecord record, String purchaseKey, String contactId, long amount, String total,
			String currency, Instant created, MappingContext context) {
		String refunded = Records.text(record, "Refunded Amount");
		if (refunded == null) {
			return null;
		}
		long refundedMinor = Records.parse(record, "Refunded Amount", () -> Money.toMinor(refunded, currency));
		if (refundedMinor < 0 || refundedMinor > amount) {
			throw MalformedRecordException.of(record,
					"Refunded Amount: " + refunded + " is outside 0.." + total + " (the order's Total)");
		}
		if (refundedMinor == 0) {
			return null;
		}
		Instant cancelled = Records.parse(record, "Cancelled at",
				() -> Timestamps.parse(Records.text(record, "Cancelled at")));
		return new Refund(context.tenantId(), purchaseKey + ":refunded:" + refundedMinor, purchaseKey, contactId,
				cancelled != null ? cancelled : created, -refundedMinor, currency, true, SOURCE, Records.ref(record),
				context.batchId());
	}

	/** The order's UTM attribution from {@code Note Attributes}, or null when it names none. */
	private static @Nullable Touchpoint attribution(CsvRecord record, String purchaseKey, String contactId, Instant created,
			MappingContext context) {
		Map<String, String> attributes = noteAttributes(record.get("Note Attributes"));
		return Records.parse(record, "Note Attributes", () -> ShopifyOrders.attribution(attributes, context.tenantId(),
				purchaseKey, contactId, created, Records.ref(record), context.batchId()));
	}

	/**
	 * The {@code key: value} lines of a Note Attributes cell, keys trimmed and lower-cased, the first of
	 * a repeated key kept. Lines without a colon and blank values are ignored; a value may hold colons.
	 */
	private static Map<String, String> noteAttributes(@Nullable String cell) {
		Map<String, String> attributes = new LinkedHashMap<>();
		if (cell == null) {
			return attributes;
		}
		for (String line : cell.split("\\R")) {
			int colon = line.indexOf(':');
			if (colon <= 0) {
				continue;
			}
			String key = line.substring(0, colon).strip().toLowerCase(Locale.ROOT);
			String value = line.substring(colon + 1).strip();
			if (!key.isEmpty() && !value.isEmpty()) {
				attributes.putIfAbsent(key, value);
			}
		}
		return attributes;
	}
}
