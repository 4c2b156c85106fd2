package io.touchpoint.jobs.ingest;

import org.springframework.batch.core.job.JobInterruptedException;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.core.step.StepInterruptionPolicy;

/**
 * A chunk step whose thread is interrupted stops at the chunk boundary as STOPPED, to be restarted from its last
 * committed chunk. Spring Batch's default policy ends the chunk loop on an interrupt without marking the step to
 * stop, so the step completed with the rest of its records unread (a worker's listener thread is interrupted when
 * the worker stops).
 */
public final class StopWhenInterrupted implements StepInterruptionPolicy {

	@Override
	public void checkInterrupted(StepExecution stepExecution) throws JobInterruptedException {
		if (Thread.interrupted()) {
			stepExecution.setTerminateOnly();
			throw new JobInterruptedException("the thread of " + stepExecution.getStepName() + " was interrupted: it stops"
					+ " at this chunk boundary, to be restarted from there");
		}
		if (stepExecution.isTerminateOnly()) {
			throw new JobInterruptedException(stepExecution.getStepName() + " was asked to stop: it stops at this chunk"
					+ " boundary, to be restarted from there");
		}
	}
}
