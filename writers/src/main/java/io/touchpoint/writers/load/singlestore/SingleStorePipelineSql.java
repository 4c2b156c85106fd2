package io.touchpoint.writers.load.singlestore;

import java.util.Locale;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.touchpoint.writers.load.LoadTable;
import io.touchpoint.writers.staging.CsvRowEncoder;

/**
 * The SQL text of SingleStore pipelines, generated and nothing else: no connection, no I/O, so every
 * statement can be checked against the documented grammar.
 *
 * <p>One pipeline per table, named {@code <prefix><table>}, reads {@code '<bucket>/staging/<table>/'}
 * (a key prefix, with the trailing slash so {@code purchases} never reads {@code purchases_x}), only
 * objects ending in the staged suffix (the {@code _manifest.json} beside them is not data), with the
 * same CSV format the MySQL loader reads ({@link CsvRowEncoder#LOAD_DATA_FORMAT}). The columns a file
 * does not repeat on each row come from {@code pipeline_source_file()}: {@code tenant_id} and
 * {@code batch_id} from the key's {@code tenant=} and {@code batch=} segments, {@code staged_file} cut to
 * start at {@code staging/<table>/} so it holds the bare object key whether the function returns the key
 * or {@code bucket/key}. APPEND tables insert every row; IGNORE_DUPLICATES tables
 * {@code SKIP DUPLICATE KEY ERRORS} (MySQL's INSERT IGNORE); MERGE tables reuse the assignments of
 * their merge SQL's {@code ON DUPLICATE KEY UPDATE}. {@code STOP_ON_ERROR OFF}: a bad file becomes
 * {@code Skipped} and fails its own batch instead of stopping every tenant's loads.
 */
public final class SingleStorePipelineSql {

	private static final Pattern ODKU = Pattern.compile("\\bON\\s+DUPLICATE\\s+KEY\\s+UPDATE\\b",
			Pattern.CASE_INSENSITIVE);
	private static final Pattern BUCKET = Pattern.compile("[a-z0-9][a-z0-9.-]{1,62}");
	private static final Pattern FILE = Pattern.compile("[A-Za-z0-9=/_.:-]+");

	private final PipelineSettings settings;

	public SingleStorePipelineSql(PipelineSettings settings) {
		this.settings = Objects.requireNonNull(settings, "settings");
	}

	/** The pipeline of {@code table}. */
	public String pipelineName(LoadTable table) {
		return pipelineName(table.name());
	}

	/** The pipeline of the table named {@code table}. */
	public String pipelineName(String table) {
		return settings.pipelinePrefix() + table;
	}

	/** The key prefix of a table's staged files: {@code staging/<table>/}. */
	public static String stagingPrefix(String table) {
		return "staging/" + table + "/";
	}

	/**
	 * {@code CREATE PIPELINE IF NOT EXISTS} for {@code table}. With {@code masked}, the CREDENTIALS
	 * values are {@code ****} (for printing); otherwise the statement holds secrets: never log it.
	 */
	public String create(String bucket, LoadTable table, boolean masked) {
		requireBucket(bucket);
		StringBuilder sql = new StringBuilder();
		sql.append("CREATE PIPELINE IF NOT EXISTS ").append(pipelineName(table)).append(" AS\n");
		sql.append("LOAD DATA S3 ").append(literal(bucket + "/" + stagingPrefix(table.name()))).append('\n');
		sql.append("CONFIG ").append(literal(configJson())).append('\n');
		sql.append("CREDENTIALS ").append(credentialsLiteral(masked)).append('\n');
		if (settings.batchIntervalMillis() != null) {
			sql.append("BATCH_INTERVAL ").append(settings.batchIntervalMillis()).append('\n');
		}
		if (table.mode() == LoadTable.Mode.IGNORE_DUPLICATES) {
			sql.append("SKIP DUPLICATE KEY ERRORS\n");
		}
		sql.append("STOP_ON_ERROR OFF\n");
		sql.append("INTO TABLE ").append(table.name()).append('\n');
		sql.append(CsvRowEncoder.LOAD_DATA_FORMAT.replace(" LINES ", "\nLINES ")).append('\n');
		sql.append('(').append(String.join(", ", table.csvColumns())).append(")\n");
		sql.append("SET ");
		for (String column : table.partColumns()) {
			sql.append(column).append(" = ").append(partColumnExpression(column)).append(",\n    ");
		}
		sql.append("staged_file = ").append(stagedFileExpression(table.name()));
		if (table.mode() == LoadTable.Mode.MERGE) {
			sql.append('\n').append(onDuplicateKeyUpdate(table));
		}
		return sql.toString();
	}

