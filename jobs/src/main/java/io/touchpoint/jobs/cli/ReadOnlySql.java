package io.touchpoint.jobs.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The first layer of {@code touchpoint query}'s read-only guarantee: a statement check that refuses, with a
 * message saying why, what is plainly not one read. It is not what makes the command read-only: the query runs
 * as an account with SELECT on the warehouse only (see QueryCommand), so whatever passes this check can still
 * change nothing. The check reads the statement as the server's lexer does (quoted strings and identifiers,
 * {@code --}, {@code #} and block comments) and refuses:
 * <ul>
 * <li>anything but one SELECT, WITH, SHOW, DESCRIBE/DESC, EXPLAIN, VALUES or TABLE statement;</li>
 * <li>executable comments ({@code /*!...}, {@code /*M!...}), which MySQL and MariaDB run as SQL;</li>
 * <li>a second statement after a {@code ;};</li>
 * <li>{@code INTO} in any form (OUTFILE, DUMPFILE, variables), {@code LOAD_FILE}, and locking reads
 * ({@code FOR UPDATE}, {@code FOR SHARE}, {@code LOCK IN SHARE MODE}), which hold locks the nightly jobs wait on.</li>
 * </ul>
 */
final class ReadOnlySql {

	private static final Set<String> READING = Set.of("SELECT", "WITH", "SHOW", "DESCRIBE", "DESC", "EXPLAIN", "VALUES",
			"TABLE");

	private static final Set<String> WRITES_IN_WITH = Set.of("INSERT", "UPDATE", "DELETE", "REPLACE", "MERGE");

	private ReadOnlySql() {
	}

	/** Throws IllegalArgumentException (exit code 2) saying why, if the statement is not one read. */
	static void check(String sql) {
		List<String> words = words(sql);
		String keyword = words.isEmpty() ? "" : words.get(0);
		if (!READING.contains(keyword)) {
			throw refused("it runs one SELECT, WITH, SHOW, DESCRIBE or EXPLAIN statement, not "
					+ (keyword.isEmpty() ? "an empty statement" : keyword) + ". Use the jobs to change data.");
		}
		for (int i = 0; i < words.size(); i++) {
			String word = words.get(i);
			String next = i + 1 < words.size() ? words.get(i + 1) : "";
			if (word.equals("INTO")) {
				throw refused("INTO (OUTFILE, DUMPFILE or variables) writes outside the result; use --format csv and "
						+ "redirect the output instead.");
			}
			if (word.equals("LOAD_FILE")) {
				throw refused("LOAD_FILE reads files on the database server.");
			}
			if ((word.equals("FOR") && (next.equals("UPDATE") || next.equals("SHARE"))) || (word.equals("LOCK") && next.equals("IN"))) {
				throw refused("a locking read (FOR UPDATE, FOR SHARE, LOCK IN SHARE MODE) would hold locks the jobs wait on.");
			}
			if (keyword.equals("WITH") && WRITES_IN_WITH.contains(word) && !next.equals("(")) {
				throw refused("a WITH statement may only end in a SELECT.");
			}
		}
	}

	private static IllegalArgumentException refused(String why) {
		return new IllegalArgumentException("touchpoint query is read-only: " + why);
	}

	/**
	 * The statement's words (keywords and unquoted identifiers, upper-cased) and its {@code (} signs, in order;
	 * strings, quoted identifiers and comments are skipped. Throws on an executable comment and on a second statement.
	 */
	static List<String> words(String sql) {
		List<String> words = new ArrayList<>();
		int n = sql.length();
		boolean ended = false;
		int i = 0;
		while (i < n) {
			char c = sql.charAt(i);
			if (Character.isWhitespace(c)) {
				i++;
			}
			else if (c == '#' || (c == '-' && i + 2 <= n && sql.startsWith("--", i) && (i + 2 == n || Character.isWhitespace(sql.charAt(i
					+ 2))))) {
				int end = sql.indexOf('\n', i);
				i = end < 0 ? n : end + 1;
			}
			else if (c == '/' && sql.startsWith("/*", i)) {
				if (sql.startsWith("/*!", i) || sql.regionMatches(true, i, "/*M!", 0, 4)) {
					throw refused("executable comments (/*! ... */, /*M! ... */) run as SQL on the server; write the SQL "
							+ "without them.");
				}
				int end = sql.indexOf("*/", i + 2);
				if (end < 0) {
					throw refused("a comment opened with /* is never closed.");
				}
				i = end + 2;
			}
			else if (c == '\'' || c == '"' || c == '`') {
				i = closingQuote(sql, i, c);
			}
			else if (ended) {
				throw refused("it runs one statement; remove what follows the ';'.");
			}
			else if (c == ';') {
				ended = true;
				i++;
			}
			else if (Character.isLetterOrDigit(c) || c == '_' || c == '$' || c == '@') {
				int start = i;
				while (i < n && (Character.isLetterOrDigit(sql.charAt(i)) || sql.charAt(i) == '_' || sql.charAt(i) == '$'
						|| sql.charAt(i) == '@')) {
					i++;
				}
				words.add(sql.substring(start, i).toUpperCase(Locale.ROOT));
			}
			else {
				if (c == '(') {
					words.add("(");
				}
				i++;
			}
		}
		// a statement may open with parentheses: "(SELECT 1)"
		while (!words.isEmpty() && words.get(0).equals("(")) {
			words.remove(0);
		}
		return words;
	}

	/** The index after the quote that closes the one at {@code start} (doubled quotes and backslash escapes inside). */
	private static int closingQuote(String sql, int start, char quote) {
		int i = start + 1;
		while (i < sql.length()) {
			char c = sql.charAt(i);
			if (c == '\\' && quote != '`') {
				i += 2;
			}
			else if (c == quote) {
				if (i + 1 < sql.length() && sql.charAt(i + 1) == quote) {
					i += 2;
				}
				else {
					return i + 1;
				}
			}
			else {
				i++;
			}
		}
		throw refused("a quote (" + quote + ") is never closed.");
	}
}
