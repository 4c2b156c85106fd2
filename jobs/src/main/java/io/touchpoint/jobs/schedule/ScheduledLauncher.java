package io.touchpoint.jobs.schedule;

import org.jspecify.annotations.Nullable;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.stereotype.Component;

import io.touchpoint.jobs.config.TouchpointProperties;
import io.touchpoint.jobs.executions.JobRuns;
import io.touchpoint.jobs.ingest.IngestParameters;
import io.touchpoint.jobs.nightly.NightlyJobConfiguration;
import io.touchpoint.scheduler.Launcher;
import io.touchpoint.scheduler.ScheduledRun;

/**
 * A scheduled tenant run, launched like {@code touchpoint run nightly --tenant T --date D}: through
 * {@link JobRuns}, so a completed night is refused, a failed one restarted, and an overlapping run refused. A
 * run Quartz's cluster recovered from a failed node continues the execution that node left running.
 */
@Component
public class ScheduledLauncher implements Launcher {

	private final JobRuns runs;

	private final TouchpointProperties properties;

	public ScheduledLauncher(JobRuns runs, TouchpointProperties properties) {
		this.runs = runs;
		this.properties = properties;
	}

	@Override
	public String launch(ScheduledRun run) {
		return launch(run, null);
	}

	/** Continues the run a failed node left: its execution marked running is recovered and restarted. */
	@Override
	public String launchRecovered(ScheduledRun run, String failedNode) {
		return launch(run, failedNode);
	}

	private String launch(ScheduledRun run, @Nullable String failedNode) {
		if (!NightlyJobConfiguration.NIGHTLY.equals(run.job())) {
			throw new IllegalArgumentException("Schedule " + run.schedule() + " names job '" + run.job()
					+ "'; schedules can run: nightly");
		}
		var parameters = IngestParameters.nightly(run.tenant(), run.businessDate(),
				DefaultInbox.of(properties, run.tenant(), run.businessDate()));
		JobExecution execution = failedNode == null ? runs.start(run.job(), parameters)
				: runs.startRecovered(run.job(), parameters, failedNode);
		return run.job() + " " + run.tenant() + " " + run.businessDate() + ": " + execution.getStatus() + " (execution "
				+ execution.getId() + ")";
	}
}
