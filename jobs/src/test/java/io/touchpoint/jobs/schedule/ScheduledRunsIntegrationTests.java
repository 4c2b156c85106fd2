package io.touchpoint.jobs.schedule;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.List;

import javax.sql.DataSource;

import org.junit.jupiter.api.Test;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.JobInstance;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

import io.touchpoint.jobs.config.WarehouseDataSource;
import io.touchpoint.jobs.executions.ExecutionQueries;
import io.touchpoint.jobs.executions.JobRuns;
import io.touchpoint.jobs.ingest.IngestParameters;
import io.touchpoint.jobs.support.Inboxes;
import io.touchpoint.jobs.support.IntegrationTest;
import io.touchpoint.scheduler.MisfirePolicy;
import io.touchpoint.scheduler.RunGuard;
import io.touchpoint.scheduler.Schedule;
import io.touchpoint.scheduler.SchedulerNode;

/**
 * The scheduler node of the application on the embedded MariaDB: a missed nightly fire time runs the
 * nightly job once for the night it was meant for; launches of one (job, tenant) never overlap, whichever
 * process launches them; a run left by a dead process is recovered, then restarted to completion.
 */
class ScheduledRunsIntegrationTests extends IntegrationTest {

	@Autowired
	private SchedulerNodes nodes;

	@Autowired
	private JobRuns runs;

	@Autowired
	private RunGuard guard;

	@Autowired
	private JobRepository repository;

	@Autowired
	private ExecutionQueries queries;

	@Autowired
	private DataSource metadata;

	@Autowired
	@WarehouseDataSource
	private DataSource warehouse;

	@Test
	void aNodeStartedAfterAMissedNightlyFireTimeRunsThatNightOnceForItsBusinessDate() throws Exception {
		// given exports in the default inbox of tenant "sched" for 2021-03-14, and a schedule whose only fire
		// time, 02:00 Paris on 2021-03-15 (01:00 UTC), passed while no node ran
		Path inbox = home().resolve("inbox").resolve("sched").resolve("2021-03-14");
		Inboxes.copy(inbox, "stripe", "/inbox/small/unified_payments.csv", "unified_payments.csv");
		try (SchedulerNode cli = nodes.standby()) {
			cli.schedules().add(new Schedule("sched-missed", "nightly", "0 0 2 15 3 ? 2021", ZoneId.of("Europe/Paris"),
					List.of("sched"), 1, MisfirePolicy.FIRE_ONCE), "cli", false, Instant.parse("2021-03-01T00:00:00Z"));
		}

		// when the node starts, and stops once the run has ended
		try {
			nodes.start();
			awaitTrue(() -> queries.list("nightly", "sched", null, 10).stream()
				.anyMatch(s -> !s.status().equals("STARTING") && !s.status().equals("STARTED")));
		}
		finally {
			nodes.stop();
		}

		// then one execution, for 2021-03-14, completed, and its rows loaded once
		var executions = queries.list("nightly", "sched", null, 10);
		assertThat(executions).singleElement().satisfies(s -> {
			assertThat(s.date()).isEqualTo("2021-03-14");
			assertThat(s.status()).isEqualTo("COMPLETED");
		});
		assertThat(new JdbcTemplate(warehouse).queryForObject("SELECT COUNT(*) FROM purchases WHERE tenant_id = 'sched'",
				Long.class)).isEqualTo(2);
	}

	@Test
	void aSecondLaunchForTheSameJobAndTenantIsRefusedNamingTheRunningExecution() throws Exception {
		// given a nightly run of tenant "overlap" in progress in this process (claimed, marked STARTED)
		RunGuard.Claim claim = guard.claim("nightly", "overlap", false);
		JobExecution running = started(IngestParameters.nightly("overlap", LocalDate.of(2026, 11, 18), "/nowhere"));
		try {

			// when another night of the same tenant is launched here
			assertThatThrownBy(() -> runs.start("nightly", IngestParameters.nightly("overlap", LocalDate.of(2026, 11, 19),
					"/nowhere")))
				// then it is refused, naming the running execution
				.isInstanceOf(JobRuns.LaunchRefusedException.class)
				.hasMessageContaining("nightly for tenant overlap is already running: execution " + running.getId())
				.hasMessageContaining("date 2026-11-18")
				.hasMessageContaining("touchpoint stop " + running.getId());

			// and from another node on the same metadata database
			RunGuard otherNode = new RunGuard(metadata, "other-node");
			assertThatThrownBy(() -> otherNode.claim("nightly", "overlap", false))
				.isInstanceOf(RunGuard.OverlapException.class)
				.hasMessageContaining("execution " + running.getId());

			// a backfill of the tenant is guarded apart, and another tenant is not affected
			otherNode.claim("nightly", "overlap", true).close();
			otherNode.claim("nightly", "other-tenant", false).close();
		}
		finally {
			runs.recover(running.getId());
			claim.close();
		}
	}

