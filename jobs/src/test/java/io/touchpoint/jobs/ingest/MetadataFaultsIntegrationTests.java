package io.touchpoint.jobs.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;

import io.touchpoint.jobs.executions.JobRuns.StateNotSavedException;
import io.touchpoint.jobs.support.FaultIntegrationTest;
import io.touchpoint.jobs.support.FaultProxy;

/**
 * The metadata database (Spring Batch's job repository, and Touchpoint's bookkeeping beside it: inbox files, work
 * parts, run claims) goes away (its connections reset) or hangs (a black hole) at exact points of a night, through
 * a real TCP proxy in front of the shared MariaDB's metadata schema, while the warehouse stays reachable: as a
 * normalize chunk commits, while load loads files, at the step boundary before rollup, and while the rollups run.
 * Spring Batch can then save nothing of the run, so the launch fails naming the metadata database, what happened
 * to it, the execution, and the commands that continue it; once the database is back, {@code recover} then
 * {@code restart} ends with exactly the tables of a clean run.
 */
@Timeout(value = 5, unit = TimeUnit.MINUTES) // a hang guard only: the tests wait on the runs, not on time
class MetadataFaultsIntegrationTests extends FaultIntegrationTest {

	@Test
	void metadataGoneAsANormalizeChunkCommitsStopsNamingItAndRecoverThenRestartLoadsEveryRowOnce() throws Exception {
		// when the metadata database resets every connection as normalize commits the chunk of its second work part
		network.metadata().faultWhenClientSends(commitAfter(statement("INSERT INTO tp_work_parts"), 2), 1,
				FaultProxy.Mode.RESET);
		StateNotSavedException stopped = nightStopping("meta-normalize");

		// then
		assertThat(stopped.getMessage()).contains("could not be saved in the metadata database")
			.contains("the connection to the metadata database at 127.0.0.1:" + network.metadata().port() + "/touchpoint_meta")
			.contains("was lost");
		assertRecoverThenRestartEndsLikeACleanRun(stopped);
	}

	@Test
	void metadataGoneWhileLoadingStopsAfterLoadingEachFileOnceAndRecoverThenRestartLoadsNoneTwice() throws Exception {
		// when the metadata database resets every connection as load sends the third part of contacts to the warehouse
		network.warehouse()
			.whenClientSends(statement("LOAD DATA LOCAL INFILE", "tp_load_contacts", "tenant=meta-load/", "part-00003"), 1,
					network.metadata()::reset);
		StateNotSavedException stopped = nightStopping("meta-load");

		// then load went on into the warehouse (each file with its ledger row) but could not save its own end
		assertThat(stopped.getMessage()).contains("the connection to the metadata database").contains("was lost");
		network.passAll();
		JobExecution recovered = recover(stopped);
		assertThat(ledgerKeys("meta-load")).contains(stagedKey(recovered, "contacts", 3));
		assertRestartEndsLikeACleanRun(recovered);
	}

	@Test
	void metadataGoneAtTheStepBoundaryBeforeRollupStopsAndRecoverThenRestartComputesTheRollupsOnce() throws Exception {
		// when the metadata database resets every connection as Spring Batch records the start of the rollup step
		network.metadata().faultWhenClientSends(statement("INSERT INTO BATCH_STEP_EXECUTION(", "'rollup'"), 1,
				FaultProxy.Mode.RESET);
		StateNotSavedException stopped = nightStopping("meta-boundary");

		// then the facts are loaded and reconciled, no rollup computed
		assertThat(stopped.getMessage()).contains("the connection to the metadata database");
		network.passAll();
		assertThat(count("purchases", "meta-boundary")).isEqualTo(2);
		assertThat(count("contact_value", "meta-boundary")).isZero();
		assertRecoverThenRestartEndsLikeACleanRun(stopped);
	}

	@Test
	void metadataGoneWhileTheRollupsRunStopsAndRecoverThenRestartComputesThemAgainToTheSameRows() throws Exception {
		// when the metadata database resets every connection as the rollup reaches the touchpoint-value table
		network.warehouse()
			.whenClientSends(statement("touchpoint_value", "'meta-rollup'"), 1, network.metadata()::reset);
		StateNotSavedException stopped = nightStopping("meta-rollup");

		// then the warehouse committed the rollups (the step that computed them could not save its end)
		assertThat(stopped.getMessage()).contains("the connection to the metadata database");
		network.passAll();
		assertThat(count("contact_value", "meta-rollup")).isEqualTo(4);
		assertRecoverThenRestartEndsLikeACleanRun(stopped);
	}

	@Test
	void slowMetadataDatabaseTimesOutAndSaysWhichSettingToRaise() throws Exception {
		// when the metadata database stops answering (connections stay open) as a normalize chunk commits
		network.metadata().faultWhenClientSends(commitAfter(statement("INSERT INTO tp_work_parts"), 2), 1,
				FaultProxy.Mode.BLACKHOLE);
		StateNotSavedException stopped = nightStopping("meta-slow");

		// then the configured 10 s socket timeout of the metadata database ended the wait, and the message says so
		assertThat(stopped.getMessage()).contains("timed out waiting for the metadata database")
			.contains("touchpoint.metadata.socket-timeout (10s)")
			.contains("raise it");
		assertRecoverThenRestartEndsLikeACleanRun(stopped);
	}

	/** The night for {@code tenant}, which must stop on the armed metadata fault, and the launch's error. */
	private StateNotSavedException nightStopping(String tenant) {
		StateNotSavedException stopped = catchThrowableOfType(StateNotSavedException.class, () -> night(tenant));
		assertThat(stopped).as("the launch's error").isNotNull();
		assertThat(network.metadata().tripped() || network.warehouse().tripped()).as("the fault happened").isTrue();
		assertThat(stopped.getMessage()).contains("nightly for tenant " + tenant)
			.contains("(execution " + stopped.executionId() + ")")
			.contains("touchpoint recover " + stopped.executionId() + ", then touchpoint restart " + stopped.executionId());
		return stopped;
	}

	/** With the database back, the stopped execution, still marked running, recovered (marked FAILED). */
	private JobExecution recover(StateNotSavedException stopped) {
		network.passAll();
		assertThat(runs.running()).extracting(JobExecution::getId).contains(stopped.executionId());
		JobExecution recovered = runs.recover(stopped.executionId());
		assertThat(recovered.getStatus()).isEqualTo(BatchStatus.FAILED);
		return recovered;
	}

	private void assertRecoverThenRestartEndsLikeACleanRun(StateNotSavedException stopped) throws Exception {
		assertRestartEndsLikeACleanRun(recover(stopped));
	}

	/**
	 * The {@code COMMIT} that follows the {@code nth} statement {@code after} accepts (one in the same transaction
	 * when a single thread sends both).
	 */
	private static Predicate<String> commitAfter(Predicate<String> after, int nth) {
		AtomicInteger seen = new AtomicInteger();
		return text -> {
			if (after.test(text)) {
				seen.incrementAndGet();
				return false;
			}
			return seen.get() >= nth && text.endsWith("COMMIT") && !text.contains("COMMIT_");
		};
	}
}
