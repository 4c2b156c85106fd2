package io.touchpoint.jobs.sources.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.jdbc.core.JdbcTemplate;
import tools.jackson.databind.node.ObjectNode;

import io.touchpoint.jobs.ingest.IngestParameters;
import io.touchpoint.jobs.model.ContactIds;
import io.touchpoint.jobs.support.ApiIntegrationTest;
import io.touchpoint.jobs.support.Inboxes;
import io.touchpoint.jobs.support.ShopifyApi;
import io.touchpoint.jobs.support.VendorApiServer;

/**
 * The Shopify Admin REST orders stream end to end against a Shopify-shaped local server (two orders a
 * page): the first request filters by the window, the next pages follow the {@code Link} header's
 * {@code page_info} with no other filter, each page asked for once.
 *
 * <p>Seeded orders, by update time: 1001 (paid, UTMs in note attributes), 1002 (partially refunded: a
 * successful 30.00 refund and a failed 10.00 one, paid through Stripe, UTMs in its landing site), 1003
 * (pending), 1004 (total {@code 12,50}), 1005 (refunded, JPY, no e-mail); pages [1001, 1002],
 * [1003, 1004], [1005]. 1000 was updated before the window.
 */
class ShopifyApiIntegrationTests extends ApiIntegrationTest {

	private void seed(String tenant) {
		String route = tenant + "/shopify";
		ShopifyApi api = new ShopifyApi(apiToken(tenant, "shopify"), SERVER.baseUrl(route));
		api.order(1000, "old@example.com", "Old", "Order", "2026-09-01T10:00:00-04:00", "2026-09-01T10:00:00-04:00",
				"paid", "9.00", "USD");
		ObjectNode first = api.order(1001, "Ann@Example.com", "Ann", "Lee", "2026-11-02T10:00:00-05:00",
				"2026-11-02T10:05:00-05:00", "paid", "50.00", "USD");
		ShopifyApi.noteAttribute(first, "UTM_Source", "newsletter");
		ShopifyApi.noteAttribute(first, "utm_campaign", "fall");
		ShopifyApi.noteAttribute(first, "gift wrap", "yes");
		ObjectNode second = api.order(1002, "bob@example.com", "Bob", "Stone", "2026-11-03T09:00:00-05:00",
				"2026-11-05T12:00:00Z", "partially_refunded", "80.00", "USD");
		second.put("landing_site", "/products/socks?utm_source=google&utm_medium=cpc&utm_campaign=brand");
		api.refund(second, 9001, "2026-11-05T12:00:00Z", "USD", "refund:success:30.00:ch_3PqRsTuVwXyZ12",
				"refund:failure:10.00:ch_3PqRsTuVwXyZ12");
		api.order(1003, "cat@example.com", "Cat", "Ray", "2026-11-06T08:00:00-05:00", "2026-11-06T08:00:00-05:00",
				"pending", "15.00", "USD");
		api.order(1004, "dan@example.com", "Dan", "Fox", "2026-11-07T08:00:00-05:00", "2026-11-07T08:00:00-05:00", "paid",
				"12,50", "USD");
		ObjectNode fifth = api.order(1005, null, "Eve", "Kim", "2026-11-08T09:00:00+09:00", "2026-11-09T09:00:00+09:00",
				"refunded", "1200", "JPY");
		api.refund(fifth, 9002, "2026-11-09T09:00:00+09:00", "JPY", "refund:success:1200:authorization-key");
		SERVER.route(route, api);
	}

