package io.touchpoint.writers.staging;

import java.time.LocalDate;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Where one batch of one tenant is staged in S3, and the keys it uses.
 *
 * <p>Work parts go under {@code work/batch=<batchId>/<table>/} (uncommitted until the ledger says
 * otherwise); published parts and manifests go under
 * {@code staging/<table>/tenant=<tenant>/date=<yyyy-MM-dd>/batch=<batchId>/}. Tenant and batch id
 * must match {@code [A-Za-z0-9_-]{1,64}} and table names {@code [a-z_][a-z0-9_]*}, so every key is
 * safe to inline in SQL and paths.
 */
public record StagingLocation(String bucket, String tenant, LocalDate date, String batchId) {

	private static final Pattern ID = Pattern.compile("[A-Za-z0-9_-]{1,64}");
	private static final Pattern TABLE = Pattern.compile("[a-z_][a-z0-9_]{0,63}");

	public StagingLocation {
		if (bucket == null || bucket.isBlank()) {
			throw new IllegalArgumentException("staging bucket is blank: configure the staging bucket name");
		}
		Objects.requireNonNull(date, "staging date");
		requireId("tenant", tenant);
		requireId("batch id", batchId);
	}

	/** The prefix of the batch's uncommitted work parts: {@code work/batch=<batchId>/}. */
	public String workPrefix() {
		return "work/batch=" + batchId + "/";
	}

	/** {@code staging/<table>/tenant=<tenant>/date=<yyyy-MM-dd>/batch=<batchId>/}. */
	public String stagingPrefix(String table) {
		requireTable(table);
		return "staging/" + table + "/tenant=" + tenant + "/date=" + date + "/batch=" + batchId + "/";
	}

	/** The key of published part {@code n} (1-based) of a table: stagingPrefix + {@code part-%05d.csv.gz}. */
	public String partKey(String table, int n) {
		if (n < 1) {
			throw new IllegalArgumentException("part number " + n + " of table " + table + " must be 1 or more");
		}
		return stagingPrefix(table) + String.format("part-%05d.csv.gz", n);
	}

	/** The key of a table's manifest: stagingPrefix + {@code _manifest.json}. */
	public String manifestKey(String table) {
		return stagingPrefix(table) + "_manifest.json";
	}

	/** Throws if {@code table} is not a valid staging table name ({@code [a-z_][a-z0-9_]*}, at most 64). */
	public static String requireTable(String table) {
		if (table == null || !TABLE.matcher(table).matches()) {
			throw new IllegalArgumentException("invalid staging table name '" + table
					+ "': use lowercase letters, digits and '_' (at most 64), starting with a letter or '_'");
		}
		return table;
	}

	private static void requireId(String what, String value) {
		if (value == null || !ID.matcher(value).matches()) {
			throw new IllegalArgumentException("invalid " + what + " '" + value
					+ "': use 1 to 64 letters, digits, '_' or '-'");
		}
	}
}