	/** Starts the pipeline unless it runs already (idempotent). */
	public String start(LoadTable table) {
		return "START PIPELINE IF NOT RUNNING " + pipelineName(table);
	}

	/** Points an existing pipeline at the current CONFIG (region, endpoint, suffix). */
	public String alterConfig(LoadTable table) {
		return "ALTER PIPELINE " + pipelineName(table) + " SET CONFIG " + literal(configJson());
	}

	/** Gives an existing pipeline the current CREDENTIALS; with {@code masked} for printing only. */
	public String alterCredentials(LoadTable table, boolean masked) {
		return "ALTER PIPELINE " + pipelineName(table) + " SET CREDENTIALS " + credentialsLiteral(masked);
	}

	/** Forgets that the pipeline saw {@code fileName}, so it loads the file again. */
	public String dropFile(String table, String fileName) {
		if (fileName == null || !FILE.matcher(fileName).matches()) {
			throw new IllegalArgumentException("refusing to drop file '" + fileName + "' from pipeline "
					+ pipelineName(table) + ": it has characters outside [A-Za-z0-9=/_.:-]");
		}
		return "ALTER PIPELINE " + pipelineName(table) + " DROP FILE " + literal(fileName);
	}

	/** The value of {@code staged_file}: the object key, from {@code staging/<table>/} on. */
	public String stagedFileExpression(String table) {
		return "SUBSTRING(pipeline_source_file(), LOCATE(" + literal(stagingPrefix(table))
				+ ", pipeline_source_file()))";
	}

	/**
	 * The value of a part column ({@link LoadTable#PART_COLUMNS}) from the file's key
	 * {@code staging/<table>/tenant=<tenant>/date=<date>/batch=<batch>/part-n.csv.gz}: the key segment after
	 * {@code tenant=} or {@code batch=}, whether {@code pipeline_source_file()} returns the key or
	 * {@code bucket/key} (ids hold no {@code /}).
	 */
	public static String partColumnExpression(String column) {
		String segment = switch (column) {
			case "tenant_id" -> "/tenant=";
			case "batch_id" -> "/batch=";
			default -> throw new IllegalArgumentException("no key segment holds column " + column
					+ "; the part columns are " + LoadTable.PART_COLUMNS);
		};
		return "SUBSTRING_INDEX(SUBSTRING_INDEX(pipeline_source_file(), " + literal(segment) + ", -1), '/', 1)";
	}

	/** The pipeline's state ({@code Running}, {@code Stopped}, {@code Error}); parameter: pipeline name. */
	public String pipelineStateQuery() {
		return "SELECT STATE FROM " + settings.informationSchema() + ".PIPELINES"
				+ " WHERE DATABASE_NAME = DATABASE() AND PIPELINE_NAME = ?";
	}

	/** Every pipeline of this database with its state. */
	public String pipelinesQuery() {
		return "SELECT PIPELINE_NAME, STATE FROM " + settings.informationSchema() + ".PIPELINES"
				+ " WHERE DATABASE_NAME = DATABASE() ORDER BY PIPELINE_NAME";
	}

	/** Files per state of one pipeline; parameter: pipeline name. */
	public String fileCountsQuery() {
		return "SELECT FILE_STATE, COUNT(*) FROM " + settings.informationSchema() + ".PIPELINES_FILES"
				+ " WHERE DATABASE_NAME = DATABASE() AND PIPELINE_NAME = ? GROUP BY FILE_STATE ORDER BY FILE_STATE";
	}

	/**
	 * The name and state of one file; parameters: pipeline name, the key, {@code bucket/key} (the file
	 * name is the key or the bucket and key, depending on the version).
	 */
	public String fileStateQuery() {
		return "SELECT FILE_NAME, FILE_STATE FROM " + settings.informationSchema() + ".PIPELINES_FILES"
				+ " WHERE DATABASE_NAME = DATABASE() AND PIPELINE_NAME = ? AND FILE_NAME IN (?, ?)";
	}

