package io.touchpoint.jobs.executions;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import javax.sql.DataSource;

import org.junit.jupiter.api.Test;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.parameters.JobParameters;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

import io.touchpoint.jobs.config.WarehouseDataSource;
import io.touchpoint.jobs.ingest.IngestParameters;
import io.touchpoint.jobs.support.Inboxes;
import io.touchpoint.jobs.support.IntegrationTest;

/**
 * purge removes exactly the runs nothing will restart: every execution ended before the cutoff and the
 * last one completed or abandoned. History is built by running real nights, then ageing some of their
 * executions to 2001 (no other test writes dates that old, so the counts are exactly these runs').
 */
class HistoryPurgeIntegrationTests extends IntegrationTest {

	private static final LocalDate DATE = LocalDate.of(2026, 10, 1);

	private static final LocalDateTime LONG_AGO = LocalDateTime.of(2001, 1, 10, 3, 0);

	private static final LocalDateTime CUTOFF = LocalDateTime.of(2001, 6, 1, 0, 0);

	@Autowired
	private JobRuns runs;

	@Autowired
	private HistoryPurge purge;

	@Autowired
	private JobRepository repository;

	@Autowired
	private DataSource metadataDataSource;

	@Autowired
	@WarehouseDataSource
	private DataSource warehouse;

	@Test
	void purgeRemovesOnlyRunsThatEndedBeforeTheCutoffAndWillNeverRestartWithTheirBookkeeping() throws Exception {
		// given five nights: old and completed, old and abandoned (purged); recent and completed, old and
		// failed (restartable), old failure restarted recently (kept)
		JobExecution done = night("purge-done");
		JobExecution abandoned = runs.abandon(failedNight("purge-abandoned").getId());
		JobExecution recent = night("purge-recent");
		JobExecution failed = failedNight("purge-failed");
		JobExecution oldFailure = failedNight("purge-restarted");
		age(done, abandoned, failed, oldFailure);
		JobExecution restarted = runs.restart(oldFailure.getId());
		assertThat(restarted.getStatus()).isEqualTo(BatchStatus.COMPLETED);
		JdbcTemplate metadata = new JdbcTemplate(metadataDataSource);
		String doneBatch = batch(done);
		String abandonedBatch = batch(abandoned);
		for (String batch : List.of(doneBatch, batch(failed))) {
			metadata.update("INSERT INTO tp_api_fetches (batch_id, tenant_id, source, stream, window_from, window_to, done) "
					+ "VALUES (?, 'purge', 'stripe', 'charges', '2001-01-09T00:00:00Z', '2001-01-10T00:00:00Z', 1)", batch);
		}
		long workParts = metadata.queryForObject("SELECT COUNT(*) FROM tp_work_parts WHERE batch_id IN (?, ?)", Long.class,
				doneBatch, abandonedBatch);
		assertThat(workParts).isPositive();
		long warehouseRows = warehouseRows();

		// when counted dry, then purged one run per transaction
		HistoryPurge.Result dry = purge.purge(CUTOFF, 1, true);
		HistoryPurge.Result purged = purge.purge(CUTOFF, 1, false);

		// then: 2 runs of 1 execution each; each execution has 3 parameters (tenant, date, inbox) and one
		// context; the completed night ran 9 steps (fetch, fetch-api, normalize, stage, load, reconcile, checks, rollup,
		// report), the abandoned one 5 (fetch, fetch-api, normalize, stage,
		// load), each step with its context; the abandoned batch's 3 inbox files never loaded; one API fetch row
		Map<String, Long> expected = new LinkedHashMap<>();
		expected.put("BATCH_STEP_EXECUTION_CONTEXT", 14L);
		expected.put("BATCH_STEP_EXECUTION", 14L);
		expected.put("BATCH_JOB_EXECUTION_CONTEXT", 2L);
		expected.put("BATCH_JOB_EXECUTION_PARAMS", 6L);
		expected.put("BATCH_JOB_EXECUTION", 2L);
		expected.put("BATCH_JOB_INSTANCE", 2L);
		expected.put("tp_work_parts", workParts);
		expected.put("tp_api_fetches", 1L);
		expected.put("tp_inbox_files", 3L);
		assertThat(dry.instances()).isEqualTo(2);
		assertThat(dry.rows()).containsExactlyEntriesOf(expected);
		assertThat(purged.instances()).isEqualTo(2);
		assertThat(purged.rows()).containsExactlyEntriesOf(expected);

		assertThat(instanceExists("purge-done")).isFalse();
		assertThat(instanceExists("purge-abandoned")).isFalse();
		assertThat(instanceExists("purge-recent")).isTrue();
		assertThat(instanceExists("purge-failed")).isTrue();
		assertThat(instanceExists("purge-restarted")).isTrue();
		assertThat(repository.getJobExecution(recent.getId())).isNotNull();
		assertThat(repository.getJobExecution(failed.getId()).getStepExecutions()).hasSize(5);
		assertThat(metadata.queryForObject("SELECT COUNT(*) FROM tp_work_parts WHERE batch_id IN (?, ?)", Long.class,
				doneBatch, abandonedBatch)).isZero();
		assertThat(metadata.queryForObject("SELECT COUNT(*) FROM tp_api_fetches WHERE batch_id = ?", Long.class,
				batch(failed))).isEqualTo(1);
		// the completed night's 3 loaded files stay for the duplicate check; the warehouse is untouched
		assertThat(metadata.queryForObject("SELECT COUNT(*) FROM tp_inbox_files WHERE batch_id = ?", Long.class, doneBatch))
			.isEqualTo(3);
		assertThat(warehouseRows()).isEqualTo(warehouseRows);
		assertThat(purge.purge(CUTOFF, 1000, false).instances()).isZero();
	}

