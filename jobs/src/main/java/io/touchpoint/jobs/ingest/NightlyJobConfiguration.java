package io.touchpoint.jobs.ingest;

import java.nio.charset.Charset;
import java.time.Clock;
import java.util.List;

import javax.sql.DataSource;

import org.springframework.batch.core.configuration.annotation.StepScope;
import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.builder.JobBuilder;
import org.springframework.batch.core.job.parameters.DefaultJobParametersValidator;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.Step;
import org.springframework.batch.core.step.builder.ChunkOrientedStepBuilder;
import org.springframework.batch.core.step.builder.StepBuilder;
import org.springframework.batch.infrastructure.item.ItemStreamReader;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.transaction.PlatformTransactionManager;

import io.touchpoint.jobs.config.Endpoints;
import io.touchpoint.jobs.config.TouchpointProperties;
import io.touchpoint.jobs.config.WarehouseDataSource;
import io.touchpoint.jobs.progress.ProgressMeters;
import io.touchpoint.jobs.report.LtvReport;
import io.touchpoint.jobs.report.ReportTasklet;
import io.touchpoint.jobs.load.TagSnapshotChanges;
import io.touchpoint.jobs.rollup.RollupRunner;
import io.touchpoint.jobs.rollup.RollupTasklet;
import io.touchpoint.jobs.sources.SourceMapper;
import io.touchpoint.jobs.sources.SourceMappers;
import io.touchpoint.readers.MalformedRecordException;
import io.touchpoint.readers.MultiFileRecordReader;
import io.touchpoint.readers.SourceRecord;
import io.touchpoint.readers.csv.CsvRecordReader;
import io.touchpoint.readers.inbox.Inbox;
import io.touchpoint.readers.inbox.InboxFile;
import io.touchpoint.readers.inbox.S3Inbox;
import io.touchpoint.jobs.sources.api.ApiSources;
import io.touchpoint.jobs.sources.api.CursorStore;
import io.touchpoint.readers.http.Sleeper;
import io.touchpoint.readers.jsonl.JsonLinesReader;
import io.touchpoint.writers.load.StagedFileLoader;
import io.touchpoint.writers.quarantine.QuarantineBuffer;
import io.touchpoint.writers.reconcile.BatchReconciler;
import io.touchpoint.writers.staging.StagePublisher;
import io.touchpoint.writers.staging.StagedRow;
import io.touchpoint.writers.staging.StagingPartWriter;
import io.touchpoint.writers.staging.WorkPartLedger;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * The nightly job for one tenant and business date, and {@code import} (the same flow over one-off
 * files): fetch, normalize, stage, load, reconcile, checks (nightly only), rollup, report. A JobInstance is (job, tenant,
 * date[, source, files]): a completed night is refused, a failed one is restarted from its failed step.
 */
@Configuration(proxyBeanMethods = false)
public class NightlyJobConfiguration {

	public static final String NIGHTLY = "nightly";

	public static final String IMPORT = "import";

	@Bean
	Job nightlyJob(JobRepository jobRepository, IngestSteps ingestSteps) {
		return ingestJob(NIGHTLY, jobRepository, ingestSteps.steps());
	}

	/** {@code import} reads only the files it is given: no API fetch, and no data checks (it is not a night). */
	@Bean
	Job importJob(JobRepository jobRepository, IngestSteps ingestSteps) {
		return ingestJob(IMPORT, jobRepository, ingestSteps.steps()
			.stream()
			.filter(step -> !step.getName().equals(FETCH_API) && !step.getName().equals(CHECKS))
			.toList());
	}

	static final String CHECKS = "checks";

	static final String FETCH_API = "fetch-api";

	private static Job ingestJob(String name, JobRepository jobRepository, List<Step> steps) {
		var validator = new DefaultJobParametersValidator(new String[] { IngestParameters.TENANT, IngestParameters.DATE },
				new String[] { IngestParameters.INBOX, IngestParameters.SOURCE, IngestParameters.FILES,
						IngestParameters.FROM });
		var flow = new JobBuilder(name, jobRepository).validator(validator).start(steps.get(0));
		for (Step step : steps.subList(1, steps.size())) {
			flow = flow.next(step);
		}
		return flow.build();
	}

	/** The ingest steps in flow order, shared by both jobs (and the re-runs of some of them). */
	record IngestSteps(List<Step> steps) {
	}

