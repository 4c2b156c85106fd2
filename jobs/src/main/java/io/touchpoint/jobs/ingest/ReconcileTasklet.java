package io.touchpoint.jobs.ingest;

import java.util.ArrayList;
import java.util.List;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.core.ExitStatus;
import org.springframework.batch.core.scope.context.ChunkContext;
import org.springframework.batch.core.step.StepContribution;
import org.springframework.batch.core.step.tasklet.Tasklet;
import org.springframework.batch.infrastructure.repeat.RepeatStatus;
import software.amazon.awssdk.services.s3.S3Client;

import io.touchpoint.jobs.model.CanonicalTables;
import io.touchpoint.jobs.sources.api.CursorStore;
import io.touchpoint.writers.reconcile.BatchReconciler;
import io.touchpoint.writers.reconcile.ReconciliationReport;
import io.touchpoint.writers.staging.Manifest;

/**
 * reconcile: the batch's loaded rows and money per file must equal its manifests, and the tables must
 * still hold what the ledger says was inserted. Any gap fails the run here, before a rollup reads the
 * batch. On success the batch's inbox files count as loaded (later copies of them are duplicates) and,
 * in the same transaction, the live cursors of the API streams it fetched move to its window's end.
 * {@link #checkOnly} only checks: a re-run of a night that completed must not move a cursor rewound since.
 */
public class ReconcileTasklet implements Tasklet {

	private static final Logger log = LoggerFactory.getLogger(ReconcileTasklet.class);

	private final S3Client s3;

	private final BatchReconciler reconciler;

	private final @Nullable InboxFileRegistry registry;

	private final CursorStore cursors;

	private final String bucket;

	public ReconcileTasklet(S3Client s3, BatchReconciler reconciler, InboxFileRegistry registry, CursorStore cursors,
			String bucket) {
		this.s3 = s3;
		this.reconciler = reconciler;
		this.registry = registry;
		this.cursors = cursors;
		this.bucket = bucket;
	}

	/** The check alone: neither marks the batch's files loaded nor moves a cursor. */
	public static ReconcileTasklet checkOnly(S3Client s3, BatchReconciler reconciler, String bucket) {
		return new ReconcileTasklet(s3, reconciler, null, null, bucket);
	}

	@Override
	public RepeatStatus execute(StepContribution contribution, ChunkContext chunkContext) {
		BatchContext batch = BatchContext.of(chunkContext.getStepContext().getStepExecution());
		var location = batch.location(bucket);
		List<Manifest> manifests = new ArrayList<>();
		for (String table : CanonicalTables.all().keySet()) {
			manifests.add(Manifest.read(s3, bucket, location.manifestKey(table)));
		}
		ReconciliationReport report = reconciler.reconcile(batch.tenantId(), batch.batchId(), manifests, CanonicalTables.all());
		if (!report.ok()) {
			throw new ReconciliationException(batch, report.problems());
		}
		int moved = 0;
		if (registry != null) {
			registry.markLoaded(batch.batchId());
			moved = cursors.advance(batch.batchId());
		}
		long rows = report.tables().stream().mapToLong(ReconciliationReport.TableCheck::loadedRows).sum();
		String summary = rows + " row(s) in " + report.tables().size() + " table(s) match their manifests"
				+ (moved == 0 ? "" : "; " + moved + " API cursor(s) moved to the end of the fetched window");
		log.info("reconcile {}: {}", batch.batchId(), summary);
		contribution.setExitStatus(ExitStatus.COMPLETED.addExitDescription(summary));
		return RepeatStatus.FINISHED;
	}

	/** The warehouse does not hold what the manifests say; no rollup may read the batch. */
	public static final class ReconciliationException extends RuntimeException {

		ReconciliationException(BatchContext batch, List<String> problems) {
			super("batch " + batch.batchId() + " of tenant " + batch.tenantId() + " does not reconcile: "
					+ String.join("; ", problems)
					+ ". Rollups were not run. Investigate the named files, then restart the execution.");
		}
	}
}
