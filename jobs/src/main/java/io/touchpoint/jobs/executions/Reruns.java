package io.touchpoint.jobs.executions;

import java.time.LocalDate;
import java.util.List;

import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.JobInstance;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.stereotype.Component;

import io.touchpoint.jobs.ingest.IngestParameters;
import io.touchpoint.jobs.nightly.NightlyJobConfiguration;
import io.touchpoint.jobs.nightly.RerunJobConfiguration;
import io.touchpoint.jobs.nightly.RerunSteps;

/**
 * {@code touchpoint run nightly --only STEP}: runs some steps of a night that completed again, as a
 * JobInstance of the {@code rerun} job numbered after the earlier re-runs of the same steps for that night.
 * A re-run that failed or stopped is restarted by asking again (it keeps its number); one that completed
 * or was abandoned makes the next ask a new number. Launched through {@link JobRuns}, so it is refused
 * while a nightly run of the tenant runs, and a nightly run is refused while it runs.
 */
@Component
public class Reruns {

	private final JobRuns runs;

	private final JobRepository repository;

	public Reruns(JobRuns runs, JobRepository repository) {
		this.runs = runs;
		this.repository = repository;
	}

	/** Runs {@code steps} (see {@link RerunSteps}) of the tenant's completed night {@code date} again, to their end. */
	public JobExecution rerun(String tenant, LocalDate date, List<String> steps) {
		String job = NightlyJobConfiguration.NIGHTLY;
		JobInstance night = repository.getJobInstance(job, IngestParameters.night(tenant, date));
		JobExecution last = night == null ? null : repository.getLastJobExecution(night);
		if (last == null) {
			throw new JobRuns.LaunchRefusedException("No " + job + " run of tenant " + tenant + " on " + date
					+ " to run steps of again: run the night itself (touchpoint run nightly --tenant " + tenant + " --date "
					+ date + ").");
		}
		if (last.getStatus() != BatchStatus.COMPLETED) {
			throw new JobRuns.LaunchRefusedException(job + " for tenant " + tenant + " on " + date + " is " + last.getStatus()
					+ " (execution " + last.getId() + "), not completed: "
					+ (last.getStatus() == BatchStatus.ABANDONED ? "it was abandoned, so it has nothing to run again."
							: "restart it instead (touchpoint restart " + last.getId()
									+ "), which runs its remaining steps."));
		}
		return runs.start(RerunJobConfiguration.RERUN, RerunSteps.parameters(job, tenant, date, steps, run(job, tenant, date,
				steps)));
	}

	/** The first run number whose instance is absent, failed or stopped (a failed re-run is restarted). */
	private long run(String job, String tenant, LocalDate date, List<String> steps) {
		for (long run = 1;; run++) {
			JobExecution last = repository.getLastJobExecution(RerunJobConfiguration.RERUN,
					RerunSteps.parameters(job, tenant, date, steps, run));
			if (last == null || (last.getStatus() != BatchStatus.COMPLETED && last.getStatus() != BatchStatus.ABANDONED)) {
				return run;
			}
		}
	}
}
