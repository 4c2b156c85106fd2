package io.touchpoint.jobs.sources.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

import javax.sql.DataSource;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

import io.touchpoint.jobs.config.WarehouseDataSource;
import io.touchpoint.jobs.executions.JobRuns;
import io.touchpoint.jobs.ingest.IngestParameters;
import io.touchpoint.jobs.model.ContactIds;
import io.touchpoint.jobs.support.Inboxes;
import io.touchpoint.jobs.support.IntegrationTest;
import io.touchpoint.jobs.support.StripeApi;
import io.touchpoint.jobs.support.VendorApiServer;
import io.touchpoint.jobs.support.VendorApiServer.Response;

/**
 * The Stripe API source end to end, against a real local HTTP server serving Stripe-shaped list pages
 * (two records per page here): incremental windows and cursors, a 429 with Retry-After and a 500 on one
 * page, a crash mid-pagination followed by a restart that neither skips nor repeats a page, a backfill
 * that leaves the live cursor alone, and the same charge arriving by export and by API counted once.
 *
 * <p>The seeded charges, newest first, are Z1 (bad currency), C1, U1 (uncaptured), F1 (failed), B1, A2,
 * A1: pages [Z1, C1], [U1, F1], [B1, A2], [A1]. Expected rows below are written out by hand from them.
 */
class StripeApiIntegrationTests extends IntegrationTest {

	private static final LocalDate NIGHT = LocalDate.of(2026, 11, 10);

	/** The first night's window: 30 days before the night, to the end of the night (UTC). */
	private static final long WINDOW_FROM = Instant.parse("2026-10-11T00:00:00Z").getEpochSecond();

	private static final long WINDOW_TO = Instant.parse("2026-11-11T00:00:00Z").getEpochSecond();

	private static final VendorApiServer SERVER = VendorApiServer.INSTANCE;

	@Autowired
	private JobRuns runs;

	@Autowired
	@WarehouseDataSource
	private DataSource warehouse;

	@Autowired
	private DataSource metadata;

	/** What Touchpoint and Spring Batch log while these tests run (the log file moves with each CLI home). */
	private static final ch.qos.logback.core.read.ListAppender<ch.qos.logback.classic.spi.ILoggingEvent> LOG =
			new ch.qos.logback.core.read.ListAppender<>();

	@org.junit.jupiter.api.BeforeEach
	void captureLog() {
		if (!LOG.isStarted()) {
			LOG.setName("stripe-api-test-capture");
			LOG.start();
		}
		for (String name : List.of("io.touchpoint", "org.springframework.batch")) {
			var logger = (ch.qos.logback.classic.Logger) org.slf4j.LoggerFactory.getLogger(name);
			if (logger.getAppender(LOG.getName()) == null) {
				logger.addAppender(LOG);
			}
		}
	}

	@AfterEach
	void clearFaults() {
		SERVER.clearFaults();
		for (String name : List.of("io.touchpoint", "org.springframework.batch")) {
			((ch.qos.logback.classic.Logger) org.slf4j.LoggerFactory.getLogger(name)).detachAppender(LOG);
		}
	}

	private StripeApi seed(String tenant) {
		StripeApi api = new StripeApi(apiToken(tenant, "stripe"));
		api.charge("ch_A1", 2000, "usd", Instant.parse("2026-11-05T10:00:00Z"), "Ann@Example.com", "cus_ann", "pi_A1",
				"succeeded", true, true);
		api.charge("ch_A2", 1500, "usd", Instant.parse("2026-11-06T10:00:00Z"), "ann@example.com", "cus_ann", "pi_A2",
				"succeeded", true, false);
		api.charge("ch_B1", 5000, "usd", Instant.parse("2026-11-07T10:00:00Z"), null, "cus_bob", "pi_B1", "succeeded",
				true, false);
		api.charge("ch_F1", 999, "usd", Instant.parse("2026-11-07T11:00:00Z"), "ann@example.com", "cus_ann", null,
				"failed", false, false);
		api.charge("ch_U1", 700, "usd", Instant.parse("2026-11-07T12:00:00Z"), "ann@example.com", "cus_ann", null,
				"succeeded", false, false);
		api.charge("ch_C1", 1200, "jpy", Instant.parse("2026-11-08T10:00:00Z"), "cat@example.com", null, "pi_C1",
				"succeeded", true, false);
		api.charge("ch_Z1", 300, "zzz", Instant.parse("2026-11-08T11:00:00Z"), "cat@example.com", null, null, "succeeded",
				true, false);
		api.charge("ch_OLD", 4000, "usd", Instant.parse("2026-09-01T10:00:00Z"), "ann@example.com", "cus_ann", null,
				"succeeded", true, false);
		api.refund("re_1", "ch_A1", 500, "usd", Instant.parse("2026-11-08T09:00:00Z"), "succeeded");
		api.refund("re_2", "ch_A1", 1500, "usd", Instant.parse("2026-11-09T09:00:00Z"), "succeeded");
		api.refund("re_3", "ch_B1", 1000, "usd", Instant.parse("2026-11-09T10:00:00Z"), "pending");
		api.customer("cus_ann", "ann@example.com", "Ann Lee", Instant.parse("2026-10-20T08:00:00Z"));
		api.customer("cus_bob", null, "Bob", Instant.parse("2026-10-21T08:00:00Z"));
		SERVER.route(tenant + "/stripe", api);
		return api;
	}

