package io.touchpoint.jobs.ingest;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.core.ExitStatus;
import org.springframework.batch.core.scope.context.ChunkContext;
import org.springframework.batch.core.step.StepContribution;
import org.springframework.batch.core.step.tasklet.Tasklet;
import org.springframework.batch.infrastructure.repeat.RepeatStatus;
import software.amazon.awssdk.services.s3.S3Client;

import io.touchpoint.jobs.load.TagSnapshotChanges;
import io.touchpoint.jobs.logging.JobLogContext;
import io.touchpoint.jobs.model.CanonicalTables;
import io.touchpoint.jobs.progress.ProgressMeter;
import io.touchpoint.jobs.progress.ProgressMeters;
import io.touchpoint.writers.load.LoadException;
import io.touchpoint.writers.load.LoadResult;
import io.touchpoint.writers.load.LoadTable;
import io.touchpoint.writers.load.StagedFileLoader;
import io.touchpoint.writers.staging.Manifest;
import io.touchpoint.writers.staging.ManifestPart;

/**
 * load: every part of every table's manifest through the warehouse's {@link StagedFileLoader}. Each
 * file commits with its ledger row, so a restart after a crash skips the files already loaded and
 * loads the rest: every file exactly once.
 *
 * <p>With {@code threads} K &gt; 1, up to K tables load at once, each on its own connection: a table's
 * parts still load one after another in manifest order (so a merge table sees its parts in the same
 * order as on one thread), and the tables go to the threads largest first. The canonical tables do not
 * read one another while loading, so their order does not change what they hold. When a part fails,
 * the other threads stop after the part they are loading, and the step fails with that part's error
 * (a failure another thread met at the same time is attached to it as suppressed): what committed is in
 * the ledger, and a restart loads the rest. Once every part is in, the loader refreshes the optimizer
 * statistics of the tables the manifests name, so the rollup step plans its joins with them.
 */
public class LoadTasklet implements Tasklet {

	private static final Logger log = LoggerFactory.getLogger(LoadTasklet.class);

	private final S3Client s3;

	private final StagedFileLoader loader;

	private final String bucket;

	private final IngestFaults faults;

	private final ProgressMeters meters;

	private final int threads;

	private final @Nullable TagSnapshotChanges tagSnapshots;

	public LoadTasklet(S3Client s3, StagedFileLoader loader, String bucket, IngestFaults faults) {
		this(s3, loader, bucket, faults, ProgressMeters.logging(java.time.Duration.ofSeconds(10)), 1);
	}

	/**
	 * With its progress (rows loaded, rows/s, time left) shown by a meter of {@code meters}, and up to
	 * {@code threads} tables loading at once.
	 */
	public LoadTasklet(S3Client s3, StagedFileLoader loader, String bucket, IngestFaults faults,
			ProgressMeters meters, int threads) {
		this(s3, loader, bucket, faults, meters, threads, null);
	}

	/**
	 * Also turns the batch's snapshot tag listings into tag changes once its parts are loaded
	 * ({@link TagSnapshotChanges}; null: no snapshot sources).
	 */
	public LoadTasklet(S3Client s3, StagedFileLoader loader, String bucket, IngestFaults faults,
			ProgressMeters meters, int threads, @Nullable TagSnapshotChanges tagSnapshots) {
		this.tagSnapshots = tagSnapshots;
		if (threads < 1) {
			throw new IllegalArgumentException("threads must be at least 1, got " + threads);
		}
		this.meters = meters;
		this.s3 = s3;
		this.loader = loader;
		this.bucket = bucket;
		this.faults = faults;
		this.threads = threads;
	}

	@Override
	public RepeatStatus execute(StepContribution contribution, ChunkContext chunkContext) {
		BatchContext batch = BatchContext.of(chunkContext.getStepContext().getStepExecution());
		var location = batch.location(bucket);
		// every manifest first: their rows are the total the progress estimate needs
		List<TableParts> tables = new ArrayList<>();
		long totalRows = 0;
		for (LoadTable table : CanonicalTables.all().values()) {
			Manifest manifest = Manifest.read(s3, bucket, location.manifestKey(table.name()));
			TableParts parts = new TableParts(table, manifest.parts());
			if (!parts.parts().isEmpty()) {
				tables.add(parts);
			}
			totalRows += parts.rows();
		}
		var parameters = chunkContext.getStepContext().getStepExecution().getJobParameters();
		ProgressMeter meter = meters.meter("load " + parameters.getString(IngestParameters.TENANT) + " "
				+ parameters.getLocalDate(IngestParameters.DATE));
		Tally tally = new Tally(meter, totalRows);
		meter.start(0, 0);
		try {
			if (threads == 1 || tables.size() < 2) {
				for (TableParts table : tables) {
					load(table, batch, tally, new AtomicBoolean());
				}
			}
			else {
				loadConcurrently(tables, batch, tally);
			}
		}
		finally {
			meter.finish();
		}
		if (tagSnapshots != null) {
			tally.inserted += tagSnapshots.derive(batch.tenantId(), batch.batchId());
		}
		// every table with parts, also when a restart found them loaded: the run that loaded them may have
		// stopped before this
		loader.refreshStatistics(tables.stream().map(TableParts::table).toList());
		contribution.incrementWriteCount(tally.inserted);
		String summary = tally.files + " file(s) loaded (" + tally.rows + " rows, " + tally.inserted + " new)"
				+ (tally.skipped > 0 ? ", " + tally.skipped + " already loaded before a restart" : "");
		log.info("load {}: {}{}", batch.batchId(), summary, tally.tableTimes());
		contribution.setExitStatus(ExitStatus.COMPLETED.addExitDescription(summary));
		return RepeatStatus.FINISHED;
	}

