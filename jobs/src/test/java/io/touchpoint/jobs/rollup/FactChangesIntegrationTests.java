package io.touchpoint.jobs.rollup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;

import javax.sql.DataSource;

import org.assertj.core.groups.Tuple;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

import io.touchpoint.jobs.config.WarehouseDataSource;
import io.touchpoint.jobs.model.Purchase;
import io.touchpoint.jobs.model.Refund;
import io.touchpoint.jobs.rollup.RollupProperties.TouchpointCounting;
import io.touchpoint.jobs.support.IntegrationTest;

/**
 * Facts that change, night by night, against rows computed by hand; after the last night every rollup
 * table must equal a rebuild. Tenant time zone UTC.
 */
class FactChangesIntegrationTests extends IntegrationTest {

	@Autowired
	@WarehouseDataSource
	private DataSource warehouse;

	private RollupRunner runner() {
		return new RollupRunner(warehouse, new RollupProperties(ZoneOffset.UTC, TouchpointCounting.EVER, null, 30,
				Duration.ofMinutes(30)),
				new RollupProperties.TenantSettings(Map.of()));
	}

	/**
	 * <pre>
	 * night 1  shopify:1 Mistyped 03-01 10:00 100.00 USD paid
	 *          shopify:2 Other    03-02 10:00  50.00 USD paid
	 *          shopify:3 Other    03-03 10:00  20.00 USD paid
	 * night 2  shopify:1 restated: contact Right (the corrected e-mail), 120.00, refunded; refund r1 (cumulative
	 *          30.00, 03-05 12:00)
	 *          shopify:2 restated unchanged (no new version); refund r2 individual 10.00 USD 03-06 12:00
	 *          shopify:3 restated voided
	 * night 3  shopify:1 restated as in night 2 (no new version)
	 *          shopify:2 restated at 03-04 10:00 in EUR (a corrected time and currency); r2 restated as 15.00 EUR
	 *
	 * after night 1  counted: 1 Mistyped 10000; 2 Other 5000 (03-02); 3 Other 2000 (03-03)
	 * after night 2  counted: 1 Right 12000 refunded 3000 net 9000; 2 Other 5000 refunded 1000 net 4000 (03-02)
	 *                daily_revenue 03-01 USD 1 order 12000 new 1; 03-02 USD 1 order 5000 new 1 (Other's first
	 *                counted purchase is now shopify:2); 03-03 gone; 03-05 USD refund 3000; 03-06 USD refund 1000
	 * after night 3  counted: 1 Right 12000/3000/9000 (03-01 USD); 2 Other 5000 EUR refunded 1500 net 3500 (03-04)
	 *                contact_value Mistyped '' 0; Right USD 1 order 12000 - 3000 = 9000; Other EUR 1 order 5000 - 1500
	 *                daily_revenue 03-01 USD 12000 new 1; 03-04 EUR 5000 new 1; 03-05 USD refund 3000 net -3000;
	 *                03-06 EUR refund 1500 net -1500
	 * fact_changes   purchase 1 (night 2): amount_minor 10000 -> 12000, contact_id Mistyped -> Right, status paid -> refunded
	 *                purchase 3 (night 2): status paid -> voided
	 *                purchase 2 (night 3): currency USD -> EUR, occurred_at 03-02 10:00 -> 03-04 10:00
	 *                refund r2 (night 3): amount_minor -1000 -> -1500, currency USD -> EUR
	 * </pre>
	 */
	@Test
	void aCorrectedPurchaseCountsItsLatestVersionOnItsOwnDayAndAVoidedOneStopsCounting() {
		// given
		String tenant = "fact-changes-purchases";
		String mistyped = "c-mistyped", right = "c-right", other = "c-other";
		JdbcTemplate jdbc = new JdbcTemplate(warehouse);
		Facts facts = new Facts(jdbc, tenant);
		RollupRunner runner = runner();

		// when night 1
		facts.batch("n1")
			.contact(mistyped, "2026-01-01 00:00:00")
			.contact(right, "2026-01-01 00:00:00")
			.contact(other, "2026-01-01 00:00:00")
			.purchase("shopify:1", mistyped, "2026-03-01 10:00:00", 10000, "USD", null, null)
			.purchase("shopify:2", other, "2026-03-02 10:00:00", 5000, "USD", null, null)
			.purchase("shopify:3", other, "2026-03-03 10:00:00", 2000, "USD", null, null);
		runner.incremental(tenant, "n1", RollupRunner.NO_WINDOW_END);

		// then
		assertThat(counted(jdbc, tenant)).containsExactly(tuple("shopify:1", mistyped, "2026-03-01", "USD", 10000L, 0L),
				tuple("shopify:2", other, "2026-03-02", "USD", 5000L, 0L),
				tuple("shopify:3", other, "2026-03-03", "USD", 2000L, 0L));

		// when night 2
		facts.batch("n2")
			.purchase("shopify:1", right, "2026-03-01 10:00:00", 12000, "USD", null, null, "refunded")
			.refund("r1", "shopify:1", right, "2026-03-05 12:00:00", -3000, "USD", true)
			.purchase("shopify:2", other, "2026-03-02 10:00:00", 5000, "USD", null, null)
			.refund("r2", "shopify:2", other, "2026-03-06 12:00:00", -1000, "USD", false)
			.purchase("shopify:3", other, "2026-03-03 10:00:00", 2000, "USD", null, null, Purchase.VOIDED);
		runner.incremental(tenant, "n2", RollupRunner.NO_WINDOW_END);

		// then
		assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM purchases WHERE tenant_id = ?", Integer.class, tenant))
			.as("versions: 1 twice, 2 once, 3 twice").isEqualTo(5);
		assertThat(counted(jdbc, tenant)).containsExactly(tuple("shopify:1", right, "2026-03-01", "USD", 12000L, 3000L),
				tuple("shopify:2", other, "2026-03-02", "USD", 5000L, 1000L));
		assertThat(daily(jdbc, tenant)).containsExactly(tuple("2026-03-01", "USD", 1L, 12000L, 0L, 0L, 12000L, 1L),
				tuple("2026-03-02", "USD", 1L, 5000L, 0L, 0L, 5000L, 1L),
				tuple("2026-03-05", "USD", 0L, 0L, 1L, 3000L, -3000L, 0L),
				tuple("2026-03-06", "USD", 0L, 0L, 1L, 1000L, -1000L, 0L));

		// when night 3
		facts.batch("n3")
			.purchase("shopify:1", right, "2026-03-01 10:00:00", 12000, "USD", null, null, "refunded")
			.refund("r1", "shopify:1", right, "2026-03-05 12:00:00", -3000, "USD", true)
			.purchase("shopify:2", other, "2026-03-04 10:00:00", 5000, "EUR", null, null)
			.refund("r2", "shopify:2", other, "2026-03-06 12:00:00", -1500, "EUR", false);
		runner.incremental(tenant, "n3", RollupRunner.NO_WINDOW_END);
		Map<String, List<String>> incremental = facts.snapshot();

		// then
		assertThat(counted(jdbc, tenant)).containsExactly(tuple("shopify:1", right, "2026-03-01", "USD", 12000L, 3000L),
				tuple("shopify:2", other, "2026-03-04", "EUR", 5000L, 1500L));
		assertThat(jdbc.queryForList("SELECT contact_id, currency, orders, gross_minor, refunds_minor, net_minor "
				+ "FROM contact_value WHERE tenant_id = ? ORDER BY contact_id", tenant))
			.extracting(r -> tuple(r.get("contact_id"), r.get("currency"), r.get("orders"), r.get("gross_minor"),
					r.get("refunds_minor"), r.get("net_minor")))
			.containsExactly(tuple(mistyped, "", 0L, 0L, 0L, 0L), tuple(other, "EUR", 1L, 5000L, 1500L, 3500L),
					tuple(right, "USD", 1L, 12000L, 3000L, 9000L));
		assertThat(daily(jdbc, tenant)).containsExactly(tuple("2026-03-01", "USD", 1L, 12000L, 0L, 0L, 12000L, 1L),
				tuple("2026-03-04", "EUR", 1L, 5000L, 0L, 0L, 5000L, 1L),
				tuple("2026-03-05", "USD", 0L, 0L, 1L, 3000L, -3000L, 0L),
				tuple("2026-03-06", "EUR", 0L, 0L, 1L, 1500L, -1500L, 0L));
		assertThat(jdbc.queryForList("SELECT fact, fact_key, batch_id, field, from_value, to_value FROM fact_changes "
				+ "WHERE tenant_id = ? ORDER BY batch_id, fact, fact_key, field", tenant))
			.extracting(r -> tuple(r.get("fact"), r.get("fact_key"), r.get("batch_id"), r.get("field"), r.get("from_value"),
					r.get("to_value")))
			.containsExactly(tuple("purchase", "shopify:1", "n2", "amount_minor", "10000", "12000"),
					tuple("purchase", "shopify:1", "n2", "contact_id", mistyped, right),
					tuple("purchase", "shopify:1", "n2", "status", "paid", "refunded"),
					tuple("purchase", "shopify:3", "n2", "status", "paid", "voided"),
					tuple("purchase", "shopify:2", "n3", "currency", "USD", "EUR"),
					tuple("purchase", "shopify:2", "n3", "occurred_at", "2026-03-02 10:00:00.000000",
							"2026-03-04 10:00:00.000000"),
					tuple("refund", "r2", "n3", "amount_minor", "-1000", "-1500"),
					tuple("refund", "r2", "n3", "currency", "USD", "EUR"));

		// and a rebuild after the last night gives the same tables
		runner.rebuild(tenant, RollupRunner.NO_WINDOW_END);
		assertThat(facts.snapshot()).isEqualTo(incremental);
	}

