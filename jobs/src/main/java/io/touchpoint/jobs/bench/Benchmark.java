package io.touchpoint.jobs.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import javax.sql.DataSource;

import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.stereotype.Component;
import software.amazon.awssdk.services.s3.S3Client;

import io.touchpoint.jobs.config.Endpoints;
import io.touchpoint.jobs.config.TouchpointProperties;
import io.touchpoint.jobs.config.WarehouseDataSource;
import io.touchpoint.jobs.executions.JobRuns;
import io.touchpoint.jobs.failures.FailureMessages;
import io.touchpoint.jobs.ingest.BatchContext;
import io.touchpoint.jobs.ingest.IngestParameters;
import io.touchpoint.jobs.nightly.NightlyJobConfiguration;
import io.touchpoint.jobs.rollup.RollupRunner;
import io.touchpoint.writers.staging.StagingLocation;

/**
 * {@code touchpoint bench}: generates an export, runs the real {@code import} job over it (fetch,
 * normalize, stage, load, reconcile, rollup, report) as a fresh tenant, and measures each path beside its
 * floor in the same process: the stage path against a bare CSV read + gzip level 1, the load step against
 * one plain {@code LOAD DATA LOCAL INFILE}, then a full rollup rebuild and peak memory. Every run is a new
 * tenant ({@code bench_<time>}), so runs in one home never dedupe each other's files.
 */
@Component
public class Benchmark {

	static final LocalDate DATE = LocalDate.of(2026, 11, 1);

	private static final long SEED = 20261101L;

	/** Rows of the warm-up import that runs before the measured one. */
	static final long WARM_UP_ROWS = 20_000;

	private static final List<String> STAGE_STEPS = List.of("fetch", "normalize", "stage");

	private final JobRuns jobRuns;

	private final RollupRunner rollups;

	private final S3Client s3;

	private final Endpoints endpoints;

	private final DataSource warehouse;

	private final int stageThreads;

	private final int stagePartitions;

	public Benchmark(JobRuns jobRuns, RollupRunner rollups, S3Client s3, Endpoints endpoints,
			@WarehouseDataSource DataSource warehouse, TouchpointProperties properties) {
		this.stageThreads = properties.ingest().threads();
		this.stagePartitions = properties.ingest().partitions();
		this.jobRuns = jobRuns;
		this.rollups = rollups;
		this.s3 = s3;
		this.endpoints = endpoints;
		this.warehouse = warehouse;
	}