	private JobExecution night(String tenant, LocalDate date) throws Exception {
		// no inbox folder: the tenant's API connection is its only source
		return runs.start("nightly", IngestParameters.nightly(tenant, date, home().resolve("no-inbox").toString()));
	}

	@Test
	void fetchesEveryPageOnceThroughA429AndA500ThenMovesTheCursorAndFetchesIncrementally() throws Exception {
		String tenant = "api-stripe";
		StripeApi api = seed(tenant);
		String route = tenant + "/stripe";
		// page 2 of the charges answers a 429 with Retry-After: 1 s, then a 500, then the page
		SERVER.failNext(request -> request.path().equals("/v1/charges") && "ch_C1".equals(request.param("starting_after")),
				new Response(429, java.util.Map.of("Retry-After", "1"), "{\"error\":{\"type\":\"rate_limit_error\"}}"),
				Response.status(500, "{\"error\":{\"type\":\"api_error\"}}"));

		JobExecution first = night(tenant, NIGHT);

		assertThat(first.getStatus()).isEqualTo(BatchStatus.COMPLETED);
		List<VendorApiServer.Request> charges = SERVER.requests(route).stream()
			.filter(request -> request.path().equals("/v1/charges")).toList();
		assertThat(charges).extracting(request -> String.valueOf(request.param("starting_after")))
			.containsExactly("null", "ch_C1", "ch_C1", "ch_C1", "ch_F1", "ch_A2");
		assertThat(charges).allSatisfy(request -> {
			assertThat(request.param("created[gte]")).isEqualTo(String.valueOf(WINDOW_FROM));
			assertThat(request.param("created[lt]")).isEqualTo(String.valueOf(WINDOW_TO));
			assertThat(request.param("limit")).isEqualTo("2");
		});
		assertThat(SERVER.requests(route)).filteredOn(request -> request.path().equals("/v1/refunds"))
			.allSatisfy(request -> assertThat(request.param("expand[]")).isEqualTo("data.charge"))
			.hasSize(2);
		assertFirstNight(tenant);
		assertThat(cursors(tenant)).containsExactly("stripe charges 2026-11-11T00:00:00Z",
				"stripe customers 2026-11-11T00:00:00Z", "stripe refunds 2026-11-11T00:00:00Z");
		assertThat(metadata().queryForObject("SELECT COUNT(*) FROM tp_source_cursor_history WHERE tenant_id = ?",
				Integer.class, tenant)).isEqualTo(3);
		assertNoSecretIn(tenant);

		// the next night starts 5 minutes (Stripe's lookback) before the cursor and finds the late charge
		api.charge("ch_LATE", 2500, "usd", Instant.parse("2026-11-11T01:00:00Z"), "ann@example.com", "cus_ann", null,
				"succeeded", true, false);
		int before = SERVER.requests(route).size();
		JobExecution second = night(tenant, NIGHT.plusDays(1));

		assertThat(second.getStatus()).isEqualTo(BatchStatus.COMPLETED);
		VendorApiServer.Request firstOfSecond = SERVER.requests(route).subList(before, SERVER.requests(route).size())
			.stream().filter(request -> request.path().equals("/v1/charges")).findFirst().orElseThrow();
		assertThat(firstOfSecond.param("created[gte]"))
			.isEqualTo(String.valueOf(Instant.parse("2026-11-10T23:55:00Z").getEpochSecond()));
		assertThat(purchaseKeys(tenant)).containsExactly("stripe:ch_A1", "stripe:ch_A2", "stripe:ch_B1", "stripe:ch_C1",
				"stripe:ch_LATE");
		assertThat(cursors(tenant)).containsExactly("stripe charges 2026-11-12T00:00:00Z",
				"stripe customers 2026-11-12T00:00:00Z", "stripe refunds 2026-11-12T00:00:00Z");

		// a backfill of September fetches the old charge and leaves the live cursors where they are
		JobExecution backfill = runs.start("nightly",
				IngestParameters.backfill(tenant, LocalDate.of(2026, 9, 1), LocalDate.of(2026, 9, 30)));

		assertThat(backfill.getStatus()).isEqualTo(BatchStatus.COMPLETED);
		assertThat(purchaseKeys(tenant)).contains("stripe:ch_OLD").hasSize(6);
		assertThat(cursors(tenant)).containsExactly("stripe charges 2026-11-12T00:00:00Z",
				"stripe customers 2026-11-12T00:00:00Z", "stripe refunds 2026-11-12T00:00:00Z");
		assertThat(metadata().queryForObject("SELECT COUNT(*) FROM tp_source_cursor_history WHERE tenant_id = ?",
				Integer.class, tenant)).isEqualTo(6);
	}

