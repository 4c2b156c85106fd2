package io.touchpoint.jobs.ingest;

import java.time.LocalDate;
import java.util.HexFormat;
import java.util.concurrent.ThreadLocalRandom;

import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.parameters.JobParameters;
import org.springframework.batch.core.scope.context.StepContext;
import org.springframework.batch.core.scope.context.StepSynchronizationManager;
import org.springframework.batch.core.step.StepExecution;

/**
 * What every ingest step needs to know about its run: tenant, business date, inbox and the batch id.
 * The batch id is created once per JobInstance by the fetch step and kept in the job's
 * ExecutionContext, so a restart writes under the same staging keys and ledger rows.
 */
public record BatchContext(String tenantId, LocalDate date, String inbox, String batchId) {

	public static final String BATCH_ID = "batchId";

	public static BatchContext of(StepExecution step) {
		JobExecution job = step.getJobExecution();
		JobParameters parameters = job.getJobParameters();
		String batchId = job.getExecutionContext().containsKey(BATCH_ID) ? job.getExecutionContext().getString(BATCH_ID)
				: null;
		return new BatchContext(parameters.getString(IngestParameters.TENANT),
				parameters.getLocalDate(IngestParameters.DATE), parameters.getString(IngestParameters.INBOX), batchId);
	}

	/**
	 * The context of the step running on this thread: for step-scoped beans, which Spring Batch creates inside their
	 * step (the job's parameters and its batch id, as {@link #of(StepExecution)} reads them).
	 */
	public static BatchContext current() {
		StepContext step = StepSynchronizationManager.getContext();
		if (step == null) {
			throw new IllegalStateException("No step runs on this thread: BatchContext.current() serves step-scoped beans");
		}
		return of(step.getStepExecution());
	}

	/** Creates the batch id on the first fetch of a JobInstance; later calls return the same id. */
	static String ensureBatchId(StepExecution step) {
		var context = step.getJobExecution().getExecutionContext();
		if (!context.containsKey(BATCH_ID)) {
			long instance = step.getJobExecution().getJobInstance().getInstanceId();
			byte[] random = new byte[3];
			ThreadLocalRandom.current().nextBytes(random);
			context.putString(BATCH_ID, "b" + instance + "-" + HexFormat.of().formatHex(random));
		}
		return context.getString(BATCH_ID);
	}

	public io.touchpoint.writers.staging.StagingLocation location(String bucket) {
		return new io.touchpoint.writers.staging.StagingLocation(bucket, tenantId, date, batchId);
	}
}
