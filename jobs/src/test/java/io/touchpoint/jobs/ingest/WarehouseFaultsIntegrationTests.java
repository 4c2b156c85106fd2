package io.touchpoint.jobs.ingest;

import static io.touchpoint.jobs.support.FaultRuns.failure;
import static io.touchpoint.jobs.support.FaultRuns.stagedKey;
import static io.touchpoint.jobs.support.FaultRuns.statement;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import javax.sql.DataSource;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

import io.touchpoint.jobs.config.WarehouseDataSource;
import io.touchpoint.jobs.executions.JobRuns;
import io.touchpoint.jobs.support.FaultProxy;
import io.touchpoint.jobs.support.FaultRuns;
import io.touchpoint.jobs.support.IntegrationTest;
import io.touchpoint.jobs.support.NetworkFaults;
import io.touchpoint.jobs.support.WarehouseSnapshot;

/**
 * The warehouse database goes away (its connections reset) or hangs (a black hole) in the middle of the load
 * step's files and of the rollup transaction, through a real TCP proxy in front of the shared MariaDB (the
 * metadata database stays reachable, as when only the warehouse fails). The step fails with a message naming
 * the file or the rollup, what happened and which setting or server to check; nothing half-done is committed
 * (a file loads with its ledger row, the rollups in one transaction), and once the database is back a restart
 * ends with exactly the tables of a clean run.
 */
@Timeout(value = 5, unit = TimeUnit.MINUTES) // a hang guard only: the tests wait on the runs, not on time
class WarehouseFaultsIntegrationTests extends IntegrationTest {

	private static Map<String, List<String>> clean;

	@Autowired
	private JobRuns runs;

	@Autowired
	private NetworkFaults network;

	@Autowired
	@WarehouseDataSource
	private DataSource warehouse;

	private FaultRuns faultRuns;

	@BeforeEach
	void cleanRunOnce() throws Exception {
		faultRuns = new FaultRuns(runs, warehouse, home());
		if (clean == null) {
			clean = faultRuns.cleanRun("db-clean");
		}
	}

	@AfterEach
	void databaseIsBack() {
		network.passAll();
	}

	@Test
	void databaseGoneMidLoadFailsNamingTheFileAndARestartLoadsEveryRowOnce() throws Exception {
		// given the warehouse resets every connection when the third part of contacts is loaded
		database().faultWhenClientSends(statement("LOAD DATA LOCAL INFILE", "tp_load_contacts", "tenant=db-load/",
				"part-00003"), 1, FaultProxy.Mode.RESET);

		// when
		JobExecution failed = faultRuns.night("db-load");

		// then
		assertThat(failed.getStatus()).isEqualTo(BatchStatus.FAILED);
		String failure = failure(failed, "load");
		assertThat(failure).contains(stagedKey(failed, "contacts", 3)).contains("was not loaded").contains("warehouse");
		network.passAll();
		assertThat(ledgerKeys("db-load")).contains(stagedKey(failed, "contacts", 2))
			.doesNotContain(stagedKey(failed, "contacts", 3));
		assertRestartEndsLikeACleanRun(failed);
	}

	@Test
	void databaseGoneMidRollupFailsCommittingNoRollupAndARestartComputesThemOnce() throws Exception {
		// given the warehouse resets every connection when the rollup reaches the touchpoint-value table
		database().faultWhenClientSends(statement("touchpoint_value", "'db-rollup'"), 1, FaultProxy.Mode.RESET);

		// when
		JobExecution failed = faultRuns.night("db-rollup");

		// then the facts are loaded but no rollup row was committed
		assertThat(failed.getStatus()).isEqualTo(BatchStatus.FAILED);
		String failure = failure(failed, "rollup");
		assertThat(failure).contains("rollup").contains("db-rollup").contains("warehouse");
		network.passAll();
		assertThat(count("contact_value", "db-rollup")).isZero();
		assertThat(count("purchases", "db-rollup")).isEqualTo(2);
		assertRestartEndsLikeACleanRun(failed);
	}

	@Test
	void slowDatabaseTimesOutAndSaysWhichSettingToRaise() throws Exception {
		// given the warehouse stops answering (connections stay open) when the third part of contacts is loaded
		database().faultWhenClientSends(statement("LOAD DATA LOCAL INFILE", "tp_load_contacts", "tenant=db-slow/",
				"part-00003"), 1, FaultProxy.Mode.BLACKHOLE);

		// when
		JobExecution failed = faultRuns.night("db-slow");

		// then the configured 15 s socket timeout ended the wait, and the message says so
		assertThat(failed.getStatus()).isEqualTo(BatchStatus.FAILED);
		assertThat(failure(failed, "load")).contains(stagedKey(failed, "contacts", 3))
			.contains("timed out")
			.contains("touchpoint.warehouse.socket-timeout");
		assertRestartEndsLikeACleanRun(failed);
	}

	private void assertRestartEndsLikeACleanRun(JobExecution failed) throws Exception {
		network.passAll();
		JobExecution restarted = faultRuns.restart(failed);
		assertThat(restarted.getStatus()).isEqualTo(BatchStatus.COMPLETED);
		String tenant = failed.getJobParameters().getString(IngestParameters.TENANT);
		Map<String, List<String>> after = faultRuns.snapshot(tenant);
		assertThat(WarehouseSnapshot.counts(after)).isEqualTo(WarehouseSnapshot.counts(clean));
		assertThat(after).isEqualTo(clean);
		// the fixture: 2 purchases, 1 refund, 4 contacts, 3 quarantined records
		assertThat(WarehouseSnapshot.counts(after)).containsEntry("purchases", 2).containsEntry("refunds", 1)
			.containsEntry("contacts", 4).containsEntry("quarantine", 3);
	}

	private List<String> ledgerKeys(String tenant) {
		return new JdbcTemplate(warehouse).queryForList("SELECT staged_key FROM load_ledger WHERE tenant_id = ?",
				String.class, tenant);
	}

	private long count(String table, String tenant) {
		return new JdbcTemplate(warehouse).queryForObject("SELECT COUNT(*) FROM " + table + " WHERE tenant_id = ?",
				Long.class, tenant);
	}

	private FaultProxy database() {
		return network.warehouse();
	}
}
