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
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

import io.touchpoint.jobs.config.WarehouseDataSource;
import io.touchpoint.jobs.executions.JobRuns;
import io.touchpoint.jobs.model.ContactIds;
import io.touchpoint.jobs.report.LtvReport;
import io.touchpoint.jobs.support.Inboxes;
import io.touchpoint.jobs.support.IntegrationTest;

/**
 * The whole nightly chain (fetch, normalize, stage, load, reconcile, rollup, report) on the real
 * embedded MariaDB and S3Proxy over the small hand-made inbox; expected values are computed by hand
 * in src/test/resources/inbox/small/README.md.
 */
class NightlyChainIntegrationTests extends IntegrationTest {

	private static final String TENANT = "chain";

	@Autowired
	private JobRuns runs;

	@Autowired
	@WarehouseDataSource
	private DataSource warehouse;

	@Autowired
	private LtvReport report;

	@Test
	void nightlyRunLoadsCanonicalRowsQuarantinesBadRecordsAndComputesRollupsByHand() throws Exception {
		// given
		Path inbox = Inboxes.standard(home(), TENANT);

		// when
		JobExecution execution = runs.start("nightly", IngestParameters.nightly(TENANT, LocalDate.of(2026, 11, 1),
				inbox.toString()));

		// then
		assertThat(execution.getStatus()).isEqualTo(BatchStatus.COMPLETED);
		JdbcTemplate jdbc = new JdbcTemplate(warehouse);
		assertThat(count(jdbc, "contacts")).isEqualTo(4);
		assertThat(jdbc.queryForList("SELECT email FROM contacts WHERE tenant_id = ? ORDER BY email", String.class, TENANT))
			.containsExactly("ann@example.com", "bob@example.com", "cat@example.com", "eve@example.com");
		assertThat(jdbc.queryForMap("SELECT first_name, last_name, lifecycle_stage FROM contacts WHERE tenant_id = ? "
				+ "AND email = 'ann@example.com'", TENANT))
			.containsEntry("first_name", "Ann").containsEntry("last_name", "Archer").containsEntry("lifecycle_stage", "Customer");
		assertThat(jdbc.queryForObject("SELECT last_name FROM contacts WHERE tenant_id = ? AND email = 'eve@example.com'",
				String.class, TENANT)).isEqualTo("O'Neil, Jr.");
		assertThat(jdbc.queryForList("SELECT purchase_key, amount_minor, currency, settlement_amount_minor FROM purchases "
				+ "WHERE tenant_id = ? ORDER BY purchase_key", TENANT))
			.extracting(row -> tuple(row.get("purchase_key"), row.get("amount_minor"), row.get("currency"),
					row.get("settlement_amount_minor")))
			.containsExactly(tuple("stripe:ch_1", 10000L, "USD", 10000L), tuple("stripe:ch_2", 5000L, "USD", 5000L));
		assertThat(jdbc.queryForMap("SELECT purchase_key, amount_minor, is_cumulative FROM refunds WHERE tenant_id = ?", TENANT))
			.containsEntry("purchase_key", "stripe:ch_2").containsEntry("amount_minor", -2000L);
		assertThat(count(jdbc, "tag_applications")).isEqualTo(4);
		assertThat(count(jdbc, "touchpoints")).isEqualTo(3);

		List<Map<String, Object>> quarantine = jdbc.queryForList(
				"SELECT source, file, line, reason, raw_text FROM quarantine WHERE tenant_id = ? ORDER BY source", TENANT);
		assertThat(quarantine).extracting(row -> tuple(row.get("source"), row.get("file"), row.get("line")))
			.containsExactly(tuple("hubspot", "hubspot/hubspot-contacts.csv", 6L), tuple("segment", "segment/events.jsonl", 4L),
					tuple("stripe", "stripe/unified_payments.csv", 6L));
		assertThat(quarantine.get(0).get("reason").toString()).contains("not-an-email");
		assertThat(quarantine.get(1).get("raw_text").toString()).isEqualTo("{\"type\":\"track\",\"event\":\"Broken\",");
		assertThat(quarantine.get(2).get("reason").toString()).contains("12.345").contains("fraction");
		assertThat(quarantine.get(2).get("raw_text").toString()).startsWith("ch_4,2026-11-01 14:00:00,12.345,");

		String ann = ContactIds.forEmail(TENANT, "ann@example.com");
		Map<String, Object> annValue = jdbc.queryForMap("SELECT * FROM contact_value WHERE tenant_id = ? AND contact_id = ?",
				TENANT, ann);
		assertThat(annValue).containsEntry("currency", "USD").containsEntry("orders", 1L).containsEntry("net_minor", 10000L)
			.containsEntry("first_touch_campaign", "spring_sale").containsEntry("first_touch_channel", "google");
		String bob = ContactIds.forEmail(TENANT, "bob@example.com");
		assertThat(jdbc.queryForMap("SELECT gross_minor, refunds_minor, net_minor FROM contact_value WHERE tenant_id = ? "
				+ "AND contact_id = ?", TENANT, bob))
			.containsEntry("gross_minor", 5000L).containsEntry("refunds_minor", 2000L).containsEntry("net_minor", 3000L);

		assertThat(jdbc.queryForList("SELECT kind, touchpoint, contacts_with, avg_net_with_minor, contacts_without, "
				+ "avg_net_without_minor, lift_minor FROM touchpoint_value WHERE tenant_id = ? AND currency = 'USD' "
				+ "ORDER BY kind, touchpoint", TENANT))
			.extracting(row -> tuple(row.get("kind"), row.get("touchpoint"), row.get("contacts_with"),
					row.get("avg_net_with_minor"), row.get("contacts_without"), row.get("avg_net_without_minor"),
					row.get("lift_minor")))
			.containsExactly(tuple("campaign", "spring_sale", 1L, 10000L, 3L, 1000L, 9000L),
					tuple("event", "Webinar Registered", 1L, 10000L, 3L, 1000L, 9000L),
					tuple("landing_page", "https://shop.example/pricing", 1L, 10000L, 3L, 1000L, 9000L),
					tuple("tag", "newsletter", 2L, 6500L, 2L, 0L, 6500L),
					tuple("tag", "webinar-q3", 2L, 5000L, 2L, 1500L, 3500L));

		assertThat(report.render(TENANT, 5))
			.contains(
					"Contacts tagged webinar-q3 are worth $50 on average; contacts without it $15 (+$35, 2 vs 2 contacts). Too few contacts")
			.contains(
					"Contacts who did \"Webinar Registered\" are worth $100 on average; contacts without it $10 (+$90, 1 vs 3 contacts).");
	}

