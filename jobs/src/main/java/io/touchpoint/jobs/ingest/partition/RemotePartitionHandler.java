package io.touchpoint.jobs.ingest.partition;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;
import java.util.stream.Collectors;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.ExitStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.integration.partition.MessageChannelPartitionHandler;
import org.springframework.dao.OptimisticLockingFailureException;
import org.springframework.integration.core.MessagingTemplate;
import org.springframework.messaging.MessageChannel;

import io.touchpoint.jobs.config.Durations;

/**
 * The manager side of remote partitioning: Spring Batch's {@link MessageChannelPartitionHandler}, which sends one
 * request per partition to the broker queue and polls the metadata database until every partition has ended. When
 * {@code touchpoint.workers.timeout} passes first, the partitions still running are marked FAILED (a worker that
 * is in fact still running one then has its next chunk commit refused, since the partition's version has moved on)
 * and the step fails naming them, so that {@code touchpoint restart} sends exactly those again, each resuming from
 * its last committed chunk.
 */
final class RemotePartitionHandler extends MessageChannelPartitionHandler {

	private static final Logger log = LoggerFactory.getLogger(RemotePartitionHandler.class);

	private final JobRepository jobRepository;

	private final WorkerProperties workers;

	private final Supplier<MessageChannel> requests;

	private final MessagingTemplate template = new MessagingTemplate();

	/**
	 * @param requests the channel whose messages go to the broker queue, made on the first send (so that a process
	 *                 that never sends needs no broker)
	 */
	RemotePartitionHandler(JobRepository jobRepository, WorkerProperties workers, int partitions,
			Supplier<MessageChannel> requests) {
		this.jobRepository = jobRepository;
		this.workers = workers;
		this.requests = requests;
		setStepName(PartitionedNormalizeConfiguration.WORKER);
		setGridSize(partitions);
		setJobRepository(jobRepository);
		setPollInterval(workers.pollInterval().toMillis());
		setTimeout(workers.timeout().toMillis());
		setMessagingOperations(template);
		try {
			afterPropertiesSet();
		}
		catch (Exception ex) {
			throw new IllegalStateException(ex);
		}
	}

	@Override
	protected Set<StepExecution> doHandle(StepExecution manager, Set<StepExecution> partitions) throws Exception {
		if (template.getDefaultDestination() == null) {
			template.setDefaultChannel(requests.get());
		}
		log.info("normalize: {} partition(s) of job execution {} sent to queue {} for touchpoint worker processes",
				partitions.size(), manager.getJobExecutionId(), workers.queue());
		ScheduledExecutorService progress = Executors.newSingleThreadScheduledExecutor(runnable -> {
			Thread thread = new Thread(runnable, "normalize-partitions-progress");
			thread.setDaemon(true);
			return thread;
		});
		long every = PROGRESS_EVERY.toMillis();
		Instant deadline = Instant.now().plus(workers.timeout());
		progress.scheduleWithFixedDelay(() -> waiting(manager, partitions, deadline), every, every, TimeUnit.MILLISECONDS);
		try {
			return super.doHandle(manager, partitions);
		}
		catch (TimeoutException ex) {
			// the sentence is the failure (a failure's message is taken from its deepest cause)
			throw new IllegalStateException(timedOut(manager, partitions));
		}
		finally {
			progress.shutdownNow();
		}
	}

	/** Says, while the night waits, how many partitions ended, how many a worker runs, how many none has taken. */
	private void waiting(StepExecution manager, Set<StepExecution> partitions, Instant deadline) {
		try {
			Map<String, List<String>> states = states(sent(manager, partitions));
			log.info("normalize: job execution {} waits for its partitions: {} ended, {} running on a worker, {} not taken "
					+ "by any worker yet{}; it gives up in {} (touchpoint.workers.timeout)", manager.getJobExecutionId(),
					states.get(ENDED).size(), states.get(TAKEN).size(), states.get(NOT_TAKEN).size(),
					states.get(TAKEN).isEmpty() && !states.get(NOT_TAKEN).isEmpty() ? " (is a touchpoint worker running?)" : "",
					left(Duration.between(Instant.now(), deadline)));
		}
		catch (RuntimeException ex) {
			log.debug("normalize: could not read the partitions' states: {}", ex.getMessage());
		}
	}