	@Test
	void aRunThatFailsMidPaginationRestartsAtTheFailedPageAndLoadsEveryRecordOnce() throws Exception {
		String tenant = "api-crash";
		seed(tenant);
		String route = tenant + "/stripe";
		// page 3 of the charges fails for good: every attempt answers 503
		SERVER.failAlways(request -> request.path().equals("/v1/charges") && "ch_F1".equals(request.param("starting_after")),
				Response.status(503, "{\"error\":{\"type\":\"api_error\"}}"));

		JobExecution failed = night(tenant, NIGHT);

		assertThat(failed.getStatus()).isEqualTo(BatchStatus.FAILED);
		StepExecution fetch = step(failed, "fetch-api");
		assertThat(fetch.getStatus()).isEqualTo(BatchStatus.FAILED);
		assertThat(fetch.getFailureExceptions().get(0).getMessage())
			.startsWith("stripe charges page 3 of tenant api-crash: gave up after 3 attempt(s), the last: HTTP 503")
			.contains("restart the execution; it resumes at this page");
		assertThat(cursors(tenant)).isEmpty();
		assertThat(metadata().queryForObject("SELECT pages FROM tp_api_fetches f JOIN tp_inbox_files i ON "
				+ "i.batch_id = f.batch_id WHERE f.tenant_id = ? AND f.stream = 'charges' LIMIT 1", Integer.class, tenant))
			.isEqualTo(2);

		SERVER.clearFaults();
		JobExecution restarted = runs.restart(failed.getId());

		assertThat(restarted.getStatus()).isEqualTo(BatchStatus.COMPLETED);
		assertThat(SERVER.requests(route).stream().filter(request -> request.path().equals("/v1/charges")))
			.extracting(request -> String.valueOf(request.param("starting_after")))
			.containsExactly("null", "ch_C1", "ch_F1", "ch_F1", "ch_F1", "ch_F1", "ch_A2");
		assertFirstNight(tenant);
		assertThat(metadata().queryForList("SELECT path FROM tp_inbox_files WHERE tenant_id = ? AND source = 'stripe' "
				+ "ORDER BY path", String.class, tenant)).containsExactly("api/stripe/charges/page-00001.jsonl",
						"api/stripe/charges/page-00002.jsonl", "api/stripe/charges/page-00003.jsonl",
						"api/stripe/charges/page-00004.jsonl", "api/stripe/customers/page-00001.jsonl",
						"api/stripe/refunds/page-00001.jsonl", "api/stripe/refunds/page-00002.jsonl");
		assertThat(cursors(tenant)).hasSize(3);
	}

