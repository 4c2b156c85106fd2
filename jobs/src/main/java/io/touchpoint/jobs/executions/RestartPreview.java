package io.touchpoint.jobs.executions;

import java.util.List;
import java.util.Set;

import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.stereotype.Component;

import io.touchpoint.jobs.ingest.BatchFiles;
import io.touchpoint.jobs.nightly.RerunJobConfiguration;
import io.touchpoint.jobs.nightly.RerunSteps;

/**
 * {@code restart ID --dry-run}: what a restart would do, step by step ({@link JobRuns#planRestart}), and
 * file by file: when stage, load or reconcile will run, each staged file it skips (the load ledger holds
 * it) or loads, with its rows; when normalize will run, its input files and the line it resumes at.
 * Refused like the restart itself; changes nothing.
 */
@Component
public class RestartPreview {

	private static final Set<String> STAGED_FILE_STEPS = Set.of("stage", "load", "reconcile");

	private final JobRuns runs;

	private final ExecutionQueries queries;

	private final BatchFiles files;

	private final JobRepository repository;

	public RestartPreview(JobRuns runs, ExecutionQueries queries, BatchFiles files, JobRepository repository) {
		this.runs = runs;
		this.queries = queries;
		this.files = files;
		this.repository = repository;
	}

	/** The steps' plan, and the files of the steps that will run (empty lists when none will). */
	public record Preview(long execution, String batch, List<JobRuns.PlannedStep> steps,
			List<BatchFiles.StagedFile> stagedFiles, List<BatchFiles.InputFile> inputFiles) {
	}

	public Preview preview(long executionId) {
		List<JobRuns.PlannedStep> steps = runs.planRestart(executionId);
		JobExecution execution = queries.execution(executionId);
		if (RerunJobConfiguration.RERUN.equals(execution.getJobInstance().getJobName())) {
			List<String> rerun = RerunSteps.of(execution.getJobParameters());
			steps = steps.stream().filter(step -> rerun.contains(step.step())).toList();
		}
		boolean staged = steps.stream().anyMatch(step -> STAGED_FILE_STEPS.contains(step.step()) && runs(step));
		boolean normalize = steps.stream().anyMatch(step -> step.step().equals("normalize") && runs(step));
		var location = files.location(execution);
		return new Preview(executionId, location == null ? null : location.batchId(), steps,
				staged ? files.stagedFiles(execution) : List.of(),
				normalize ? files.inputFiles(execution, repository.getLastStepExecution(execution.getJobInstance(), "normalize"))
						: List.of());
	}

	private static boolean runs(JobRuns.PlannedStep step) {
		return !step.action().equals("skip");
	}
}
