package io.touchpoint.jobs.sources.stripe;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.springframework.stereotype.Component;

import tools.jackson.databind.JsonNode;

import io.touchpoint.jobs.model.Contact;
import io.touchpoint.jobs.model.ContactIdentity;
import io.touchpoint.jobs.model.ContactIds;
import io.touchpoint.jobs.model.Money;
import io.touchpoint.jobs.model.Purchase;
import io.touchpoint.jobs.model.Refund;
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
 * The Stripe API: {@code /v1/charges}, {@code /v1/refunds} (with each refund's charge expanded, so the
 * refund knows its customer) and {@code /v1/customers}, filtered by {@code created} within the window and
 * paged with {@code has_more} / {@code starting_after}. Amounts are already minor units.
 * <ul>
 * <li>A succeeded, captured charge is the same purchase as in the Dashboard export ({@code stripe:<id>}),
 * so a charge seen in both is loaded once.</li>
 * <li>Refund objects are individual refunds ({@code stripe:<re_id>}) dated when they were made; only
 * {@code succeeded} ones count. Rollups take the larger of a purchase's individual refunds and the
 * export's cumulative {@code Amount Refunded}, so seeing both does not double a refund.</li>
 * <li>Customers become contacts and {@code customer_id} identities.</li>
 * </ul>
 */
@Component
public final class StripeApiSource implements ApiSource {

	private static final Defaults DEFAULTS = new Defaults(URI.create("https://api.stripe.com"), 25,
			Duration.ofMinutes(5));

	@Override
	public String source() {
		return StripePaymentsMapper.SOURCE;
	}

	@Override
	public List<String> streams() {
		return List.of("charges", "customers", "refunds");
	}

	@Override
	public Defaults defaults() {
		return DEFAULTS;
	}

	@Override
	public ApiRequest request(StreamFetch fetch, String pageToken) {
		StringBuilder url = new StringBuilder(fetch.url("/v1/" + fetch.stream()));
		url.append("?limit=").append(Math.min(100, fetch.connection().pageSize()));
		url.append("&").append(ApiPages.encode("created[gte]")).append('=').append(fetch.from().getEpochSecond());
		url.append("&").append(ApiPages.encode("created[lt]")).append('=').append(fetch.to().getEpochSecond());
		if ("refunds".equals(fetch.stream())) {
			url.append("&").append(ApiPages.encode("expand[]")).append('=').append("data.charge");
		}
		if (pageToken != null) {
			url.append("&starting_after=").append(ApiPages.encode(pageToken));
		}
		return ApiRequest.get(URI.create(url.toString()), Map.of("Authorization", "Bearer " + ApiPages.token(fetch,
				"a restricted key with read access to charges, refunds and customers")),
				fetch.describe());
	}

	@Override
	public Page page(StreamFetch fetch, ApiResponse response) {
		JsonNode list = ApiPages.json(fetch, response);
		if (!list.has("has_more")) {
			throw new ApiPageException(fetch, "the response is not a Stripe list (no has_more)");
		}
		List<JsonNode> records = ApiPages.array(fetch, list, "data", "Stripe list");
		String next = null;
		if (list.get("has_more").asBoolean()) {
			if (records.isEmpty() || records.get(records.size() - 1).get("id") == null) {
				throw new ApiPageException(fetch, "has_more is true but the page has no last id to continue after");
			}
			next = records.get(records.size() - 1).get("id").asString();
		}
		return new Page(records, next);
	}

	@Override
	public List<StagedRow> map(JsonRecord record, String stream, MappingContext context) {
		return switch (stream) {
			case "charges" -> charge(record, context);
			case "refunds" -> refund(record, context);
			case "customers" -> customer(record, context);
			default -> throw MalformedRecordException.of(record, "unknown Stripe stream " + stream);
		};
	}

