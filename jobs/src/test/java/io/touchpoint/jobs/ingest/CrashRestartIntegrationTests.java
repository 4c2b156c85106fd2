package io.touchpoint.jobs.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import javax.sql.DataSource;

import org.junit.jupiter.api.Test;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

import io.touchpoint.jobs.config.WarehouseDataSource;
import io.touchpoint.jobs.executions.JobRuns;
import io.touchpoint.jobs.support.Inboxes;
import io.touchpoint.jobs.support.IntegrationTest;
import io.touchpoint.jobs.support.WarehouseSnapshot;

/**
 * A run that crashes inside the load step (after some files loaded) or inside the stage step (after
 * some tables published) and is restarted ends with exactly the tables of a clean run: nothing
 * missing, nothing doubled. Parts hold at most 2 rows here, so every table spans several files.
 */
class CrashRestartIntegrationTests extends IntegrationTest {

	private static final LocalDate DATE = LocalDate.of(2026, 11, 1);

	@Autowired
	private JobRuns runs;

	@Autowired
	@WarehouseDataSource
	private DataSource warehouse;

	@Test
	void restartAfterCrashInLoadStepLoadsEveryRowOnce() throws Exception {
		// given a clean run of the same files for another tenant
		Map<String, List<String>> clean = cleanRun("clean-load");
		Path inbox = Inboxes.standard(home(), "crash-load");
		faults.failLoadAfter("crash-load", 3);

		// when
		JobExecution failed = runs.start("nightly", IngestParameters.nightly("crash-load", DATE, inbox.toString()));

		// then the run failed in load with some files loaded, and a restart finishes it
		assertThat(failed.getStatus()).isEqualTo(BatchStatus.FAILED);
		assertThat(step(failed, "load").getStatus()).isEqualTo(BatchStatus.FAILED);
		JdbcTemplate jdbc = new JdbcTemplate(warehouse);
		assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM load_ledger WHERE tenant_id = 'crash-load'", Long.class))
			.isEqualTo(3);
		JobExecution restarted = runs.restart(failed.getId());
		assertThat(restarted.getStatus()).isEqualTo(BatchStatus.COMPLETED);
		Map<String, List<String>> after = WarehouseSnapshot.of(jdbc, "crash-load");
		assertThat(after).isEqualTo(clean);
		assertThat(WarehouseSnapshot.counts(after)).containsEntry("purchases", 2).containsEntry("refunds", 1)
			.containsEntry("tag_applications", 4).containsEntry("touchpoints", 3).containsEntry("quarantine", 3)
			.containsEntry("contacts", 4);
	}

	@Test
	void restartAfterCrashInStageStepPublishesAndLoadsEveryRowOnce() throws Exception {
		// given
		Map<String, List<String>> clean = cleanRun("clean-stage");
		Path inbox = Inboxes.standard(home(), "crash-stage");
		faults.failBeforePublishing("purchases");

		// when
		JobExecution failed = runs.start("nightly", IngestParameters.nightly("crash-stage", DATE, inbox.toString()));

		// then
		assertThat(failed.getStatus()).isEqualTo(BatchStatus.FAILED);
		assertThat(step(failed, "stage").getStatus()).isEqualTo(BatchStatus.FAILED);
		JdbcTemplate jdbc = new JdbcTemplate(warehouse);
		assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM purchases WHERE tenant_id = 'crash-stage'", Long.class))
			.isZero();
		JobExecution restarted = runs.restart(failed.getId());
		assertThat(restarted.getStatus()).isEqualTo(BatchStatus.COMPLETED);
		assertThat(WarehouseSnapshot.of(jdbc, "crash-stage")).isEqualTo(clean);
	}

	private Map<String, List<String>> cleanRun(String tenant) throws Exception {
		Path inbox = Inboxes.standard(home(), tenant);
		JobExecution execution = runs.start("nightly", IngestParameters.nightly(tenant, DATE, inbox.toString()));
		assertThat(execution.getStatus()).isEqualTo(BatchStatus.COMPLETED);
		return WarehouseSnapshot.of(new JdbcTemplate(warehouse), tenant);
	}
}
