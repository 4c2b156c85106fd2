package io.touchpoint.jobs.executions;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.jspecify.annotations.Nullable;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.JobInstance;
import org.springframework.batch.core.job.JobInterruptedException;
import org.springframework.batch.core.job.parameters.InvalidJobParametersException;
import org.springframework.batch.core.job.parameters.JobParameters;
import org.springframework.batch.core.job.parameters.JobParametersIncrementer;
import org.springframework.batch.core.job.parameters.JobParametersValidator;
import org.springframework.batch.core.launch.JobExecutionAlreadyRunningException;
import org.springframework.batch.core.launch.JobInstanceAlreadyCompleteException;
import org.springframework.batch.core.launch.JobOperator;
import org.springframework.batch.core.launch.JobRestartException;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;

import io.touchpoint.jobs.config.DatabaseFailures;
import io.touchpoint.jobs.config.Endpoints;
import io.touchpoint.scheduler.RunGuard;

/**
 * Starts and restarts jobs through Spring Batch's {@link JobOperator}, turning its refusals into
 * messages that say which execution is in the way and what to do. Every launch first claims its
 * (job, tenant) from the {@link RunGuard}, so no two runs of a job for one tenant overlap, whichever
 * process or scheduler node launches them; every run that ends is published as a {@link RunFinished}. A run
 * whose end Spring Batch cannot save, because the metadata database went away, fails with a
 * {@link StateNotSavedException} naming the execution and how to continue it.
 */
@Component
public class JobRuns {

	private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(JobRuns.class);

	private final JobOperator operator;

	private final JobRepository repository;

	private final Map<String, Job> jobs;

	private final Endpoints endpoints;

	private final ExecutionQueries queries;

	private final RunGuard guard;

	private final ApplicationEventPublisher events;

	private final DatabaseFailures databases;

	public JobRuns(JobOperator operator, JobRepository repository, java.util.List<Job> jobs, Endpoints endpoints,
			ExecutionQueries queries, RunGuard guard, ApplicationEventPublisher events, DatabaseFailures databases) {
		this.databases = databases;
		this.queries = queries;
		this.guard = guard;
		this.events = events;
		this.operator = operator;
		this.repository = repository;
		this.jobs = jobs.stream().collect(Collectors.toMap(Job::getName, Function.identity()));
		this.endpoints = endpoints;
	}

	/** Runs the job to its end in this thread; a failed instance with these parameters is restarted. */
	public JobExecution start(String jobName, JobParameters parameters) {
		return start(jobName, parameters, null);
	}

	/**
	 * Runs the job to its end for a scheduled run that Quartz's cluster recovered from {@code failedNode}, a
	 * scheduler node whose check-ins stopped: the execution that node left marked running (under its claim) is
	 * marked FAILED, as {@code touchpoint recover} would, and restarted from its failed step, as
	 * {@code touchpoint restart} would. A run launched by any other process is refused as usual.
	 */
	public JobExecution startRecovered(String jobName, JobParameters parameters, String failedNode) {
		return start(jobName, parameters, Objects.requireNonNull(failedNode, "failedNode"));
	}

	private JobExecution start(String jobName, JobParameters parameters, @Nullable String failedNode) {
		Job job = job(jobName);
		JobExecution last = null;
		// claim first: a launch refused by the guard never reads Spring Batch's tables while the run it
		// collides with is creating its execution there
		try (RunGuard.Claim claim = claim(jobName, parameters, failedNode)) {
			last = repository.getLastJobExecution(jobName, parameters);
			if (last != null && last.getStatus() == BatchStatus.COMPLETED) {
				throw new LaunchRefusedException(describe(last) + " already completed at "
						+ (last.getEndTime() == null ? "?" : last.getEndTime().withNano(0).toString().replace('T', ' '))
						+ " (execution " + last.getId() + ")"
						+ "; nothing to do. Its numbers are in the rollups (touchpoint report ltv --tenant "
						+ parameters.getString("tenant") + ").");
			}
			if (last != null && last.isRunning()) {
				recoverIfOrphaned(last);
			}
			return finished(run(job, parameters));
		}
		catch (JobInstanceAlreadyCompleteException ex) {
			throw new LaunchRefusedException(jobName + " " + parameters + " already completed; nothing to do.");
		}
		catch (JobExecutionAlreadyRunningException ex) {
			throw new LaunchRefusedException(describe(last) + " is running (execution " + (last == null ? "?" : last.getId())
					+ "); wait for it or stop it.");
		}
		catch (JobRestartException | InvalidJobParametersException ex) {
			throw new LaunchRefusedException(ex.getMessage());
		}
	}

