package io.touchpoint.jobs.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import javax.sql.DataSource;

import org.junit.jupiter.api.Test;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

import io.touchpoint.jobs.config.WarehouseDataSource;
import io.touchpoint.jobs.executions.JobRuns;
import io.touchpoint.jobs.support.Inboxes;
import io.touchpoint.jobs.support.IntegrationTest;
import io.touchpoint.jobs.support.WarehouseSnapshot;

/**
 * The nightly job over an inbox holding only the hand-written Ads Manager export under {@code facebook/}
 * (fixtures/facebook/ads_manager_export.csv). By hand: 8 records; line 2 is the total row (filtered);
 * lines 8 (not one day) and 9 (Impressions "1,234") are quarantined; 5 ad_spend rows remain, 3990 + 4200
 * + 1850 + 725 + 99 = 10864 cents USD, 3800 + 4000 + 1800 + 1800 + 120 = 11520 impressions and 76 + 84 + 30
 * + 0 + 3 = 193 link clicks. Parts hold 2 rows here, so ad_spend is staged and loaded as 3 files.
 */
class FacebookIngestIntegrationTests extends IntegrationTest {

	private static final LocalDate DATE = LocalDate.of(2026, 11, 1);

	@Autowired
	private JobRuns runs;

	@Autowired
	@WarehouseDataSource
	private DataSource warehouse;

	@Test
	void nightlyRunLoadsDailyAdSpendInCentsFiltersTheTotalRowAndReconciles() throws Exception {
		// given
		Path inbox = facebookInbox("fbads");

		// when
		JobExecution execution = runs.start("nightly", IngestParameters.nightly("fbads", DATE, inbox.toString()));

		// then
		assertThat(execution.getStatus()).isEqualTo(BatchStatus.COMPLETED);
		assertThat(step(execution, "reconcile").getStatus()).isEqualTo(BatchStatus.COMPLETED);
		StepExecution normalize = step(execution, "normalize");
		assertThat(normalize.getFilterCount()).as("the total row").isEqualTo(1);
		JdbcTemplate jdbc = new JdbcTemplate(warehouse);
		assertThat(jdbc.queryForList("SELECT platform, campaign, ad_set, ad, spend_date, impressions, clicks, amount_minor, "
				+ "currency, source FROM ad_spend WHERE tenant_id = 'fbads' ORDER BY spend_date, campaign, ad"))
			.extracting(row -> tuple(row.get("platform"), row.get("campaign"), row.get("ad_set"), row.get("ad"),
					String.valueOf(row.get("spend_date")), row.get("impressions"), row.get("clicks"), row.get("amount_minor"),
					row.get("currency"), row.get("source")))
			.containsExactly(
					tuple("facebook", "spring_sale", "US, 25-44", "Carousel A", "2026-10-31", 3800L, 76L, 3990L, "USD",
							"facebook"),
					tuple("facebook", "brand_search", "Lookalike 1%", "Static \"Autumn\" banner", "2026-11-01", 120L, 3L,
							99L, "USD", "facebook"),
					tuple("facebook", "retargeting", "Cart abandoners", "Dynamic product ad", "2026-11-01", 1800L, 0L,
							725L, "USD", "facebook"),
					tuple("facebook", "spring_sale", "US, 25-44", "Carousel A", "2026-11-01", 4000L, 84L, 4200L, "USD",
							"facebook"),
					tuple("facebook", "spring_sale", "US, 25-44", "Video B", "2026-11-01", 1800L, 30L, 1850L, "USD",
							"facebook"));
		assertThat(jdbc.queryForMap("SELECT COUNT(*) AS n, SUM(amount_minor) AS spend, SUM(impressions) AS impressions, "
				+ "SUM(clicks) AS clicks FROM ad_spend WHERE tenant_id = 'fbads'"))
			.containsEntry("n", 5L)
			.hasEntrySatisfying("spend", spend -> assertThat(((Number) spend).longValue()).isEqualTo(10864))
			.hasEntrySatisfying("impressions", n -> assertThat(((Number) n).longValue()).isEqualTo(11520))
			.hasEntrySatisfying("clicks", n -> assertThat(((Number) n).longValue()).isEqualTo(193));
		assertThat(jdbc.queryForList("SELECT campaign, SUM(amount_minor) AS spend FROM ad_spend WHERE tenant_id = 'fbads' "
				+ "GROUP BY campaign ORDER BY campaign"))
			.extracting(row -> tuple(row.get("campaign"), ((Number) row.get("spend")).longValue()))
			.containsExactly(tuple("brand_search", 99L), tuple("retargeting", 725L), tuple("spring_sale", 3990L + 4200 + 1850));
		assertThat(jdbc.queryForMap("SELECT COUNT(*) AS files, SUM(row_count) AS rows_loaded, SUM(money_minor) AS money "
				+ "FROM load_ledger WHERE tenant_id = 'fbads' AND table_name = 'ad_spend'"))
			.hasEntrySatisfying("files", n -> assertThat(((Number) n).longValue()).isEqualTo(3))
			.hasEntrySatisfying("rows_loaded", n -> assertThat(((Number) n).longValue()).isEqualTo(5))
			.hasEntrySatisfying("money", n -> assertThat(((Number) n).longValue()).isEqualTo(10864));

		List<Map<String, Object>> quarantine = jdbc.queryForList(
				"SELECT source, file, line, reason FROM quarantine WHERE tenant_id = 'fbads' ORDER BY line");
		assertThat(quarantine).extracting(row -> tuple(row.get("source"), row.get("file"), row.get("line")))
			.containsExactly(tuple("facebook", "facebook/ads_manager_export.csv", 8L),
					tuple("facebook", "facebook/ads_manager_export.csv", 9L));
		assertThat(quarantine.get(0).get("reason").toString()).contains("Breakdown > By time > Day");
		assertThat(quarantine.get(1).get("reason").toString()).contains("Impressions: '1,234'");
	}

	@Test
	void restartAfterCrashInLoadStepLoadsEveryAdSpendRowOnce() throws Exception {
		// given a clean run of the same export for another tenant, and a crash after 2 loaded files
		Path clean = facebookInbox("fbads-clean");
		assertThat(runs.start("nightly", IngestParameters.nightly("fbads-clean", DATE, clean.toString())).getStatus())
			.isEqualTo(BatchStatus.COMPLETED);
		JdbcTemplate jdbc = new JdbcTemplate(warehouse);
		Map<String, List<String>> expected = WarehouseSnapshot.of(jdbc, "fbads-clean");
		Path inbox = facebookInbox("fbads-crash");
		faults.failLoadAfter("fbads-crash", 2);

		// when
		JobExecution failed = runs.start("nightly", IngestParameters.nightly("fbads-crash", DATE, inbox.toString()));
		JobExecution restarted = runs.restart(failed.getId());

		// then
		assertThat(failed.getStatus()).isEqualTo(BatchStatus.FAILED);
		assertThat(restarted.getStatus()).isEqualTo(BatchStatus.COMPLETED);
		Map<String, List<String>> after = WarehouseSnapshot.of(jdbc, "fbads-crash");
		assertThat(after).isEqualTo(expected);
		assertThat(WarehouseSnapshot.counts(after)).containsEntry("ad_spend", 5).containsEntry("quarantine", 2);
	}

	private static Path facebookInbox(String name) throws Exception {
		Path inbox = Inboxes.create(home(), name);
		Inboxes.copy(inbox, "facebook", "/fixtures/facebook/ads_manager_export.csv", "ads_manager_export.csv");
		return inbox;
	}
}
