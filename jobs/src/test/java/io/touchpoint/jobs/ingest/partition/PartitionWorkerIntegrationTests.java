package io.touchpoint.jobs.ingest.partition;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.JobInstance;
import org.springframework.batch.core.job.parameters.JobParameters;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.Step;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.batch.integration.partition.StepExecutionRequest;
import org.springframework.beans.factory.annotation.Autowired;

import io.touchpoint.jobs.ingest.IngestParameters;
import io.touchpoint.jobs.support.IntegrationTest;

/**
 * A worker runs a partition request only while its partition waits to start and its night runs: a night that
 * timed out leaves its requests on the broker queue, and a worker started later must not run them beside the
 * partitions the night's restart sends again (each would read the same records). Against the real metadata
 * database; the partition step records which step executions it was given.
 */
class PartitionWorkerIntegrationTests extends IntegrationTest {

	@Autowired
	private JobRepository repository;

	@Test
	void aRequestOfANightThatGaveUpIsSkippedAndOneOfARunningNightRuns() {
		// given a night that timed out: it and its partition FAILED, the request still on the queue
		JobExecution gaveUp = night("stale", BatchStatus.FAILED);
		StepExecution stale = partition(gaveUp, BatchStatus.FAILED);
		// and a running night whose partition waits to start
		JobExecution running = night("live", BatchStatus.STARTED);
		StepExecution waiting = partition(running, BatchStatus.STARTING);
		List<Long> ran = new ArrayList<>();
		PartitionWorker worker = new PartitionWorker(repository, () -> recording(ran), () -> null);

		// when
		worker.handle(new StepExecutionRequest(PartitionedNormalizeConfiguration.WORKER, stale.getId()));
		worker.handle(new StepExecutionRequest(PartitionedNormalizeConfiguration.WORKER, waiting.getId()));

		// then only the running night's partition ran, and the stale one is still FAILED
		assertThat(ran).containsExactly(waiting.getId());
		assertThat(repository.getStepExecution(stale.getId()).getStatus()).isEqualTo(BatchStatus.FAILED);
	}

	private JobExecution night(String tenant, BatchStatus status) {
		JobParameters parameters = IngestParameters.nightly(tenant, LocalDate.of(2026, 11, 1), "/nowhere");
		JobInstance instance = repository.createJobInstance("nightly", parameters);
		JobExecution execution = repository.createJobExecution(instance, parameters, new ExecutionContext());
		execution.setStatus(status);
		execution.setStartTime(LocalDateTime.now());
		if (!status.isRunning()) {
			execution.setEndTime(LocalDateTime.now());
		}
		repository.update(execution);
		return execution;
	}

	private StepExecution partition(JobExecution night, BatchStatus status) {
		StepExecution step = repository.createStepExecution(PartitionedNormalizeConfiguration.WORKER + ":partition0", night);
		step.setStatus(status);
		repository.update(step);
		return step;
	}

	private static Step recording(List<Long> ran) {
		return new Step() {
			@Override
			public String getName() {
				return PartitionedNormalizeConfiguration.WORKER;
			}

			@Override
			public void execute(StepExecution execution) {
				ran.add(execution.getId());
				execution.setStatus(BatchStatus.COMPLETED);
			}
		};
	}
}
