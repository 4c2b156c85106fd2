package io.touchpoint.jobs.rollup;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;

import javax.sql.DataSource;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

import io.touchpoint.jobs.config.WarehouseDataSource;
import io.touchpoint.jobs.rollup.RollupProperties.TouchpointCounting;
import io.touchpoint.jobs.support.IntegrationTest;

/**
 * Rules of docs/rollups.md a reader could read two ways, each against rows computed by hand, night by night,
 * and compared with a rebuild after the last night. Tenant time zone UTC.
 */
class TableMeaningsIntegrationTests extends IntegrationTest {

	@Autowired
	@WarehouseDataSource
	private DataSource warehouse;

	private RollupRunner runner() {
		return new RollupRunner(warehouse, new RollupProperties(ZoneOffset.UTC, TouchpointCounting.EVER, null, 30,
				Duration.ofMinutes(30)), new RollupProperties.TenantSettings(Map.of()));
	}

	/**
	 * <pre>
	 * night 1  c1 buys shopify:1 50.00 USD 03-01 10:00; c2 buys shopify:2 40.00 EUR 04-01 10:00
	 * night 2  refunds of shopify:1 at the same instant 03-10 12:00: r-b individual 30.00, r-a individual 40.00
	 *
	 * counted_refunds  walked by occurred_at, then refund_key (not by amount): r-a adds 4000, r-b the 1000 left
	 *                  under the 5000 cap (smallest first would have given r-b 3000, r-a 2000)
	 * cohort_value     cohort 2026-03 (c1) in USD only: months 0 (5000 - 5000 = 0, the refunds are March's too)
	 *                  and 1 (April: the tenant had a purchase); cohort 2026-04 (c2) in EUR only, month 0 4000;
	 *                  no rows of zeros for the other cohort's currency
	 * </pre>
	 */
	@Test
	void refundsAtOneInstantWalkByKeyAndACohortHasRowsOnlyInItsOwnCurrencies() {
		// given
		String tenant = "table-meanings";
		JdbcTemplate jdbc = new JdbcTemplate(warehouse);
		Facts facts = new Facts(jdbc, tenant);
		RollupRunner runner = runner();

		// when
		facts.batch("n1")
			.contact("c1", "2026-01-01 00:00:00")
			.contact("c2", "2026-01-01 00:00:00")
			.purchase("shopify:1", "c1", "2026-03-01 10:00:00", 5000, "USD", null, null)
			.purchase("shopify:2", "c2", "2026-04-01 10:00:00", 4000, "EUR", null, null);
		runner.incremental(tenant, "n1", RollupRunner.NO_WINDOW_END);
		facts.batch("n2")
			.refund("r-b", "shopify:1", "c1", "2026-03-10 12:00:00", -3000, "USD", false)
			.refund("r-a", "shopify:1", "c1", "2026-03-10 12:00:00", -4000, "USD", false);
		runner.incremental(tenant, "n2", RollupRunner.NO_WINDOW_END);
		Map<String, List<String>> incremental = facts.snapshot();

		// then
		assertThat(jdbc.queryForList("SELECT CONCAT_WS(' ', refund_key, amount_minor) FROM counted_refunds "
				+ "WHERE tenant_id = ? ORDER BY refund_key", String.class, tenant))
			.containsExactly("r-a 4000", "r-b 1000");
		assertThat(jdbc.queryForList("SELECT CONCAT_WS(' ', cohort_month, months_since, currency, contacts, "
				+ "cumulative_net_minor) FROM cohort_value WHERE tenant_id = ? ORDER BY cohort_month, months_since",
				String.class, tenant))
			.containsExactly("2026-03-01 0 USD 1 0", "2026-03-01 1 USD 1 0", "2026-04-01 0 EUR 1 4000");

		// and a rebuild after the last night gives the same tables
		runner.rebuild(tenant, RollupRunner.NO_WINDOW_END);
		assertThat(facts.snapshot()).isEqualTo(incremental);
	}
}