	@Test
	void aPurgedNightLaunchedAgainStartsANewRunWhoseFilesAreDuplicatesAndLoadNothing() throws Exception {
		// given a purged night
		JobExecution first = night("purge-again");
		age(first);
		purge.purge(CUTOFF, 1000, false);
		assertThat(instanceExists("purge-again")).isFalse();
		long purchases = purchases("purge-again");

		// when the same night is launched again
		JobExecution again = runs.start("nightly", parameters("purge-again"));

		// then it runs as a new instance, and the standard inbox's 2 purchases are still there once
		assertThat(again.getStatus()).isEqualTo(BatchStatus.COMPLETED);
		assertThat(again.getJobInstance().getInstanceId()).isNotEqualTo(first.getJobInstance().getInstanceId());
		assertThat(purchases("purge-again")).isEqualTo(purchases).isEqualTo(2);
	}

	private JobExecution night(String tenant) throws Exception {
		JobExecution execution = runs.start("nightly", parameters(tenant));
		assertThat(execution.getStatus()).isEqualTo(BatchStatus.COMPLETED);
		return execution;
	}

	private JobExecution failedNight(String tenant) throws Exception {
		faults.failLoadAfter(tenant, 1);
		JobExecution execution = runs.start("nightly", parameters(tenant));
		assertThat(execution.getStatus()).isEqualTo(BatchStatus.FAILED);
		return execution;
	}

	private JobParameters parameters(String tenant) throws Exception {
		Path inbox = Inboxes.standard(home(), tenant);
		return IngestParameters.nightly(tenant, DATE, inbox.toString());
	}

	private void age(JobExecution... executions) {
		for (JobExecution execution : executions) {
			new JdbcTemplate(metadataDataSource).update("UPDATE BATCH_JOB_EXECUTION SET CREATE_TIME = ?, START_TIME = ?, "
					+ "END_TIME = ?, LAST_UPDATED = ? WHERE JOB_EXECUTION_ID = ?", LONG_AGO, LONG_AGO, LONG_AGO.plusMinutes(5),
					LONG_AGO.plusMinutes(5), execution.getId());
		}
	}

	private boolean instanceExists(String tenant) throws Exception {
		return repository.getJobInstance("nightly", parameters(tenant)) != null;
	}

	private static String batch(JobExecution execution) {
		return execution.getExecutionContext().getString("batchId");
	}

	private long warehouseRows() {
		return new JdbcTemplate(warehouse).queryForObject("SELECT (SELECT COUNT(*) FROM load_ledger) + "
				+ "(SELECT COUNT(*) FROM quarantine)", Long.class);
	}

	private long purchases(String tenant) {
		return new JdbcTemplate(warehouse).queryForObject("SELECT COUNT(*) FROM purchases WHERE tenant_id = ?", Long.class,
				tenant);
	}
}