	/** The time left, to the minute ({@code 5h 59m}), or to the second under a minute. */
	static String left(Duration left) {
		if (left.isNegative()) {
			return "0s";
		}
		if (left.compareTo(Duration.ofMinutes(1)) < 0) {
			return left.toSeconds() + "s";
		}
		return (left.toHours() > 0 ? left.toHours() + "h " : "") + left.toMinutesPart() + "m";
	}

	private static final Duration PROGRESS_EVERY = Duration.ofMinutes(1);

	private static final String ENDED = "ended";

	private static final String TAKEN = "taken";

	private static final String NOT_TAKEN = "not taken";

	/** The night's partitions as the metadata database has them now, by name. */
	private List<StepExecution> sent(StepExecution manager, Set<StepExecution> partitions) {
		Set<Long> ids = partitions.stream().map(StepExecution::getId).collect(Collectors.toSet());
		JobExecution job = jobRepository.getJobExecution(manager.getJobExecutionId());
		return job.getStepExecutions()
			.stream()
			.filter(step -> ids.contains(step.getId()))
			.sorted(java.util.Comparator.comparing(StepExecution::getStepName))
			.toList();
	}

	/** The partitions' names by state: ended, taken by a worker (STARTED), not taken by any (STARTING). */
	private static Map<String, List<String>> states(List<StepExecution> partitions) {
		Map<String, List<String>> states = new HashMap<>(Map.of(ENDED, new ArrayList<>(), TAKEN, new ArrayList<>(),
				NOT_TAKEN, new ArrayList<>()));
		partitions.forEach(step -> states.get(!step.getStatus().isRunning() ? ENDED
				: step.getStatus() == BatchStatus.STARTING ? NOT_TAKEN : TAKEN).add(partitionName(step)));
		return states;
	}

	private static String partitionName(StepExecution step) {
		return step.getStepName().substring(PartitionedNormalizeConfiguration.WORKER.length() + 1);
	}

	/** Marks the partitions still running FAILED and says which they are and what to do. */
	private String timedOut(StepExecution manager, Set<StepExecution> partitions) {
		List<StepExecution> sent = sent(manager, partitions);
		Map<String, List<String>> states = states(sent);
		for (StepExecution step : sent) {
			if (!step.getStatus().isRunning()) {
				continue;
			}
			step.setStatus(BatchStatus.FAILED);
			step.setExitStatus(ExitStatus.FAILED.addExitDescription("no touchpoint worker finished it within "
					+ "touchpoint.workers.timeout (" + Durations.text(workers.timeout()) + ")"));
			step.setEndTime(LocalDateTime.now());
			try {
				jobRepository.update(step);
			}
			catch (OptimisticLockingFailureException ex) {
				log.warn("{} moved on while the night gave up on it: a worker still runs it", step.getStepName());
			}
		}
		String taken = String.join(", ", states.get(TAKEN));
		String notTaken = String.join(", ", states.get(NOT_TAKEN));
		String what = taken.isEmpty() && notTaken.isEmpty() ? "the partitions were still running"
				: (taken.isEmpty() ? "" : taken + " taken by a worker but not finished (did that worker die?)")
						+ (taken.isEmpty() || notTaken.isEmpty() ? "" : "; ")
						+ (notTaken.isEmpty() ? "" : notTaken + " never taken by any worker (is a touchpoint worker running?)");
		return "after " + Durations.text(workers.timeout()) + " (touchpoint.workers.timeout), " + what + ", of "
				+ partitions.size() + " sent to queue " + workers.queue() + ". Check that touchpoint worker processes run "
				+ "against this metadata database and broker and that none died (their logs say which partitions they "
				+ "took and finished), then run touchpoint restart " + manager.getJobExecutionId() + ": it sends the "
				+ "unfinished partitions again, each from its last committed chunk.";
	}
}
