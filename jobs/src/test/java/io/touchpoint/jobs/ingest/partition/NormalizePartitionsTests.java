package io.touchpoint.jobs.ingest.partition;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.JobInstance;
import org.springframework.batch.core.job.parameters.JobParameters;
import org.springframework.batch.core.step.StepExecution;

/** A failed run is restarted with the partitions it ran with, never read again in another layout. */
class NormalizePartitionsTests {

	@Test
	void aRunNormalizedInPartitionsIsNotRestartedInOneStep() {
		// given the context a partitioned run's normalize step left
		StepExecution restarted = stepExecution();
		restarted.getExecutionContext().putInt(NormalizeLayout.PARTITIONED, 3);

		// when / then
		assertThatThrownBy(() -> NormalizeLayout.oneStep().beforeStep(restarted))
			.isInstanceOf(IllegalStateException.class)
			.hasMessageContaining("ran in 3 partitions: restart it with touchpoint.ingest.partitions=3");
	}

	@Test
	void aRunNormalizedInOneStepIsNotRestartedInPartitions() {
		// given the one-step reader's position in the failed run's normalize context
		StepExecution restarted = stepExecution();
		restarted.getExecutionContext().putInt(NormalizeLayout.ONE_STEP_POSITION, 1);

		// when / then
		assertThatThrownBy(() -> NormalizeLayout.partitioned(2).beforeStep(restarted))
			.isInstanceOf(IllegalStateException.class)
			.hasMessageContaining("restart it with touchpoint.ingest.partitions=1");
	}

	@Test
	void eachLayoutStartsAFreshRun() {
		// given
		StepExecution first = stepExecution();

		// when
		NormalizeLayout.oneStep().beforeStep(first);
		NormalizeLayout.partitioned(2).beforeStep(first);

		// then the partitioned step marks its context
		assertThat(first.getExecutionContext().getInt(NormalizeLayout.PARTITIONED)).isEqualTo(2);
	}

	private static StepExecution stepExecution() {
		JobExecution job = new JobExecution(1L, new JobInstance(1L, "nightly"), new JobParameters());
		return new StepExecution(1L, "normalize", job);
	}
}
