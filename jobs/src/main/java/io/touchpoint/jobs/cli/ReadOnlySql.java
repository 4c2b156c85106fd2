package io.touchpoint.jobs.cli;

import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Decides whether {@code touchpoint query} may run a statement. A READ ONLY transaction alone is not
 * enough: MySQL and MariaDB commit implicitly before DDL, so {@code CREATE} or {@code DROP} would run
 * outside it. Only statements that read are accepted: SELECT, WITH ... SELECT, SHOW, DESCRIBE,
 * EXPLAIN, VALUES, TABLE; never one that writes a server file ({@code INTO OUTFILE}/{@code DUMPFILE}).
 */
final class ReadOnlySql {

	private static final Set<String> READING = Set.of("SELECT", "WITH", "SHOW", "DESCRIBE", "DESC", "EXPLAIN", "VALUES",
			"TABLE");

	private static final Pattern LEADING_COMMENTS = Pattern.compile("^(\\s+|--[^\\n]*(\\n|$)|#[^\\n]*(\\n|$)|/\\*.*?\\*/|\\()*",
			Pattern.DOTALL);

	private static final Pattern WRITES_FILE = Pattern.compile("\\bINTO\\s+(OUTFILE|DUMPFILE)\\b", Pattern.CASE_INSENSITIVE);

	private static final Pattern WRITES_TABLE = Pattern.compile("\\b(INSERT|UPDATE|DELETE|REPLACE|MERGE)\\b",
			Pattern.CASE_INSENSITIVE);

	private ReadOnlySql() {
	}

	/** Throws IllegalArgumentException (exit code 2) saying why, if the statement is not a read. */
	static void check(String sql) {
		String body = LEADING_COMMENTS.matcher(sql).replaceFirst("");
		String keyword = body.split("[\\s(]", 2)[0].toUpperCase(Locale.ROOT);
		if (!READING.contains(keyword)) {
			throw new IllegalArgumentException("touchpoint query is read-only: it runs SELECT, WITH, SHOW, DESCRIBE or "
					+ "EXPLAIN, not " + (keyword.isEmpty() ? "an empty statement" : keyword) + ". Use the jobs to change data.");
		}
		if (WRITES_FILE.matcher(body).find()) {
			throw new IllegalArgumentException("touchpoint query is read-only: INTO OUTFILE/DUMPFILE writes a file on the "
					+ "server; use --format csv and redirect the output instead.");
		}
		if (keyword.equals("WITH") && WRITES_TABLE.matcher(body).find()) {
			throw new IllegalArgumentException("touchpoint query is read-only: a WITH statement may only end in a SELECT.");
		}
	}
}
