package io.touchpoint.jobs.ingest;

import org.springframework.batch.core.ExitStatus;
import org.springframework.batch.core.listener.StepExecutionListener;
import org.springframework.batch.core.step.StepExecution;

import io.touchpoint.jobs.executions.FailureMessages;

/**
 * Keeps the one sentence that explains a failed step (file, line, key, what to do) in the step's
 * ExecutionContext under {@code failure}, beside Spring Batch's stack trace, for the CLI to show.
 */
public class FailureSummaryListener implements StepExecutionListener {

	public static final String FAILURE = "failure";

	@Override
	public ExitStatus afterStep(StepExecution stepExecution) {
		if (!stepExecution.getFailureExceptions().isEmpty()) {
			stepExecution.getExecutionContext()
				.putString(FAILURE, FailureMessages.summarize(stepExecution.getFailureExceptions()));
		}
		return null;
	}
}
