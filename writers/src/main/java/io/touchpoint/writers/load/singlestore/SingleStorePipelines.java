package io.touchpoint.writers.load.singlestore;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.sql.DataSource;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import io.touchpoint.writers.load.LoadException;
import io.touchpoint.writers.load.LoadTable;

/**
 * The pipelines of one SingleStore warehouse: creating them (never dropping them: a recreated
 * pipeline forgets which files it loaded and loads everything again), starting them, reading their
 * state, files and errors from the {@code information_schema} views, copying errors into our
 * {@code pipeline_errors} table, and reloading one file.
 *
 * <p>Pipeline statements go through a {@link PipelineControl}; the credentials they carry are
 * removed from any error message before it is thrown.
 */
public final class SingleStorePipelines {

	private static final Logger log = LoggerFactory.getLogger(SingleStorePipelines.class);
	private static final Pattern STAGED_KEY = Pattern.compile(
			"staging/([a-z_][a-z0-9_]{0,63})/tenant=[A-Za-z0-9_-]+/date=\\d{4}-\\d{2}-\\d{2}/batch=[A-Za-z0-9_-]+/"
					+ "part-\\d+\\.csv\\.gz");
	private static final int ERRORS_IN_MESSAGE = 3;

	private final JdbcTemplate jdbc;
	private final TransactionTemplate transaction;
	private final SingleStorePipelineSql sql;
	private final PipelineSettings settings;
	private final PipelineControl control;

	public SingleStorePipelines(DataSource warehouse, PipelineSettings settings, PipelineControl control) {
		this.jdbc = new JdbcTemplate(Objects.requireNonNull(warehouse, "warehouse DataSource"));
		this.transaction = new TransactionTemplate(new DataSourceTransactionManager(warehouse));
		this.settings = Objects.requireNonNull(settings, "settings");
		this.sql = new SingleStorePipelineSql(settings);
		this.control = Objects.requireNonNull(control, "control");
	}

	/** Pipeline statements run on the warehouse itself. */
	public static PipelineControl jdbc(DataSource warehouse) {
		JdbcTemplate jdbc = new JdbcTemplate(warehouse);
		return statement -> jdbc.execute(statement);
	}

	public SingleStorePipelineSql sql() {
		return sql;
	}

	public PipelineSettings settings() {
		return settings;
	}

	/**
	 * The statements {@link #createOrAlter} runs, credentials masked, for {@code touchpoint init --print}:
	 * a CREATE PIPELINE IF NOT EXISTS per table, and the ALTERs that bring an existing one up to date.
	 */
	public List<String> script(String bucket, Collection<LoadTable> tables) {
		List<String> statements = new ArrayList<>();
		for (LoadTable table : tables) {
			statements.add(sql.create(bucket, table, true));
		}
		statements.add("-- for a pipeline that exists already (its files and offsets are kept):");
		for (LoadTable table : tables) {
			statements.add(sql.alterConfig(table));
			statements.add(sql.alterCredentials(table, true));
		}
		return statements;
	}

	/**
	 * Creates each table's pipeline, or brings an existing one to the current CONFIG and CREDENTIALS
	 * with ALTER PIPELINE. Returns what was done, one line per table.
	 */
	public List<String> createOrAlter(String bucket, Collection<LoadTable> tables) {
		List<String> done = new ArrayList<>();
		for (LoadTable table : tables) {
			String name = sql.pipelineName(table);
			if (state(name) == null) {
				run(sql.create(bucket, table, false), table);
				done.add("created pipeline " + name);
			}
			else {
				run(sql.alterConfig(table), table);
				run(sql.alterCredentials(table, false), table);
				done.add("updated pipeline " + name + " (CONFIG, CREDENTIALS)");
			}
		}
		return done;
	}