	@Test
	void followsTheLinkHeaderAskingForEachPageOnceAndMapsOrdersRefundsAndAttribution() throws Exception {
		String tenant = "api-shopify";
		seed(tenant);

		JobExecution run = night(tenant);

		assertThat(run.getStatus()).isEqualTo(BatchStatus.COMPLETED);
		List<VendorApiServer.Request> requests = SERVER.requests(tenant + "/shopify");
		assertThat(requests).extracting(VendorApiServer.Request::path).containsOnly("/admin/api/2025-07/orders.json");
		assertThat(requests).hasSize(3);
		assertThat(requests.get(0).query()).containsOnlyKeys("limit", "status", "updated_at_min", "updated_at_max")
			.containsEntry("limit", "2")
			.containsEntry("status", "any")
			.containsEntry("updated_at_min", "2026-10-11T00:00:00Z")
			.containsEntry("updated_at_max", "2026-11-11T00:00:00Z");
		assertThat(requests.subList(1, 3)).allSatisfy(request -> assertThat(request.query()).containsOnlyKeys("limit",
				"page_info"));
		assertThat(requests).extracting(request -> request.param("page_info")).doesNotHaveDuplicates();
		assertThat(requests).allSatisfy(request -> assertThat(request.headers().get("x-shopify-access-token"))
			.isEqualTo(apiToken(tenant, "shopify")));

		JdbcTemplate jdbc = warehouse();
		String ann = ContactIds.forEmail(tenant, "ann@example.com");
		String bob = ContactIds.forEmail(tenant, "bob@example.com");
		String eve = ContactIds.forExternalId(tenant, "shopify", "order", "1005");
		assertThat(jdbc.queryForList("SELECT CONCAT_WS(' ', purchase_key, contact_id, occurred_at, amount_minor, currency, "
				+ "status, payment_ref) FROM purchases WHERE tenant_id = ? ORDER BY purchase_key", String.class, tenant))
			.containsExactly("shopify:1001 " + ann + " 2026-11-02 15:00:00.000000 5000 USD paid",
					"shopify:1002 " + bob + " 2026-11-03 14:00:00.000000 8000 USD partially_refunded stripe:ch_3PqRsTuVwXyZ12",
					"shopify:1005 " + eve + " 2026-11-08 00:00:00.000000 1200 JPY refunded");
		assertThat(jdbc.queryForList("SELECT CONCAT_WS(' ', refund_key, purchase_key, contact_id, occurred_at, amount_minor, "
				+ "currency, is_cumulative) FROM refunds WHERE tenant_id = ? ORDER BY refund_key", String.class, tenant))
			.containsExactly("shopify:refund:9001 shopify:1002 " + bob + " 2026-11-05 12:00:00.000000 -3000 USD 0",
					"shopify:refund:9002 shopify:1005 " + eve + " 2026-11-09 00:00:00.000000 -1200 JPY 0");
		assertThat(jdbc.queryForList("SELECT CONCAT_WS(' ', event_id, contact_id, kind, name, channel, campaign, occurred_at) "
				+ "FROM touchpoints WHERE tenant_id = ? ORDER BY event_id", String.class, tenant))
			.containsExactly("shopify:1001:attribution " + ann + " order_attribution newsletter fall 2026-11-02 15:00:00.000000",
					"shopify:1002:attribution " + bob + " order_attribution "
							+ "/products/socks?utm_source=google&utm_medium=cpc&utm_campaign=brand google brand "
							+ "2026-11-03 14:00:00.000000");
		assertThat(jdbc.queryForList("SELECT CONCAT_WS(' ', contact_id, email, first_name, last_name) FROM contacts "
				+ "WHERE tenant_id = ? ORDER BY first_name", String.class, tenant))
			.containsExactly(ann + " ann@example.com Ann Lee", bob + " bob@example.com Bob Stone", eve + " Eve Kim");
		assertThat(quarantine(tenant)).containsExactly("shopify api/shopify/orders/page-00002.jsonl 2");
		assertThat(jdbc.queryForObject("SELECT reason FROM quarantine WHERE tenant_id = ?", String.class, tenant))
			.contains("total_price").contains("12,50");
	}

	@Test
	void anOrderFromTheExportAndTheApiIsOnePurchase() throws Exception {
		String tenant = "api-shopify-both";
		seed(tenant);
		Path inbox = Inboxes.create(home(), tenant);
		Files.createDirectories(inbox.resolve("shopify"));
		Files.writeString(inbox.resolve("shopify/orders_export_1.csv"), """
				Name,Email,Financial Status,Total,Currency,Created at,Refunded Amount,Id
				#1002,bob@example.com,partially_refunded,80.00,USD,2026-11-03 09:00:00 -0500,30.00,1002
				""");

		JobExecution run = runs.start("nightly", IngestParameters.nightly(tenant, NIGHT, inbox.toString()));

		assertThat(run.getStatus()).isEqualTo(BatchStatus.COMPLETED);
		JdbcTemplate jdbc = warehouse();
		assertThat(jdbc.queryForList("SELECT CONCAT_WS(' ', purchase_key, amount_minor) FROM purchases WHERE tenant_id = ? "
				+ "AND purchase_key = 'shopify:1002'", String.class, tenant)).containsExactly("shopify:1002 8000");
		assertThat(jdbc.queryForList("SELECT CONCAT_WS(' ', refund_key, amount_minor, is_cumulative) FROM refunds WHERE "
				+ "tenant_id = ? AND purchase_key = 'shopify:1002' ORDER BY refund_key", String.class, tenant))
			.containsExactly("shopify:1002:refunded:3000 -3000 1", "shopify:refund:9001 -3000 0");
	}
}
