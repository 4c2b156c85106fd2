package io.touchpoint.writers.load.singlestore;

import java.io.ByteArrayInputStream;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.sql.DataSource;

import org.springframework.jdbc.core.JdbcTemplate;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Request;
import software.amazon.awssdk.services.s3.model.S3Object;

import io.touchpoint.writers.staging.CsvRowEncoder;
import io.touchpoint.writers.testing.TestInfra;

/**
 * A scripted STAND-IN for SingleStore's pipeline views and commands, on the test MariaDB: a schema
 * {@value #SCHEMA} with tables shaped like {@code information_schema.PIPELINES}, {@code PIPELINES_FILES}
 * and {@code PIPELINES_ERRORS} (the documented columns the loader reads), a {@link PipelineControl}
 * that records pipeline statements and updates those tables (CREATE adds a Stopped pipeline, START
 * runs it, DROP FILE forgets a file), and a {@link Sleeper} that advances a fake clock and runs the
 * next scripted step instead of sleeping. {@link #autoLoad()} makes running pipelines behave like
 * the real thing on each poll: list the bucket prefix named in their CREATE statement, load each new
 * {@code csv.gz} object with the statement's columns (LOAD DATA, skipping duplicate keys when the
 * statement says so) and mark it Loaded. It is not SingleStore: it proves the loader's orchestration,
 * not SingleStore's behaviour.
 */
final class PipelineViewsStandIn implements PipelineControl, Sleeper {

	static final String SCHEMA = "ss_stand_in";

	private static final Pattern NAME = Pattern.compile("^(?:CREATE PIPELINE IF NOT EXISTS|START PIPELINE IF NOT RUNNING"
			+ "|ALTER PIPELINE) (\\w+)");
	private static final Pattern DROP_FILE = Pattern.compile(" DROP FILE '([^']+)'$");
	private static final Pattern SOURCE = Pattern.compile("LOAD DATA S3 '([^/']+)/([^']+)'");
	private static final Pattern TABLE = Pattern.compile("\nINTO TABLE (\\w+)\n");
	private static final Pattern COLUMNS = Pattern.compile("\n\\(([a-z_, ]+)\\)\n");
	/** The statement's SET clause, up to its ON DUPLICATE KEY UPDATE or its end. */
	private static final Pattern SET = Pattern.compile("\nSET (.+?)(?:\nON DUPLICATE KEY UPDATE\n|$)", Pattern.DOTALL);

	final List<String> statements = new ArrayList<>();
	final List<Duration> sleeps = new ArrayList<>();
	final FakeClock clock = new FakeClock();
	private final Deque<Runnable> script = new ArrayDeque<>();
	private final Map<String, String> created = new HashMap<>();
	private final DataSource warehouse;
	private final JdbcTemplate jdbc;
	private boolean autoLoad;
	private String failWith;

	PipelineViewsStandIn(DataSource warehouse) {
		this.warehouse = warehouse;
		this.jdbc = new JdbcTemplate(warehouse);
		jdbc.execute("CREATE DATABASE IF NOT EXISTS " + SCHEMA);
		jdbc.execute("DROP TABLE IF EXISTS " + SCHEMA + ".PIPELINES, " + SCHEMA + ".PIPELINES_FILES, " + SCHEMA
				+ ".PIPELINES_ERRORS");
		jdbc.execute("CREATE TABLE " + SCHEMA + ".PIPELINES (DATABASE_NAME VARCHAR(64), PIPELINE_NAME VARCHAR(64),"
				+ " PIPELINE_ID BIGINT, CONFIG_JSON TEXT, STATE VARCHAR(32))");
		jdbc.execute("CREATE TABLE " + SCHEMA + ".PIPELINES_FILES (DATABASE_NAME VARCHAR(64), PIPELINE_NAME VARCHAR(64),"
				+ " SOURCE_TYPE VARCHAR(32), FILE_NAME VARCHAR(1024), FILE_SIZE BIGINT, FILE_STATE VARCHAR(32))");
		jdbc.execute("CREATE TABLE " + SCHEMA + ".PIPELINES_ERRORS (DATABASE_NAME VARCHAR(64), PIPELINE_NAME VARCHAR(64),"
				+ " ERROR_UNIX_TIMESTAMP BIGINT, ERROR_TYPE VARCHAR(32), ERROR_CODE BIGINT, ERROR_MESSAGE TEXT,"
				+ " ERROR_KIND VARCHAR(32), BATCH_ID BIGINT, `PARTITION` BIGINT, BATCH_SOURCE_PARTITION_ID VARCHAR(1024),"
				+ " LOAD_DATA_LINE TEXT, LOAD_DATA_LINE_NUMBER BIGINT)");
	}