	/** What restarting the execution would do to each step of its job, without doing it. */
	public record PlannedStep(String step, String action, String detail) {
	}

	/**
	 * The plan of a restart: completed steps are skipped, the failed or stopped step resumes from its saved
	 * state (committed chunks, items read, its saved reader position), the steps after it run. Refused like
	 * a real restart (unknown, completed, not the latest execution of its run).
	 */
	public List<PlannedStep> planRestart(long executionId) {
		JobExecution execution = restartable(executionId);
		Job job = job(execution.getJobInstance().getJobName());
		List<String> names = job instanceof org.springframework.batch.core.step.ListableStepLocator locator
				? List.copyOf(locator.getStepNames()) : List.of();
		Map<String, org.springframework.batch.core.step.StepExecution> byName = new java.util.HashMap<>();
		for (var step : execution.getStepExecutions()) {
			byName.put(step.getStepName(), step);
		}
		// a step that completed in an earlier execution of the instance is not among this execution's steps
		for (String name : names) {
			byName.computeIfAbsent(name, step -> repository.getLastStepExecution(execution.getJobInstance(), step));
		}
		List<PlannedStep> plan = new java.util.ArrayList<>();
		for (String name : names.isEmpty() ? List.copyOf(byName.keySet()) : names) {
			var step = byName.get(name);
			if (step == null) {
				plan.add(new PlannedStep(name, "run", "not reached by execution " + executionId));
			}
			else if (step.getStatus() == BatchStatus.COMPLETED) {
				plan.add(new PlannedStep(name, "skip", "completed (" + step.getWriteCount() + " written)"));
			}
			else {
				StringBuilder detail = new StringBuilder("was ").append(step.getStatus()).append(" after ")
					.append(step.getCommitCount()).append(" committed chunk(s), ").append(step.getReadCount())
					.append(" read, ").append(step.getWriteCount()).append(" written, ").append(step.getSkipCount())
					.append(" quarantined; resumes from its saved state");
				step.getExecutionContext().entrySet().stream()
					.filter(e -> !e.getKey().startsWith("batch.") && !e.getKey().equals("failure"))
					.sorted(Map.Entry.comparingByKey())
					.forEach(e -> {
						String value = String.valueOf(e.getValue());
						detail.append("; ").append(e.getKey()).append('=')
							.append(value.length() > 80 ? value.substring(0, 77) + "..." : value);
					});
				plan.add(new PlannedStep(name, "resume", detail.toString()));
			}
		}
		return plan;
	}

	/** Restarts a failed or stopped execution from its failed step. */
	public JobExecution restart(long executionId) {
		JobExecution execution = restartable(executionId);
		JobInstance instance = execution.getJobInstance();
		try (RunGuard.Claim claim = claim(instance.getJobName(), execution.getJobParameters())) {
			execution = repository.getJobExecution(executionId);
			if (execution.isRunning()) {
				recoverIfOrphaned(execution);
				execution = repository.getJobExecution(executionId);
			}
			return finished(run(job(instance.getJobName()), execution.getJobParameters()));
		}
		catch (JobRestartException | JobExecutionAlreadyRunningException | JobInstanceAlreadyCompleteException
				| InvalidJobParametersException ex) {
			throw new LaunchRefusedException("Cannot restart execution " + executionId + ": " + ex.getMessage());
		}
	}

	/**
	 * Runs (or, for a failed instance, restarts, as {@link JobOperator#restart} would) the job to its end in this
	 * thread, reporting a run whose state the metadata database could not take ({@link #reportingUnsavedState}).
	 */
	private JobExecution run(Job job, JobParameters parameters) throws JobExecutionAlreadyRunningException,
			JobRestartException, JobInstanceAlreadyCompleteException, InvalidJobParametersException {
		return operator.start(reportingUnsavedState(job), parameters);
	}

	/**
	 * The job, whose failure to save its end in the metadata database (Spring Batch throws it from the job's last
	 * update, the step's own failure being then out of reach) becomes a {@link StateNotSavedException}.
	 */
	private Job reportingUnsavedState(Job job) {
		return new Job() {

			@Override
			public String getName() {
				return job.getName();
			}

			@Override
			public boolean isRestartable() {
				return job.isRestartable();
			}

			@Override
			public JobParametersIncrementer getJobParametersIncrementer() {
				return job.getJobParametersIncrementer();
			}

			@Override
			public JobParametersValidator getJobParametersValidator() {
				return job.getJobParametersValidator();
			}

			@Override
			public void execute(JobExecution execution) throws JobInterruptedException {
				try {
					job.execute(execution);
				}
				catch (RuntimeException ex) {
					throw stateNotSaved(execution, ex);
				}
			}
		};
	}