	private List<StagedRow> charge(JsonRecord record, MappingContext context) {
		String id = JsonFields.required(record, "id");
		if (!"succeeded".equals(JsonFields.text(record, "status")) || !JsonFields.flag(record, "captured")) {
			return List.of();
		}
		String tenant = context.tenantId();
		String currency = Records.parse(record, "currency", () -> Money.currency(JsonFields.required(record, "currency")));
		long amount = required(JsonFields.whole(record, "amount"), record, "amount");
		if (amount < 0) {
			throw MalformedRecordException.of(record, "amount: a charge cannot be negative (" + amount + ")");
		}
		Instant created = required(JsonFields.epochSeconds(record, "created"), record, "created");
		Payer payer = payer(record, "", tenant, id);
		String purchaseKey = StripePaymentsMapper.SOURCE + ":" + id;
		List<StagedRow> rows = new ArrayList<>(3);
		rows.add(new Contact(tenant, payer.contactId(), payer.email(), null, null, null, null, created, source(),
				context.batchId()));
		if (payer.customerId() != null) {
			rows.add(new ContactIdentity(tenant, source(), "customer_id", payer.customerId(), payer.contactId(), created,
					context.batchId()));
		}
		rows.add(new Purchase(tenant, purchaseKey, payer.contactId(), created, amount, currency, null, null,
				JsonFields.flag(record, "refunded") ? "refunded" : "paid", source(), Records.ref(record), context.batchId(),
				purchaseKey, StripePaymentsMapper.prefixed(JsonFields.id(record, "payment_intent"))));
		return rows;
	}

	private List<StagedRow> refund(JsonRecord record, MappingContext context) {
		String id = JsonFields.required(record, "id");
		if (!"succeeded".equals(JsonFields.text(record, "status"))) {
			return List.of();
		}
		String chargeId = JsonFields.id(record, "charge");
		if (chargeId == null) {
			throw MalformedRecordException.of(record, "a refund without a charge cannot be netted against a purchase");
		}
		String tenant = context.tenantId();
		String currency = Records.parse(record, "currency", () -> Money.currency(JsonFields.required(record, "currency")));
		long amount = required(JsonFields.whole(record, "amount"), record, "amount");
		if (amount <= 0) {
			throw MalformedRecordException.of(record, "amount: a refund must be positive (" + amount + ")");
		}
		Instant created = required(JsonFields.epochSeconds(record, "created"), record, "created");
		Payer payer = payer(record, "charge.", tenant, chargeId);
		return List.of(new Refund(tenant, StripePaymentsMapper.SOURCE + ":" + id, StripePaymentsMapper.SOURCE + ":" + chargeId,
				payer.contactId(), created, -amount, currency, false, source(), Records.ref(record), context.batchId()));
	}

	private List<StagedRow> customer(JsonRecord record, MappingContext context) {
		String id = JsonFields.required(record, "id");
		if (JsonFields.flag(record, "deleted")) {
			return List.of();
		}
		String tenant = context.tenantId();
		String email = JsonFields.email(record, "email");
		String contactId = ContactIds.of(tenant, email, source(), "customer_id", id);
		Instant created = required(JsonFields.epochSeconds(record, "created"), record, "created");
		String name = JsonFields.text(record, "name");
		String first = null;
		String last = null;
		if (name != null) {
			int space = name.lastIndexOf(' ');
			first = space < 0 ? name : name.substring(0, space).strip();
			last = space < 0 ? null : name.substring(space + 1);
		}
		return List.of(new Contact(tenant, contactId, email, first, last, null, created, created, source(), context.batchId()),
				new ContactIdentity(tenant, source(), "customer_id", id, contactId, created, context.batchId()));
	}

	/**
	 * Who paid a charge, as the Dashboard export mapper decides it: the e-mail's contact, else the
	 * customer's, else the charge's own.
	 */
	private Payer payer(JsonRecord record, String chargePath, String tenant, String chargeId) {
		String email = JsonFields.email(record, chargePath + "billing_details.email");
		if (email == null) {
			email = JsonFields.email(record, chargePath + "receipt_email");
		}
		String customerId = JsonFields.id(record, chargePath + "customer");
		String contactId = email != null ? ContactIds.forEmail(tenant, email)
				: customerId != null ? ContactIds.forExternalId(tenant, source(), "customer_id", customerId)
						: ContactIds.forExternalId(tenant, source(), "charge_id", chargeId);
		return new Payer(contactId, email, customerId);
	}

	private record Payer(String contactId, String email, String customerId) {
	}

	private static <T> T required(T value, JsonRecord record, String field) {
		if (value == null) {
			throw MalformedRecordException.of(record, "no " + field);
		}
		return value;
	}

}
