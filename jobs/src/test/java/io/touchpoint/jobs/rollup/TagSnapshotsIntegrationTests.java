package io.touchpoint.jobs.rollup;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;

import javax.sql.DataSource;

import org.junit.jupiter.api.Test;
import org.springframework.batch.core.BatchStatus;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

import io.touchpoint.jobs.config.WarehouseDataSource;
import io.touchpoint.jobs.config.WarehouseDialect;
import io.touchpoint.jobs.executions.JobRuns;
import io.touchpoint.jobs.ingest.IngestParameters;
import io.touchpoint.jobs.load.TagSnapshotChanges;
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

	/**
	 * Random listings of 20 contacts from two sources over 8 batches (a contact listed twice in one batch, the
	 * later listing counting; a source of changes that applies a listed tag again in the batch), derived in one
	 * tenant by the MySQL/MariaDB statements and in another by the SingleStore one, run here on MariaDB: both write
	 * the same rows, and after each batch every tag a listing ever named for a contact listed in it sums to 1 when
	 * its latest listing has it and to 0 when not, as the model kept here in Java says.
	 */
	@Test
	void bothDialectsDeriveTheSameChangesAndEachNamedTagIsHeldOnceOrNot() {
		// given
		JdbcTemplate jdbc = new JdbcTemplate(warehouse);
		TagSnapshotChanges temporaryTables = new TagSnapshotChanges(warehouse, WarehouseDialect.MYSQL);
		TagSnapshotChanges oneStatement = new TagSnapshotChanges(warehouse, WarehouseDialect.SINGLESTORE);
		List<String> tenants = List.of("derive-mysql", "derive-singlestore");
		Random random = new Random(7);
		List<String> names = List.of("a", "b", "c", "d");
		Map<String, Set<String>> latest = new HashMap<>();
		Map<String, Set<String>> everNamed = new HashMap<>();
		LocalDateTime start = LocalDateTime.of(2026, 3, 1, 8, 0);

		for (int batch = 1; batch <= 8; batch++) {
			String batchId = "b" + batch;
			Set<String> listedNow = new HashSet<>();
			for (int c = 0; c < 20; c++) {
				if (random.nextInt(3) == 0) {
					continue;
				}
				String contact = String.format("%026d", c);
				String source = random.nextBoolean() ? "hubspot" : "salesforce";
				String key = contact + " " + source;
				listedNow.add(key);
				int listings = 1 + random.nextInt(2);
				for (int l = 0; l < listings; l++) {
					Set<String> tags = new TreeSet<>();
					names.stream().filter(name -> random.nextInt(2) == 0).forEach(tags::add);
					LocalDateTime observed = start.plusDays(batch).plusHours(l);
					for (String tenant : tenants) {
						listing(jdbc, tenant, batchId, contact, source, observed, tags);
					}
					latest.put(key, tags);
					everNamed.computeIfAbsent(key, k -> new TreeSet<>()).addAll(tags);
				}
				if (source.equals("salesforce") && !latest.get(key).isEmpty() && random.nextInt(3) == 0) {
					String restated = latest.get(key).iterator().next();
					for (String tenant : tenants) {
						jdbc.update("INSERT INTO tag_applications (tenant_id, contact_id, tag, sign, occurred_at, source, "
								+ "source_ref, batch_id, staged_file) VALUES (?, ?, ?, 1, ?, ?, 'restated', ?, 'restated')",
								tenant, contact, restated, start.plusDays(batch).minusHours(1), source, batchId);
					}
				}
			}

			// when
			temporaryTables.derive(tenants.get(0), batchId);
			oneStatement.derive(tenants.get(1), batchId);

			// then
			assertThat(applications(jdbc, tenants.get(0))).as("batch " + batch).isEqualTo(applications(jdbc, tenants.get(1)));
			Map<String, Integer> held = new HashMap<>();
			jdbc.query("SELECT contact_id, source, tag, SUM(sign) FROM tag_applications WHERE tenant_id = ? "
					+ "GROUP BY contact_id, source, tag", rs -> {
						held.put(rs.getString(1) + " " + rs.getString(2) + " " + rs.getString(3), rs.getInt(4));
					}, tenants.get(0));
			for (String key : listedNow) {
				for (String tag : everNamed.get(key)) {
					assertThat(held.getOrDefault(key + " " + tag, 0)).as("batch %d: %s %s", batch, key, tag)
						.isEqualTo(latest.get(key).contains(tag) ? 1 : 0);
				}
			}
		}
	}

	private static void listing(JdbcTemplate jdbc, String tenant, String batchId, String contact, String source,
			LocalDateTime observed, Set<String> tags) {
		List<String> rows = new ArrayList<>(tags);
		rows.add("");
		for (String tag : rows) {
			jdbc.update("INSERT INTO tag_snapshots (tenant_id, contact_id, tag, observed_at, source, source_ref, batch_id, "
					+ "staged_file) VALUES (?, ?, ?, ?, ?, 'listing', ?, 'listing')", tenant, contact, tag, observed, source,
					batchId);
		}
	}

	private static List<String> applications(JdbcTemplate jdbc, String tenant) {
		return jdbc.queryForList("SELECT CONCAT_WS(' ', contact_id, source, tag, sign, occurred_at, batch_id) FROM "
				+ "tag_applications WHERE tenant_id = ? ORDER BY contact_id, source, tag, occurred_at, sign, batch_id",
				String.class, tenant);
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