	/**
	 * Says which execution could not be saved, why (the first connection failure of the run, which for a slow
	 * server names the timeout, rather than the last save's pool timeout) and how to continue it.
	 */
	private RuntimeException stateNotSaved(JobExecution execution, RuntimeException failure) {
		List<Throwable> failures = new ArrayList<>();
		execution.getStepExecutions().forEach(step -> failures.addAll(step.getFailureExceptions()));
		failures.addAll(execution.getFailureExceptions());
		failures.add(failure);
		String what = failures.stream().map(databases::explainMetadata).filter(Objects::nonNull).findFirst().orElse(null);
		if (what == null) {
			return failure;
		}
		long id = execution.getId();
		return new StateNotSavedException(id, describe(execution) + " (execution " + id + ") stopped because its "
				+ "state could not be saved in the metadata database (Spring Batch's job repository): " + what
				+ ". The execution stays marked running there; what its steps committed to the warehouse stays and is "
				+ "not loaded again. Once the metadata database answers, run touchpoint recover " + id
				+ ", then touchpoint restart " + id + ".", failure);
	}

	private JobExecution restartable(long executionId) {
		JobExecution execution = queries.execution(executionId);
		if (execution == null) {
			throw new LaunchRefusedException("No execution " + executionId + " (see touchpoint executions).");
		}
		if (execution.getStatus() == BatchStatus.COMPLETED) {
			throw new LaunchRefusedException(describe(execution) + " (execution " + executionId
					+ ") completed; there is nothing to restart.");
		}
		if (execution.getStatus() == BatchStatus.ABANDONED) {
			throw new LaunchRefusedException("Execution " + executionId + " was abandoned; it cannot be restarted.");
		}
		JobInstance instance = execution.getJobInstance();
		JobExecution latest = repository.getLastJobExecution(instance);
		if (latest != null && latest.getId() != executionId) {
			throw new LaunchRefusedException("Execution " + executionId + " is not the latest of its run: restart execution "
					+ latest.getId() + " (" + latest.getStatus() + ") instead.");
		}
		return execution;
	}

	/**
	 * Asks every run this process launched to stop at its next chunk boundary; each ends STOPPED, and
	 * {@code touchpoint restart ID} continues it. Used when a scheduler node shuts down.
	 */
	public List<Long> stopRunsHere() {
		List<Long> stopped = new java.util.ArrayList<>();
		for (RunGuard.Running running : guard.runningHere()) {
			stop(running.executionId());
			stopped.add(running.executionId());
		}
		return stopped;
	}

	/** Asks a running execution to stop at its next chunk boundary (on whichever process runs it). */
	public JobExecution stop(long executionId) {
		JobExecution execution = existing(executionId);
		if (!execution.isRunning()) {
			throw new LaunchRefusedException("Execution " + executionId + " is " + execution.getStatus()
					+ ", not running; nothing to stop.");
		}
		try {
			operator.stop(execution);
		}
		catch (org.springframework.batch.core.launch.JobExecutionNotRunningException ex) {
			throw new LaunchRefusedException("Execution " + executionId + " is not running; nothing to stop.");
		}
		return repository.getJobExecution(executionId);
	}

	/** Marks a stopped or failed execution ABANDONED: it will never be restarted (a new launch starts over). */
	public JobExecution abandon(long executionId) {
		JobExecution execution = existing(executionId);
		if (execution.getStatus() == BatchStatus.COMPLETED) {
			throw new LaunchRefusedException("Execution " + executionId + " completed; there is nothing to abandon.");
		}
		try {
			return operator.abandon(execution);
		}
		catch (org.springframework.batch.core.launch.JobExecutionAlreadyRunningException ex) {
			throw new LaunchRefusedException("Execution " + executionId + " is running: stop it first (touchpoint stop "
					+ executionId + "), or if its process died, touchpoint recover " + executionId);
		}
	}

	/**
	 * Marks an execution left running by a dead process FAILED (Spring Batch's recovery), so it can be
	 * restarted. Refused for a run this process holds; the caller asserts that no other process runs it.
	 */
	public JobExecution recover(long executionId) {
		JobExecution execution = existing(executionId);
		if (!execution.isRunning()) {
			throw new LaunchRefusedException("Execution " + executionId + " is " + execution.getStatus()
					+ ", not running; nothing to recover" + (execution.getStatus() == BatchStatus.FAILED
							? " (restart it: touchpoint restart " + executionId + ")" : "") + ".");
		}
		return operator.recover(execution);
	}