	@Test
	void theSameChargeFromTheExportTheApiAndAShopifyOrderIsOnePurchaseAndItsRefundsNetOnce() throws Exception {
		String tenant = "api-both";
		StripeApi api = seed(tenant);
		api.refund("re_4", "ch_A2", 300, "usd", Instant.parse("2026-11-09T12:00:00Z"), "succeeded");
		// the Dashboard export has ch_A1 with 5.00 refunded so far (the API: refunds of 5.00 and 15.00), and ch_A2
		// with 3.00 refunded (the API: the same 3.00 refund); the Shopify export has the order ch_A1 paid
		Path inbox = Inboxes.create(home(), tenant);
		Files.createDirectories(inbox.resolve("stripe"));
		Files.writeString(inbox.resolve("stripe/unified_payments.csv"), """
				id,Created date (UTC),Amount,Amount Refunded,Currency,Captured,Status,Customer ID,Customer Email
				ch_A1,2026-11-05 10:00:00,20.00,5.00,usd,true,Paid,cus_ann,ann@example.com
				ch_A2,2026-11-06 10:00:00,15.00,3.00,usd,true,Paid,cus_ann,ann@example.com
				""");
		Files.createDirectories(inbox.resolve("shopify"));
		Files.writeString(inbox.resolve("shopify/orders_export_1.csv"), """
				Name,Email,Financial Status,Paid at,Currency,Total,Created at,Payment Method,Payment References,Id
				#1001,ann@example.com,paid,2026-11-05 10:00:05 +0000,USD,20.00,2026-11-05 10:00:00 +0000,Stripe,ch_A1,7001
				""");

		JobExecution run = runs.start("nightly", IngestParameters.nightly(tenant, NIGHT, inbox.toString()));

		assertThat(run.getStatus()).isEqualTo(BatchStatus.COMPLETED);
		JdbcTemplate jdbc = new JdbcTemplate(warehouse);
		// ch_A1 is two versions: the export's (still paid, 5.00 refunded when it was taken) and the API's (fully
		// refunded); the latest counts, either way for 2000 (docs/rollups.md, facts that change)
		assertThat(jdbc.queryForList("SELECT CONCAT_WS(' ', purchase_key, amount_minor, status, payment_ref, "
				+ "payment_intent_ref) FROM purchases WHERE tenant_id = ? AND purchase_key IN ('stripe:ch_A1', "
				+ "'shopify:7001')", String.class, tenant))
			.containsExactlyInAnyOrder("shopify:7001 2000 paid stripe:ch_A1",
					"stripe:ch_A1 2000 refunded stripe:ch_A1 stripe:pi_A1", "stripe:ch_A1 2000 paid stripe:ch_A1");
		assertThat(jdbc.queryForList("SELECT CONCAT(refund_key, ' ', amount_minor, ' ', is_cumulative) FROM refunds "
				+ "WHERE tenant_id = ? ORDER BY refund_key", String.class, tenant))
			.containsExactly("stripe:ch_A1:refunded:500 -500 1", "stripe:ch_A2:refunded:300 -300 1", "stripe:re_1 -500 0",
					"stripe:re_2 -1500 0", "stripe:re_4 -300 0");
		// Ann: ch_A1 2000 (the Shopify order is the same payment) refunded 5.00 + 15.00 (the export's cumulative
		// 5.00 is part of them), ch_A2 1500 refunded 3.00 once: 2 orders, 3500 gross, 2300 refunded, 1200 net
		String ann = ContactIds.forEmail(tenant, "ann@example.com");
		assertThat(jdbc.queryForList("SELECT CONCAT(orders, ' ', gross_minor, ' ', refunds_minor, ' ', net_minor) FROM "
				+ "contact_value WHERE tenant_id = ? AND contact_id = ? AND currency = 'USD'", String.class, tenant, ann))
			.containsExactly("2 3500 2300 1200");
	}

