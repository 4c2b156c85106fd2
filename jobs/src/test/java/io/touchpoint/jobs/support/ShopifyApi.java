package io.touchpoint.jobs.support;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Answers like the Shopify Admin REST API's {@code GET /admin/api/<version>/orders.json}: orders shaped like
 * Shopify's own sample (fixtures/shopify/shopify_rest_2026-07_orders_list.json, copied per order with its
 * ids, e-mail, times, prices and refunds replaced), filtered by {@code updated_at_min}/{@code updated_at_max}
 * (both inclusive, as Shopify documents them), oldest update first, {@code limit} per page, the next page
 * announced by a {@code Link: <...page_info=...>; rel="next"} header (beside {@code rel="previous"} after
 * the first page). A request with {@code page_info} and any filter other than {@code limit} gets a 400, as
 * on Shopify; one without the expected {@code X-Shopify-Access-Token} a 401.
 */
public final class ShopifyApi implements VendorApiServer.Handler {

	public static final String VERSION = "2025-07";

	private static final String PATH = "/admin/api/" + VERSION + "/orders.json";

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private static final ObjectNode TEMPLATE = template();

	private final String token;

	private final String baseUrl;

	private final List<ObjectNode> orders = new CopyOnWriteArrayList<>();

	public ShopifyApi(String token, String baseUrl) {
		this.token = token;
		this.baseUrl = baseUrl;
	}

	private static ObjectNode template() {
		try (InputStream in = ShopifyApi.class.getResourceAsStream("/fixtures/shopify/shopify_rest_2026-07_orders_list.json")) {
			return (ObjectNode) JSON.readTree(in).get("orders").get(0);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/**
	 * An order like the sample, without refunds, note attributes or landing site: {@code created}
	 * and {@code updated} are ISO times with the shop's offset.
	 */
	public ObjectNode order(long id, String email, String firstName, String lastName, String created, String updated,
			String financialStatus, String totalPrice, String currency) {
		ObjectNode order = TEMPLATE.deepCopy();
		order.put("id", id).put("name", "#" + id).put("order_number", id).put("created_at", created)
			.put("processed_at", created).put("updated_at", updated).put("financial_status", financialStatus)
			.put("total_price", totalPrice).put("current_total_price", totalPrice).put("currency", currency)
			.put("presentment_currency", currency).putNull("landing_site");
		((ObjectNode) order.get("total_price_set").get("shop_money")).put("amount", totalPrice).put("currency_code", currency);
		if (email == null) {
			order.putNull("email").putNull("contact_email");
			((ObjectNode) order.get("customer")).putNull("email");
		}
		else {
			order.put("email", email).put("contact_email", email);
			((ObjectNode) order.get("customer")).put("email", email);
		}
		((ObjectNode) order.get("billing_address")).put("first_name", firstName).put("last_name", lastName)
			.put("name", firstName + " " + lastName);
		order.putArray("refunds");
		order.putArray("note_attributes");
		orders.add(order);
		return order;
	}

	/** Adds a refund like the sample's to an order, with one transaction per {@code kind:status:amount:authorization}. */
	public ObjectNode refund(ObjectNode order, long id, String created, String currency, String... transactions) {
		ObjectNode refund = ((ObjectNode) TEMPLATE.get("refunds").get(0)).deepCopy();
		refund.put("id", id).put("order_id", order.get("id").asLong()).put("created_at", created).put("processed_at", created);
		ArrayNode list = refund.putArray("transactions");
		JsonNode sample = TEMPLATE.get("refunds").get(0).get("transactions").get(0);
		long transactionId = id * 10;
		for (String spec : transactions) {
			String[] parts = spec.split(":", 4);
			ObjectNode transaction = ((ObjectNode) sample).deepCopy();
			transaction.put("id", ++transactionId).put("order_id", order.get("id").asLong()).put("kind", parts[0])
				.put("status", parts[1]).put("amount", parts[2]).put("currency", currency).put("created_at", created)
				.put("authorization", parts[3]);
			list.add(transaction);
		}
		((ArrayNode) order.get("refunds")).add(refund);
		return refund;
	}

	public static void noteAttribute(ObjectNode order, String name, String value) {
		((ArrayNode) order.get("note_attributes")).addObject().put("name", name).put("value", value);
	}

	@Override
	public VendorApiServer.Response handle(VendorApiServer.Request request) {
		if (!token.equals(request.headers().get("x-shopify-access-token"))) {
			return VendorApiServer.Response.status(401,
					"{\"errors\":\"[API] Invalid API key or access token (unrecognized login or wrong password)\"}");
		}
		if (!request.path().equals(PATH)) {
			return VendorApiServer.Response.status(404, "{\"errors\":\"Not Found\"}");
		}
		int limit = Integer.parseInt(request.param("limit"));
		String min;
		String max;
		int start;
		if (request.param("page_info") != null) {
			if (request.query().keySet().stream().anyMatch(name -> !name.equals("limit") && !name.equals("page_info"))) {
				return VendorApiServer.Response.status(400, "{\"errors\":{\"page_info\":\"page_info - Invalid value\"}}");
			}
			String[] cursor = new String(Base64.getUrlDecoder().decode(request.param("page_info")), StandardCharsets.UTF_8)
				.split("\\|");
			min = cursor[0];
			max = cursor[1];
			start = Integer.parseInt(cursor[2]);
		}
		else {
			if (!"any".equals(request.param("status"))) {
				return VendorApiServer.Response.status(400, "{\"errors\":\"expected status=any in this test\"}");
			}
			min = request.param("updated_at_min");
			max = request.param("updated_at_max");
			start = 0;
		}
		List<ObjectNode> matching = new ArrayList<>(orders);
		matching.removeIf(order -> updated(order).isBefore(Instant.parse(min)) || updated(order).isAfter(Instant.parse(max)));
		matching.sort(Comparator.comparing(ShopifyApi::updated).thenComparing(order -> order.get("id").asLong()));
		List<ObjectNode> page = matching.subList(Math.min(start, matching.size()), Math.min(start + limit, matching.size()));
		ObjectNode body = JSON.createObjectNode();
		body.putArray("orders").addAll(page);
		List<String> links = new ArrayList<>();
		if (start > 0) {
			links.add(link(min, max, Math.max(0, start - limit), limit, "previous"));
		}
		if (start + limit < matching.size()) {
			links.add(link(min, max, start + limit, limit, "next"));
		}
		return new VendorApiServer.Response(200, links.isEmpty() ? Map.of("Content-Type", "application/json")
				: Map.of("Content-Type", "application/json", "Link", String.join(", ", links)), JSON.writeValueAsString(body));
	}

	private String link(String min, String max, int start, int limit, String rel) {
		String pageInfo = Base64.getUrlEncoder().withoutPadding()
			.encodeToString((min + "|" + max + "|" + start).getBytes(StandardCharsets.UTF_8));
		return "<" + baseUrl + PATH + "?limit=" + limit + "&page_info=" + pageInfo + ">; rel=\"" + rel + "\"";
	}

	private static Instant updated(JsonNode order) {
		return java.time.OffsetDateTime.parse(order.get("updated_at").asString()).toInstant();
	}
}