	@Test
	void onTheEmbeddedDefaultAClaimLeftByADeadProcessIsStale() {
		// given a claim of another process that was killed before it released it (the home lock proves it is gone)
		new RunGuard(metadata, "killed-process").claim("nightly", "killed", false);

		// then this process takes it
		guard.claim("nightly", "killed", false).close();
	}

	@Test
	void aRunRecoveredFromAFailedNodeTakesOverThatNodesClaimButNoOtherNodes() {
		// given claims left by node-x, which Quartz found failed, and by node-y, which is alive
		new RunGuard(metadata, "node-x").claim("nightly", "orphan", false);
		new RunGuard(metadata, "node-y").claim("nightly", "alive", false);
		RunGuard nodeZ = new RunGuard(metadata, "node-z");

		// then the run recovered from node-x takes node-x's claim, and is refused node-y's
		nodeZ.claim("nightly", "orphan", false, "node-x").close();
		assertThatThrownBy(() -> nodeZ.claim("nightly", "alive", false, "node-x"))
			.hasMessageContaining("being launched by node-y");
	}

	@Test
	void aClaimBeingLaunchedOnAnotherNodeBlocksALaunchUntilReleased() {
		// given another node that has claimed (job, tenant) and is creating its execution
		RunGuard otherNode = new RunGuard(metadata, "node-b");
		RunGuard.Claim claim = otherNode.claim("nightly", "racing", false);

		// then a launch from a third node is refused, naming that node
		RunGuard nodeC = new RunGuard(metadata, "node-c");
		assertThatThrownBy(() -> nodeC.claim("nightly", "racing", false)).hasMessageContaining("being launched by node-b");

		// and once released it can go
		claim.close();
		nodeC.claim("nightly", "racing", false).close();
	}

	@Test
	void aRunLeftRunningByADeadProcessIsRecoveredThenRestartedToCompletion() throws Exception {
		// given an execution marked STARTED whose process is gone
		Path inbox = Inboxes.standard(home(), "recover");
		var parameters = IngestParameters.nightly("recover", LocalDate.of(2026, 11, 6), inbox.toString());
		JobExecution dead = started(parameters);

		// when recovered, then restarted (the dry run first)
		assertThat(runs.recover(dead.getId()).getStatus()).isEqualTo(BatchStatus.FAILED);
		assertThat(runs.planRestart(dead.getId())).extracting(JobRuns.PlannedStep::step, JobRuns.PlannedStep::action)
			.startsWith(org.assertj.core.groups.Tuple.tuple("fetch", "run"));
		JobExecution restarted = runs.restart(dead.getId());

		// then
		assertThat(restarted.getStatus()).isEqualTo(BatchStatus.COMPLETED);
		assertThat(restarted.getJobInstance().getInstanceId()).isEqualTo(dead.getJobInstance().getInstanceId());
		assertThat(new JdbcTemplate(warehouse).queryForObject("SELECT COUNT(*) FROM purchases WHERE tenant_id = 'recover'",
				Long.class)).isEqualTo(2);
		assertThatThrownBy(() -> runs.recover(dead.getId())).hasMessageContaining("not running");
		assertThatThrownBy(() -> runs.abandon(restarted.getId())).hasMessageContaining("completed");
	}

	private JobExecution started(org.springframework.batch.core.job.parameters.JobParameters parameters) throws Exception {
		JobInstance instance = repository.createJobInstance("nightly", parameters);
		JobExecution execution = repository.createJobExecution(instance, parameters, new ExecutionContext());
		execution.setStatus(BatchStatus.STARTED);
		execution.setStartTime(LocalDateTime.now().minusHours(1));
		repository.update(execution);
		return execution;
	}

	/** Waits until the condition holds; the deadline only keeps a broken test from hanging the build. */
	private static void awaitTrue(java.util.function.BooleanSupplier condition) {
		org.awaitility.Awaitility.await("condition").atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofMillis(50))
			.until(condition::getAsBoolean);
	}
}