	/** Settings that read the stand-in's views and poll from 250 ms up to 1 s, for at most {@code timeout}. */
	static PipelineSettings settings(Duration timeout) {
		return PipelineSettings.of("us-east-1", "http://127.0.0.1:9000", PipelineCredentials.keys("AKIAEXAMPLE",
				"wJalrXUtnFEMI/K7MDENG")).withInformationSchema(SCHEMA)
			.withWaiting(timeout, Duration.ofMillis(250), Duration.ofSeconds(1));
	}

	// ---- scripting

	/** Runs {@code step} at the next sleep of the loader (one step per sleep, in order). */
	PipelineViewsStandIn then(Runnable step) {
		script.add(step);
		return this;
	}

	/** Running pipelines load new objects of their prefix at every sleep, like the real thing. */
	PipelineViewsStandIn autoLoad() {
		autoLoad = true;
		return this;
	}

	/** Pipeline statements fail with a message echoing the statement, as a driver error may. */
	PipelineViewsStandIn failStatementsWith(String message) {
		failWith = message;
		return this;
	}

	void pipeline(String name, String state) {
		jdbc.update("DELETE FROM " + SCHEMA + ".PIPELINES WHERE PIPELINE_NAME = ?", name);
		jdbc.update("INSERT INTO " + SCHEMA + ".PIPELINES (DATABASE_NAME, PIPELINE_NAME, PIPELINE_ID, STATE)"
				+ " VALUES (DATABASE(), ?, 1, ?)", name, state);
	}

	void file(String pipeline, String fileName, String state) {
		jdbc.update("DELETE FROM " + SCHEMA + ".PIPELINES_FILES WHERE PIPELINE_NAME = ? AND FILE_NAME = ?", pipeline,
				fileName);
		jdbc.update("INSERT INTO " + SCHEMA + ".PIPELINES_FILES (DATABASE_NAME, PIPELINE_NAME, SOURCE_TYPE, FILE_NAME,"
				+ " FILE_SIZE, FILE_STATE) VALUES (DATABASE(), ?, 'S3', ?, 100, ?)", pipeline, fileName, state);
	}

	void error(String pipeline, String fileName, long lineNumber, String message, String line) {
		jdbc.update("INSERT INTO " + SCHEMA + ".PIPELINES_ERRORS (DATABASE_NAME, PIPELINE_NAME, ERROR_UNIX_TIMESTAMP,"
				+ " ERROR_TYPE, ERROR_CODE, ERROR_MESSAGE, ERROR_KIND, BATCH_ID, `PARTITION`, BATCH_SOURCE_PARTITION_ID,"
				+ " LOAD_DATA_LINE, LOAD_DATA_LINE_NUMBER) VALUES (DATABASE(), ?, 1709633472, 'Error', 1262, ?,"
				+ " 'Load', 7, 0, ?, ?, ?)", pipeline, message, fileName, line, lineNumber);
	}

	String pipelineState(String name) {
		List<String> states = jdbc.queryForList("SELECT STATE FROM " + SCHEMA + ".PIPELINES WHERE PIPELINE_NAME = ?",
				String.class, name);
		return states.isEmpty() ? null : states.get(0);
	}

	// ---- PipelineControl