	/** Runs the benchmark with its files under {@code workDir}, which it deletes afterwards. */
	public BenchResult run(long rows, int threads, BenchShape shape, Path workDir) throws Exception {
		if (!endpoints.embedded()) {
			throw new IllegalArgumentException("bench runs on the embedded default only: it creates a tenant and"
					+ " scratch tables; remove touchpoint.warehouse.url");
		}
		if (threads < 1) {
			throw new IllegalArgumentException("--threads must be 1 or more, not " + threads);
		}
		String tenant = "bench_" + Long.toString(System.currentTimeMillis(), 36);
		Path inbox = workDir.resolve(tenant).resolve("inbox");
		try {
			// the floors run on a warm JIT: so does the measured job, after a small import of the same shape
			long warmUpRows = Math.min(rows, WARM_UP_ROWS);
			importExport(tenant + "_warm", new ExportGenerator(warmUpRows, shape, DATE, SEED)
				.writeTo(workDir.resolve(tenant).resolve("warm")), shape);
			PeakMemory memory = new PeakMemory();
			memory.reset();
			ExportGenerator.Export export = new ExportGenerator(rows, shape, DATE, SEED).writeTo(inbox);
			JobExecution execution = importExport(tenant, export, shape);
			Map<String, Double> steps = stepSeconds(execution);
			StagingLocation location = new StagingLocation(endpoints.bucket(), tenant, DATE,
					execution.getExecutionContext().getString(BatchContext.BATCH_ID));
			long stagedRows = LoadFloor.stagedRows(s3, location);
			double stageSeconds = STAGE_STEPS.stream().mapToDouble(steps::get).sum();
			BenchResult.Stage stage = new BenchResult.Stage(stageThreads, readCount(execution), export.bytes(), stageSeconds,
					readCount(execution) / stageSeconds, export.bytes() / 1e6 / stageSeconds, steps, stagedRows);

			StageFloor.Result one = StageFloor.measure(export.files(), 1);
			BenchResult.Throughput floor = BenchResult.Throughput.of(1, one.rows(), one.bytes(), one.seconds());
			BenchResult.Throughput floorK = null;
			if (threads > 1) {
				StageFloor.Result k = StageFloor.measure(export.files(), threads);
				floorK = BenchResult.Throughput.of(threads, k.rows(), k.bytes(), k.seconds());
			}
			StageFloor.Result written = StageFloor.gzipStaged(s3, location);
			BenchResult.Throughput gzipFloor = BenchResult.Throughput.of(1, written.rows(), written.bytes(),
					written.seconds());
			// reading the export and compressing what is staged, at the stage's threads (compression split ideally)
			BenchResult.Throughput readFloor = stageThreads > 1 && floorK != null ? floorK : floor;
			double bothFloors = export.rows() / (readFloor.seconds() + written.seconds() / stageThreads);

			double loadSeconds = steps.get("load");
			BenchResult.Load load = new BenchResult.Load(stagedRows, loadSeconds, stagedRows / loadSeconds);
			LoadFloor.Result plain = LoadFloor.measure(s3, location, warehouse, workDir.resolve(tenant).resolve("floor"));
			BenchResult.Throughput loadFloor = BenchResult.Throughput.of(1, plain.rows(), 0, plain.seconds());
			BenchResult.Throughput keyedFloor = BenchResult.Throughput.of(1, plain.rows(), 0, plain.keyedSeconds());

			long start = System.nanoTime();
			RollupRunner.Result rebuilt = rollups.rebuild(tenant, RollupRunner.NO_WINDOW_END);
			BenchResult.Rollup rollup = new BenchResult.Rollup(rebuilt.contacts(), (System.nanoTime() - start) / 1e9);

			PeakMemory.Peak peak = memory.read();
			List<String> notes = new ArrayList<>();
			notes.add(stagePartitions > 1
					? "the stage ran with touchpoint.ingest.partitions=" + stagePartitions + " on touchpoint.ingest.threads="
							+ stageThreads + ": normalize's partitions each read, map and compress their records (uploads wait"
							+ " on the network on touchpoint.s3.concurrency threads of their own)"
					: "the stage ran with touchpoint.ingest.threads=" + stageThreads + ": normalize reads on one thread,"
							+ " maps and compresses on " + stageThreads + " (uploads wait on the network on"
							+ " touchpoint.s3.concurrency threads of their own); stage / floor compares with the floor at the"
							+ " same threads");
			notes.add("tenant " + tenant + ", import execution " + execution.getId() + ", after a warm-up import of "
					+ warmUpRows + " rows (tenant " + tenant + "_warm); the floors run after the job");
			return new BenchResult(shape.name(), export.rows(), export.bytes(), threads, stage, floor, floorK,
					stage.rowsPerSecond() / readFloor.rowsPerSecond(),
					floorK == null ? 1.0 : floorK.rowsPerSecond() / floor.rowsPerSecond(), gzipFloor,
					stage.rowsPerSecond() / bothFloors, load, loadFloor,
					load.rowsPerSecond() / loadFloor.rowsPerSecond(), keyedFloor,
					load.rowsPerSecond() / keyedFloor.rowsPerSecond(), rollup,
					new BenchResult.Memory(peak.heapBytes(), peak.heapAfterGcBytes(), peak.heapMaxBytes(), peak.rssBytes(), peak.gcCount(),
							peak.gcMillis()),
					notes);
		}
		finally {
			delete(workDir.resolve(tenant));
		}
	}

	/** Runs the import job over an export's folder as the tenant; fails unless it completes. */
	private JobExecution importExport(String tenant, ExportGenerator.Export export, BenchShape shape) throws Exception {
		Path folder = export.files().get(0).getParent().getParent();
		JobExecution execution = jobRuns.start(NightlyJobConfiguration.IMPORT, IngestParameters.oneOff(tenant, DATE,
				shape.name(), tenant, folder.toAbsolutePath().toString()));
		if (execution.getStatus() != BatchStatus.COMPLETED) {
			throw new IllegalStateException("the import job of the benchmark ended " + execution.getStatus() + ": "
					+ FailureMessages.summarize(execution.getAllFailureExceptions()) + " (execution "
					+ execution.getId() + ")");
		}
		return execution;
	}

	/** Records the normalize step read: every generated row, bad or not. */
	private static long readCount(JobExecution execution) {
		return step(execution, "normalize").getReadCount() + step(execution, "normalize").getReadSkipCount();
	}

	private static Map<String, Double> stepSeconds(JobExecution execution) {
		Map<String, Double> seconds = new LinkedHashMap<>();
		execution.getStepExecutions().stream().sorted(Comparator.comparing(StepExecution::getId)).forEach(step -> {
			seconds.put(step.getStepName(), Duration.between(step.getStartTime(), step.getEndTime()).toNanos() / 1e9);
		});
		return seconds;
	}

	private static StepExecution step(JobExecution execution, String name) {
		return execution.getStepExecutions().stream().filter(step -> step.getStepName().equals(name)).findFirst()
			.orElseThrow(() -> new IllegalStateException("the import job has no step " + name));
	}

	private static void delete(Path dir) throws IOException {
		if (!Files.exists(dir)) {
			return;
		}
		try (Stream<Path> paths = Files.walk(dir)) {
			for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
				Files.deleteIfExists(path);
			}
		}
	}
}
