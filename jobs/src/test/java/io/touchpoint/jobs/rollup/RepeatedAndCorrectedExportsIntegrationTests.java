package io.touchpoint.jobs.rollup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import javax.sql.DataSource;

import org.junit.jupiter.api.Test;
import org.springframework.batch.core.BatchStatus;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

import io.touchpoint.jobs.config.WarehouseDataSource;
import io.touchpoint.jobs.executions.JobRuns;
import io.touchpoint.jobs.ingest.IngestParameters;
import io.touchpoint.jobs.model.ContactIds;
import io.touchpoint.jobs.support.Inboxes;
import io.touchpoint.jobs.support.IntegrationTest;

/**
 * Two nights of real exports through the nightly job (fetch, normalize, stage, load, rollup), with the
 * changes and repeats real exports carry; after the last night every rollup table must equal a rebuild.
 *
 * <pre>
 * night 1  segment  m1 page "/" by anonymous a1 (google/spring), then m1 again in the same file (a repeated
 *                   delivery); m2 track "Demo Requested" by user usr_ghost with e-mail trait ghost@example.com,
 *                   whom no other source knows
 *          shopify  #1 (id 1) typo@example.com 100.00 USD paid 03-01 10:00; #2 (id 2) zoe@example.com 20.00 paid
 * night 2  segment  m1 again (a lookback), m3 track "Demo Requested" by ghost@example.com
 *          shopify  #1 re-exported with the corrected e-mail ann@example.com, refunded 30.00, total 120.00;
 *                   #2 voided
 *
 * touchpoints     m1, m2, m3 (3 rows; m1 once)
 * purchases       #1 twice (typo, then ann), #2 twice (paid, then voided)
 * counted         shopify:1 ann 12000 refunded 3000 net 9000; #2 nothing
 * contacts        typo, zoe, ann, ghost: ghost exists although only events name it
 * contact_value   ann USD 1 order 9000 net; ghost, typo, zoe '' 0
 * Demo Requested  held by ghost only: contact_touchpoints 1 row, touchpoint_value contacts_with 1
 * fact_changes    night 2: shopify:1 amount 10000 -> 12000, contact typo -> ann, status paid -> refunded;
 *                 shopify:2 status paid -> voided
 * </pre>
 */
class RepeatedAndCorrectedExportsIntegrationTests extends IntegrationTest {

	private static final String TENANT = "repeats";

	@Autowired
	private JobRuns runs;

	@Autowired
	private RollupRunner rollups;

	@Autowired
	@WarehouseDataSource
	private DataSource warehouse;

