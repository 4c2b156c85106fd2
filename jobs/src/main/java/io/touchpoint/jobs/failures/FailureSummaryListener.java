package io.touchpoint.jobs.failures;

import org.jspecify.annotations.Nullable;
import org.springframework.batch.core.ExitStatus;
import org.springframework.batch.core.listener.StepExecutionListener;
import org.springframework.batch.core.step.StepExecution;

import io.touchpoint.jobs.config.DatabaseFailures;

/**
 * Keeps the one sentence that explains a failed step (file, line, key, what to do) in the step's
 * ExecutionContext under {@code failure}, beside Spring Batch's stack trace, for the CLI to show. A failure
 * that came from a database connection also says which database, what happened and what to do.
 */
public class FailureSummaryListener implements StepExecutionListener {

	public static final String FAILURE = "failure";

	private final DatabaseFailures databases;

	public FailureSummaryListener(DatabaseFailures databases) {
		this.databases = databases;
	}

	/** A restarted step starts from its failed predecessor's context: its old sentence is not this run's. */
	@Override
	public void beforeStep(StepExecution stepExecution) {
		stepExecution.getExecutionContext().remove(FAILURE);
	}

	@Override
	public @Nullable ExitStatus afterStep(StepExecution stepExecution) {
		var failures = stepExecution.getFailureExceptions();
		if (!failures.isEmpty()) {
			String summary = FailureMessages.summarize(failures);
			String database = databases.explain(failures.get(failures.size() - 1));
			stepExecution.getExecutionContext().putString(FAILURE, database == null ? summary : summary + "; " + database);
		}
		return null;
	}
}