	/** The canonical rows of the first night, written out by hand from the seeded objects. */
	private void assertFirstNight(String tenant) {
		JdbcTemplate jdbc = new JdbcTemplate(warehouse);
		String ann = ContactIds.forEmail(tenant, "ann@example.com");
		String bob = ContactIds.forExternalId(tenant, "stripe", "customer_id", "cus_bob");
		String cat = ContactIds.forEmail(tenant, "cat@example.com");
		assertThat(jdbc.queryForList("SELECT CONCAT_WS(' ', purchase_key, contact_id, occurred_at, amount_minor, currency, "
				+ "status, payment_ref, payment_intent_ref) FROM purchases WHERE tenant_id = ? ORDER BY purchase_key",
				String.class, tenant)).containsExactly(
						"stripe:ch_A1 " + ann + " 2026-11-05 10:00:00.000000 2000 USD refunded stripe:ch_A1 stripe:pi_A1",
						"stripe:ch_A2 " + ann + " 2026-11-06 10:00:00.000000 1500 USD paid stripe:ch_A2 stripe:pi_A2",
						"stripe:ch_B1 " + bob + " 2026-11-07 10:00:00.000000 5000 USD paid stripe:ch_B1 stripe:pi_B1",
						"stripe:ch_C1 " + cat + " 2026-11-08 10:00:00.000000 1200 JPY paid stripe:ch_C1 stripe:pi_C1");
		assertThat(jdbc.queryForList("SELECT CONCAT_WS(' ', refund_key, purchase_key, contact_id, occurred_at, amount_minor, "
				+ "is_cumulative) FROM refunds WHERE tenant_id = ? ORDER BY refund_key", String.class, tenant)).containsExactly(
						"stripe:re_1 stripe:ch_A1 " + ann + " 2026-11-08 09:00:00.000000 -500 0",
						"stripe:re_2 stripe:ch_A1 " + ann + " 2026-11-09 09:00:00.000000 -1500 0");
		assertThat(jdbc.queryForList("SELECT CONCAT_WS(' ', contact_id, email, first_name, last_name) FROM contacts "
				+ "WHERE tenant_id = ? ORDER BY email", String.class, tenant)).containsExactlyInAnyOrder(
						bob + " Bob", ann + " ann@example.com Ann Lee", cat + " cat@example.com");
		assertThat(jdbc.queryForList("SELECT CONCAT_WS(' ', external_id, contact_id) FROM contact_identities WHERE "
				+ "tenant_id = ? ORDER BY external_id", String.class, tenant)).containsExactly("cus_ann " + ann,
						"cus_bob " + bob);
		assertThat(jdbc.queryForList("SELECT CONCAT_WS(' ', source, file, line) FROM quarantine WHERE tenant_id = ?",
				String.class, tenant)).containsExactly("stripe api/stripe/charges/page-00001.jsonl 1");
		assertThat(jdbc.queryForObject("SELECT reason FROM quarantine WHERE tenant_id = ?", String.class, tenant))
			.contains("currency").contains("zzz");
	}

	/**
	 * The connection's token appears in no text column of any metadata or warehouse table (job parameters,
	 * execution contexts, step exit messages, inbox files, cursors, quarantine...) and not in the log.
	 */
	private void assertNoSecretIn(String tenant) throws java.io.IOException {
		String token = apiToken(tenant, "stripe");
		for (JdbcTemplate jdbc : List.of(metadata(), new JdbcTemplate(warehouse))) {
			List<java.util.Map<String, Object>> columns = jdbc.queryForList("SELECT TABLE_NAME, COLUMN_NAME FROM "
					+ "information_schema.COLUMNS WHERE TABLE_SCHEMA = DATABASE() AND DATA_TYPE IN ('char', 'varchar', "
					+ "'text', 'mediumtext', 'longtext', 'blob', 'mediumblob', 'longblob')");
			assertThat(columns).isNotEmpty();
			for (var column : columns) {
				String sql = "SELECT COUNT(*) FROM `" + column.get("TABLE_NAME") + "` WHERE `" + column.get("COLUMN_NAME")
						+ "` LIKE ?";
				assertThat(jdbc.queryForObject(sql, Integer.class, "%" + token + "%")).as(sql).isZero();
			}
		}
		List<String> logged = LOG.list.stream()
			.map(event -> event.getFormattedMessage() + (event.getThrowableProxy() == null ? ""
					: " " + event.getThrowableProxy().getMessage()))
			.toList();
		assertThat(logged).anyMatch(line -> line.startsWith("fetch-api "));
		assertThat(logged).noneMatch(line -> line.contains(token));
	}

	private List<String> cursors(String tenant) {
		return metadata().queryForList("SELECT CONCAT_WS(' ', source, stream, cursor_value) FROM tp_source_cursors "
				+ "WHERE tenant_id = ? ORDER BY source, stream", String.class, tenant);
	}

	private List<String> purchaseKeys(String tenant) {
		return new JdbcTemplate(warehouse).queryForList("SELECT purchase_key FROM purchases WHERE tenant_id = ? "
				+ "ORDER BY purchase_key", String.class, tenant);
	}

	private JdbcTemplate metadata() {
		return new JdbcTemplate(metadata);
	}
}
