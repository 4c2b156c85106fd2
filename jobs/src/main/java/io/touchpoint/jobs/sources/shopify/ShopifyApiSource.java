package io.touchpoint.jobs.sources.shopify;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;

import io.touchpoint.jobs.model.Contact;
import io.touchpoint.jobs.model.Money;
import io.touchpoint.jobs.model.Purchase;
import io.touchpoint.jobs.model.Refund;
import io.touchpoint.jobs.model.Touchpoint;
import io.touchpoint.jobs.sources.PaymentRefs;
import io.touchpoint.jobs.sources.Records;
import io.touchpoint.jobs.sources.SourceMapper.MappingContext;
import io.touchpoint.jobs.sources.api.ApiPageException;
import io.touchpoint.jobs.sources.api.ApiPages;
import io.touchpoint.jobs.sources.api.ApiSource;
import io.touchpoint.jobs.sources.api.JsonFields;
import io.touchpoint.jobs.sources.api.StreamFetch;
import io.touchpoint.readers.MalformedRecordException;
import io.touchpoint.readers.http.ApiRequest;
import io.touchpoint.readers.http.ApiResponse;
import io.touchpoint.readers.jsonl.JsonRecord;
import io.touchpoint.writers.staging.StagedRow;

/**
 * The Shopify Admin REST API's {@code orders} stream:
 * {@code GET /admin/api/<version>/orders.json?status=any&updated_at_min=..&updated_at_max=..&limit=N}, then
 * the page the {@code Link: <...page_info=...>; rel="next"} header points at, asked for with only
 * {@code limit} and {@code page_info} (Shopify refuses other filters beside a page_info). The token goes
 * in {@code X-Shopify-Access-Token}; the shop is {@code https://<account>.myshopify.com} unless a base URL
 * is set; {@code options.api-version} picks the API version.
 * <ul>
 * <li>An order is mapped as the orders export maps it (same statuses, same key {@code shopify:<id>}, same
 * contact), so an order seen in both is one purchase. Its amount is {@code total_price} in the shop
 * {@code currency}; its charge and PaymentIntent references come from its transactions'
 * {@code authorization} and {@code receipt} (Stripe gateway ids), where the order carries any.</li>
 * <li>Each {@code refunds[]} entry is one refund row keyed {@code shopify:refund:<id>}, dated by its
 * {@code created_at}, for the sum of its successful {@code refund} transactions. Rollups add these up and
 * take the larger of that and the export's cumulative {@code Refunded Amount}.</li>
 * <li>{@code note_attributes} ({@code name}/{@code value}) and {@code landing_site} (its {@code utm_*}
 * query parameters and the site itself as the landing page) give the attribution touchpoint.</li>
 * </ul>
 */
@Component
public final class ShopifyApiSource implements ApiSource {

	/** Shopify's REST leaky bucket refills at 2 requests a second on standard plans. */
	private static final Defaults DEFAULTS = new Defaults(URI.create("https://shop.myshopify.com"), 2,
			Duration.ofHours(1));

	static final String DEFAULT_VERSION = "2025-07";

	private static final int MAX_LIMIT = 250;

	@Override
	public String source() {
		return ShopifyOrdersMapper.SOURCE;
	}

	@Override
	public List<String> streams() {
		return List.of("orders");
	}

	@Override
	public Defaults defaults() {
		return DEFAULTS;
	}

	@Override
	public ApiRequest request(StreamFetch fetch, @Nullable String pageToken) {
		String version = fetch.connection().options().getOrDefault("api-version", DEFAULT_VERSION);
		StringBuilder url = new StringBuilder(root(fetch)).append("/admin/api/").append(version).append("/orders.json");
		url.append("?limit=").append(Math.min(MAX_LIMIT, fetch.connection().pageSize()));
		if (pageToken == null) {
			url.append("&status=any&updated_at_min=").append(ApiPages.encode(fetch.from().toString()))
				.append("&updated_at_max=").append(ApiPages.encode(fetch.to().toString()));
		}
		else {
			url.append("&page_info=").append(ApiPages.encode(pageToken));
		}
		return ApiRequest.get(URI.create(url.toString()), Map.of("X-Shopify-Access-Token",
				ApiPages.token(fetch, "an Admin API access token with the read_orders scope")), fetch.describe());
	}

