package io.touchpoint.jobs.executions;

import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.DefaultJobKeyGenerator;
import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.JobKeyGenerator;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.JobInstance;
import org.springframework.batch.core.job.parameters.JobParameters;
import org.springframework.batch.core.launch.JobExecutionAlreadyRunningException;
import org.springframework.batch.core.launch.JobInstanceAlreadyCompleteException;
import org.springframework.batch.core.launch.JobOperator;
import org.springframework.batch.core.launch.JobRestartException;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.stereotype.Component;

import io.touchpoint.jobs.config.Endpoints;

/**
 * Starts and restarts jobs through Spring Batch's {@link JobOperator}, turning its refusals into
 * messages that say which execution is in the way and what to do.
 */
@Component
public class JobRuns {

	private final JobOperator operator;

	private final JobRepository repository;

	private final Map<String, Job> jobs;

	private final Endpoints endpoints;

	private final ExecutionQueries queries;

	/**
	 * The job instances this process is starting or running, by job name and key. The embedded home lock
	 * proves no other process runs a night, not that no other thread of this one does (two CLI threads, the
	 * scheduler and a manual run): a second launch of an instance in flight here is refused, and never
	 * mistaken for an orphan.
	 */
	private final Set<String> inFlight = ConcurrentHashMap.newKeySet();

	private final JobKeyGenerator keys = new DefaultJobKeyGenerator();

	public JobRuns(JobOperator operator, JobRepository repository, java.util.List<Job> jobs, Endpoints endpoints,
			ExecutionQueries queries) {
		this.queries = queries;
		this.operator = operator;
		this.repository = repository;
		this.jobs = jobs.stream().collect(Collectors.toMap(Job::getName, Function.identity()));
		this.endpoints = endpoints;
	}

	/** Runs the job to its end in this thread; a failed instance with these parameters is restarted. */
	public JobExecution start(String jobName, JobParameters parameters) {
		Job job = job(jobName);
		String key = jobName + "/" + keys.generateKey(parameters);
		if (!inFlight.add(key)) {
			throw runningHere(repository.getLastJobExecution(jobName, parameters), jobName);
		}
		try {
			return startOnce(job, jobName, parameters);
		}
		finally {
			inFlight.remove(key);
		}
	}

	private JobExecution startOnce(Job job, String jobName, JobParameters parameters) {
		JobExecution last = repository.getLastJobExecution(jobName, parameters);
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
		try {
			return operator.start(job, parameters);
		}
		catch (JobInstanceAlreadyCompleteException ex) {
			throw new LaunchRefusedException(jobName + " " + parameters + " already completed; nothing to do.");
		}
		catch (JobExecutionAlreadyRunningException ex) {
			throw new LaunchRefusedException(describe(last) + " is running (execution " + (last == null ? "?" : last.getId())
					+ "); wait for it or stop it.");
		}
		catch (JobRestartException | org.springframework.batch.core.job.parameters.InvalidJobParametersException ex) {
			throw new LaunchRefusedException(ex.getMessage());
		}
	}

	/** Restarts a failed or stopped execution from its failed step. */
	public JobExecution restart(long executionId) {
		JobExecution execution = queries.execution(executionId);
		if (execution == null) {
			throw new LaunchRefusedException("No execution " + executionId + " (see touchpoint executions).");
		}
		if (execution.getStatus() == BatchStatus.COMPLETED) {
			throw new LaunchRefusedException(describe(execution) + " (execution " + executionId
					+ ") completed; there is nothing to restart.");
		}
		JobInstance instance = execution.getJobInstance();
		JobExecution latest = repository.getLastJobExecution(instance);
		if (latest != null && latest.getId() != executionId) {
			throw new LaunchRefusedException("Execution " + executionId + " is not the latest of its run: restart execution "
					+ latest.getId() + " (" + latest.getStatus() + ") instead.");
		}
		if (execution.isRunning()) {
			recoverIfOrphaned(execution);
			execution = repository.getJobExecution(executionId);
		}
		String key = instance.getJobName() + "/" + keys.generateKey(execution.getJobParameters());
		if (!inFlight.add(key)) {
			throw runningHere(execution, instance.getJobName());
		}
		try {
			job(instance.getJobName());
			return operator.restart(execution);
		}
		catch (JobRestartException ex) {
			throw new LaunchRefusedException("Cannot restart execution " + executionId + ": " + ex.getMessage());
		}
		finally {
			inFlight.remove(key);
		}
	}

	private static LaunchRefusedException runningHere(JobExecution last, String jobName) {
		String which = last == null ? jobName : describe(last);
		String execution = last == null ? "starting" : "execution " + last.getId();
		return new LaunchRefusedException(which + " is running in this process (" + execution
				+ "); wait for it to finish, or see touchpoint executions.");
	}

	/**
	 * An execution still marked running while this process holds the embedded home lock was left by a
	 * process that died (killed, power loss): mark it failed so it can be restarted. Against external
	 * databases another node may really be running it, so it is refused instead.
	 */
	private void recoverIfOrphaned(JobExecution execution) {
		if (!endpoints.embedded()) {
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

	static String describe(JobExecution execution) {
		if (execution == null) {
			return "The run";
		}
		JobParameters parameters = execution.getJobParameters();
		return execution.getJobInstance().getJobName() + " for tenant " + parameters.getString("tenant") + " on "
				+ parameters.getLocalDate("date");
	}

	/** A launch or restart was refused; the message says why and what to do. */
	public static final class LaunchRefusedException extends RuntimeException {

		public LaunchRefusedException(String message) {
			super(message);
		}
	}
}
