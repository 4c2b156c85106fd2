package io.touchpoint.jobs.ingest;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.batch.core.ExitStatus;
import org.springframework.batch.core.step.StepContribution;
import org.springframework.batch.core.scope.context.ChunkContext;
import org.springframework.batch.core.step.tasklet.Tasklet;
import org.springframework.batch.infrastructure.repeat.RepeatStatus;

import io.touchpoint.jobs.model.CanonicalTables;
import io.touchpoint.jobs.progress.ProgressMeter;
import io.touchpoint.jobs.progress.ProgressMeters;
import io.touchpoint.writers.load.LoadResult;
import io.touchpoint.writers.load.LoadTable;
import io.touchpoint.writers.load.StagedFileLoader;
import io.touchpoint.writers.staging.Manifest;
import io.touchpoint.writers.staging.ManifestPart;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * load: every part of every table's manifest through the warehouse's {@link StagedFileLoader}. Each
 * file commits with its ledger row, so a restart after a crash skips the files already loaded and
 * loads the rest: every file exactly once.
 */
public class LoadTasklet implements Tasklet {

	private static final Logger log = LoggerFactory.getLogger(LoadTasklet.class);

	private final S3Client s3;

	private final StagedFileLoader loader;

	private final String bucket;

	private final IngestFaults faults;

	private final ProgressMeters meters;

	public LoadTasklet(S3Client s3, StagedFileLoader loader, String bucket, IngestFaults faults) {
		this(s3, loader, bucket, faults, ProgressMeters.logging(java.time.Duration.ofSeconds(10)));
	}

	/** With its progress (rows loaded, rows/s, time left) shown by a meter of {@code meters}. */
	public LoadTasklet(S3Client s3, StagedFileLoader loader, String bucket, IngestFaults faults,
			ProgressMeters meters) {
		this.meters = meters;
		this.s3 = s3;
		this.loader = loader;
		this.bucket = bucket;
		this.faults = faults;
	}

	@Override
	public RepeatStatus execute(StepContribution contribution, ChunkContext chunkContext) {
		BatchContext batch = BatchContext.of(chunkContext.getStepContext().getStepExecution());
		var location = batch.location(bucket);
		int files = 0;
		int skipped = 0;
		long rows = 0;
		long inserted = 0;
		// every manifest first: their rows are the total the progress estimate needs
		java.util.Map<LoadTable, Manifest> manifests = new java.util.LinkedHashMap<>();
		long totalRows = 0;
		for (LoadTable table : CanonicalTables.all().values()) {
			Manifest manifest = Manifest.read(s3, bucket, location.manifestKey(table.name()));
			manifests.put(table, manifest);
			for (ManifestPart part : manifest.parts()) {
				totalRows += part.rows();
			}
		}
		var parameters = chunkContext.getStepContext().getStepExecution().getJobParameters();
		ProgressMeter progress = meters.meter("load " + parameters.getString(IngestParameters.TENANT) + " "
				+ parameters.getLocalDate(IngestParameters.DATE));
		long done = 0;
		progress.start(0, 0);
		try {
			for (var entry : manifests.entrySet()) {
				LoadTable table = entry.getKey();
				for (ManifestPart part : entry.getValue().parts()) {
					done += part.rows();
					faults.beforeLoad(part.key());
					LoadResult result = loader.load(bucket, part, table, batch.tenantId(), batch.batchId());
					if (result.alreadyLoaded()) {
						skipped++;
						// loaded before a restart: part of neither the rate nor the work left
						totalRows -= part.rows();
						done -= part.rows();
						continue;
					}
					files++;
					rows += result.rows();
					inserted += result.rowsInserted();
					log.debug("loaded {}: {} rows, {} new", part.key(), result.rows(), result.rowsInserted());
					progress.update(rows, done, totalRows);
				}
			}
		}
		finally {
			progress.finish();
		}
		contribution.incrementWriteCount(inserted);
		String summary = files + " file(s) loaded (" + rows + " rows, " + inserted + " new)"
				+ (skipped > 0 ? ", " + skipped + " already loaded before a restart" : "");
		log.info("load {}: {}", batch.batchId(), summary);
		contribution.setExitStatus(ExitStatus.COMPLETED.addExitDescription(summary));
		return RepeatStatus.FINISHED;
	}
}
