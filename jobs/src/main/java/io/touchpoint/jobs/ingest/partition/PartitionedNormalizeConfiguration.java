package io.touchpoint.jobs.ingest.partition;

import org.jspecify.annotations.Nullable;
import org.springframework.batch.core.configuration.annotation.StepScope;
import org.springframework.batch.core.listener.StepExecutionListener;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.Step;
import org.springframework.batch.core.step.builder.StepBuilder;
import org.springframework.batch.infrastructure.item.ItemStreamReader;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.task.SimpleAsyncTaskExecutor;
import software.amazon.awssdk.services.s3.S3Client;

import io.touchpoint.jobs.config.Endpoints;
import io.touchpoint.jobs.config.TouchpointProperties;
import io.touchpoint.jobs.ingest.BatchContext;
import io.touchpoint.jobs.ingest.InboxFileRegistry;
import io.touchpoint.jobs.ingest.NormalizeProgressListener;
import io.touchpoint.jobs.sources.SourceMappers;
import io.touchpoint.readers.SourceRecord;

/**
 * Normalize as a partitioned step when {@code touchpoint.ingest.partitions} is above 1: the manager step
 * {@code normalize} cuts the batch's files into that many partitions ({@link NormalizePartitioner}) and runs
 * each as its own chunk-oriented step {@code normalize-partition:partitionN} on
 * {@code touchpoint.ingest.threads} threads, with its own chunk transactions, restart position and quarantine
 * rows. Work parts are keyed by random ids, so partitions never share one; stage, load and reconcile see the
 * same work parts as with one partition. A restart runs only the partitions that did not complete, each from
 * its last committed chunk. With {@code touchpoint.workers.remote=true} the partitions run in {@code touchpoint worker}
 * processes instead ({@link RemotePartitioningConfiguration}), with the same steps, contexts and restart.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(WorkerProperties.class)
public class PartitionedNormalizeConfiguration {

	/** Set in the manager step's execution context: its position is in its partitions' contexts. */
	public static final String PARTITIONED = NormalizeLayout.PARTITIONED;

	/** The partitions' step name (each runs as {@code normalize-partition:partitionN}). */
	public static final String WORKER = "normalize-partition";

	@Bean
	NormalizePartitions normalizePartitions(TouchpointProperties properties,
			ObjectProvider<NormalizePartitioner> partitioner, ObjectProvider<PartitionReader> reader,
			ObjectProvider<RemotePartitioningConfiguration.RemotePartitions> remote) {
		return new NormalizePartitions(properties.ingest().partitions(), properties.ingest().threads(),
				partitioner, reader, remote.getIfAvailable());
	}

	@Bean
	@StepScope
	NormalizePartitioner normalizePartitioner(InboxFileRegistry registry, SourceMappers mappers, S3Client s3,
			Endpoints endpoints) {
		BatchContext batch = BatchContext.current();
		return new NormalizePartitioner(registry.filesToRead(batch.batchId()), inboxes(batch, s3, endpoints)::of,
				file -> mappers.forFile(file.source(), file.path()).format(file.path()));
	}

	@Bean
	@StepScope
	PartitionReader normalizePartitionReader(
			@Value("#{stepExecutionContext['" + NormalizePartitioner.SLICES + "']}") String slices,
			InboxFileRegistry registry, SourceMappers mappers, S3Client s3, Endpoints endpoints,
			NormalizeProgressListener normalizeProgress) {
		BatchContext batch = BatchContext.current();
		return new PartitionReader(registry.filesToRead(batch.batchId()), FileSlice.parse(slices),
				inboxes(batch, s3, endpoints), mappers, normalizeProgress);
	}

	private static BatchInboxes inboxes(BatchContext batch, S3Client s3, Endpoints endpoints) {
		return new BatchInboxes(s3, endpoints.bucket(), batch.tenantId(), batch.date(), batch.batchId(), batch.inbox());
	}

	/** Builds the normalize step: partitioned when more than one partition is configured. */
	public static final class NormalizePartitions {

		private final int partitions;

		private final int threads;

		private final ObjectProvider<NormalizePartitioner> partitioner;

		private final ObjectProvider<PartitionReader> reader;

		private final RemotePartitioningConfiguration.@Nullable RemotePartitions remote;

		private volatile @Nullable Step worker;

		NormalizePartitions(int partitions, int threads, ObjectProvider<NormalizePartitioner> partitioner,
				ObjectProvider<PartitionReader> reader, RemotePartitioningConfiguration.@Nullable RemotePartitions remote) {
			this.partitions = partitions;
			this.threads = threads;
			this.partitioner = partitioner;
			this.reader = reader;
			this.remote = remote;
		}

		/** The partitions' step {@link #step} built, which {@code touchpoint worker} runs. */
		Step workerStep() {
			Step built = worker;
			if (built == null) {
				throw new IllegalStateException("the normalize step was not built in partitions: set "
						+ "touchpoint.workers.remote=true for touchpoint worker");
			}
			return built;
		}

		/** Builds the chunk-oriented normalize step with a name, over a reader, with one more listener. */
		@FunctionalInterface
		public interface ChunkStep {

			Step build(String name, ItemStreamReader<SourceRecord> reader, StepExecutionListener listener);
		}

		/**
		 * The normalize step. A failed run is restarted with the partitions it ran with: a restart of a run
		 * normalized in one step is refused by the partitioned step, and the other way round, since either would
		 * read again what the failed run had committed.
		 *
		 * @param chunkStep   builds the chunk-oriented normalize step
		 * @param batchReader the reader of all the batch's files, for one partition
		 */
		public Step step(JobRepository jobRepository, ChunkStep chunkStep, ItemStreamReader<SourceRecord> batchReader) {
			if (partitions <= 1 && remote == null) {
				return chunkStep.build("normalize", batchReader, NormalizeLayout.oneStep());
			}
			Step built = chunkStep.build(WORKER, reader.getObject(), new StepExecutionListener() {
			});
			this.worker = built;
			var builder = new StepBuilder("normalize", jobRepository).partitioner(WORKER, partitioner.getObject())
				.step(built)
				.gridSize(partitions);
			if (remote != null) {
				builder.partitionHandler(remote.handler(partitions));
			}
			else {
				var executor = new SimpleAsyncTaskExecutor("normalize-partition-");
				executor.setConcurrencyLimit(threads);
				builder.taskExecutor(executor);
			}
			return builder.listener(NormalizeLayout.partitioned(partitions)).build();
		}
	}
}
