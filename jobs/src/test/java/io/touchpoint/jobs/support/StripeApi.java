package io.touchpoint.jobs.support;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Answers like the Stripe API's list endpoints ({@code /v1/charges}, {@code /v1/refunds},
 * {@code /v1/customers}): objects shaped like Stripe's own examples (stripe/openapi fixtures3.json),
 * filtered by {@code created[gte]}/{@code created[lt]}, newest first, {@code limit} per page, continued
 * with {@code starting_after}, {@code has_more} on all but the last page; {@code expand[]=data.charge}
 * embeds each refund's charge. Requests without the expected bearer token get a 401.
 */
public final class StripeApi implements VendorApiServer.Handler {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private final String token;

	private final Map<String, List<ObjectNode>> objects = new ConcurrentHashMap<>();

	public StripeApi(String token) {
		this.token = token;
	}

	public ObjectNode charge(String id, long amount, String currency, Instant created, String email, String customer,
			String paymentIntent, String status, boolean captured, boolean refunded) {
		ObjectNode charge = JSON.createObjectNode();
		charge.put("id", id).put("object", "charge").put("amount", amount).put("amount_captured", captured ? amount : 0)
			.put("amount_refunded", 0).put("balance_transaction", "txn_" + id).put("captured", captured)
			.put("created", created.getEpochSecond()).put("currency", currency).put("livemode", false)
			.put("paid", "succeeded".equals(status)).put("refunded", refunded).put("status", status)
			.put("description", "Order " + id);
		if (customer == null) {
			charge.putNull("customer");
		}
		else {
			charge.put("customer", customer);
		}
		if (paymentIntent == null) {
			charge.putNull("payment_intent");
		}
		else {
			charge.put("payment_intent", paymentIntent);
		}
		ObjectNode billing = charge.putObject("billing_details");
		billing.putObject("address").putNull("city").putNull("country");
		if (email == null) {
			billing.putNull("email");
		}
		else {
			billing.put("email", email);
		}
		billing.put("name", "Jenny Rosen").putNull("phone");
		charge.putObject("metadata");
		charge.putObject("outcome").put("type", "authorized").put("seller_message", "Payment complete.");
		add("charges", charge);
		return charge;
	}

	public ObjectNode refund(String id, String charge, long amount, String currency, Instant created, String status) {
		ObjectNode refund = JSON.createObjectNode();
		refund.put("id", id).put("object", "refund").put("amount", amount).put("charge", charge)
			.put("created", created.getEpochSecond()).put("currency", currency).putNull("reason").put("status", status)
			.putNull("payment_intent").putObject("metadata");
		add("refunds", refund);
		return refund;
	}

	public ObjectNode customer(String id, String email, String name, Instant created) {
		ObjectNode customer = JSON.createObjectNode();
		customer.put("id", id).put("object", "customer").put("created", created.getEpochSecond()).put("currency", "usd")
			.put("delinquent", false).put("livemode", false).putObject("metadata");
		if (email == null) {
			customer.putNull("email");
		}
		else {
			customer.put("email", email);
		}
		customer.put("name", name);
		add("customers", customer);
		return customer;
	}

	private void add(String stream, ObjectNode object) {
		objects.computeIfAbsent(stream, s -> new CopyOnWriteArrayList<>()).add(object);
	}

	@Override
	public VendorApiServer.Response handle(VendorApiServer.Request request) {
		if (!("Bearer " + token).equals(request.headers().get("authorization"))) {
			return VendorApiServer.Response.status(401, "{\"error\":{\"message\":\"Invalid API Key provided\"}}");
		}
		String stream = request.path().replaceFirst("^/v1/", "");
		long gte = Long.parseLong(request.param("created[gte]"));
		long lt = Long.parseLong(request.param("created[lt]"));
		int limit = Integer.parseInt(request.param("limit"));
		List<ObjectNode> all = new ArrayList<>(objects.getOrDefault(stream, List.of()));
		all.removeIf(o -> o.get("created").asLong() < gte || o.get("created").asLong() >= lt);
		all.sort(Comparator.comparingLong((ObjectNode o) -> o.get("created").asLong()).reversed()
			.thenComparing(o -> o.get("id").asString(), Comparator.reverseOrder()));
		int start = 0;
		String after = request.param("starting_after");
		if (after != null) {
			while (start < all.size() && !all.get(start).get("id").asString().equals(after)) {
				start++;
			}
			start++;
		}
		List<ObjectNode> page = all.subList(Math.min(start, all.size()), Math.min(start + limit, all.size()));
		ObjectNode list = JSON.createObjectNode();
		list.put("object", "list").put("url", "/v1/" + stream).put("has_more", start + limit < all.size());
		ArrayNode data = list.putArray("data");
		for (ObjectNode object : page) {
			ObjectNode copy = object.deepCopy();
			if ("refunds".equals(stream) && "data.charge".equals(request.param("expand[]"))) {
				String chargeId = copy.get("charge").asString();
				objects.getOrDefault("charges", List.of()).stream().filter(c -> c.get("id").asString().equals(chargeId))
					.findFirst().ifPresent(charge -> copy.set("charge", charge.deepCopy()));
			}
			data.add(copy);
		}
		return VendorApiServer.Response.json(JSON.writeValueAsString(list));
	}
}
