package io.touchpoint.jobs.sources.mapping;

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
import io.touchpoint.jobs.ingest.IngestParameters;
import io.touchpoint.jobs.model.ContactIds;
import io.touchpoint.jobs.support.Inboxes;
import io.touchpoint.jobs.support.IntegrationTest;

/**
 * The nightly job over a source declared only by {@code src/test/resources/mappings/chargebee.yml}
 * (semicolons, {@code dd/MM/yyyy HH:mm} in Europe/Paris, EUR as the constant for the absent Currency
 * column). Expected values by hand from {@code inbox/mapped/invoices.csv}: INV-001 15/01 10:30 Paris (UTC+1)
 * is 09:30 UTC, 19.99 EUR = 1999; INV-002 20/01 18:00 is 17:00 UTC, 501; INV-003 01/07 09:00 (UTC+2) is
 * 07:00 UTC, 100 EUR = 10000, known only by customer id cb-2; INV-004's amount {@code abc} is quarantined.
 */
class MappingFileIntegrationTests extends IntegrationTest {

	private static final String TENANT = "mapped";

	@Autowired
	private JobRuns runs;

	@Autowired
	@WarehouseDataSource
	private DataSource warehouse;

	@Test
	void nightlyRunLoadsAMappedSourceAndComputesItsContactValue() throws Exception {
		// given
		Path inbox = Inboxes.create(home(), TENANT);
		Inboxes.copy(inbox, "chargebee", "/inbox/mapped/invoices.csv", "invoices.csv");

		// when
		JobExecution execution = runs.start("nightly", IngestParameters.nightly(TENANT, LocalDate.of(2026, 7, 2),
				inbox.toString()));

		// then
		assertThat(execution.getStatus()).isEqualTo(BatchStatus.COMPLETED);
		JdbcTemplate jdbc = new JdbcTemplate(warehouse);
		String ann = ContactIds.forEmail(TENANT, "ann@example.com");
		String cb2 = ContactIds.forExternalId(TENANT, "chargebee", "key", "cb-2");
		assertThat(jdbc.queryForList("SELECT purchase_key, contact_id, amount_minor, currency, status, "
				+ "DATE_FORMAT(occurred_at, '%Y-%m-%d %H:%i:%s') AS at FROM purchases WHERE tenant_id = ? "
				+ "ORDER BY purchase_key", TENANT))
			.extracting(row -> tuple(row.get("purchase_key"), row.get("contact_id"), row.get("amount_minor"),
					row.get("currency"), row.get("status"), row.get("at")))
			.containsExactly(tuple("chargebee:INV-001", ann, 1999L, "EUR", "paid", "2026-01-15 09:30:00"),
					tuple("chargebee:INV-002", ann, 501L, "EUR", "paid", "2026-01-20 17:00:00"),
					tuple("chargebee:INV-003", cb2, 10000L, "EUR", "paid", "2026-07-01 07:00:00"));
		assertThat(jdbc.queryForList("SELECT external_id, contact_id FROM contact_identities WHERE tenant_id = ? "
				+ "AND source = 'chargebee' AND id_type = 'key' ORDER BY external_id", TENANT))
			.extracting(row -> tuple(row.get("external_id"), row.get("contact_id")))
			.containsExactly(tuple("cb-1", ann), tuple("cb-2", cb2));

		List<Map<String, Object>> quarantine = jdbc.queryForList(
				"SELECT source, file, line, reason FROM quarantine WHERE tenant_id = ?", TENANT);
		assertThat(quarantine).extracting(row -> tuple(row.get("source"), row.get("file"), row.get("line")))
			.containsExactly(tuple("chargebee", "chargebee/invoices.csv", 5L));
		assertThat(quarantine.get(0).get("reason").toString()).contains("amount (column 'Amount')").contains("'abc'");

		assertThat(jdbc.queryForList("SELECT contact_id, currency, orders, gross_minor, refunds_minor, net_minor, "
				+ "DATE_FORMAT(first_purchase_at, '%Y-%m-%d %H:%i:%s') AS first_purchase FROM contact_value "
				+ "WHERE tenant_id = ? ORDER BY net_minor", TENANT))
			.extracting(row -> tuple(row.get("contact_id"), row.get("currency"), row.get("orders"),
					row.get("gross_minor"), row.get("refunds_minor"), row.get("net_minor"), row.get("first_purchase")))
			.containsExactly(tuple(ann, "EUR", 2L, 2500L, 0L, 2500L, "2026-01-15 09:30:00"),
					tuple(cb2, "EUR", 1L, 10000L, 0L, 10000L, "2026-07-01 07:00:00"));
	}
}