	@Test
	void runningACompletedNightAgainIsRefusedWithAClearMessage() throws Exception {
		// given
		Path inbox = Inboxes.standard(home(), "rerun");
		var parameters = IngestParameters.nightly("rerun", LocalDate.of(2026, 11, 1), inbox.toString());
		assertThat(runs.start("nightly", parameters).getStatus()).isEqualTo(BatchStatus.COMPLETED);

		// when / then
		org.assertj.core.api.Assertions.assertThatThrownBy(() -> runs.start("nightly", parameters))
			.isInstanceOf(JobRuns.LaunchRefusedException.class)
			.hasMessageContaining("nightly for tenant rerun on 2026-11-01 already completed")
			.hasMessageContaining("nothing to do");
		assertThat(new JdbcTemplate(warehouse).queryForObject("SELECT COUNT(*) FROM purchases WHERE tenant_id = 'rerun'",
				Long.class)).isEqualTo(2);
	}

	@Test
	void aMissingInboxFailsTheRunNamingTheFolderAndARestartAfterTheFilesArriveCompletes() throws Exception {
		// given
		Path inbox = home().resolve("test-inboxes").resolve("late");
		var parameters = IngestParameters.nightly("late", LocalDate.of(2026, 11, 1), inbox.toString());

		// when
		JobExecution failed = runs.start("nightly", parameters);

		// then
		assertThat(failed.getStatus()).isEqualTo(BatchStatus.FAILED);
		assertThat(failed.getAllFailureExceptions()).singleElement()
			.satisfies(ex -> assertThat(io.touchpoint.jobs.failures.FailureMessages.summarize(ex))
				.contains(inbox.toString() + " does not exist").contains("have not arrived"));

		// when the exports arrive
		Inboxes.standard(home(), "late");
		JobExecution restarted = runs.restart(failed.getId());

		// then
		assertThat(restarted.getStatus()).isEqualTo(BatchStatus.COMPLETED);
		assertThat(new JdbcTemplate(warehouse).queryForObject("SELECT COUNT(*) FROM purchases WHERE tenant_id = 'late'",
				Long.class)).isEqualTo(2);
	}

	private static long count(JdbcTemplate jdbc, String table) {
		return jdbc.queryForObject("SELECT COUNT(*) FROM " + table + " WHERE tenant_id = ?", Long.class, TENANT);
	}
}
