package io.touchpoint.jobs.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.nio.file.Path;
import java.time.LocalDate;
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
import io.touchpoint.jobs.model.ContactIds;
import io.touchpoint.jobs.support.Inboxes;
import io.touchpoint.jobs.support.IntegrationTest;

/**
 * The nightly job over the hand-written Shopify orders exports (the current 79-column file and an
 * older 72-column one) on the real embedded MariaDB and S3Proxy. Expected values are computed by hand
 * in src/test/resources/fixtures/shopify/README.md.
 */
class ShopifyIngestIntegrationTests extends IntegrationTest {

	private static final String TENANT = "shop";

	@Autowired
	private JobRuns runs;

	@Autowired
	@WarehouseDataSource
	private DataSource warehouse;

	@Test
	void nightlyRunLoadsOrdersRefundsAndAttributionAndComputesContactValueByHand() throws Exception {
		// given
		Path inbox = Inboxes.create(home(), TENANT);
		Inboxes.copy(inbox, "shopify", "/fixtures/shopify/orders_export_1.csv", "orders_export_1.csv");
		Inboxes.copy(inbox, "shopify", "/fixtures/shopify/orders_export_72_columns.csv", "orders_export_2.csv");

		// when
		JobExecution execution = runs.start("nightly", IngestParameters.nightly(TENANT, LocalDate.of(2025, 10, 27),
				inbox.toString()));

		// then
		assertThat(execution.getStatus()).isEqualTo(BatchStatus.COMPLETED);
		StepExecution normalize = step(execution, "normalize");
		assertThat(normalize.getReadCount()).isEqualTo(9);
		assertThat(normalize.getFilterCount()).as("4 further line items and pending rows").isEqualTo(4);
		assertThat(normalize.getProcessSkipCount()).isEqualTo(1);
		assertThat(normalize.getWriteCount()).isEqualTo(4);

		JdbcTemplate jdbc = new JdbcTemplate(warehouse);
		assertThat(jdbc.queryForList("SELECT email, first_name, last_name FROM contacts WHERE tenant_id = ? ORDER BY email",
				TENANT))
			.extracting(row -> tuple(row.get("email"), row.get("first_name"), row.get("last_name")))
			.containsExactly(tuple("ann@example.com", "Ann", "Archer"), tuple("bob@example.com", "Bob", "van der Berg"),
					tuple("cat@example.com", "Cat", null));
		assertThat(jdbc.queryForList("SELECT purchase_key, amount_minor, currency, status, "
				+ "DATE_FORMAT(occurred_at, '%Y-%m-%d %H:%i:%s') AS at FROM purchases WHERE tenant_id = ? ORDER BY occurred_at",
				TENANT))
			.extracting(row -> tuple(row.get("purchase_key"), row.get("amount_minor"), row.get("currency"), row.get("status"),
					row.get("at")))
			.containsExactly(tuple("shopify:name:#0998", 1500L, "GBP", "paid", "2025-10-20 11:00:00"),
					tuple("shopify:6123456789012", 6445L, "GBP", "paid", "2025-10-25 17:20:05"),
					tuple("shopify:61234567890123", 8000L, "GBP", "partially_refunded", "2025-10-26 00:45:00"),
					tuple("shopify:6123456789020", 1999L, "GBP", "refunded", "2025-10-26 01:15:00"));
		assertThat(jdbc.queryForList("SELECT refund_key, amount_minor, is_cumulative, "
				+ "DATE_FORMAT(occurred_at, '%Y-%m-%d %H:%i:%s') AS at FROM refunds WHERE tenant_id = ? ORDER BY refund_key",
				TENANT))
			.extracting(row -> tuple(row.get("refund_key"), row.get("amount_minor"), row.get("is_cumulative"), row.get("at")))
			.containsExactly(tuple("shopify:61234567890123:refunded:2500", -2500L, 1, "2025-10-26 00:45:00"),
					tuple("shopify:6123456789020:refunded:1999", -1999L, 1, "2025-10-26 09:30:12"));
		assertThat(jdbc.queryForMap("SELECT event_id, kind, name, channel, campaign FROM touchpoints WHERE tenant_id = ?",
				TENANT))
			.containsEntry("event_id", "shopify:6123456789012:attribution")
			.containsEntry("kind", "order_attribution")
			.containsEntry("name", "/collections/knitwear?utm_source=google&utm_campaign=autumn_knits")
			.containsEntry("channel", "google")
			.containsEntry("campaign", "autumn_knits");
		assertThat(jdbc.queryForList("SELECT file, line, reason FROM quarantine WHERE tenant_id = ?", TENANT))
			.singleElement()
			.satisfies(row -> {
				assertThat(row).containsEntry("file", "shopify/orders_export_2.csv").containsEntry("line", 3L);
				assertThat(row.get("reason").toString()).startsWith("Id: '6.12346E+12' is in scientific notation");
			});

		// contact_value: Ann 6445 + 1500 = 7945; Bob 8000 - 2500 = 5500; Cat 1999 - 1999 = 0
		assertThat(contactValue(jdbc, "ann@example.com")).containsEntry("currency", "GBP").containsEntry("orders", 2L)
			.containsEntry("gross_minor", 7945L).containsEntry("refunds_minor", 0L).containsEntry("net_minor", 7945L)
			.containsEntry("first_purchase", "2025-10-20 11:00:00").containsEntry("first_touch_channel", "google")
			.containsEntry("first_touch_campaign", "autumn_knits");
		assertThat(contactValue(jdbc, "bob@example.com")).containsEntry("orders", 1L).containsEntry("gross_minor", 8000L)
			.containsEntry("refunds_minor", 2500L).containsEntry("net_minor", 5500L);
		assertThat(contactValue(jdbc, "cat@example.com")).containsEntry("gross_minor", 1999L)
			.containsEntry("refunds_minor", 1999L).containsEntry("net_minor", 0L);

		// touchpoint_value: autumn_knits is Ann's only; without it (5500 + 0) / 2 = 2750; lift 7945 - 2750 = 5195
		assertThat(jdbc.queryForMap("SELECT contacts_with, avg_net_with_minor, contacts_without, avg_net_without_minor, "
				+ "lift_minor FROM touchpoint_value WHERE tenant_id = ? AND kind = 'campaign' AND touchpoint = 'autumn_knits' "
				+ "AND currency = 'GBP'", TENANT))
			.containsEntry("contacts_with", 1L).containsEntry("avg_net_with_minor", 7945L)
			.containsEntry("contacts_without", 2L).containsEntry("avg_net_without_minor", 2750L)
			.containsEntry("lift_minor", 5195L);
	}

	private Map<String, Object> contactValue(JdbcTemplate jdbc, String email) {
		return jdbc.queryForMap("SELECT currency, orders, gross_minor, refunds_minor, net_minor, first_touch_channel, "
				+ "first_touch_campaign, DATE_FORMAT(first_purchase_at, '%Y-%m-%d %H:%i:%s') AS first_purchase "
				+ "FROM contact_value WHERE tenant_id = ? AND contact_id = ?", TENANT, ContactIds.forEmail(TENANT, email));
	}
}
