package io.touchpoint.jobs.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;

import javax.sql.DataSource;

import org.junit.jupiter.api.Test;
import org.springframework.batch.core.BatchStatus;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

import io.touchpoint.jobs.config.WarehouseDataSource;
import io.touchpoint.jobs.executions.JobRuns;
import io.touchpoint.jobs.support.Inboxes;
import io.touchpoint.jobs.support.IntegrationTest;

/** The same export imported twice, or overlapping exports, are counted once. */
class ImportDeduplicationIntegrationTests extends IntegrationTest {

	private static final LocalDate DATE = LocalDate.of(2026, 11, 3);

	@Autowired
	private JobRuns runs;

	@Autowired
	@WarehouseDataSource
	private DataSource warehouse;

	@Autowired
	private DataSource metadataDataSource;

	@Test
	void theSameFileImportedTwiceUnderAnotherNameIsNotCountedTwice() throws Exception {
		// given
		String tenant = "twice";
		Path first = Inboxes.create(home(), "twice-1");
		Inboxes.copy(first, "stripe", "/inbox/small/unified_payments.csv", "payments.csv");
		Inboxes.copy(first, "hubspot", "/inbox/small/hubspot-contacts.csv", "contacts.csv");
		assertThat(runs.start("import", IngestParameters.oneOff(tenant, DATE, "stripe", "first", first.toString())).getStatus())
			.isEqualTo(BatchStatus.COMPLETED);
		Path second = Inboxes.create(home(), "twice-2");
		Inboxes.copy(second, "stripe", "/inbox/small/unified_payments.csv", "payments-again.csv");
		Inboxes.copy(second, "hubspot", "/inbox/small/hubspot-contacts.csv", "contacts-again.csv");

		// when
		var execution = runs.start("import", IngestParameters.oneOff(tenant, DATE, "stripe", "second", second.toString()));

		// then
		assertThat(execution.getStatus()).isEqualTo(BatchStatus.COMPLETED);
		JdbcTemplate jdbc = new JdbcTemplate(warehouse);
		assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM purchases WHERE tenant_id = ?", Long.class, tenant)).isEqualTo(2);
		assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM tag_applications WHERE tenant_id = ?", Long.class, tenant))
			.isEqualTo(4);
		assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM quarantine WHERE tenant_id = ?", Long.class, tenant)).isEqualTo(2);
		assertThat(new JdbcTemplate(metadataDataSource).queryForObject(
				"SELECT COUNT(*) FROM tp_inbox_files WHERE tenant_id = ? AND duplicate_of IS NOT NULL", Long.class, tenant))
			.isEqualTo(2);
	}

	@Test
	void overlappingExportsLoadEachChargeOnce() throws Exception {
		// given
		String tenant = "overlap";
		Path first = Inboxes.create(home(), "overlap-1");
		Inboxes.copy(first, "stripe", "/inbox/small/unified_payments.csv", "payments.csv");
		assertThat(runs.start("import", IngestParameters.oneOff(tenant, DATE, "stripe", "a", first.toString())).getStatus())
			.isEqualTo(BatchStatus.COMPLETED);
		Path second = Inboxes.create(home(), "overlap-2");
		Files.createDirectories(second.resolve("stripe"));
		Files.writeString(second.resolve("stripe/payments-later.csv"),
				"id,Created date (UTC),Amount,Amount Refunded,Currency,Status,Customer Email\n"
						+ "ch_1,2026-11-01 10:00:00,100.00,0.00,usd,Paid,ann@example.com\n"
						+ "ch_9,2026-11-03 10:00:00,7.50,0.00,usd,Paid,zoe@example.com\n");

		// when
		var execution = runs.start("import", IngestParameters.oneOff(tenant, DATE, "stripe", "b", second.toString()));

		// then
		assertThat(execution.getStatus()).isEqualTo(BatchStatus.COMPLETED);
		JdbcTemplate jdbc = new JdbcTemplate(warehouse);
		assertThat(jdbc.queryForList("SELECT purchase_key FROM purchases WHERE tenant_id = ? ORDER BY purchase_key",
				String.class, tenant)).containsExactly("stripe:ch_1", "stripe:ch_2", "stripe:ch_9");
		assertThat(jdbc.queryForObject("SELECT SUM(amount_minor) FROM purchases WHERE tenant_id = ?", Long.class, tenant))
			.isEqualTo(10000L + 5000L + 750L);
	}
}