	@Test
	void repeatedEventsLoadOnceCorrectionsCountTheirLatestVersionAndEventContactsExist() throws Exception {
		// given
		JdbcTemplate jdbc = new JdbcTemplate(warehouse);
		String ann = ContactIds.forEmail(TENANT, "ann@example.com");
		String typo = ContactIds.forEmail(TENANT, "typo@example.com");
		String zoe = ContactIds.forEmail(TENANT, "zoe@example.com");
		String ghost = ContactIds.forEmail(TENANT, "ghost@example.com");
		String m1 = """
				{"type":"page","messageId":"m1","anonymousId":"a1","timestamp":"2026-03-01T09:00:00Z","name":"/",\
				"properties":{"url":"https://shop.example/"},"context":{"campaign":{"source":"google","name":"spring"}}}
				""";
		Path night1 = Inboxes.create(home(), "repeats-1");
		write(night1, "segment/events.jsonl", m1 + m1 + """
				{"type":"track","messageId":"m2","userId":"usr_ghost","timestamp":"2026-03-01T11:00:00Z",\
				"event":"Demo Requested","context":{"traits":{"email":"ghost@example.com"}}}
				""");
		write(night1, "shopify/orders_export_1.csv", """
				Name,Email,Financial Status,Total,Currency,Created at,Refunded Amount,Id
				#1,typo@example.com,paid,100.00,USD,2026-03-01 10:00:00 +0000,,1
				#2,zoe@example.com,paid,20.00,USD,2026-03-01 12:00:00 +0000,,2
				""");
		Path night2 = Inboxes.create(home(), "repeats-2");
		write(night2, "segment/events.jsonl", m1 + """
				{"type":"track","messageId":"m3","userId":"usr_ghost","timestamp":"2026-03-02T11:00:00Z",\
				"event":"Demo Requested","context":{"traits":{"email":"ghost@example.com"}}}
				""");
		write(night2, "shopify/orders_export_1.csv", """
				Name,Email,Financial Status,Total,Currency,Created at,Refunded Amount,Id
				#1,ann@example.com,refunded,120.00,USD,2026-03-01 10:00:00 +0000,30.00,1
				#2,zoe@example.com,voided,20.00,USD,2026-03-01 12:00:00 +0000,,2
				""");

		// when
		assertThat(runs.start("nightly", IngestParameters.nightly(TENANT, LocalDate.of(2026, 3, 1), night1.toString()))
			.getStatus()).isEqualTo(BatchStatus.COMPLETED);
		assertThat(runs.start("nightly", IngestParameters.nightly(TENANT, LocalDate.of(2026, 3, 2), night2.toString()))
			.getStatus()).isEqualTo(BatchStatus.COMPLETED);
		Map<String, List<String>> incremental = new Facts(jdbc, TENANT).snapshot();

		// then
		assertThat(jdbc.queryForList("SELECT event_id FROM touchpoints WHERE tenant_id = ? ORDER BY event_id", String.class,
				TENANT)).containsExactly("m1", "m2", "m3");
		assertThat(jdbc.queryForList("SELECT CONCAT_WS(' ', purchase_key, contact_id, amount_minor, status) FROM purchases "
				+ "WHERE tenant_id = ? ORDER BY purchase_key, loaded_at", String.class, TENANT))
			.containsExactly("shopify:1 " + typo + " 10000 paid", "shopify:1 " + ann + " 12000 refunded",
					"shopify:2 " + zoe + " 2000 paid", "shopify:2 " + zoe + " 2000 voided");
		assertThat(jdbc.queryForList("SELECT CONCAT_WS(' ', purchase_key, contact_id, amount_minor, refunded_minor, "
				+ "net_minor) FROM counted_purchases WHERE tenant_id = ?", String.class, TENANT))
			.containsExactly("shopify:1 " + ann + " 12000 3000 9000");
		assertThat(jdbc.queryForList("SELECT contact_id FROM contacts WHERE tenant_id = ?", String.class, TENANT))
			.containsExactlyInAnyOrder(ann, typo, zoe, ghost);
		assertThat(jdbc.queryForList("SELECT contact_id, currency, orders, net_minor FROM contact_value WHERE tenant_id = ?",
				TENANT))
			.extracting(r -> tuple(r.get("contact_id"), r.get("currency"), r.get("orders"), r.get("net_minor")))
			.containsExactlyInAnyOrder(tuple(ann, "USD", 1L, 9000L), tuple(ghost, "", 0L, 0L), tuple(typo, "", 0L, 0L),
					tuple(zoe, "", 0L, 0L));
		assertThat(jdbc.queryForList("SELECT contact_id FROM contact_touchpoints WHERE tenant_id = ? AND kind = 'event' "
				+ "AND touchpoint = 'Demo Requested'", String.class, TENANT)).containsExactly(ghost);
		assertThat(jdbc.queryForList("SELECT contacts_with FROM touchpoint_value WHERE tenant_id = ? AND kind = 'event' "
				+ "AND touchpoint = 'Demo Requested'", Long.class, TENANT)).containsExactly(1L);
		assertThat(jdbc.queryForList("SELECT CONCAT_WS(' ', fact_key, field, from_value, to_value) FROM fact_changes "
				+ "WHERE tenant_id = ? ORDER BY fact_key, field", String.class, TENANT))
			.containsExactly("shopify:1 amount_minor 10000 12000", "shopify:1 contact_id " + typo + " " + ann,
					"shopify:1 status paid refunded", "shopify:2 status paid voided");

		// and a rebuild after the last night gives the same tables
		rollups.rebuild(TENANT, RollupRunner.NO_WINDOW_END);
		assertThat(new Facts(jdbc, TENANT).snapshot()).isEqualTo(incremental);
	}

	private static void write(Path inbox, String file, String text) throws Exception {
		Path path = inbox.resolve(file);
		Files.createDirectories(path.getParent());
		Files.writeString(path, text);
	}
}
