package io.touchpoint.jobs.ingest.partition;

import java.time.LocalDateTime;
import java.util.List;
import java.util.Set;
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
		try {
			return super.doHandle(manager, partitions);
		}
		catch (TimeoutException ex) {
			// the sentence is the failure (a failure's message is taken from its deepest cause)
			throw new IllegalStateException(timedOut(manager, partitions));
		}
	}

	/** Marks the partitions still running FAILED and says which they are and what to do. */
	private String timedOut(StepExecution manager, Set<StepExecution> partitions) {
		Set<Long> ids = partitions.stream().map(StepExecution::getId).collect(Collectors.toSet());
		JobExecution job = jobRepository.getJobExecution(manager.getJobExecutionId());
		List<StepExecution> running = job.getStepExecutions()
			.stream()
			.filter(step -> ids.contains(step.getId()) && step.getStatus().isRunning())
			.sorted(java.util.Comparator.comparing(StepExecution::getStepName))
			.toList();
		for (StepExecution step : running) {
			step.setStatus(BatchStatus.FAILED);
			step.setExitStatus(ExitStatus.FAILED.addExitDescription(
					"no touchpoint worker finished it within touchpoint.workers.timeout (" + workers.timeout() + ")"));
			step.setEndTime(LocalDateTime.now());
			try {
				jobRepository.update(step);
			}
			catch (OptimisticLockingFailureException ex) {
				log.warn("{} moved on while the night gave up on it: a worker still runs it", step.getStepName());
			}
		}
		String names = running.stream()
			.map(step -> step.getStepName().substring(PartitionedNormalizeConfiguration.WORKER.length() + 1))
			.collect(Collectors.joining(", "));
		return "normalize: " + (running.isEmpty() ? "the partitions" : names) + " still running after "
				+ workers.timeout() + " (touchpoint.workers.timeout), of " + partitions.size() + " sent to queue "
				+ workers.queue() + ". Check that touchpoint worker processes run against this metadata database and "
				+ "broker and that none died (their logs say which partitions they took and finished), then run "
				+ "touchpoint restart " + manager.getJobExecutionId() + ": it sends the unfinished partitions again, "
				+ "each from its last committed chunk.";
	}
}
