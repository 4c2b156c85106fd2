package io.touchpoint.jobs.sources;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.nio.file.Path;
import java.time.LocalDate;
import java.time.LocalDateTime;

import javax.sql.DataSource;

import org.junit.jupiter.api.Test;
import org.springframework.batch.core.BatchStatus;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

import io.touchpoint.jobs.config.WarehouseDataSource;
import io.touchpoint.jobs.executions.JobRuns;
import io.touchpoint.jobs.ingest.IngestParameters;
import io.touchpoint.jobs.support.Inboxes;
import io.touchpoint.jobs.support.IntegrationTest;

/**
 * Segment warehouse tables as CSV (the dbt Labs pages row, and tracks/identifies in the same shape)
 * beside the small Stripe export: the pages row's campaign and the tracked event count for the contact
 * the identifies table links their ids to.
 */
class SegmentWarehouseIntegrationTests extends IntegrationTest {

	private static final String TENANT = "segwh";

	@Autowired
	private JobRuns runs;

	@Autowired
	@WarehouseDataSource
	private DataSource warehouse;

	@Test
	void warehouseTablesBecomeTouchpointsResolvedThroughIdentifies() throws Exception {
		// given Stripe: Ann net 10000, Bob 3000 (USD); Segment: a page from campaign autumn_collection_2015 and a
		// "Signed Up" track by user 97980cfea0067, whom identifies links to Ann; a track without any id
		Path inbox = Inboxes.create(home(), TENANT);
		Inboxes.copy(inbox, "stripe", "/inbox/small/unified_payments.csv", "unified_payments.csv");
		for (String table : new String[] { "pages", "tracks", "identifies" }) {
			Inboxes.copy(inbox, "segment", "/fixtures/segment/" + table + ".csv", table + ".csv");
		}

		// when
		var execution = runs.start("nightly", IngestParameters.nightly(TENANT, LocalDate.of(2015, 2, 24), inbox.toString()));

		// then
		assertThat(execution.getStatus()).isEqualTo(BatchStatus.COMPLETED);
		JdbcTemplate jdbc = new JdbcTemplate(warehouse);
		assertThat(jdbc.queryForList("SELECT kind, name, url, channel, campaign, occurred_at FROM touchpoints WHERE tenant_id = ? "
				+ "ORDER BY kind", TENANT))
			.extracting(r -> tuple(r.get("kind"), r.get("name"), r.get("url"), r.get("channel"), r.get("campaign"),
					((java.sql.Timestamp) r.get("occurred_at")).toLocalDateTime()))
			.containsExactly(
					tuple("page", "/product", "https://www.getdbt.com/", "facebook", "autumn_collection_2015",
							LocalDateTime.of(2015, 2, 23, 22, 28, 55)),
					tuple("track", "Signed Up", null, null, null, LocalDateTime.of(2015, 2, 23, 22, 31, 0)));
		assertThat(jdbc.queryForList("SELECT source, file, line, reason FROM quarantine WHERE tenant_id = ? ORDER BY file",
				TENANT))
			.extracting(r -> tuple(r.get("file"), r.get("line"), r.get("reason").toString().contains("12.345")
					|| r.get("reason").equals("neither userId nor anonymousId")))
			.containsExactly(tuple("segment/tracks.csv", 3L, true), tuple("stripe/unified_payments.csv", 6L, true));
		// 2 contacts: Ann 10000 with all three touchpoints (her first page view is her landing page), Bob 3000 without
		assertThat(jdbc.queryForList("SELECT kind, touchpoint, contacts_with, avg_net_with_minor, avg_net_without_minor, "
				+ "lift_minor FROM touchpoint_value WHERE tenant_id = ? ORDER BY kind", TENANT))
			.extracting(r -> tuple(r.get("kind"), r.get("touchpoint"), r.get("contacts_with"), r.get("avg_net_with_minor"),
					r.get("avg_net_without_minor"), r.get("lift_minor")))
			.containsExactly(tuple("campaign", "autumn_collection_2015", 1L, 10000L, 3000L, 7000L),
					tuple("event", "Signed Up", 1L, 10000L, 3000L, 7000L),
					tuple("landing_page", "https://www.getdbt.com/", 1L, 10000L, 3000L, 7000L));
	}
}