	@Override
	public void execute(String statement) throws SQLException {
		statements.add(statement);
		if (failWith != null) {
			throw new SQLException(failWith + " near '" + statement + "'", "HY000", 1064);
		}
		Matcher name = NAME.matcher(statement);
		if (!name.find()) {
			throw new SQLException("stand-in does not know statement " + statement);
		}
		String pipeline = name.group(1);
		if (statement.startsWith("CREATE PIPELINE IF NOT EXISTS")) {
			created.putIfAbsent(pipeline, statement);
			if (pipelineState(pipeline) == null) {
				pipeline(pipeline, "Stopped");
			}
		}
		else if (statement.startsWith("START PIPELINE IF NOT RUNNING")) {
			pipeline(pipeline, "Running");
		}
		else {
			Matcher drop = DROP_FILE.matcher(statement);
			if (drop.find()) {
				jdbc.update("DELETE FROM " + SCHEMA + ".PIPELINES_FILES WHERE PIPELINE_NAME = ? AND FILE_NAME = ?",
						pipeline, drop.group(1));
			}
		}
	}

	// ---- Sleeper

	@Override
	public void sleep(Duration duration) {
		sleeps.add(duration);
		clock.advance(duration);
		if (!script.isEmpty()) {
			script.poll().run();
		}
		if (autoLoad) {
			created.forEach((pipeline, statement) -> {
				if ("Running".equals(pipelineState(pipeline))) {
					loadNewObjects(pipeline, statement);
				}
			});
		}
	}

	private void loadNewObjects(String pipeline, String statement) {
		Matcher source = SOURCE.matcher(statement);
		Matcher table = TABLE.matcher(statement);
		Matcher columns = COLUMNS.matcher(statement);
		Matcher set = SET.matcher(statement);
		if (!source.find() || !table.find() || !columns.find() || !set.find()) {
			throw new IllegalStateException("stand-in cannot read the pipeline statement " + statement);
		}
		String bucket = source.group(1);
		List<S3Object> objects = TestInfra.s3().listObjectsV2(ListObjectsV2Request.builder().bucket(bucket)
			.prefix(source.group(2)).build()).contents();
		for (S3Object object : objects) {
			String key = object.key();
			boolean seen = !jdbc.queryForList("SELECT FILE_NAME FROM " + SCHEMA + ".PIPELINES_FILES WHERE PIPELINE_NAME"
					+ " = ? AND FILE_NAME = ?", String.class, pipeline, key).isEmpty();
			if (seen || !key.endsWith(".csv.gz")) {
				continue;
			}
			loadObject(bucket, key, table.group(1), columns.group(1), set.group(1),
					statement.contains("\nSKIP DUPLICATE KEY ERRORS\n"));
			file(pipeline, key, "Loaded");
		}
	}

	/**
	 * Loads the object with the statement's own SET expressions, {@code pipeline_source_file()} standing for
	 * {@code bucket/key} (what some SingleStore versions return), so the expressions that cut the part's
	 * columns and {@code staged_file} out of it run for real.
	 */
	private void loadObject(String bucket, String key, String table, String columns, String set,
			boolean skipDuplicates) {
		byte[] csv = TestInfra.gunzip(TestInfra.download(bucket, key));
		try (Connection connection = warehouse.getConnection(); Statement load = connection.createStatement()) {
			load.execute("SET time_zone = '+00:00'");
			load.unwrap(org.mariadb.jdbc.Statement.class).setLocalInfileInputStream(new ByteArrayInputStream(csv));
			load.execute("LOAD DATA LOCAL INFILE 'stream' " + (skipDuplicates ? "IGNORE " : "") + "INTO TABLE " + table
					+ " CHARACTER SET utf8mb4 " + CsvRowEncoder.LOAD_DATA_FORMAT + " (" + columns
					+ ") SET " + set.replace("pipeline_source_file()", "'" + bucket + "/" + key + "'"));
		}
		catch (SQLException e) {
			throw new IllegalStateException("stand-in pipeline could not load " + key + ": " + e.getMessage(), e);
		}
	}

	/** A clock that moves only when the stand-in sleeps. */
	static final class FakeClock extends Clock {

		private Instant now = Instant.parse("2024-03-06T02:00:00Z");

		void advance(Duration duration) {
			now = now.plus(duration);
		}

		@Override
		public Instant instant() {
			return now;
		}

		@Override
		public java.time.ZoneId getZone() {
			return ZoneOffset.UTC;
		}

		@Override
		public Clock withZone(java.time.ZoneId zone) {
			return this;
		}
	}
}
