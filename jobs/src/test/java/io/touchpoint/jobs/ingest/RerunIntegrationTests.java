package io.touchpoint.jobs.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import javax.sql.DataSource;

import org.junit.jupiter.api.Test;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

import io.touchpoint.jobs.config.WarehouseDataSource;
import io.touchpoint.jobs.executions.JobRuns;
import io.touchpoint.jobs.executions.JobRuns.LaunchRefusedException;
import io.touchpoint.jobs.executions.Reruns;
import io.touchpoint.jobs.nightly.RerunSteps;
import io.touchpoint.jobs.support.Inboxes;
import io.touchpoint.jobs.support.IntegrationTest;
import io.touchpoint.jobs.support.WarehouseSnapshot;
import io.touchpoint.scheduler.RunGuard;

/**
 * {@code run nightly --only STEP}: steps of a completed night run again as a {@code rerun} job instance of
 * their own, on the night's batch, with the result the night had; never beside a nightly run of the tenant.
 */
class RerunIntegrationTests extends IntegrationTest {

	private static final LocalDate DATE = LocalDate.of(2026, 11, 1);

	@Autowired
	private JobRuns runs;

	@Autowired
	private Reruns reruns;

	@Autowired
	private RunGuard guard;

	@Autowired
	private DataSource metadataDataSource;

	@Autowired
	@WarehouseDataSource
	private DataSource warehouse;

	@Test
	void rerunningTheRollupOfACompletedNightBringsBackADeletedRollupRowEqualToBefore() throws Exception {
		// given a completed night, and one of its contact_value rows and one touchpoint_value row deleted
		String tenant = "rerun-rollup";
		night(tenant, DATE);
		JdbcTemplate jdbc = new JdbcTemplate(warehouse);
		Map<String, List<String>> before = WarehouseSnapshot.of(jdbc, tenant);
		assertThat(jdbc.update("DELETE FROM contact_value WHERE tenant_id = ? ORDER BY contact_id LIMIT 1", tenant)).isOne();
		assertThat(jdbc.update("DELETE FROM touchpoint_value WHERE tenant_id = ? ORDER BY touchpoint LIMIT 1", tenant)).isOne();
		assertThat(WarehouseSnapshot.of(jdbc, tenant)).isNotEqualTo(before);

		// when
		JobExecution rerun = reruns.rerun(tenant, DATE, RerunSteps.only("rollup"));

		// then the rollups are what the night left, and only the rollup step ran, as run 1 of its own instance
		assertThat(rerun.getStatus()).as("%s", rerun.getAllFailureExceptions()).isEqualTo(BatchStatus.COMPLETED);
		assertThat(WarehouseSnapshot.of(jdbc, tenant)).isEqualTo(before);
		assertThat(rerun.getJobInstance().getJobName()).isEqualTo("rerun");
		assertThat(rerun.getStepExecutions()).extracting(StepExecution::getStepName).containsExactly("rollup");
		assertThat(rerun.getJobParameters().getLong(RerunSteps.RUN)).isEqualTo(1);

		// and asking again is a new run (the completed one cannot run again)
		JobExecution again = reruns.rerun(tenant, DATE, RerunSteps.only("rollup"));
		assertThat(again.getStatus()).isEqualTo(BatchStatus.COMPLETED);
		assertThat(again.getJobParameters().getLong(RerunSteps.RUN)).isEqualTo(2);
		assertThat(WarehouseSnapshot.of(jdbc, tenant)).isEqualTo(before);
	}

	@Test
	void rerunningFromTheLoadStepLoadsAFileRemovedFromTheLedgerOnceAndTheNightReconcilesAgain() throws Exception {
		// given a completed night, then one purchases file unloaded by hand: its rows and its ledger row
		String tenant = "rerun-load";
		night(tenant, DATE);
		JdbcTemplate jdbc = new JdbcTemplate(warehouse);
		Map<String, List<String>> before = WarehouseSnapshot.of(jdbc, tenant);
		String key = jdbc.queryForObject("SELECT MIN(staged_key) FROM load_ledger WHERE tenant_id = ? AND table_name = "
				+ "'purchases'", String.class, tenant);
		long rows = jdbc.queryForObject("SELECT row_count FROM load_ledger WHERE staged_key = ?", Long.class, key);
		assertThat(jdbc.update("DELETE FROM purchases WHERE tenant_id = ? AND staged_file = ?", tenant, key)).isEqualTo(rows);
		jdbc.update("DELETE FROM load_ledger WHERE staged_key = ?", key);

		// when the re-run crashes in its load step, and is asked for again
		faults.failLoadAfter(tenant, 0);
		JobExecution crashed = reruns.rerun(tenant, DATE, RerunSteps.from("load"));
		assertThat(crashed.getStatus()).isEqualTo(BatchStatus.FAILED);
		JobExecution rerun = reruns.rerun(tenant, DATE, RerunSteps.from("load"));

		// then the failed re-run was restarted (same instance, run 1): that one file was loaded again, the batch
		// reconciles, and the warehouse is as the night left it
		assertThat(rerun.getStatus()).as("%s", rerun.getAllFailureExceptions()).isEqualTo(BatchStatus.COMPLETED);
		assertThat(rerun.getJobInstance().getInstanceId()).isEqualTo(crashed.getJobInstance().getInstanceId());
		assertThat(rerun.getJobParameters().getLong(RerunSteps.RUN)).isEqualTo(1);
		assertThat(rerun.getStepExecutions()).extracting(StepExecution::getStepName)
			.containsExactly("load", "reconcile", "rollup", "report");
		assertThat(step(rerun, "load").getWriteCount()).isEqualTo(rows);
		assertThat(WarehouseSnapshot.of(jdbc, tenant)).isEqualTo(before);
	}

