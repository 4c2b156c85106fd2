package io.touchpoint.writers.load.singlestore;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;

import javax.sql.DataSource;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;

import io.touchpoint.writers.load.LoadException;
import io.touchpoint.writers.load.LoadResult;
import io.touchpoint.writers.load.LoadTable;
import io.touchpoint.writers.load.StagedFileLoader;
import io.touchpoint.writers.staging.ManifestPart;

/**
 * Loads staged parts into SingleStore by letting its pipelines ingest them, exactly once.
 *
 * <p>The application never moves rows itself. For each part it: returns {@code alreadyLoaded} if the
 * part has a {@code load_ledger} row; makes sure the table's pipeline exists and runs
 * ({@link SingleStorePipelines#ensureRunning}); polls {@code information_schema.PIPELINES_FILES}
 * with a growing interval until the key is {@code Loaded}; counts the file's rows and money in the
 * table ({@code WHERE staged_file = key}) and checks them against the manifest; and records the
 * ledger row. The pipeline commits each batch with its file offsets, so a file is loaded once even
 * across crashes; a restart of the step finds the file {@code Loaded} and only records it.
 *
 * <p>A {@code Skipped} file fails the load with the pipeline's error text, file and line, after
 * copying those errors into {@code pipeline_errors}. A file still missing or {@code Unloaded} after
 * the timeout fails it with the pipeline's state and its latest errors. Credentials never appear in
 * a message.
 */
public final class SingleStorePipelineLoader implements StagedFileLoader {

	private static final Logger log = LoggerFactory.getLogger(SingleStorePipelineLoader.class);

	private final JdbcTemplate jdbc;
	private final SingleStorePipelines pipelines;
	private final Sleeper sleeper;
	private final Clock clock;

	/** A loader that runs pipeline statements on the warehouse and waits in real time. */
	public SingleStorePipelineLoader(DataSource warehouse, PipelineSettings settings) {
		this(warehouse, new SingleStorePipelines(warehouse, settings, SingleStorePipelines.jdbc(warehouse)),
				Sleeper.THREAD, Clock.systemUTC());
	}

	public SingleStorePipelineLoader(DataSource warehouse, SingleStorePipelines pipelines, Sleeper sleeper,
			Clock clock) {
		this.jdbc = new JdbcTemplate(Objects.requireNonNull(warehouse, "warehouse DataSource"));
		this.pipelines = Objects.requireNonNull(pipelines, "pipelines");
		this.sleeper = Objects.requireNonNull(sleeper, "sleeper");
		this.clock = Objects.requireNonNull(clock, "clock");
	}

	@Override
	public LoadResult load(String bucket, ManifestPart part, LoadTable table, String tenantId, String batchId) {
		String file = StagedFileLoader.requireStagedKey(bucket, part, table);
		LoadResult recorded = ledgerEntry(part.key());
		if (recorded != null) {
			log.debug("{} was already loaded into {}: skipped", file, table.name());
			return recorded;
		}
		pipelines.ensureRunning(bucket, table);
		awaitLoaded(bucket, part.key(), table, file);
		return record(part, table, tenantId, batchId, file);
	}

	private void awaitLoaded(String bucket, String key, LoadTable table, String file) {
		PipelineSettings settings = pipelines.settings();
		String pipeline = pipelines.sql().pipelineName(table);
		Instant start = clock.instant();
		Instant deadline = start.plus(settings.loadTimeout());
		Duration delay = settings.pollInitial();
		while (true) {
			SingleStorePipelines.FileState state = pipelines.fileState(pipeline, bucket, key);
			if (state != null && "Loaded".equalsIgnoreCase(state.state())) {
				return;
			}
			if (state != null && "Skipped".equalsIgnoreCase(state.state())) {
				throw skipped(pipeline, bucket, key, table, file);
			}
			String pipelineState = pipelines.state(pipeline);
			if (pipelineState == null || "Error".equalsIgnoreCase(pipelineState)) {
				throw notRunning(pipeline, pipelineState, table, file);
			}
			Instant now = clock.instant();
			if (!now.isBefore(deadline)) {
				throw timedOut(pipeline, pipelineState, state, table, file, Duration.between(start, now));
			}
			Duration remaining = Duration.between(now, deadline);
			try {
				sleeper.sleep(delay.compareTo(remaining) < 0 ? delay : remaining);
			}
			catch (InterruptedException e) {
				Thread.currentThread().interrupt();
				throw new LoadException("interrupted while waiting for pipeline " + pipeline + " to load " + file
						+ "; the pipeline goes on loading it: restart the execution to wait again", e);
			}
			delay = delay.multipliedBy(2);
			if (delay.compareTo(settings.pollMax()) > 0) {
				delay = settings.pollMax();
			}
		}
	}

