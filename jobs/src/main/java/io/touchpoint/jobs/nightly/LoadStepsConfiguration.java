package io.touchpoint.jobs.nightly;

import javax.sql.DataSource;

import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.Step;
import org.springframework.batch.core.step.builder.StepBuilder;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;
import software.amazon.awssdk.services.s3.S3Client;

import io.touchpoint.jobs.config.Endpoints;
import io.touchpoint.jobs.config.TouchpointProperties;
import io.touchpoint.jobs.config.WarehouseDataSource;
import io.touchpoint.jobs.failures.FailureSummaryListener;
import io.touchpoint.jobs.ingest.InboxFileRegistry;
import io.touchpoint.jobs.ingest.IngestFaults;
import io.touchpoint.jobs.ingest.LoadTasklet;
import io.touchpoint.jobs.ingest.ReconcileTasklet;
import io.touchpoint.jobs.ingest.StageTasklet;
import io.touchpoint.jobs.load.TagSnapshotChanges;
import io.touchpoint.jobs.progress.ProgressMeters;
import io.touchpoint.jobs.sources.api.CursorStore;
import io.touchpoint.writers.load.StagedFileLoader;
import io.touchpoint.writers.reconcile.BatchReconciler;
import io.touchpoint.writers.staging.StagePublisher;
import io.touchpoint.writers.staging.WorkPartLedger;

/**
 * The steps that bring the batch into the warehouse: {@code stage} publishes normalize's work parts as staged
 * files, {@code load} loads them (through the dialect's {@link StagedFileLoader}), and {@code reconcile} checks the
 * tables against the manifests. {@link IngestFaults} is the hook tests use to crash between two files.
 */
@Configuration(proxyBeanMethods = false)
class LoadStepsConfiguration {

	@Bean
	Step stageStep(JobRepository jobRepository, PlatformTransactionManager transactionManager, S3Client s3,
			WorkPartLedger ledger, TouchpointProperties properties, Endpoints endpoints,
			ObjectProvider<IngestFaults> faults, FailureSummaryListener summary) {
		return new StepBuilder("stage", jobRepository)
			.tasklet(new StageTasklet(new StagePublisher(s3, ledger, properties.s3().concurrency()), endpoints.bucket(),
					faults.getIfAvailable(() -> IngestFaults.NONE)), transactionManager)
			.listener(summary)
			.build();
	}

	@Bean
	Step loadStep(JobRepository jobRepository, PlatformTransactionManager transactionManager, S3Client s3,
			StagedFileLoader loader, TagSnapshotChanges tagSnapshots, ProgressMeters progress,
			TouchpointProperties properties, Endpoints endpoints, ObjectProvider<IngestFaults> faults,
			FailureSummaryListener summary) {
		return new StepBuilder("load", jobRepository)
			.tasklet(new LoadTasklet(s3, loader, endpoints.bucket(), faults.getIfAvailable(() -> IngestFaults.NONE),
					progress, properties.ingest().threads(), tagSnapshots), transactionManager)
			.listener(summary)
			.build();
	}

	@Bean
	Step reconcileStep(JobRepository jobRepository, PlatformTransactionManager transactionManager, S3Client s3,
			BatchReconciler reconciler, InboxFileRegistry registry, CursorStore cursors, Endpoints endpoints,
			FailureSummaryListener summary) {
		return new StepBuilder("reconcile", jobRepository)
			.tasklet(new ReconcileTasklet(s3, reconciler, registry, cursors, endpoints.bucket()), transactionManager)
			.listener(summary)
			.build();
	}

	@Bean
	WorkPartLedger workPartLedger(DataSource metadataDataSource) {
		return new WorkPartLedger(new JdbcTemplate(metadataDataSource));
	}

	@Bean
	BatchReconciler batchReconciler(@WarehouseDataSource DataSource warehouse) {
		return new BatchReconciler(warehouse);
	}
}
