package io.touchpoint.jobs.nightly;

import java.time.Clock;
import java.util.List;

import javax.sql.DataSource;

import org.jspecify.annotations.Nullable;
import org.springframework.batch.core.configuration.annotation.StepScope;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.Step;
import org.springframework.batch.core.step.builder.ChunkOrientedStepBuilder;
import org.springframework.batch.core.step.builder.StepBuilder;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.transaction.PlatformTransactionManager;
import software.amazon.awssdk.services.s3.S3Client;

import io.touchpoint.jobs.checks.SchemaWatch;
import io.touchpoint.jobs.checks.SourceSchemas;
import io.touchpoint.jobs.config.Endpoints;
import io.touchpoint.jobs.config.TouchpointProperties;
import io.touchpoint.jobs.config.WarehouseDataSource;
import io.touchpoint.jobs.failures.FailureSummaryListener;
import io.touchpoint.jobs.ingest.BatchContext;
import io.touchpoint.jobs.ingest.ColumnLimits;
import io.touchpoint.jobs.ingest.InboxFileRegistry;
import io.touchpoint.jobs.ingest.NormalizeProcessor;
import io.touchpoint.jobs.ingest.NormalizeProgressListener;
import io.touchpoint.jobs.ingest.NormalizeReaders;
import io.touchpoint.jobs.ingest.QuarantineListener;
import io.touchpoint.jobs.ingest.StopWhenInterrupted;
import io.touchpoint.jobs.ingest.UnreadableRecords;
import io.touchpoint.jobs.ingest.partition.PartitionedNormalizeConfiguration.NormalizePartitions;
import io.touchpoint.jobs.progress.ProgressMeters;
import io.touchpoint.jobs.rollup.RollupRunner;
import io.touchpoint.jobs.sources.SourceMapper;
import io.touchpoint.jobs.sources.SourceMappers;
import io.touchpoint.jobs.sources.api.ApiSources;
import io.touchpoint.readers.MalformedRecordException;
import io.touchpoint.readers.MultiFileRecordReader;
import io.touchpoint.readers.SourceRecord;
import io.touchpoint.readers.inbox.Inbox;
import io.touchpoint.readers.inbox.InboxFile;
import io.touchpoint.readers.inbox.S3Inbox;
import io.touchpoint.writers.quarantine.QuarantineBuffer;
import io.touchpoint.writers.staging.StagedRow;
import io.touchpoint.writers.staging.StagingPartWriter;
import io.touchpoint.writers.staging.WorkPartLedger;

/**
 * The {@code normalize} step: reads the batch's files record by record, maps them to canonical rows and writes
 * them as work parts, quarantining what cannot be read or mapped. Its reader, processor, writer and listeners are
 * step-scoped: each run gets its own, made for its tenant, date and batch ({@link BatchContext#current()}).
 */
@Configuration(proxyBeanMethods = false)
class NormalizeStepConfiguration {

	@Bean
	Step normalizeStep(JobRepository jobRepository, PlatformTransactionManager transactionManager,
			TouchpointProperties properties, ObjectProvider<MultiFileRecordReader> normalizeReader,
			ObjectProvider<NormalizeProcessor> normalizeProcessor, ObjectProvider<StagingPartWriter> normalizeWriter,
			ObjectProvider<QuarantineListener> quarantineListener,
			ObjectProvider<NormalizeProgressListener> normalizeProgress, FailureSummaryListener summary,
			NormalizePartitions partitions) {
		// one chunk-oriented step over all the batch's files, or the partitions' step over their slices
		return partitions.step(jobRepository, (name, reader, guard) -> {
			ChunkOrientedStepBuilder<SourceRecord, List<StagedRow>> normalizeBuilder = new StepBuilder(name, jobRepository)
				.<SourceRecord, List<StagedRow>>chunk(properties.ingest().chunkSize())
				.transactionManager(transactionManager)
				.interruptionPolicy(new StopWhenInterrupted())
				.reader(new UnreadableRecords(reader))
				.processor(normalizeProcessor.getObject())
				.writer(normalizeWriter.getObject())
				.listener(summary)
				.faultTolerant()
				.skip(MalformedRecordException.class)
				.skipListener(quarantineListener.getObject())
				.listener((Object) quarantineListener.getObject())
				.listener((Object) normalizeProcessor.getObject())
				.listener((Object) normalizeProgress.getObject())
				.listener(guard);
			if (properties.ingest().skipLimit() > 0) {
				normalizeBuilder.skipLimit(properties.ingest().skipLimit());
			}
			return normalizeBuilder.build();
		}, normalizeReader.getObject());
	}

