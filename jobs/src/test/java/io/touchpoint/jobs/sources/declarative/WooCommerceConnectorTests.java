package io.touchpoint.jobs.sources.declarative;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

import io.touchpoint.jobs.model.ContactIdentity;
import io.touchpoint.jobs.model.ContactIds;
import io.touchpoint.jobs.model.Purchase;
import io.touchpoint.jobs.support.VendorApiServer;
import io.touchpoint.jobs.support.VendorApiServer.Request;
import io.touchpoint.jobs.support.VendorApiServer.Response;

/**
 * The built-in WooCommerce connector against a local server answering like {@code GET /wp-json/wc/v3/orders}:
 * basic auth with the consumer key and secret, {@code modified_after}/{@code modified_before} with
 * {@code dates_are_gmt=true}, {@code page}/{@code per_page}, a JSON array body and the
 * {@code X-WP-Total}/{@code X-WP-TotalPages} headers, orders as in
 * https://woocommerce.github.io/woocommerce-rest-api-docs/#list-all-orders.
 */
class WooCommerceConnectorTests {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private static final VendorApiServer SERVER = VendorApiServer.INSTANCE;

	@AfterEach
	void clearFaults() {
		SERVER.clearFaults();
	}

	private record WooCommerce(List<ObjectNode> orders) implements VendorApiServer.Handler {

		@Override
		public Response handle(Request request) {
			String basic = "Basic " + Base64.getEncoder().encodeToString("ck_123:cs_S3CRET".getBytes(StandardCharsets.UTF_8));
			if (!basic.equals(request.headers().get("authorization"))) {
				return Response.status(401, "{\"code\":\"woocommerce_rest_cannot_view\",\"data\":{\"status\":401}}");
			}
			Instant after = LocalDateTime.parse(request.param("modified_after")).toInstant(ZoneOffset.UTC);
			Instant before = LocalDateTime.parse(request.param("modified_before")).toInstant(ZoneOffset.UTC);
			List<ObjectNode> matching = new ArrayList<>(orders);
			matching.removeIf(o -> modified(o).isBefore(after) || !modified(o).isBefore(before));
			matching.sort(Comparator.comparing(WooCommerce::modified));
			int size = Integer.parseInt(request.param("per_page"));
			int page = Integer.parseInt(request.param("page"));
			int pages = (matching.size() + size - 1) / size;
			var body = JSON.createArrayNode().addAll(matching.subList(Math.min((page - 1) * size, matching.size()),
					Math.min(page * size, matching.size())));
			return new Response(200, Map.of("Content-Type", "application/json", "X-WP-Total",
					String.valueOf(matching.size()), "X-WP-TotalPages", String.valueOf(pages)),
					JSON.writeValueAsString(body));
		}

		private static Instant modified(ObjectNode order) {
			return LocalDateTime.parse(order.get("date_modified_gmt").asString()).toInstant(ZoneOffset.UTC);
		}
	}

	private static ObjectNode order(int id, String status, String total, String email, int customer, String created) {
		ObjectNode order = JSON.createObjectNode().put("id", id).put("parent_id", 0).put("number", String.valueOf(id))
			.put("status", status).put("currency", "EUR").put("date_created", created).put("date_created_gmt", created)
			.put("date_modified_gmt", created).put("total", total).put("customer_id", customer);
		order.putObject("billing").put("first_name", "Ann").put("last_name", "Lee").put("email", email);
		order.putArray("line_items").addObject().put("id", 1).put("name", "Mug").put("quantity", 1);
		order.putArray("refunds");
		return order;
	}

	@Test
	void pagesToTheHeadersTotalThroughA429AndARestartAndMapsOrdersToPurchases() throws Exception {
		String route = "woo-orders/woocommerce";
		SERVER.route(route, new WooCommerce(List.of(
				order(101, "completed", "29.35", "ann@example.com", 7, "2026-11-02T10:00:00"),
				order(102, "processing", "10.00", "", 0, "2026-11-03T10:00:00"),
				order(103, "pending", "99.00", "bob@example.com", 0, "2026-11-04T10:00:00"),
				order(104, "refunded", "5.00", "cat@example.com", 0, "2026-11-05T10:00:00"),
				order(105, "cancelled", "12.00", "ann@example.com", 7, "2026-11-06T10:00:00"))));
		SERVER.failNext(request -> "3".equals(request.param("page")),
				new Response(429, Map.of("Retry-After", "1"), "{\"code\":\"too_many_requests\"}"));
		DeclarativeApiSource woo = StreamRun.builtIn("woocommerce");
		StreamRun run = new StreamRun(woo, "acme", "orders", StreamRun.connection(SERVER.baseUrl(route), "cs_S3CRET", 2,
				Map.of("username", "ck_123")), Instant.parse("2026-11-01T00:00:00Z"), Instant.parse("2026-11-11T00:00:00Z"));

		run.page();
		run.page();
		StreamRun restarted = run.restart().all();

		// X-WP-TotalPages 3: pages 1, 2, then (after the restart) 3 through a 429
		assertThat(SERVER.requests(route)).extracting(r -> r.param("page") + "/" + r.param("per_page"))
			.containsExactly("1/2", "2/2", "3/2", "3/2");
		assertThat(SERVER.requests(route).get(0).query()).containsEntry("modified_after", "2026-11-01T00:00:00")
			.containsEntry("modified_before", "2026-11-11T00:00:00").containsEntry("dates_are_gmt", "true");
		assertThat(restarted.waits).contains(Duration.ofSeconds(1));
		String ann = ContactIds.forEmail("acme", "ann@example.com");
		// 102 is a guest without e-mail (customer 0 is no one): the order names its own contact; 103 is pending
		assertThat(restarted.rows).filteredOn(Purchase.class::isInstance).map(Purchase.class::cast)
			.extracting(p -> p.purchaseKey() + " " + p.contactId() + " " + p.amountMinor() + " " + p.status())
			.containsExactly("woocommerce:101 " + ann + " 2935 paid",
					"woocommerce:102 " + ContactIds.forExternalId("acme", "woocommerce", "order_id", "102") + " 1000 paid",
					"woocommerce:104 " + ContactIds.forEmail("acme", "cat@example.com") + " 500 refunded",
					"woocommerce:105 " + ann + " 1200 voided");
		assertThat(restarted.rows).filteredOn(ContactIdentity.class::isInstance).map(ContactIdentity.class::cast)
			.extracting(ContactIdentity::externalId).containsExactly("7", "7");
	}
}
