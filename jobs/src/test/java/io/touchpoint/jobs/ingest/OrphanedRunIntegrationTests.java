package io.touchpoint.jobs.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.LocalDate;
import java.time.LocalDateTime;

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
import io.touchpoint.jobs.executions.JobRuns;
import io.touchpoint.jobs.support.Inboxes;
import io.touchpoint.jobs.support.IntegrationTest;

/**
 * A run left STARTED by a process that died (no failure recorded) is recovered on the embedded
 * default, where the home lock proves no other process runs it, and then finished by the next launch.
 */
class OrphanedRunIntegrationTests extends IntegrationTest {

	@Autowired
	private JobRuns runs;

	@Autowired
	private JobRepository repository;

	@Autowired
	@WarehouseDataSource
	private DataSource warehouse;

	@Test
	void aRunLeftStartedByADeadProcessIsRecoveredAndFinishedByTheNextLaunch() throws Exception {
		// given an execution marked STARTED whose process is gone
		Path inbox = Inboxes.standard(home(), "orphan");
		var parameters = IngestParameters.nightly("orphan", LocalDate.of(2026, 11, 4), inbox.toString());
		JobInstance instance = repository.createJobInstance("nightly", parameters);
		JobExecution dead = repository.createJobExecution(instance, parameters, new ExecutionContext());
		dead.setStatus(BatchStatus.STARTED);
		dead.setStartTime(LocalDateTime.now().minusHours(1));
		repository.update(dead);

		// when
		JobExecution execution = runs.start("nightly", parameters);

		// then
		assertThat(execution.getStatus()).isEqualTo(BatchStatus.COMPLETED);
		assertThat(execution.getJobInstance().getInstanceId()).isEqualTo(instance.getInstanceId());
		assertThat(repository.getJobExecution(dead.getId()).getStatus()).isEqualTo(BatchStatus.FAILED);
		assertThat(new JdbcTemplate(warehouse).queryForObject("SELECT COUNT(*) FROM purchases WHERE tenant_id = 'orphan'",
				Long.class)).isEqualTo(2);
	}
}