	/** The executions marked running (STARTING, STARTED, STOPPING), oldest first. */
	public List<JobExecution> running() {
		List<JobExecution> running = new java.util.ArrayList<>();
		for (String name : jobs.keySet()) {
			try {
				operator.getRunningExecutions(name).forEach(id -> running.add(repository.getJobExecution(id)));
			}
			catch (org.springframework.batch.core.launch.NoSuchJobException ex) {
				// a job with no instance yet has no running execution
			}
		}
		running.sort(java.util.Comparator.comparing(JobExecution::getId));
		return running;
	}

	private JobExecution existing(long executionId) {
		JobExecution execution = queries.execution(executionId);
		if (execution == null) {
			throw new LaunchRefusedException("No execution " + executionId + " (see touchpoint executions).");
		}
		return execution;
	}

	/**
	 * Claims (job, tenant) for this launch (for a re-run, the job it re-runs). When this process started the
	 * embedded servers for itself, the home lock proves that a running execution this process did not launch was left by a dead process: it is
	 * recovered and the claim taken.
	 */
	private RunGuard.Claim claim(String launched, JobParameters parameters) {
		return claim(launched, parameters, null);
	}

	private RunGuard.@Nullable Claim claim(String launched, JobParameters parameters, @Nullable String failedNode) {
		String jobName = parameters.getString(RunGuard.RUN_OF, launched);
		String tenant = parameters.getString("tenant");
		boolean backfill = parameters.getLocalDate("from") != null;
		if (tenant == null) {
			return null;
		}
		try {
			return guard.claim(jobName, tenant, backfill, failedNode);
		}
		catch (RunGuard.OverlapException ex) {
			if ((endpoints.soleProcess() || ex.leftByFailedNode()) && ex.executionId() != null
					&& !guard.heldHere(jobName, tenant, backfill)) {
				if (ex.leftByFailedNode()) {
					log.warn("Execution {} of {} for tenant {} was left running by failed scheduler node {}: marking it"
							+ " FAILED and restarting it", ex.executionId(), jobName, tenant, failedNode);
				}
				operator.recover(repository.getJobExecution(ex.executionId()));
				return guard.claim(jobName, tenant, backfill, failedNode);
			}
			throw new LaunchRefusedException(ex.getMessage());
		}
	}

	private JobExecution finished(JobExecution execution) {
		events.publishEvent(new RunFinished(execution));
		return execution;
	}

	/** A run ended (completed, failed or stopped): metrics and alerts listen for it. */
	public record RunFinished(JobExecution execution) {
	}

	/**
	 * An execution still marked running while this process holds the embedded home lock was left by a
	 * process that died (killed, power loss): mark it failed so it can be restarted. Against external
	 * databases, and on a resident embedded stack that several processes share, another process may really be
	 * running it, so it is refused instead (touchpoint recover marks it failed once its process is gone).
	 */
	private void recoverIfOrphaned(JobExecution execution) {
		if (!endpoints.soleProcess()) {
			throw new LaunchRefusedException(describe(execution) + " is marked running (execution " + execution.getId()
					+ ", started " + execution.getStartTime() + "). If its process died, mark it failed first, then restart it.");
		}
		operator.recover(execution);
	}

	private Job job(String name) {
		Job job = jobs.get(name);
		if (job == null) {
			throw new LaunchRefusedException("No job named '" + name + "' (jobs: " + String.join(", ", jobs.keySet()) + ")");
		}
		return job;
	}

	static String describe(@Nullable JobExecution execution) {
		if (execution == null) {
			return "The run";
		}
		JobParameters parameters = execution.getJobParameters();
		return execution.getJobInstance().getJobName() + " for tenant " + parameters.getString("tenant") + " on "
				+ parameters.getLocalDate("date");
	}

	/**
	 * A run stopped because the metadata database could not save its state: the execution stays marked running
	 * until recovered. The message says why and how to continue it.
	 */
	public static final class StateNotSavedException extends RuntimeException {

		private final long executionId;

		StateNotSavedException(long executionId, String message, Throwable cause) {
			super(message, cause);
			this.executionId = executionId;
		}

		/** The execution left marked running. */
		public long executionId() {
			return executionId;
		}
	}

	/** A launch or restart was refused; the message says why and what to do. */
	public static final class LaunchRefusedException extends RuntimeException {

		public LaunchRefusedException(String message) {
			super(message);
		}
	}
}