	/** Creates the pipeline if it does not exist and starts it unless it runs. */
	public void ensureRunning(String bucket, LoadTable table) {
		String name = sql.pipelineName(table);
		String state = state(name);
		if (state == null) {
			log.info("creating pipeline {} over s3://{}/{}", name, bucket, SingleStorePipelineSql.stagingPrefix(table.name()));
			run(sql.create(bucket, table, false), table);
		}
		if (!"Running".equalsIgnoreCase(state)) {
			log.info("starting pipeline {} (was {})", name, state == null ? "new" : state);
			run(sql.start(table), table);
		}
	}

	/** The pipeline's STATE, or null if there is no such pipeline. */
	public @Nullable String state(String pipeline) {
		List<String> states = jdbc.queryForList(sql.pipelineStateQuery(), String.class, pipeline);
		return states.isEmpty() ? null : states.get(0);
	}

	/** One file's name (as the pipeline spells it) and state, or null if the pipeline has not listed it. */
	public @Nullable FileState fileState(String pipeline, String bucket, String key) {
		List<FileState> found = jdbc.query(sql.fileStateQuery(), (rs, n) -> new FileState(rs.getString(1),
				rs.getString(2)), pipeline, key, bucket + "/" + key);
		return found.isEmpty() ? null : found.get(0);
	}

	/** The errors SingleStore still holds for one file, oldest first. */
	public List<PipelineError> fileErrors(String pipeline, String bucket, String key) {
		return jdbc.query(sql.fileErrorsQuery(), (rs, n) -> error(rs), pipeline, key, bucket + "/" + key);
	}

	/** The latest errors of this database's pipelines, newest first. */
	public List<PipelineError> recentErrors(int limit) {
		return jdbc.query(sql.recentErrorsQuery(), (rs, n) -> error(rs), limit);
	}

	/** Errors copied into {@code pipeline_errors}, newest first. */
	public List<PipelineError> copiedErrors(int limit) {
		return jdbc.query("SELECT pipeline_name, staged_file, error_unix_time, error_type, error_code, error_message,"
				+ " line_number, line_text FROM pipeline_errors ORDER BY copied_at DESC, error_unix_time DESC LIMIT ?",
				(rs, n) -> error(rs), limit);
	}

	/** Every pipeline of the database: its state and how many files it holds in each state. */
	public List<PipelineStatus> status() {
		List<PipelineStatus> statuses = new ArrayList<>();
		jdbc.query(sql.pipelinesQuery(), rs -> {
			statuses.add(new PipelineStatus(rs.getString(1), rs.getString(2), new LinkedHashMap<>()));
		});
		for (PipelineStatus status : statuses) {
			jdbc.query(sql.fileCountsQuery(), rs -> {
				status.files().put(rs.getString(1), rs.getLong(2));
			}, status.pipeline());
		}
		return statuses;
	}

	/**
	 * Copies a file's errors into {@code pipeline_errors} (replacing an earlier copy of them), so they
	 * outlive SingleStore's retention. Returns the errors.
	 */
	public List<PipelineError> copyErrors(String pipeline, String bucket, String key) {
		List<PipelineError> errors = fileErrors(pipeline, bucket, key);
		if (!errors.isEmpty()) {
			transaction.executeWithoutResult(status -> {
				jdbc.update("DELETE FROM pipeline_errors WHERE pipeline_name = ? AND staged_file = ?", pipeline, key);
				for (PipelineError e : errors) {
					jdbc.update("INSERT INTO pipeline_errors (pipeline_name, staged_file, error_unix_time, error_type,"
							+ " error_code, error_message, line_number, line_text, copied_at)"
							+ " VALUES (?, ?, ?, ?, ?, ?, ?, ?, CURRENT_TIMESTAMP(6))", pipeline, key, e.unixTime(),
							e.type(), e.code(), clip(e.message()), e.lineNumber(), clip(e.line()));
				}
			});
		}
		return errors;
	}