	@Test
	void aNightThatDidNotCompleteIsRestartedNotRerun() throws Exception {
		String tenant = "rerun-failed";
		faults.failLoadAfter(tenant, 1);
		JobExecution failed = runs.start("nightly", IngestParameters.nightly(tenant, DATE, inbox(tenant).toString()));
		assertThat(failed.getStatus()).isEqualTo(BatchStatus.FAILED);

		assertThatThrownBy(() -> reruns.rerun(tenant, DATE, RerunSteps.only("rollup")))
			.isInstanceOf(LaunchRefusedException.class)
			.hasMessageContaining("is FAILED (execution " + failed.getId() + ")")
			.hasMessageContaining("touchpoint restart " + failed.getId());
		assertThatThrownBy(() -> reruns.rerun("rerun-never", DATE, RerunSteps.only("report")))
			.isInstanceOf(LaunchRefusedException.class)
			.hasMessageContaining("No nightly run of tenant rerun-never on 2026-11-01");
	}

	@Test
	void aRerunIsRefusedWhileANightOfTheTenantRunsAndARunningRerunHoldsOffTheNightlyJob() throws Exception {
		// given the tenant's first night completed and its second night held in its stage step
		String tenant = "rerun-guard";
		night(tenant, DATE);
		CountDownLatch reached = new CountDownLatch(1);
		CountDownLatch release = new CountDownLatch(1);
		faults.holdBeforePublishing(reached, release);
		ExecutorService pool = Executors.newSingleThreadExecutor();
		try {
			Future<JobExecution> second = pool.submit(() -> runs.start("nightly",
					IngestParameters.nightly(tenant, DATE.plusDays(1), inbox(tenant + "-2").toString())));
			assertThat(reached.await(5, TimeUnit.MINUTES)).as("the second night reached its stage step").isTrue();
			long running = guard.running("nightly", tenant, false).get(0).executionId();

			// when / then
			assertThatThrownBy(() -> reruns.rerun(tenant, DATE, RerunSteps.only("rollup")))
				.isInstanceOf(LaunchRefusedException.class)
				.hasMessageContaining("nightly for tenant " + tenant + " is already running: execution " + running)
				.hasMessageContaining("(date 2026-11-02");
			release.countDown();
			assertThat(second.get().getStatus()).isEqualTo(BatchStatus.COMPLETED);
		}
		finally {
			release.countDown();
			pool.shutdown();
		}

		// and a re-run marked running (as on another node) counts as a running nightly run of the tenant
		JobExecution rerun = reruns.rerun(tenant, DATE, RerunSteps.only("report"));
		JdbcTemplate metadata = new JdbcTemplate(metadataDataSource);
		metadata.update("UPDATE BATCH_JOB_EXECUTION SET STATUS = 'STARTED' WHERE JOB_EXECUTION_ID = ?", rerun.getId());
		try {
			assertThat(guard.running("nightly", tenant, false)).extracting(RunGuard.Running::executionId)
				.containsExactly(rerun.getId());
			assertThat(guard.running("nightly", "rerun-other-tenant", false)).isEmpty();
		}
		finally {
			metadata.update("UPDATE BATCH_JOB_EXECUTION SET STATUS = 'COMPLETED' WHERE JOB_EXECUTION_ID = ?", rerun.getId());
		}
	}

	private JobExecution night(String tenant, LocalDate date) throws Exception {
		JobExecution night = runs.start("nightly", IngestParameters.nightly(tenant, date, inbox(tenant).toString()));
		assertThat(night.getStatus()).isEqualTo(BatchStatus.COMPLETED);
		return night;
	}

	private static Path inbox(String name) throws Exception {
		return Inboxes.standard(home(), name);
	}
}
