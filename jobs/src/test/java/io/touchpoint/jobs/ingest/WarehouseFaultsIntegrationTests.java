package io.touchpoint.jobs.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;

import io.touchpoint.jobs.support.FaultIntegrationTest;
import io.touchpoint.jobs.support.FaultProxy;

/**
 * The warehouse database goes away (its connections reset) or hangs (a black hole) in the middle of the load
 * step's files and of the rollup transaction, through a real TCP proxy in front of the shared MariaDB (the
 * metadata database stays reachable, as when only the warehouse fails). The step fails with a message naming
 * the file or the rollup, what happened and which setting or server to check; nothing half-done is committed
 * (a file loads with its ledger row, the rollups in one transaction), and once the database is back a restart
 * ends with exactly the tables of a clean run.
 */
@Timeout(value = 5, unit = TimeUnit.MINUTES) // a hang guard only: the tests wait on the runs, not on time
class WarehouseFaultsIntegrationTests extends FaultIntegrationTest {

	@Test
	void databaseGoneMidLoadFailsNamingTheFileAndARestartLoadsEveryRowOnce() throws Exception {
		// when the warehouse resets every connection as the third part of contacts is loaded
		JobExecution failed = nightWithDatabaseFault("db-load", loadOfContactsPart("db-load"), FaultProxy.Mode.RESET);

		// then
		assertThat(failure(failed, "load")).contains(stagedKey(failed, "contacts", 3))
			.contains("was not loaded")
			.contains("the connection to the warehouse database")
			.contains("restart");
		network.passAll();
		assertThat(ledgerKeys("db-load")).contains(stagedKey(failed, "contacts", 2))
			.doesNotContain(stagedKey(failed, "contacts", 3));
		assertRestartEndsLikeACleanRun(failed);
	}

	@Test
	void databaseGoneMidRollupFailsCommittingNoRollupAndARestartComputesThemOnce() throws Exception {
		// when the warehouse resets every connection as the rollup reaches the touchpoint-value table
		JobExecution failed = nightWithDatabaseFault("db-rollup", statement("touchpoint_value", "'db-rollup'"),
				FaultProxy.Mode.RESET);

		// then the facts are loaded but no rollup row was committed
		assertThat(failure(failed, "rollup")).contains("the rollups of tenant db-rollup")
			.contains("none of them changed")
			.contains("the connection to the warehouse database");
		network.passAll();
		assertThat(count("contact_value", "db-rollup")).isZero();
		assertThat(count("purchases", "db-rollup")).isEqualTo(2);
		assertRestartEndsLikeACleanRun(failed);
	}

	@Test
	void slowDatabaseTimesOutAndSaysWhichSettingToRaise() throws Exception {
		// when the warehouse stops answering (connections stay open) as the third part of contacts is loaded
		JobExecution failed = nightWithDatabaseFault("db-slow", loadOfContactsPart("db-slow"), FaultProxy.Mode.BLACKHOLE);

		// then the configured 15 s socket timeout ended the wait, and the message says so
		assertThat(failure(failed, "load")).contains(stagedKey(failed, "contacts", 3))
			.contains("timed out waiting for the warehouse database")
			.contains("touchpoint.warehouse.socket-timeout (15s)");
		assertRestartEndsLikeACleanRun(failed);
	}

	private JobExecution nightWithDatabaseFault(String tenant, Predicate<String> when, FaultProxy.Mode mode)
			throws Exception {
		network.warehouse().faultWhenClientSends(when, 1, mode);
		JobExecution failed = night(tenant);
		assertThat(failed.getStatus()).isEqualTo(BatchStatus.FAILED);
		return failed;
	}

	private static Predicate<String> loadOfContactsPart(String tenant) {
		return statement("LOAD DATA LOCAL INFILE", "tp_load_contacts", "tenant=" + tenant + "/", "part-00003");
	}
}
