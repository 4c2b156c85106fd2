package io.touchpoint.jobs.ingest.partition;

import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobInterruptedException;
import org.springframework.batch.core.job.parameters.JobParameters;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.Step;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.core.step.StepLocator;
import org.springframework.batch.integration.partition.StepExecutionRequest;
import org.springframework.batch.integration.partition.StepExecutionRequestHandler;
import org.springframework.context.SmartLifecycle;

import io.touchpoint.jobs.ingest.IngestParameters;

/**
 * The worker side of remote partitioning ({@code touchpoint worker}): each partition request taken from the broker
 * queue is run by Spring Batch's {@link StepExecutionRequestHandler}, which loads the partition's step execution
 * from the metadata database and runs the {@code normalize-partition} step on it (a partition that had committed
 * chunks resumes after the last). It logs each partition it takes and finishes. Stopping (SIGTERM) stops
 * taking requests and asks the partitions it runs to stop at their next chunk boundary: they end STOPPED, and the
 * night's timeout and {@code touchpoint restart} send them again.
 */
public final class PartitionWorker implements SmartLifecycle {

	private static final Logger log = LoggerFactory.getLogger(PartitionWorker.class);

	/** How long stopping waits for the partitions in hand to reach a chunk boundary. */
	private static final Duration STOP_WAIT = Duration.ofMinutes(5);

	private final JobRepository jobRepository;

	private final StepExecutionRequestHandler handler = new StepExecutionRequestHandler();

	private final Supplier<SmartLifecycle> listener;

	private final Set<StepExecution> running = ConcurrentHashMap.newKeySet();

	private volatile boolean started;

	private volatile boolean stopping;

	/**
	 * @param workerStep the {@code normalize-partition} step, made on the first request
	 * @param listener   the broker listener that passes requests to {@link #handle}
	 */
	PartitionWorker(JobRepository jobRepository, Supplier<Step> workerStep, Supplier<SmartLifecycle> listener) {
		this.jobRepository = jobRepository;
		this.listener = listener;
		handler.setJobRepository(jobRepository);
		StepLocator steps = name -> PartitionedNormalizeConfiguration.WORKER.equals(name) ? tracked(workerStep.get()) : null;
		handler.setStepLocator(steps);
	}

	/**
	 * Runs one partition request to its end (the broker listener calls it). A request whose partition has ended
	 * already, or whose night is no longer running, is skipped: a night that timed out leaves its requests on the
	 * queue, and a worker started later must not run them beside the partitions its restart sends again.
	 */
	public void handle(StepExecutionRequest request) {
		StepExecution sent = jobRepository.getStepExecution(request.getStepExecutionId());
		if (sent == null || sent.getStatus() != BatchStatus.STARTING || !sent.getJobExecution().isRunning()) {
			tell("Partition request for step execution %d skipped: the partition is %s and its night %s (a night's "
					+ "restart sends its unfinished partitions again)", request.getStepExecutionId(),
					sent == null ? "unknown to this metadata database" : sent.getStatus(),
					sent == null ? "unknown" : sent.getJobExecution().getStatus() + " (job execution " + sent.getJobExecutionId() + ")");
			return;
		}
		Instant began = Instant.now();
		StepExecution done = handler.handle(request);
		StepExecution saved = jobRepository.getStepExecution(done.getId());
		if (saved != null && saved.getStatus().isRunning() && !done.getStatus().isRunning()) {
			// the handler leaves an end it caught outside the step to its caller
			jobRepository.update(done);
		}
		tell("Partition %s finished %s: %d read, %d written, %d skipped, %d commit(s) in %d s (step execution %d)",
				partition(done), done.getStatus(), done.getReadCount(), done.getWriteCount(), done.getSkipCount(),
				done.getCommitCount(), Duration.between(began, Instant.now()).toSeconds(), done.getId());
	}

	private Step tracked(Step step) {
		return new Step() {
			@Override
			public String getName() {
				return step.getName();
			}

			@Override
			public void execute(StepExecution execution) throws JobInterruptedException {
				JobParameters parameters = execution.getJobExecution().getJobParameters();
				tell("Partition %s taken (step execution %d of job execution %d, %s %s %s)", partition(execution),
						execution.getId(), execution.getJobExecutionId(), execution.getJobExecution().getJobInstance().getJobName(),
						parameters.getString(IngestParameters.TENANT), parameters.getLocalDate(IngestParameters.DATE));
				running.add(execution);
				try {
					if (stopping) {
						execution.setTerminateOnly(); // stops at its first chunk boundary, to be sent again
					}
					step.execute(execution);
				}
				finally {
					running.remove(execution);
				}
			}
		};
	}

	private void tell(String format, Object... arguments) {
		log.info(String.format(format, arguments));
	}

	private static String partition(StepExecution execution) {
		String name = execution.getStepName();
		int colon = name.indexOf(':');
		return colon < 0 ? name : name.substring(colon + 1);
	}

	@Override
	public void start() {
		started = true;
		listener.get().start();
	}

	@Override
	public void stop() {
		stopping = true;
		// before the listener stops: a listener thread interrupted while its step has not been told to stop would
		// end its step's chunk loop and be taken as the end of the partition's records
		running.forEach(StepExecution::setTerminateOnly);
		if (!running.isEmpty()) {
			tell("Stopping: %d partition(s) in hand stop at their next chunk boundary", running.size());
		}
		listener.get().stop();
		Instant deadline = Instant.now().plus(STOP_WAIT);
		while (!running.isEmpty() && Instant.now().isBefore(deadline)) {
			try {
				Thread.sleep(100);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				break;
			}
		}
		started = false;
	}

	/** Started by {@code touchpoint worker} alone, never with the context of another command. */
	@Override
	public boolean isAutoStartup() {
		return false;
	}

	@Override
	public boolean isRunning() {
		return started;
	}

	/** Stopped before the broker listener and the databases it uses. */
	@Override
	public int getPhase() {
		return Integer.MAX_VALUE;
	}
}