	private LoadResult record(ManifestPart part, LoadTable table, String tenantId, String batchId, String file) {
		long[] found = jdbc.queryForObject(pipelines.sql().fileRowsQuery(table),
				(rs, n) -> new long[] { rs.getLong(1), rs.getLong(2) }, part.key());
		long rows = found[0];
		long money = found[1];
		boolean exact = table.mode() == LoadTable.Mode.APPEND;
		if (exact ? rows != part.rows() || money != part.moneyMinor() : rows > part.rows()) {
			throw new LoadException(file + " (table " + table.name() + "): pipeline "
					+ pipelines.sql().pipelineName(table) + " reports the file Loaded and the table holds " + rows
					+ " rows / money " + money + " from it, but its manifest says " + part.rows() + " rows / money "
					+ part.moneyMinor() + (exact ? "" : " (at most that many rows, duplicates skipped)")
					+ "; the staged file, the pipeline's column list or the table differ: check them, then run"
					+ " `touchpoint pipelines reload-file " + part.key() + "` and restart the execution");
		}
		long inserted = table.mode() == LoadTable.Mode.MERGE ? part.rows() : rows;
		int added = jdbc.update("INSERT IGNORE INTO load_ledger (staged_key, tenant_id, batch_id, table_name, row_count,"
				+ " money_minor, rows_inserted, loaded_at) VALUES (?, ?, ?, ?, ?, ?, ?, CURRENT_TIMESTAMP(6))",
				part.key(), tenantId, batchId, table.name(), part.rows(), part.moneyMinor(), inserted);
		if (added == 0) {
			LoadResult other = ledgerEntry(part.key());
			if (other != null) {
				return other;
			}
		}
		log.debug("pipeline loaded {} into {}: {} rows, money {}, {} counted", file, table.name(), part.rows(),
				part.moneyMinor(), rows);
		return new LoadResult(part.key(), part.rows(), part.moneyMinor(), inserted, false);
	}

	private LoadException skipped(String pipeline, String bucket, String key, LoadTable table, String file) {
		List<PipelineError> errors = pipelines.copyErrors(pipeline, bucket, key);
		String why = errors.isEmpty() ? "SingleStore holds no error for it any more (pipelines_errors_retention_minutes)"
				: errors.stream().limit(3).map(PipelineError::describe).collect(Collectors.joining("; "));
		return new LoadException("pipeline " + pipeline + " skipped " + file + " (table " + table.name() + "): " + why
				+ "; nothing of the file was loaded (the errors are kept in pipeline_errors). Fix the staged file or the"
				+ " table, run `touchpoint pipelines reload-file " + key + "`, then restart the execution");
	}

	private LoadException notRunning(String pipeline, @Nullable String state, LoadTable table, String file) {
		String errors = describe(pipelines.pipelineErrors(pipeline));
		return new LoadException("pipeline " + pipeline + " " + (state == null ? "no longer exists" : "is in state " + state)
				+ " while waiting for " + file + " (table " + table.name() + ")" + errors + ". "
				+ (state == null ? "Run `touchpoint init` to create it again (its file history is gone: check"
						+ " load_ledger before loading old files again), then restart the execution"
						: "See `touchpoint pipelines errors`, fix the cause, then restart the execution: the load step"
								+ " starts the pipeline again"));
	}

	private LoadException timedOut(String pipeline, String pipelineState, SingleStorePipelines.@Nullable FileState state,
			LoadTable table, String file, Duration waited) {
		String where = state == null
				? "is not in information_schema.PIPELINES_FILES: the pipeline has not listed it. Check that the pipeline"
						+ " reads this bucket and prefix (SHOW CREATE PIPELINE " + pipeline + "), that its credentials can"
						+ " list it, and that the key ends in the staged suffix"
				: "is still " + state.state() + ": the pipeline has not reached it. Check the pipeline's progress"
						+ " (touchpoint pipelines status) and raise touchpoint.singlestore.load-timeout if it is just"
						+ " busy";
		return new LoadException(file + " (table " + table.name() + ") was not loaded by pipeline " + pipeline
				+ " (state " + pipelineState + ") after " + waited.toSeconds() + " s; it " + where
				+ describe(pipelines.pipelineErrors(pipeline)) + ". The pipeline goes on; restart the execution to wait"
				+ " again: files already loaded are skipped");
	}

	private static String describe(List<PipelineError> errors) {
		return errors.isEmpty() ? "" : "; latest pipeline errors: " + errors.stream()
			.map(e -> (e.file() == null || e.file().isBlank() ? "" : e.file() + " ") + e.describe())
			.collect(Collectors.joining("; "));
	}

	private @Nullable LoadResult ledgerEntry(String key) {
		List<LoadResult> found = jdbc.query("SELECT row_count, money_minor, rows_inserted FROM load_ledger"
				+ " WHERE staged_key = ?", (rs, n) -> new LoadResult(key, rs.getLong(1), rs.getLong(2), rs.getLong(3),
						true), key);
		return found.isEmpty() ? null : found.get(0);
	}
}