	/** The configured base URL, else the shop of the connection's account. */
	private static String root(StreamFetch fetch) {
		if (fetch.connection().baseUrl() != null) {
			return fetch.url("");
		}
		String shop = fetch.connection().account();
		if (shop == null || shop.isBlank()) {
			throw new IllegalStateException("touchpoint.connections." + fetch.tenantId() + ".shopify.account is not set;"
					+ " set it to the shop's myshopify.com subdomain (acme for acme.myshopify.com), then restart");
		}
		return "https://" + shop.strip().toLowerCase(Locale.ROOT).replaceFirst("\\.myshopify\\.com$", "") + ".myshopify.com";
	}

	@Override
	public Page page(StreamFetch fetch, ApiResponse response) {
		List<JsonNode> orders = ApiPages.array(fetch, ApiPages.json(fetch, response), "orders", "Shopify orders");
		URI next = ApiPages.link(response, "next");
		if (next == null) {
			return new Page(orders, null);
		}
		String pageInfo = ApiPages.queryParameter(next, "page_info");
		if (pageInfo == null || pageInfo.isEmpty()) {
			throw new ApiPageException(fetch, "the Link header's next page has no page_info");
		}
		return new Page(orders, pageInfo);
	}

	@Override
	public List<StagedRow> map(JsonRecord record, String stream, MappingContext context) {
		if (!"orders".equals(stream)) {
			throw MalformedRecordException.of(record, "unknown Shopify stream " + stream);
		}
		String orderId = JsonFields.required(record, "id");
		String financialStatus = JsonFields.text(record, "financial_status");
		if (financialStatus == null) {
			throw MalformedRecordException.of(record, "financial_status: empty");
		}
		String status = Records.parse(record, "financial_status", () -> ShopifyOrders.purchaseStatus(financialStatus));
		if (status == null) {
			return List.of();
		}
		String tenant = context.tenantId();
		String currency = Records.parse(record, "currency", () -> Money.currency(JsonFields.text(record, "currency")));
		String total = JsonFields.required(record, "total_price");
		long amount = Records.parse(record, "total_price", () -> Money.toMinor(total, currency));
		if (amount < 0) {
			throw MalformedRecordException.of(record, "total_price: an order total cannot be negative (" + total + ")");
		}
		Instant created = JsonFields.time(record, "created_at");
		if (created == null) {
			throw MalformedRecordException.of(record, "no created_at");
		}
		String email = JsonFields.email(record, "email");
		if (email == null) {
			email = JsonFields.email(record, "contact_email");
		}
		String contactId = ShopifyOrders.contactId(tenant, email, orderId);
		String purchaseKey = ShopifyOrders.purchaseKey(orderId);
		String ref = Records.ref(record);
		List<StagedRow> rows = new ArrayList<>();
		rows.add(new Contact(tenant, contactId, email, name(record, "first_name"), name(record, "last_name"), null, null,
				created, source(), context.batchId()));
		PaymentRefs payment = PaymentRefs.find(transactionTexts(record.node()));
		rows.add(new Purchase(tenant, purchaseKey, contactId, created, amount, currency, null, null, status, source(), ref,
				context.batchId(), payment.charge(), payment.paymentIntent()));
		if (status.equals(Purchase.VOIDED)) {
			return rows; // the voided version alone: its refunds and attribution count nowhere
		}
		rows.addAll(refunds(record, purchaseKey, contactId, currency, context));
		Map<String, String> attributes = attributes(record);
		Touchpoint attribution = Records.parse(record, "note_attributes", () -> ShopifyOrders.attribution(attributes,
				tenant, purchaseKey, contactId, created, ref, context.batchId()));
		if (attribution != null) {
			rows.add(attribution);
		}
		return rows;
	}

	/** A name from the billing address, else from the customer. */
	private static String name(JsonRecord record, String field) {
		String name = JsonFields.text(record, "billing_address." + field);
		return name != null ? name : JsonFields.text(record, "customer." + field);
	}

