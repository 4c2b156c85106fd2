package io.touchpoint.jobs.alerts;

import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.context.event.EventListener;

import io.touchpoint.jobs.checks.CheckResult;
import io.touchpoint.jobs.checks.DataCheckStore;
import io.touchpoint.jobs.executions.JobRuns;

/**
 * When a run that was not failed by its checks ends with data checks that warned, posts one message to the
 * alert webhooks: tenant, night, execution, and each warning's source, check, value and band. A check that
 * failed the night is in the failure alert already ({@link FailureAlerts}). Never fails the run.
 */
public class CheckAlerts {

	private static final Logger log = LoggerFactory.getLogger(CheckAlerts.class);

	private final Webhooks webhooks;

	private final Secrets secrets;

	private final DataCheckStore checks;

	public CheckAlerts(Webhooks webhooks, Secrets secrets, DataCheckStore checks) {
		this.webhooks = webhooks;
		this.secrets = secrets;
		this.checks = checks;
	}

	@EventListener
	public void onRunFinished(JobRuns.RunFinished event) {
		JobExecution execution = event.execution();
		if (!webhooks.configured() || execution.getStatus() == BatchStatus.FAILED) {
			return;
		}
		try {
			List<CheckResult> warnings = checks.forExecution(execution.getId())
				.stream()
				.map(DataCheckStore.Stored::result)
				.filter(r -> r.outcome() == CheckResult.Outcome.WARN)
				.toList();
			if (warnings.isEmpty()) {
				return;
			}
			webhooks.post(secrets.redact(message(execution, warnings)));
		}
		catch (RuntimeException ex) {
			log.warn("Data check alert for execution {} not sent: {}", execution.getId(), ex.getClass().getSimpleName());
		}
	}

	static String message(JobExecution execution, List<CheckResult> warnings) {
		StringBuilder text = new StringBuilder("Touchpoint: data checks warned for tenant ")
			.append(execution.getJobParameters().getString("tenant"))
			.append(" on ")
			.append(execution.getJobParameters().getLocalDate("date"))
			.append(" (execution ")
			.append(execution.getId())
			.append(", ")
			.append(execution.getStatus())
			.append(")");
		for (CheckResult r : warnings) {
			text.append("\n- source ").append(r.source()).append(", check ").append(r.label()).append(": measured ")
				.append(r.measured() == null ? "-" : CheckResult.number(r.measured())).append(", band ").append(r.band())
				.append(" (").append(r.message()).append(")");
		}
		return text.append("\nSee touchpoint execution ").append(execution.getId()).toString();
	}
}
