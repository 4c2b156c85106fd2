package io.touchpoint.jobs.cli;

import java.time.Duration;
import java.time.LocalDateTime;

import org.jspecify.annotations.Nullable;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.step.StepExecution;

import io.touchpoint.jobs.failures.FailureMessages;

/** Human-readable lines about executions, shared by the commands that launch jobs. */
final class Printer {

	private Printer() {
	}

	/** "nightly acme 2026-11-19: COMPLETED in 3.2 s (execution 4, 812 rows written, 3 quarantined)". */
	static String oneLine(JobExecution execution) {
		var parameters = execution.getJobParameters();
		long written = 0;
		long skipped = 0;
		String failure = null;
		for (StepExecution step : execution.getStepExecutions()) {
			if (step.getStepName().equals("load")) {
				written += step.getWriteCount();
			}
			skipped += step.getSkipCount();
			String error = FailureMessages.stepError(step);
			if (error != null) {
				failure = step.getStepName() + " failed: " + error;
			}
		}
		if (execution.getStatus() == BatchStatus.COMPLETED) {
			failure = null;
		}
		else if (failure == null && !execution.getAllFailureExceptions().isEmpty()) {
			failure = FailureMessages.summarize(execution.getAllFailureExceptions());
		}
		String days = parameters.getLocalDate("from") == null ? String.valueOf(parameters.getLocalDate("date"))
				: parameters.getLocalDate("from") + ".." + parameters.getLocalDate("date") + " (backfill)";
		String line = execution.getJobInstance().getJobName() + " " + parameters.getString("tenant") + " "
				+ days + ": " + execution.getStatus() + " in " + seconds(execution.getStartTime(),
						execution.getEndTime())
				+ " (execution " + execution.getId() + ", " + written + " rows loaded, " + skipped + " quarantined)";
		return failure == null ? line
				: line + "\n  " + TouchpointCli.redact(failure) + "\n  " + FailureMessages.nextStep(failure, execution.getId());
	}

	static String seconds(@Nullable LocalDateTime start, @Nullable LocalDateTime end) {
		if (start == null) {
			return "-";
		}
		Duration duration = Duration.between(start, end == null ? LocalDateTime.now() : end);
		return String.format("%.1f s", duration.toMillis() / 1000.0);
	}
}
