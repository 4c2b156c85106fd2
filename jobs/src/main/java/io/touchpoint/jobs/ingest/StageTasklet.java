package io.touchpoint.jobs.ingest;

import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.core.ExitStatus;
import org.springframework.batch.core.scope.context.ChunkContext;
import org.springframework.batch.core.step.StepContribution;
import org.springframework.batch.core.step.tasklet.Tasklet;
import org.springframework.batch.infrastructure.repeat.RepeatStatus;

import io.touchpoint.jobs.model.CanonicalTables;
import io.touchpoint.writers.staging.Manifest;
import io.touchpoint.writers.staging.StagePublisher;

/**
 * stage: publishes the work parts of committed normalize chunks as
 * {@code staging/{table}/tenant=/date=/batch=/part-NNNNN.csv.gz}, then each table's
 * {@code _manifest.json} last. Idempotent: a re-run copies nothing twice and rewrites identical
 * manifests, so a crash anywhere in this step is finished by a restart.
 */
public class StageTasklet implements Tasklet {

	private static final Logger log = LoggerFactory.getLogger(StageTasklet.class);

	private final StagePublisher publisher;

	private final String bucket;

	private final IngestFaults faults;

	public StageTasklet(StagePublisher publisher, String bucket, IngestFaults faults) {
		this.publisher = publisher;
		this.bucket = bucket;
		this.faults = faults;
	}

	@Override
	public RepeatStatus execute(StepContribution contribution, ChunkContext chunkContext) {
		BatchContext batch = BatchContext.of(chunkContext.getStepContext().getStepExecution());
		long rows = 0;
		int parts = 0;
		for (String table : CanonicalTables.all().keySet()) {
			faults.beforePublish(table);
			Manifest manifest = publisher.publish(batch.location(bucket), List.of(table)).get(table);
			rows += manifest.rows();
			parts += manifest.parts().size();
		}
		contribution.incrementWriteCount(rows);
		String summary = parts + " part(s), " + rows + " row(s) staged under s3://" + bucket + "/staging/";
		log.info("stage {}: {}", batch.batchId(), summary);
		contribution.setExitStatus(ExitStatus.COMPLETED.addExitDescription(summary));
		return RepeatStatus.FINISHED;
	}
}
