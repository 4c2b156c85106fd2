package io.touchpoint.jobs.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.JobInstance;
import org.springframework.batch.core.job.JobInterruptedException;
import org.springframework.batch.core.job.parameters.JobParameters;
import org.springframework.batch.core.step.StepExecution;

/** An interrupted chunk step is marked to stop, so that it ends STOPPED rather than COMPLETED with records unread. */
class StopWhenInterruptedTests {

	@Test
	void anInterruptedThreadMarksTheStepToStop() {
		// given
		StepExecution step = stepExecution();
		Thread.currentThread().interrupt();

		// when / then
		assertThatThrownBy(() -> new StopWhenInterrupted().checkInterrupted(step))
			.isInstanceOf(JobInterruptedException.class)
			.hasMessageContaining("normalize-partition:partition0");
		assertThat(step.isTerminateOnly()).isTrue();
		assertThat(Thread.currentThread().isInterrupted()).as("the interrupt is taken").isFalse();
	}

	@Test
	void aStepAskedToStopStops() {
		StepExecution step = stepExecution();
		step.setTerminateOnly();

		assertThatThrownBy(() -> new StopWhenInterrupted().checkInterrupted(step))
			.isInstanceOf(JobInterruptedException.class);
	}

	@Test
	void otherwiseTheStepGoesOn() {
		StepExecution step = stepExecution();

		assertThatCode(() -> new StopWhenInterrupted().checkInterrupted(step)).doesNotThrowAnyException();
		assertThat(step.isTerminateOnly()).isFalse();
	}

	private static StepExecution stepExecution() {
		JobExecution job = new JobExecution(1L, new JobInstance(1L, "nightly"), new JobParameters());
		return new StepExecution(1L, "normalize-partition:partition0", job);
	}
}