	/**
	 * The meanings docs/rollups.md chooses where a table could be read two ways.
	 *
	 * <pre>
	 * night 1  c1 tag vip applied 03-01 08:00, removed 03-01 12:00; page by c1 03-01 09:00 channel "Facebook"
	 *          campaign spring; shopify:10 c1 03-02 10:00 10.00 USD
	 * night 2  shopify:11 c1 03-05 10:00 20.00 EUR
	 *
	 * contact_value        USD and EUR rows, both last_activity_at 03-05 10:00 (contact-wide), first touch
	 *                      channel "facebook" (lower-cased)
	 * contact_touchpoints  campaign spring, landing_page /; no row for vip (removed before the first purchase)
	 * daily_revenue        03-02 USD new 1 returning 0; 03-05 EUR new 0 returning 1 (the first purchase ever
	 *                      was in USD)
	 * cohort_value         cohort 2026-03, months_since 0, in EUR and USD only
	 * </pre>
	 */
	@Test
	void aContactsActivityIsContactWideChannelsAreLowerCasedAndNewCustomersAreFirstEver() {
		// given
		String tenant = "fact-meanings";
		JdbcTemplate jdbc = new JdbcTemplate(warehouse);
		Facts facts = new Facts(jdbc, tenant);
		RollupRunner runner = runner();

		// when
		facts.batch("n1")
			.contact("c1", "2026-01-01 00:00:00")
			.tag("c1", "vip", 1, "2026-03-01 08:00:00")
			.tag("c1", "vip", -1, "2026-03-01 12:00:00")
			.touch("e1", "c1", null, null, "page", "Home", "/", "Facebook", "spring", "2026-03-01 09:00:00")
			.purchase("shopify:10", "c1", "2026-03-02 10:00:00", 1000, "USD", null, null);
		runner.incremental(tenant, "n1", RollupRunner.NO_WINDOW_END);
		facts.batch("n2").purchase("shopify:11", "c1", "2026-03-05 10:00:00", 2000, "EUR", null, null);
		runner.incremental(tenant, "n2", RollupRunner.NO_WINDOW_END);
		Map<String, List<String>> incremental = facts.snapshot();

		// then
		assertThat(jdbc.queryForList("SELECT currency, last_activity_at, first_touch_channel FROM contact_value "
				+ "WHERE tenant_id = ? ORDER BY currency", tenant))
			.extracting(r -> tuple(r.get("currency"), r.get("last_activity_at").toString(), r.get("first_touch_channel")))
			.containsExactly(tuple("EUR", "2026-03-05 10:00:00.0", "facebook"), tuple("USD", "2026-03-05 10:00:00.0",
					"facebook"));
		assertThat(jdbc.queryForList("SELECT CONCAT_WS(' ', kind, touchpoint) FROM contact_touchpoints WHERE tenant_id = ? "
				+ "ORDER BY kind", String.class, tenant)).containsExactly("campaign spring", "landing_page /");
		assertThat(jdbc.queryForList("SELECT CONCAT_WS(' ', revenue_date, currency, new_customers, returning_customers) "
				+ "FROM daily_revenue WHERE tenant_id = ? ORDER BY revenue_date", String.class, tenant))
			.containsExactly("2026-03-02 USD 1 0", "2026-03-05 EUR 0 1");
		assertThat(jdbc.queryForList("SELECT CONCAT_WS(' ', cohort_month, months_since, currency) FROM cohort_value "
				+ "WHERE tenant_id = ? ORDER BY currency", String.class, tenant))
			.containsExactly("2026-03-01 0 EUR", "2026-03-01 0 USD");

		// and a rebuild after the last night gives the same tables
		runner.rebuild(tenant, RollupRunner.NO_WINDOW_END);
		assertThat(facts.snapshot()).isEqualTo(incremental);
	}