	@Bean
	@StepScope
	MultiFileRecordReader normalizeReader(InboxFileRegistry registry, SourceMappers mappers, S3Client s3,
			Endpoints endpoints, NormalizeProgressListener normalizeProgress) {
		BatchContext batch = BatchContext.current();
		if (batch.batchId() == null) {
			throw new IllegalStateException("This execution has no batch id although its fetch step completed; its job "
					+ "context was not saved. Abandon it and run the night again.");
		}
		// Landed API pages live under the batch's landing prefix in the staging bucket, exports in the inbox.
		Inbox landing = new S3Inbox(s3, endpoints.bucket(), ApiSources.landingPrefix(batch.tenantId(), batch.date(),
				batch.batchId()));
		java.util.function.Supplier<Inbox> inbox = new java.util.function.Supplier<>() {
			private @Nullable Inbox opened;

			@Override
			public Inbox get() {
				if (opened == null) {
					opened = Inbox.of(batch.inbox(), s3);
				}
				return opened;
			}
		};
		List<InboxFile> files = registry.filesToRead(batch.batchId());
		MultiFileRecordReader reader = new MultiFileRecordReader(files,
				file -> NormalizeReaders.fileReader(ApiSources.isPage(file.path()) ? landing : inbox.get(), file,
						mappers.forFile(file.source(), file.path()), normalizeProgress));
		reader.setName("normalize");
		return reader;
	}

	@Bean
	@StepScope
	NormalizeProcessor normalizeProcessor(SourceMappers mappers, TouchpointProperties properties,
			@WarehouseDataSource DataSource warehouse, RollupRunner rollups, SourceSchemas schemas) {
		BatchContext batch = BatchContext.current();
		// a snapshot without times of its own is listed at the end of the business date, the rollups' window end
		return new NormalizeProcessor(mappers,
				new SourceMapper.MappingContext(batch.tenantId(), batch.batchId(), rollups.endOf(batch.tenantId(), batch.date())),
				ColumnLimits.read(warehouse), properties.ingest().threads())
			.watchSchemas(new SchemaWatch(schemas, properties.sources().schemaPolicy(), batch.tenantId(), batch.date()));
	}

	@Bean
	@StepScope
	StagingPartWriter normalizeWriter(S3Client s3, Endpoints endpoints, WorkPartLedger ledger,
			TouchpointProperties properties, QuarantineListener normalizeQuarantineListener) {
		var location = BatchContext.current().location(endpoints.bucket());
		return new StagingPartWriter(s3, location, ledger, properties.ingest().rowsPerPart(),
				normalizeQuarantineListener.buffer(), properties.ingest().threads(),
				properties.s3().concurrency());
	}

	@Bean
	@StepScope
	QuarantineListener normalizeQuarantineListener() {
		BatchContext batch = BatchContext.current();
		return new QuarantineListener(new QuarantineBuffer(), batch.tenantId(), batch.batchId(), Clock.systemUTC());
	}

	/** Shows normalize's progress (see ProgressMeters): records, records/s, time left by bytes read. */
	@Bean
	@StepScope
	NormalizeProgressListener normalizeProgress(InboxFileRegistry registry, ProgressMeters progress) {
		BatchContext batch = BatchContext.current();
		return new NormalizeProgressListener(progress.meter("normalize " + batch.tenantId() + " " + batch.date()),
				batch.batchId() == null ? List.of() : registry.filesToRead(batch.batchId()));
	}
}
