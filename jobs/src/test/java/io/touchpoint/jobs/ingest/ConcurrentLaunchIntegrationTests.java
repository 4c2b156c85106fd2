package io.touchpoint.jobs.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import javax.sql.DataSource;

import org.junit.jupiter.api.Test;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.parameters.JobParameters;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

import io.touchpoint.jobs.config.WarehouseDataSource;
import io.touchpoint.jobs.executions.JobRuns;
import io.touchpoint.jobs.executions.JobRuns.LaunchRefusedException;
import io.touchpoint.jobs.support.Inboxes;
import io.touchpoint.jobs.support.IntegrationTest;

/**
 * Two launches of one (tenant, date) in one process, from two threads: exactly one runs; the other is
 * refused naming the running execution, and is never taken for an orphan left by a dead process.
 */
class ConcurrentLaunchIntegrationTests extends IntegrationTest {

	@Autowired
	private JobRuns runs;

	@Autowired
	private JobRepository repository;

	@Autowired
	@WarehouseDataSource
	private DataSource warehouse;

	@Test
	void aSecondLaunchWhileTheNightRunsIsRefusedNamingTheRunningExecutionAndTheNightLoadsOnce() throws Exception {
		// given a night held in its stage step
		Path inbox = Inboxes.standard(home(), "concurrent-held");
		JobParameters night = IngestParameters.nightly("concurrent-held", LocalDate.of(2026, 11, 1), inbox.toString());
		CountDownLatch reached = new CountDownLatch(1);
		CountDownLatch release = new CountDownLatch(1);
		faults.holdBeforePublishing(reached, release);
		ExecutorService pool = Executors.newSingleThreadExecutor();
		try {
			Future<JobExecution> first = pool.submit(() -> runs.start("nightly", night));
			assertThat(reached.await(5, TimeUnit.MINUTES)).as("the first launch reached the stage step").isTrue();
			long running = repository.getLastJobExecution("nightly", night).getId();

			// when / then
			assertThatThrownBy(() -> runs.start("nightly", night)).isInstanceOf(LaunchRefusedException.class)
				.hasMessageContaining("nightly for tenant concurrent-held is already running: execution " + running
						+ " (date 2026-11-01")
				.hasMessageContaining("touchpoint stop " + running);
			release.countDown();
			JobExecution done = first.get();
			assertThat(done.getId()).isEqualTo(running);
			assertThat(done.getStatus()).isEqualTo(BatchStatus.COMPLETED);
		}
		finally {
			release.countDown();
			faults.disarm();
			pool.shutdown();
		}
		// the small inbox's 2 purchases, once; one execution of the instance
		assertThat(purchases("concurrent-held")).isEqualTo(2);
		assertThat(repository.getJobExecutions(repository.getJobInstance("nightly", night))).hasSize(1);
	}

	@Test
	void twoThreadsLaunchingOneNightTogetherRunItExactlyOnce() throws Exception {
		// given two threads that start the same night at the same moment
		Path inbox = Inboxes.standard(home(), "concurrent-race");
		JobParameters night = IngestParameters.nightly("concurrent-race", LocalDate.of(2026, 11, 1), inbox.toString());
		CountDownLatch go = new CountDownLatch(1);
		ExecutorService pool = Executors.newFixedThreadPool(2);
		List<Future<JobExecution>> launches = new ArrayList<>();
		try {
			for (int i = 0; i < 2; i++) {
				launches.add(pool.submit(() -> {
					go.await();
					return runs.start("nightly", night);
				}));
			}

			// when
			go.countDown();
			List<JobExecution> ran = new ArrayList<>();
			List<String> refused = new ArrayList<>();
			for (Future<JobExecution> launch : launches) {
				try {
					ran.add(launch.get());
				}
				catch (java.util.concurrent.ExecutionException ex) {
					assertThat(ex.getCause()).isInstanceOf(LaunchRefusedException.class);
					refused.add(ex.getCause().getMessage());
				}
			}

			// then: one ran to completion, the other was refused (while it ran, or after it completed)
			assertThat(ran).hasSize(1);
			assertThat(ran.get(0).getStatus()).as("%s", ran.get(0).getAllFailureExceptions()).isEqualTo(BatchStatus.COMPLETED);
			assertThat(refused).singleElement().asString()
				.containsAnyOf("is being launched", "is already running: execution", "already completed");
			assertThat(purchases("concurrent-race")).isEqualTo(2);
			assertThat(repository.getJobExecutions(repository.getJobInstance("nightly", night))).hasSize(1);
		}
		finally {
			pool.shutdown();
		}
	}

	private long purchases(String tenant) {
		return new JdbcTemplate(warehouse).queryForObject("SELECT COUNT(*) FROM purchases WHERE tenant_id = ?", Long.class,
				tenant);
	}
}