	@Test
	void theVersionKeyOfTheApplicationIsTheOneTheMigrationComputesInSql() {
		// given a purchase with every field set, one without the optional ones, and a refund
		JdbcTemplate jdbc = new JdbcTemplate(warehouse);
		Purchase full = new Purchase("t", "stripe:ch_9", "c-full", Instant.parse("2026-03-01T10:00:00.123456Z"), 12345,
				"EUR", 13000L, "USD", "paid", "stripe", null, "b", "stripe:ch_9", "stripe:pi_9");
		Purchase bare = new Purchase("t", "shop:9", "c-bare", Instant.parse("2026-03-01T10:00:00Z"), 0, "JPY", null, null,
				"voided", "shop", null, "b");
		Refund refund = new Refund("t", "re_9", "stripe:ch_9", "c-full", Instant.parse("2026-03-02T00:00:00Z"), -500,
				"EUR", true, "stripe", null, "b");
		String purchaseSql = "SELECT LEFT(SHA2(CONCAT_WS(CHAR(0), ?, DATE_FORMAT(CAST(? AS DATETIME(6)), "
				+ "'%Y-%m-%d %H:%i:%s.%f'), CAST(? AS SIGNED), ?, ?), 256), 32)";

		// when / then: the expression of sql/mysql/V013 over the same values
		for (Purchase p : List.of(full, bare)) {
			assertThat(jdbc.queryForObject(purchaseSql, String.class, p.contactId(),
					p.occurredAt().toString().replace('T', ' ').replace("Z", ""), p.amountMinor(), p.currency(),
					p.status())).isEqualTo(p.versionKey());
		}
		// and the settlement pair and the references are no part of a version
		assertThat(new Purchase("t", "stripe:ch_9", "c-full", full.occurredAt(), 12345, "EUR", null, null, "paid", "stripe",
				null, "b").versionKey()).isEqualTo(full.versionKey());
		assertThat(jdbc.queryForObject("SELECT LEFT(SHA2(CONCAT_WS(CHAR(0), ?, ?, DATE_FORMAT(CAST(? AS DATETIME(6)), "
				+ "'%Y-%m-%d %H:%i:%s.%f'), CAST(? AS SIGNED), ?, CAST(? AS SIGNED)), 256), 32)", String.class,
				refund.purchaseKey(), refund.contactId(), "2026-03-02 00:00:00", refund.amountMinor(), refund.currency(), 1))
			.isEqualTo(refund.versionKey());
	}

	private static List<Tuple> counted(JdbcTemplate jdbc, String tenant) {
		return jdbc.queryForList("SELECT purchase_key, contact_id, local_date, currency, amount_minor, refunded_minor "
				+ "FROM counted_purchases WHERE tenant_id = ? ORDER BY purchase_key", tenant)
			.stream()
			.map(r -> tuple(r.get("purchase_key"), r.get("contact_id"), r.get("local_date").toString(), r.get("currency"),
					r.get("amount_minor"), r.get("refunded_minor")))
			.toList();
	}

	private static List<Tuple> daily(JdbcTemplate jdbc, String tenant) {
		return jdbc.queryForList("SELECT revenue_date, currency, orders, gross_minor, refunds, refunds_minor, net_minor, "
				+ "new_customers FROM daily_revenue WHERE tenant_id = ? ORDER BY revenue_date, currency", tenant)
			.stream()
			.map(r -> tuple(r.get("revenue_date").toString(), r.get("currency"), r.get("orders"), r.get("gross_minor"),
					r.get("refunds"), r.get("refunds_minor"), r.get("net_minor"), r.get("new_customers")))
			.toList();
	}
}