	@Bean
	IngestSteps ingestSteps(JobRepository jobRepository, PlatformTransactionManager transactionManager,
			TouchpointProperties properties, S3Client s3, SourceMappers mappers, InboxFileRegistry registry,
			ObjectProvider<MultiFileRecordReader> normalizeReader, ObjectProvider<NormalizeProcessor> normalizeProcessor,
			ObjectProvider<StagingPartWriter> normalizeWriter, ObjectProvider<QuarantineListener> quarantineListener,
			ObjectProvider<NormalizeProgressListener> normalizeProgress, ProgressMeters progress,
			WorkPartLedger ledger, StagedFileLoader loader, TagSnapshotChanges tagSnapshots, BatchReconciler reconciler,
			RollupRunner rollups,
			LtvReport report, Endpoints endpoints, ObjectProvider<IngestFaults> faultsProvider, ApiSources apiSources,
			CursorStore cursors, ObjectProvider<Sleeper> sleeper,
			io.touchpoint.jobs.config.DatabaseFailures databaseFailures,
			io.touchpoint.jobs.checks.ChecksTasklet checksTasklet) {
		String bucket = endpoints.bucket();
		IngestFaults faults = faultsProvider.getIfAvailable(() -> IngestFaults.NONE);
		var summary = new FailureSummaryListener(databaseFailures);
		Step fetch = new StepBuilder("fetch", jobRepository)
			.tasklet(new FetchTasklet(s3, mappers, registry, jobRepository, properties), transactionManager)
			.listener(summary)
			.build();
		Step fetchApi = new StepBuilder(FETCH_API, jobRepository)
			.tasklet(new ApiFetchTasklet(apiSources, properties, cursors, registry, s3, bucket,
					sleeper.getIfAvailable(() -> Sleeper.SYSTEM)), transactionManager)
			.listener(summary)
			.build();
		ChunkOrientedStepBuilder<SourceRecord, List<StagedRow>> normalizeBuilder = new StepBuilder("normalize", jobRepository)
			.<SourceRecord, List<StagedRow>>chunk(properties.ingest().chunkSize())
			.transactionManager(transactionManager)
			.reader(new UnreadableRecords(normalizeReader.getObject()))
			.processor(normalizeProcessor.getObject())
			.writer(normalizeWriter.getObject())
			.listener(summary)
			.faultTolerant()
			.skip(MalformedRecordException.class)
			.skipListener(quarantineListener.getObject())
			.listener((Object) quarantineListener.getObject())
			.listener((Object) normalizeProcessor.getObject())
			.listener((Object) normalizeProgress.getObject());
		if (properties.ingest().skipLimit() > 0) {
			normalizeBuilder.skipLimit(properties.ingest().skipLimit());
		}
		Step normalize = normalizeBuilder.build();
		Step stage = new StepBuilder("stage", jobRepository)
			.tasklet(new StageTasklet(new StagePublisher(s3, ledger, properties.s3().concurrency()), bucket, faults),
					transactionManager)
			.listener(summary)
			.build();
		Step load = new StepBuilder("load", jobRepository)
			.tasklet(new LoadTasklet(s3, loader, bucket, faults, progress, properties.ingest().threads(), tagSnapshots),
					transactionManager)
			.listener(summary)
			.build();
		Step reconcile = new StepBuilder("reconcile", jobRepository)
			.tasklet(new ReconcileTasklet(s3, reconciler, registry, cursors, bucket), transactionManager)
			.listener(summary)
			.build();
		// the night's data checks, after reconcile and before any rollup reads the batch
		Step checks = new StepBuilder(CHECKS, jobRepository).tasklet(checksTasklet, transactionManager)
			.listener(summary)
			.build();
		Step rollup = new StepBuilder("rollup", jobRepository).tasklet(new RollupTasklet(rollups), transactionManager)
			.listener(summary)
			.build();
		Step reportStep = new StepBuilder("report", jobRepository)
			.tasklet(new ReportTasklet(report, s3, bucket), transactionManager)
			.listener(summary)
			.build();
		return new IngestSteps(List.of(fetch, fetchApi, normalize, stage, load, reconcile, checks, rollup, reportStep));
	}