	/** The errors of one file, oldest first; parameters: pipeline name, key, {@code bucket/key}. */
	public String fileErrorsQuery() {
		return errorsSelect() + " WHERE DATABASE_NAME = DATABASE() AND PIPELINE_NAME = ?"
				+ " AND BATCH_SOURCE_PARTITION_ID IN (?, ?) ORDER BY ERROR_UNIX_TIMESTAMP, LOAD_DATA_LINE_NUMBER";
	}

	/** The latest errors of this database's pipelines; parameter: the most rows. */
	public String recentErrorsQuery() {
		return errorsSelect() + " WHERE DATABASE_NAME = DATABASE() ORDER BY ERROR_UNIX_TIMESTAMP DESC LIMIT ?";
	}

	/** Rows and money of one staged file in the target table; parameter: the key. */
	public String fileRowsQuery(LoadTable table) {
		return "SELECT COUNT(*), COALESCE(SUM(" + (table.moneyColumn() == null ? "0" : table.moneyColumn())
				+ "), 0) FROM " + table.name() + " WHERE staged_file = ?";
	}

	/** Deletes one staged file's rows from the target table; parameter: the key. */
	public String deleteFileRows(LoadTable table) {
		return "DELETE FROM " + table.name() + " WHERE staged_file = ?";
	}

	/** The CONFIG JSON: region, endpoint_url (S3-compatible stores only), suffixes. */
	public String configJson() {
		StringBuilder json = new StringBuilder("{\"region\":\"").append(jsonEscape(settings.region())).append('"');
		if (settings.endpointUrl() != null && !settings.endpointUrl().isBlank()) {
			json.append(",\"endpoint_url\":\"").append(jsonEscape(settings.endpointUrl())).append('"');
		}
		json.append(",\"suffixes\":[\"").append(jsonEscape(settings.suffix())).append("\"]}");
		return json.toString();
	}

	private String errorsSelect() {
		return "SELECT PIPELINE_NAME, BATCH_SOURCE_PARTITION_ID, ERROR_UNIX_TIMESTAMP, ERROR_TYPE, ERROR_CODE,"
				+ " ERROR_MESSAGE, LOAD_DATA_LINE_NUMBER, LOAD_DATA_LINE FROM " + settings.informationSchema()
				+ ".PIPELINES_ERRORS";
	}

	private String credentialsLiteral(boolean masked) {
		PipelineCredentials credentials = settings.credentials();
		return literal(masked ? credentials.maskedJson() : credentials.json());
	}

	private static String onDuplicateKeyUpdate(LoadTable table) {
		Matcher matcher = ODKU.matcher(table.mergeSql());
		if (!matcher.find()) {
			throw new IllegalArgumentException("load table " + table.name() + " merges, but its merge SQL has no"
					+ " ON DUPLICATE KEY UPDATE clause to give its pipeline: write the merge as INSERT ... SELECT ..."
					+ " ON DUPLICATE KEY UPDATE ...");
		}
		String assignments = table.mergeSql().substring(matcher.end()).strip();
		return "ON DUPLICATE KEY UPDATE\n  " + String.join("\n  ", assignments.lines().map(String::strip)
			.filter(line -> !line.isEmpty()).toList());
	}

	private static void requireBucket(String bucket) {
		if (bucket == null || !BUCKET.matcher(bucket.toLowerCase(Locale.ROOT)).matches() || !bucket.equals(
				bucket.toLowerCase(Locale.ROOT))) {
			throw new IllegalArgumentException("invalid S3 bucket name '" + bucket
					+ "' for a pipeline: use 3-63 lowercase letters, digits, '.' and '-'");
		}
	}

	/** A SQL string literal: backslashes and quotes escaped. */
	static String literal(String value) {
		return "'" + value.replace("\\", "\\\\").replace("'", "\\'") + "'";
	}

	/** A JSON string body: backslashes, quotes and control characters escaped. */
	static String jsonEscape(String value) {
		StringBuilder out = new StringBuilder(value.length());
		for (char c : value.toCharArray()) {
			switch (c) {
				case '"' -> out.append("\\\"");
				case '\\' -> out.append("\\\\");
				case '\n' -> out.append("\\n");
				case '\r' -> out.append("\\r");
				case '\t' -> out.append("\\t");
				default -> {
					if (c < 0x20) {
						out.append(String.format("\\u%04x", (int) c));
					}
					else {
						out.append(c);
					}
				}
			}
		}
		return out.toString();
	}
}
