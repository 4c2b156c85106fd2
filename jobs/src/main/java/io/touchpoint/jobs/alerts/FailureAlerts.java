package io.touchpoint.jobs.alerts;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.parameters.JobParameters;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.context.event.EventListener;

import io.touchpoint.jobs.executions.JobRuns;
import io.touchpoint.jobs.failures.FailureMessages;

/**
 * When a run of any job ends FAILED (whoever launched it: CLI, scheduler, restart), posts one message to
 * the alert webhooks: job, tenant, date, execution id, the failed step, the error's one-sentence summary,
 * and the command to restart. Every configured secret is masked in it. Never fails the run.
 */
public class FailureAlerts {

	private static final Logger log = LoggerFactory.getLogger(FailureAlerts.class);

	private final Webhooks webhooks;

	private final Secrets secrets;

	public FailureAlerts(Webhooks webhooks, Secrets secrets) {
		this.webhooks = webhooks;
		this.secrets = secrets;
	}

	@EventListener
	public void onRunFinished(JobRuns.RunFinished event) {
		if (!webhooks.configured() || event.execution().getStatus() != BatchStatus.FAILED) {
			return;
		}
		try {
			String text = message(event.execution());
			int delivered = webhooks.post(text);
			log.info("Failure alert for execution {} sent to {} of {} webhook(s)", event.execution().getId(), delivered,
					webhooks.masked().size());
		}
		catch (RuntimeException ex) {
			log.warn("Failure alert for execution {} not sent: {}", event.execution().getId(), ex.getClass().getSimpleName());
		}
	}

	/** The alert text, secrets masked. */
	public String message(JobExecution execution) {
		JobParameters parameters = execution.getJobParameters();
		String job = execution.getJobInstance().getJobName();
		String tenant = parameters.getString("tenant");
		String date = parameters.getLocalDate("from") == null ? String.valueOf(parameters.getLocalDate("date"))
				: parameters.getLocalDate("from") + ".." + parameters.getLocalDate("date") + " (backfill)";
		String failedStep = null;
		String error = null;
		for (StepExecution step : execution.getStepExecutions()) {
			if (step.getStatus() == BatchStatus.FAILED || step.getStatus() == BatchStatus.UNKNOWN) {
				failedStep = step.getStepName();
				error = FailureMessages.stepError(step);
			}
		}
		if (error == null && !execution.getAllFailureExceptions().isEmpty()) {
			error = FailureMessages.summarize(execution.getAllFailureExceptions());
		}
		if (error == null) {
			error = FailureMessages.fromExitDescription(execution.getExitStatus().getExitDescription());
		}
		String text = "Touchpoint: " + job + " FAILED for tenant " + tenant + " on " + date + " (execution "
				+ execution.getId() + ")\n" + "Failed step: " + (failedStep == null ? "(none; the job itself)" : failedStep)
				+ "\n" + "Error: " + (error == null ? "(no message; see touchpoint execution " + execution.getId() + ")" : error)
				+ "\n" + (error != null && error.contains(FailureMessages.RESTART_CANNOT_HELP)
						? "Then abandon it: touchpoint abandon " + execution.getId()
						: "Fix the cause, then restart: touchpoint restart " + execution.getId()
								+ " (see what it will do first: touchpoint restart " + execution.getId() + " --dry-run)");
		String redacted = secrets.redact(text);
		// belt and braces: a message that still holds a configured secret is not sent as is
		return secrets.leaks(redacted) ? "Touchpoint: " + job + " FAILED (execution " + execution.getId()
				+ "); its message was withheld because it quoted a secret. See touchpoint execution " + execution.getId()
				: redacted;
	}
}