	/** The {@code authorization} and {@code receipt} texts of the order's and its refunds' transactions. */
	private static String[] transactionTexts(JsonNode order) {
		List<JsonNode> transactions = new ArrayList<>();
		elements(order.get("transactions")).forEach(transactions::add);
		for (JsonNode refund : elements(order.get("refunds"))) {
			elements(refund.get("transactions")).forEach(transactions::add);
		}
		List<String> texts = new ArrayList<>();
		for (JsonNode transaction : transactions) {
			for (String field : List.of("authorization", "receipt")) {
				JsonNode value = transaction.get(field);
				if (value != null && !value.isNull()) {
					texts.add(value.isString() ? value.asString() : value.toString());
				}
			}
		}
		return texts.toArray(String[]::new);
	}

	/** One refund row per {@code refunds[]} entry with successful refund transactions. */
	private List<Refund> refunds(JsonRecord record, String purchaseKey, String contactId, String currency,
			MappingContext context) {
		List<Refund> refunds = new ArrayList<>();
		int index = 0;
		for (JsonNode refund : elements(record.node().get("refunds"))) {
			String at = "refunds[" + index++ + "]";
			JsonNode id = refund.get("id");
			if (id == null || id.isNull() || id.isContainer()) {
				throw MalformedRecordException.of(record, at + ".id: missing");
			}
			long refunded = 0;
			for (JsonNode transaction : elements(refund.get("transactions"))) {
				if ("refund".equals(text(transaction, "kind")) && "success".equals(text(transaction, "status"))) {
					String amount = text(transaction, "amount");
					String transactionCurrency = text(transaction, "currency");
					if (transactionCurrency != null && !transactionCurrency.equalsIgnoreCase(currency)) {
						throw MalformedRecordException.of(record, at + ": a refund in " + transactionCurrency
								+ " on an order in " + currency + " (a presentment currency refund) cannot be netted");
					}
					refunded += Records.parse(record, at + ".transactions.amount", () -> Money.toMinor(amount, currency));
				}
			}
			if (refunded == 0) {
				continue;
			}
			String createdText = text(refund, "created_at");
			Instant created = Records.parse(record, at + ".created_at",
					() -> io.touchpoint.jobs.model.Timestamps.parse(createdText));
			if (created == null) {
				throw MalformedRecordException.of(record, at + ".created_at: missing");
			}
			refunds.add(new Refund(context.tenantId(), source() + ":refund:" + id.asString(), purchaseKey, contactId,
					created, -refunded, currency, false, source(), Records.ref(record), context.batchId()));
		}
		return refunds;
	}

	/**
	 * The order's attributes: {@code note_attributes} by lower-case name (the first of a repeated name),
	 * then the {@code utm_*} parameters of {@code landing_site} and the site itself as {@code landing_page}
	 * where the notes have none.
	 */
	private static Map<String, String> attributes(JsonRecord record) {
		Map<String, String> attributes = new LinkedHashMap<>();
		for (JsonNode attribute : elements(record.node().get("note_attributes"))) {
			String name = text(attribute, "name");
			String value = text(attribute, "value");
			if (name != null && value != null) {
				attributes.putIfAbsent(name.toLowerCase(Locale.ROOT), value);
			}
		}
		String landingSite = JsonFields.text(record, "landing_site");
		if (landingSite != null) {
			attributes.putIfAbsent("landing_page", landingSite);
			try {
				URI uri = URI.create(landingSite.replace(" ", "%20"));
				for (String key : List.of("utm_source", "utm_medium", "utm_campaign")) {
					String value = ApiPages.queryParameter(uri, key);
					if (value != null && !value.isBlank()) {
						attributes.putIfAbsent(key, value.strip());
					}
				}
			}
			catch (IllegalArgumentException notAUri) {
				// a landing site that is not a URI still counts as the landing page, without UTM parameters
			}
		}
		return attributes;
	}

	private static Iterable<JsonNode> elements(@Nullable JsonNode array) {
		return array == null || !array.isArray() ? List.of() : array;
	}

	private static @Nullable String text(JsonNode node, String field) {
		JsonNode value = node.get(field);
		if (value == null || value.isNull() || value.isContainer()) {
			return null;
		}
		String text = value.asString().strip();
		return text.isEmpty() ? null : text;
	}
}
