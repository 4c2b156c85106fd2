package io.touchpoint.jobs.rollup;

import static org.assertj.core.api.Assertions.assertThat;

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
 * A HubSpot contacts export is a snapshot of each listed contact's tags: three nights of exports through the
 * nightly job, the tag changes they mean computed by hand, and after the last night a rebuild.
 *
 * <pre>
 * night 1  Ann webinar;newsletter (modified 03-01 08:00), Bob webinar (03-01 08:00)
 * night 2  Ann webinar (03-02 08:00); Bob not in the export
 * night 3  Ann webinar;vip (03-03 08:00); Bob listed without tags (03-03 08:00)
 *
 * tag_applications  night 1: Ann webinar +1, Ann newsletter +1, Bob webinar +1 (03-01 08:00)
 *                   night 2: Ann newsletter -1 (03-02 08:00); webinar is held, so nothing for it
 *                   night 3: Ann vip +1, Bob webinar -1 (03-03 08:00)
 * contact_touchpoints (tags) after night 2: Ann webinar, Bob webinar; after night 3: Ann vip, Ann webinar
 * (a tag no longer held by a contact without purchases has no row)
 * </pre>
 */
class TagSnapshotsIntegrationTests extends IntegrationTest {

	private static final String TENANT = "snapshots";

	private static final String HEADER = "Record ID,First Name,Last Name,Email,Lifecycle Stage,Create Date,"
			+ "Last Modified Date,Tags\n";

	@Autowired
	private JobRuns runs;

	@Autowired
	private RollupRunner rollups;

	@Autowired
	@WarehouseDataSource
	private DataSource warehouse;

	@Test
	void aTagGoneFromALaterExportIsRemoved() throws Exception {
		// given
		JdbcTemplate jdbc = new JdbcTemplate(warehouse);
		String ann = ContactIds.forEmail(TENANT, "ann@example.com");
		String bob = ContactIds.forEmail(TENANT, "bob@example.com");

		// when night 1 and 2
		night(1, "101,Ann,Archer,ann@example.com,Customer,2026-01-01 09:00,2026-03-01 08:00,webinar;newsletter\n"
				+ "102,Bob,Baker,bob@example.com,Lead,2026-01-01 09:00,2026-03-01 08:00,webinar\n");
		night(2, "101,Ann,Archer,ann@example.com,Customer,2026-01-01 09:00,2026-03-02 08:00,webinar\n");

		// then
		assertThat(tags(jdbc)).containsExactlyInAnyOrder(ann + " webinar", bob + " webinar");

		// when night 3
		night(3, "101,Ann,Archer,ann@example.com,Customer,2026-01-01 09:00,2026-03-03 08:00,webinar;vip\n"
				+ "102,Bob,Baker,bob@example.com,Lead,2026-01-01 09:00,2026-03-03 08:00,\n");
		Map<String, List<String>> incremental = new Facts(jdbc, TENANT).snapshot();

		// then
		assertThat(jdbc.queryForList("SELECT CONCAT_WS(' ', contact_id, tag, sign, occurred_at) FROM tag_applications "
				+ "WHERE tenant_id = ?", String.class, TENANT))
			.containsExactlyInAnyOrder(ann + " newsletter 1 2026-03-01 08:00:00.000000",
					ann + " webinar 1 2026-03-01 08:00:00.000000",
					bob + " webinar 1 2026-03-01 08:00:00.000000", ann + " newsletter -1 2026-03-02 08:00:00.000000",
					ann + " vip 1 2026-03-03 08:00:00.000000", bob + " webinar -1 2026-03-03 08:00:00.000000");
		assertThat(tags(jdbc)).containsExactlyInAnyOrder(ann + " vip", ann + " webinar");

		// and a rebuild after the last night gives the same tables
		rollups.rebuild(TENANT, RollupRunner.NO_WINDOW_END);
		assertThat(new Facts(jdbc, TENANT).snapshot()).isEqualTo(incremental);
	}

	private void night(int night, String rows) throws Exception {
		Path inbox = Inboxes.create(home(), TENANT + "-" + night);
		Files.createDirectories(inbox.resolve("hubspot"));
		Files.writeString(inbox.resolve("hubspot/contacts.csv"), HEADER + rows);
		assertThat(runs.start("nightly", IngestParameters.nightly(TENANT, LocalDate.of(2026, 3, night), inbox.toString()))
			.getStatus()).isEqualTo(BatchStatus.COMPLETED);
	}

	private static List<String> tags(JdbcTemplate jdbc) {
		return jdbc.queryForList("SELECT CONCAT_WS(' ', contact_id, touchpoint) FROM contact_touchpoints WHERE tenant_id = ? "
				+ "AND kind = 'tag' AND held = 1", String.class, TENANT);
	}
}
