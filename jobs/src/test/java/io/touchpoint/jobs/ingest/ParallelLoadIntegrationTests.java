package io.touchpoint.jobs.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import javax.sql.DataSource;

import org.junit.jupiter.api.Test;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.scope.context.ChunkContext;
import org.springframework.batch.core.scope.context.StepContext;
import org.springframework.batch.core.step.StepContribution;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.infrastructure.repeat.RepeatStatus;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import software.amazon.awssdk.services.s3.S3Client;

import io.touchpoint.jobs.config.Endpoints;
import io.touchpoint.jobs.config.WarehouseDataSource;
import io.touchpoint.jobs.executions.JobRuns;
import io.touchpoint.jobs.load.TagSnapshotChanges;
import io.touchpoint.jobs.progress.ProgressMeters;
import io.touchpoint.jobs.support.Inboxes;
import io.touchpoint.jobs.support.IntegrationTest;
import io.touchpoint.jobs.support.WarehouseSnapshot;
import io.touchpoint.writers.load.StagedFileLoader;

/**
 * The load step with {@code touchpoint.ingest.threads} = 2 (tables loading at once, each on its own
 * connection), run as a tasklet over a real staged batch: the shared test context runs the job at 1
 * thread, so the batch is staged by a run whose load fails before its first file, then loaded here on two
 * threads, once with a crash part-way and once to the end. Parts hold at most 2 rows, so each table spans
 * several files. The warehouse must then equal a clean one-thread run's, ledger included.
 */
class ParallelLoadIntegrationTests extends IntegrationTest {

	private static final LocalDate DATE = LocalDate.of(2026, 11, 2);

	@Autowired
	private JobRuns runs;

	@Autowired
	@WarehouseDataSource
	private DataSource warehouse;

	@Autowired
	private S3Client s3;

	@Autowired
	private StagedFileLoader loader;

	@Autowired
	private Endpoints endpoints;

	@Autowired
	private TagSnapshotChanges tagSnapshots;

	@Test
	void tablesLoadedOnTwoThreadsEqualAOneThreadRunAndACrashLeavesWhatARestartFinishes() throws Exception {
		JdbcTemplate jdbc = new JdbcTemplate(warehouse);
		JobExecution clean = runs.start("nightly", IngestParameters.nightly("par-clean", DATE,
				Inboxes.standard(home(), "par-clean").toString()));
		assertThat(clean.getStatus()).isEqualTo(BatchStatus.COMPLETED);
		// a batch staged, its load failed before the first file
		Path inbox = Inboxes.standard(home(), "par-load");
		faults.failLoadAfter("par-load", 0);
		JobExecution failed = runs.start("nightly", IngestParameters.nightly("par-load", DATE, inbox.toString()));
		assertThat(failed.getStatus()).isEqualTo(BatchStatus.FAILED);
		assertThat(ledgerFiles(jdbc, "par-load")).isZero();
		StepExecution load = step(failed, "load");
		LoadTasklet twoThreads = new LoadTasklet(s3, loader, endpoints.bucket(), faults,
				ProgressMeters.logging(Duration.ofSeconds(10)), 2, tagSnapshots);

		// when two threads load, and the fifth file to start fails
		faults.failLoadAfter("par-load", 4);
		assertThatThrownBy(() -> twoThreads.execute(load.createStepContribution(), new ChunkContext(new StepContext(load))))
			.hasMessageStartingWith("injected crash before loading ")
			.hasMessageContaining("tenant=par-load/");

		// then four files loaded, or five if the other thread had started one more before it saw the failure
		assertThat(ledgerFiles(jdbc, "par-load")).isBetween(4L, 5L);

		// when two threads load again, then they load the rest and skip what is done
		StepContribution contribution = load.createStepContribution();
		assertThat(twoThreads.execute(contribution, new ChunkContext(new StepContext(load))))
			.isEqualTo(RepeatStatus.FINISHED);
		assertThat(contribution.getExitStatus().getExitDescription()).contains("already loaded before a restart");
		assertThat(ledger(jdbc, "par-load")).isEqualTo(ledger(jdbc, "par-clean"));

		// and the restarted run (its load step finds every file loaded) ends with the clean run's tables
		JobExecution restarted = runs.restart(failed.getId());
		assertThat(restarted.getStatus()).isEqualTo(BatchStatus.COMPLETED);
		Map<String, List<String>> after = WarehouseSnapshot.of(jdbc, "par-load");
		assertThat(after).isEqualTo(WarehouseSnapshot.of(jdbc, "par-clean"));
		// the standard inbox, counted by hand in CrashRestartIntegrationTests
		assertThat(WarehouseSnapshot.counts(after)).containsEntry("purchases", 2).containsEntry("refunds", 1)
			.containsEntry("tag_applications", 4).containsEntry("touchpoints", 3).containsEntry("quarantine", 3)
			.containsEntry("contacts", 4);
	}

	private static long ledgerFiles(JdbcTemplate jdbc, String tenant) {
		return jdbc.queryForObject("SELECT COUNT(*) FROM load_ledger WHERE tenant_id = ?", Long.class, tenant);
	}

	/** Files and rows per table in the load ledger. */
	private static List<String> ledger(JdbcTemplate jdbc, String tenant) {
		return jdbc.queryForList("SELECT CONCAT(table_name, ' ', COUNT(*), ' files ', SUM(row_count), ' rows')"
				+ " FROM load_ledger WHERE tenant_id = ? GROUP BY table_name ORDER BY table_name", String.class, tenant);
	}
}