	@Bean
	@StepScope
	MultiFileRecordReader normalizeReader(@Value("#{jobExecutionContext['batchId']}") String batchId,
			@Value("#{jobParameters['inbox']}") String inboxLocation, @Value("#{jobParameters['tenant']}") String tenant,
			@Value("#{jobParameters['date']}") java.time.LocalDate date, InboxFileRegistry registry,
			SourceMappers mappers, S3Client s3, Endpoints endpoints, NormalizeProgressListener normalizeProgress) {
		if (batchId == null) {
			throw new IllegalStateException("This execution has no batch id although its fetch step completed; its job "
					+ "context was not saved. Abandon it and run the night again.");
		}
		// Landed API pages live under the batch's landing prefix in the staging bucket, exports in the inbox.
		Inbox landing = new S3Inbox(s3, endpoints.bucket(), ApiSources.landingPrefix(tenant, date, batchId));
		java.util.function.Supplier<Inbox> inbox = new java.util.function.Supplier<>() {
			private Inbox opened;

			@Override
			public Inbox get() {
				if (opened == null) {
					opened = Inbox.of(inboxLocation, s3);
				}
				return opened;
			}
		};
		List<InboxFile> files = registry.filesToRead(batchId);
		MultiFileRecordReader reader = new MultiFileRecordReader(files,
				file -> fileReader(ApiSources.isPage(file.path()) ? landing : inbox.get(), file,
						mappers.forFile(file.source(), file.path()), normalizeProgress));
		reader.setName("normalize");
		return reader;
	}

	/** The reader of one file of the batch, as normalize reads it (also used to preview where a restart resumes). */
	static ItemStreamReader<? extends SourceRecord> fileReader(Inbox inbox, InboxFile file, SourceMapper mapper,
			NormalizeProgressListener progress) {
		SourceMapper.FileFormat format = mapper.format(file.path());
		Charset charset = format.charset();
		return switch (format.kind()) {
			case CSV -> {
				var reader = new CsvRecordReader(file.source(), file.path(), () -> progress.track(file, inbox.open(file)),
						charset, format.delimiter());
				// exports come in whatever encoding the exporting user's settings gave them
				reader.setDetectEncoding(true);
				yield reader;
			}
			case JSON_LINES -> new JsonLinesReader(file.source(), file.path(),
					() -> progress.track(file, inbox.open(file)), charset);
		};
	}

	@Bean
	@StepScope
	NormalizeProcessor normalizeProcessor(@Value("#{jobParameters['tenant']}") String tenant,
			@Value("#{jobParameters['date']}") java.time.LocalDate date,
			@Value("#{jobExecutionContext['batchId']}") String batchId, SourceMappers mappers,
			TouchpointProperties properties, @WarehouseDataSource DataSource warehouse, RollupRunner rollups,
			io.touchpoint.jobs.checks.SourceSchemas schemas) {
		// a snapshot without times of its own is listed at the end of the business date, the rollups' window end
		return new NormalizeProcessor(mappers,
				new SourceMapper.MappingContext(tenant, batchId, rollups.endOf(tenant, date)),
				ColumnLimits.read(warehouse), properties.ingest().threads())
			.watchSchemas(new io.touchpoint.jobs.checks.SchemaWatch(schemas, properties.sources().schemaPolicy(), tenant, date));
	}

	@Bean
	@StepScope
	StagingPartWriter normalizeWriter(@Value("#{jobParameters['tenant']}") String tenant,
			@Value("#{jobParameters['date']}") java.time.LocalDate date,
			@Value("#{jobExecutionContext['batchId']}") String batchId, S3Client s3, Endpoints endpoints,
			WorkPartLedger ledger, TouchpointProperties properties, QuarantineListener normalizeQuarantineListener) {
		var location = new io.touchpoint.writers.staging.StagingLocation(endpoints.bucket(), tenant, date, batchId);
		return new StagingPartWriter(s3, location, ledger, properties.ingest().rowsPerPart(),
				normalizeQuarantineListener.buffer(), properties.ingest().threads(),
				properties.s3().concurrency());
	}

	@Bean
	@StepScope
	QuarantineListener normalizeQuarantineListener(@Value("#{jobParameters['tenant']}") String tenant,
			@Value("#{jobExecutionContext['batchId']}") String batchId) {
		return new QuarantineListener(new QuarantineBuffer(), tenant, batchId, Clock.systemUTC());
	}

	/** Shows normalize's progress (see ProgressMeters): records, records/s, time left by bytes read. */
	@Bean
	@StepScope
	NormalizeProgressListener normalizeProgress(@Value("#{jobParameters['tenant']}") String tenant,
			@Value("#{jobParameters['date']}") java.time.LocalDate date,
			@Value("#{jobExecutionContext['batchId']}") String batchId, InboxFileRegistry registry,
			ProgressMeters progress) {
		return new NormalizeProgressListener(progress.meter("normalize " + tenant + " " + date),
				batchId == null ? List.of() : registry.filesToRead(batchId));
	}

	@Bean
	WorkPartLedger workPartLedger(DataSource metadataDataSource) {
		return new WorkPartLedger(new org.springframework.jdbc.core.JdbcTemplate(metadataDataSource));
	}

	@Bean
	BatchReconciler batchReconciler(@WarehouseDataSource DataSource warehouse) {
		return new BatchReconciler(warehouse);
	}
}