	/** The most recent errors of one pipeline that name no file (listing, credentials, S3 access). */
	public List<PipelineError> pipelineErrors(String pipeline) {
		return recentErrors(50).stream()
			.filter(e -> pipeline.equals(e.pipeline()))
			.limit(ERRORS_IN_MESSAGE)
			.toList();
	}

	/**
	 * Loads one staged file again: deletes its rows (for a table that is not merged; an upsert applied
	 * again gives the same rows) and its {@code load_ledger} row, then {@code ALTER PIPELINE ... DROP FILE}
	 * so the pipeline picks it up on its next batch. Safe to run again after a failure in between.
	 *
	 * @return what was done, as one sentence
	 */
	public String reloadFile(String bucket, String key, Map<String, LoadTable> tables) {
		Matcher matcher = key == null ? null : STAGED_KEY.matcher(key);
		if (matcher == null || !matcher.matches()) {
			throw new IllegalArgumentException("'" + key + "' is not a staged part key: give the key as it appears in"
					+ " the manifest, e.g. staging/purchases/tenant=acme/date=2024-03-05/batch=b7/part-00001.csv.gz");
		}
		LoadTable table = tables.get(matcher.group(1));
		if (table == null) {
			throw new IllegalArgumentException("no loaded table is named " + matcher.group(1) + " (from key " + key
					+ "); tables: " + String.join(", ", tables.keySet()));
		}
		String pipeline = sql.pipelineName(table);
		if (state(pipeline) == null) {
			throw new IllegalArgumentException("pipeline " + pipeline + " does not exist, so it never loaded " + key
					+ ": run `touchpoint init` to create it");
		}
		FileState file = fileState(pipeline, bucket, key);
		int deleted = transaction.execute(status -> {
			int rows = table.mode() == LoadTable.Mode.MERGE ? 0 : jdbc.update(sql.deleteFileRows(table), key);
			jdbc.update("DELETE FROM load_ledger WHERE staged_key = ?", key);
			return rows;
		});
		if (file != null) {
			run(sql.dropFile(table.name(), file.name()), table);
		}
		return "deleted " + deleted + " row(s) of " + key + " from " + table.name()
				+ (table.mode() == LoadTable.Mode.MERGE ? " (an upserted table keeps its rows; the reload applies"
						+ " them again)" : "")
				+ " and its load_ledger row; "
				+ (file == null ? "pipeline " + pipeline + " has not listed the file yet, so it will load it"
						: "pipeline " + pipeline + " forgot the file (" + file.state() + ") and loads it again")
				+ " on its next batch. Then restart the execution that loads it, or run its night again.";
	}

	private void run(String statement, LoadTable table) {
		try {
			control.execute(statement);
		}
		catch (SQLException | RuntimeException e) {
			String pipeline = sql.pipelineName(table);
			throw new LoadException(settings.credentials().redact("pipeline statement for " + pipeline + " (table "
					+ table.name() + ") failed: " + e.getMessage()) + "; check that the warehouse user may manage"
					+ " pipelines (docs/singlestore.md, privileges) and the pipeline settings, then run again");
		}
	}

	private static PipelineError error(java.sql.ResultSet rs) throws SQLException {
		return new PipelineError(rs.getString(1), rs.getString(2), longOrNull(rs, 3), rs.getString(4),
				longOrNull(rs, 5), rs.getString(6), longOrNull(rs, 7), rs.getString(8));
	}

	private static @Nullable Long longOrNull(java.sql.ResultSet rs, int column) throws SQLException {
		long value = rs.getLong(column);
		return rs.wasNull() ? null : value;
	}

	private static @Nullable String clip(@Nullable String text) {
		return text == null || text.length() <= 4000 ? text : text.substring(0, 4000);
	}

	/** A file as {@code PIPELINES_FILES} lists it: its name there and its state. */
	public record FileState(String name, String state) {
	}

	/** One pipeline: its state and its file count per file state. */
	public record PipelineStatus(String pipeline, String state, Map<String, Long> files) {
	}
}
