package io.touchpoint.jobs.ingest.partition;

import java.util.stream.Collectors;

import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.ExitStatus;
import org.springframework.batch.core.listener.StepExecutionListener;
import org.springframework.batch.core.step.StepExecution;

import io.touchpoint.jobs.failures.FailureMessages;
import io.touchpoint.jobs.failures.FailureSummaryListener;

/**
 * Keeps a restarted normalize step in the layout its failed run had: a run normalized in partitions is not
 * restarted in one step, nor the other way round, since either would read again what the failed run had
 * committed. The partitioned step also marks its context (for {@code restart --dry-run}) and, when it fails,
 * takes its failed partitions' sentences as its own.
 */
final class NormalizeLayout {

	/** Set in the manager step's execution context: its position is in its partitions' contexts. */
	static final String PARTITIONED = "partition.count";

	/** The position a normalize step over all the batch's files saves (MultiFileRecordReader "normalize"). */
	static final String ONE_STEP_POSITION = "normalize.fileIndex";

	private NormalizeLayout() {
	}

	/** The listener of the normalize step that reads all the batch's files. */
	static StepExecutionListener oneStep() {
		return new StepExecutionListener() {
			@Override
			public void beforeStep(StepExecution stepExecution) {
				if (stepExecution.getExecutionContext().containsKey(PARTITIONED)) {
					int partitions = stepExecution.getExecutionContext().getInt(PARTITIONED);
					throw new IllegalStateException("this run's normalize step ran in " + partitions + " partitions:"
							+ " restart it with touchpoint.ingest.partitions=" + partitions + ", so that each partition"
							+ " resumes where it stopped");
				}
			}
		};
	}

	/** The listener of the partitioned normalize step (the manager). */
	static StepExecutionListener partitioned(int partitions) {
		return new StepExecutionListener() {
			@Override
			public void beforeStep(StepExecution stepExecution) {
				if (stepExecution.getExecutionContext().containsKey(ONE_STEP_POSITION)) {
					throw new IllegalStateException("this run's normalize step read its files in one step: restart it"
							+ " with touchpoint.ingest.partitions=1, so that it resumes where it stopped");
				}
				stepExecution.getExecutionContext().remove(FailureSummaryListener.FAILURE);
				stepExecution.getExecutionContext().putInt(PARTITIONED, partitions);
			}

			/** A failed run's sentence is its failed partitions' (the manager only saw that they failed). */
			@Override
			public ExitStatus afterStep(StepExecution stepExecution) {
				if (stepExecution.getStatus() != BatchStatus.COMPLETED) {
					String worker = PartitionedNormalizeConfiguration.WORKER + ":";
					String failures = stepExecution.getJobExecution()
						.getStepExecutions()
						.stream()
						.filter(step -> step.getStepName().startsWith(worker))
						.filter(step -> step.getStatus() == BatchStatus.FAILED)
						.map(step -> step.getStepName().substring(worker.length()) + ": " + FailureMessages.stepError(step))
						.sorted()
						.collect(Collectors.joining("; "));
					if (!failures.isEmpty()) {
						stepExecution.getExecutionContext().putString(FailureSummaryListener.FAILURE, failures);
					}
				}
				return null;
			}
		};
	}
}