	/** Loads one table's parts in order, until they are done or {@code stop} is set by another thread's failure. */
	private void load(TableParts table, BatchContext batch, Tally tally, AtomicBoolean stop) {
		for (ManifestPart part : table.parts()) {
			if (stop.get()) {
				return;
			}
			try {
				faults.beforeLoad(part.key());
				long started = System.nanoTime();
				LoadResult result = loader.load(bucket, part, table.table(), batch.tenantId(), batch.batchId());
				tally.add(table.table().name(), part, result, System.nanoTime() - started);
				log.debug("loaded {}: {} rows, {} new", part.key(), result.rows(), result.rowsInserted());
			}
			catch (RuntimeException ex) {
				stop.set(true);
				throw ex;
			}
		}
	}

	private void loadConcurrently(List<TableParts> tables, BatchContext batch, Tally tally) {
		List<TableParts> largestFirst = new ArrayList<>(tables);
		largestFirst.sort(Comparator.comparingLong(TableParts::rows).reversed());
		AtomicBoolean stop = new AtomicBoolean();
		AtomicInteger named = new AtomicInteger();
		String step = Thread.currentThread().getName();
		ExecutorService pool = Executors.newFixedThreadPool(Math.min(threads, largestFirst.size()), task -> {
			Thread thread = new Thread(JobLogContext.copyInto(task), step + "-load-" + named.incrementAndGet());
			thread.setDaemon(true);
			return thread;
		});
		try {
			List<Future<?>> futures = new ArrayList<>();
			for (TableParts table : largestFirst) {
				futures.add(pool.submit(() -> load(table, batch, tally, stop)));
			}
			RuntimeException failure = null;
			for (int i = 0; i < futures.size(); i++) {
				try {
					futures.get(i).get();
				}
				catch (ExecutionException ex) {
					RuntimeException cause = ex.getCause() instanceof RuntimeException runtime ? runtime
							: new LoadException("could not load table " + largestFirst.get(i).table().name() + ": "
									+ ex.getCause() + "; restart the execution: files already loaded are skipped",
									ex.getCause());
					if (failure == null) {
						failure = cause;
					}
					else {
						failure.addSuppressed(cause);
					}
				}
			}
			if (failure != null) {
				throw failure;
			}
		}
		catch (InterruptedException ex) {
			stop.set(true);
			Thread.currentThread().interrupt();
			throw new LoadException("interrupted while loading " + batch.batchId() + "; the parts that finished"
					+ " are in load_ledger: restart the execution to load the rest", ex);
		}
		finally {
			pool.shutdown();
		}
	}

	/** A table and the parts its manifest lists. */
	private record TableParts(LoadTable table, List<ManifestPart> parts) {

		long rows() {
			return parts.stream().mapToLong(ManifestPart::rows).sum();
		}
	}

	/** What the load did so far, updated by every loading thread, and the meter that shows it. */
	private static final class Tally {

		private final ProgressMeter meter;

		private long totalRows;

		private long done;

		private int files;

		private int skipped;

		private long rows;

		private long inserted;

		private final Map<String, Long> nanos = new LinkedHashMap<>();

		Tally(ProgressMeter meter, long totalRows) {
			this.meter = meter;
			this.totalRows = totalRows;
		}

		/**
		 * Seconds the slowest tables' parts took to load (up to four, each 0.1 s or more), slowest first: where a
		 * slow load spends its time; empty for a quick one.
		 */
		synchronized String tableTimes() {
			String slowest = nanos.entrySet()
				.stream()
				.filter(table -> table.getValue() >= 100_000_000L)
				.sorted(Map.Entry.<String, Long>comparingByValue().reversed())
				.limit(4)
				.map(table -> String.format(Locale.ROOT, "%s %.1f s", table.getKey(), table.getValue() / 1e9))
				.collect(Collectors.joining(", "));
			return slowest.isEmpty() ? "" : "; slowest: " + slowest;
		}

		synchronized void add(String table, ManifestPart part, LoadResult result, long tookNanos) {
			nanos.merge(table, tookNanos, Long::sum);
			if (result.alreadyLoaded()) {
				skipped++;
				// loaded before a restart: part of neither the rate nor the work left
				totalRows -= part.rows();
				return;
			}
			files++;
			done += part.rows();
			rows += result.rows();
			inserted += result.rowsInserted();
			meter.update(rows, done, totalRows);
		}
	}
}
