package io.touchpoint.jobs.schema;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds constructs in rollup SQL that SingleStore does not run, or runs differently from MySQL/MariaDB:
 * correlated subqueries (a subquery naming a table alias of the statement around it), {@code ALL} /
 * {@code ANY} / {@code SOME} comparisons, LIKE that relies on case (only {@code LOWER(x) LIKE ...} or
 * {@code UPPER(x) LIKE ...} is accepted; SingleStore's LIKE may fold case), {@code BINARY} and
 * {@code COLLATE}, reliance on row order ({@code LIMIT}, {@code ROW_NUMBER()} and friends or
 * {@code GROUP_CONCAT} without an ORDER BY), user variables, {@code FOR UPDATE}, and MySQL's optimizer
 * modifiers ({@code SQL_BIG_RESULT} and the like) outside a comment: a MariaDB hint is written as a MariaDB
 * executable comment, {@code /*M! SQL_BIG_RESULT *}{@code /}, which MariaDB runs and SingleStore reads as a
 * comment, as this scanner does. A heuristic over text, not a parser: a correlated reference by an
 * unqualified column name is not found.
 */
final class PortableSqlScanner {

	private static final Pattern QUANTIFIED = Pattern.compile("(=|<>|!=|<=|>=|<|>)\\s*(ALL|ANY|SOME)\\s*\\(");

	private static final Pattern LIKE = Pattern.compile("\\bLIKE\\b");

	private static final Pattern FOLDED_LIKE = Pattern.compile("\\b(LOWER|UPPER)\\s*\\([^()]*\\)\\s+(NOT\\s+)?LIKE\\b");

	private static final Pattern TABLE_ALIAS = Pattern.compile(
			"\\b(?:FROM|JOIN)\\s+([a-z_][a-z0-9_]*)(?:\\s+(?:AS\\s+)?([a-z_][a-z0-9_]*))?", Pattern.CASE_INSENSITIVE);

	private static final Pattern DERIVED_ALIAS = Pattern.compile("\\)\\s*(?:AS\\s+)?([a-z_][a-z0-9_]*)",
			Pattern.CASE_INSENSITIVE);

	private static final Pattern QUALIFIED = Pattern.compile("\\b([a-z_][a-z0-9_]*)\\.[a-z_][a-z0-9_]*");

	private static final Pattern WINDOW = Pattern.compile(
			"\\b(ROW_NUMBER|RANK|DENSE_RANK|FIRST_VALUE|LAST_VALUE|LAG|LEAD|NTH_VALUE)\\s*\\(");

	private static final Pattern MODIFIER = Pattern.compile(
			"\\b(SQL_BIG_RESULT|SQL_SMALL_RESULT|SQL_BUFFER_RESULT|SQL_NO_CACHE|STRAIGHT_JOIN|HIGH_PRIORITY)\\b");

	private static final Set<String> KEYWORDS = Set.of("on", "where", "left", "right", "inner", "outer", "join", "cross",
			"group", "order", "having", "limit", "union", "select", "using", "natural", "straight_join", "set", "values",
			"as", "from", "and", "or", "not", "when", "then", "else", "end", "over", "partition", "window", "lateral");

	private PortableSqlScanner() {
	}

	/** The problems in one statement, each naming the construct; empty if it is portable. */
	static List<String> problems(String sql) {
		String text = stripLiteralsAndComments(sql);
		String upper = text.toUpperCase(Locale.ROOT);
		String lower = text.toLowerCase(Locale.ROOT);
		List<String> problems = new ArrayList<>();
		Matcher quantified = QUANTIFIED.matcher(upper);
		while (quantified.find()) {
			problems.add(quantified.group(2) + " comparison (SingleStore has no ALL/ANY/SOME): rewrite with MIN/MAX or a join");
		}
		int likes = count(LIKE.matcher(upper));
		int folded = count(FOLDED_LIKE.matcher(upper));
		if (likes > folded) {
			problems.add("LIKE on text that is not case-folded (SingleStore's LIKE may ignore case): write LOWER(x) LIKE 'lowercase%'");
		}
		if (Pattern.compile("\\bBINARY\\b|\\bCOLLATE\\b").matcher(upper).find()) {
			problems.add("BINARY or COLLATE: case and collation rules differ between the engines");
		}
		if (Pattern.compile("\\bLIMIT\\b").matcher(upper).find() && !upper.contains("ORDER BY")) {
			problems.add("LIMIT without ORDER BY relies on row order, which is random on SingleStore");
		}
		Matcher window = WINDOW.matcher(upper);
		while (window.find()) {
			String over = clause(upper, upper.indexOf("OVER", window.end()));
			if (!over.contains("ORDER BY")) {
				problems.add(window.group(1) + "() without ORDER BY in its window relies on row order");
			}
		}
		Matcher concat = Pattern.compile("\\bGROUP_CONCAT\\s*\\(").matcher(upper);
		while (concat.find()) {
			if (!clause(upper, concat.end() - 1).contains("ORDER BY")) {
				problems.add("GROUP_CONCAT() without ORDER BY relies on row order");
			}
		}
		if (text.contains("@")) {
			problems.add("user variables (@x) are only partly supported by SingleStore");
		}
		Matcher modifier = MODIFIER.matcher(upper);
		while (modifier.find()) {
			problems.add(modifier.group(1) + " is MySQL/MariaDB syntax: write a MariaDB hint as /*M! " + modifier.group(1)
					+ " */, which SingleStore reads as a comment");
		}
		if (upper.contains("FOR UPDATE")) {
			problems.add("FOR UPDATE is not supported with distributed joins on SingleStore");
		}
		problems.addAll(correlated(lower));
		return problems;
	}

	/** Subqueries that qualify a column with an alias defined only outside them. */
	private static List<String> correlated(String sql) {
		List<String> problems = new ArrayList<>();
		Set<String> all = aliases(sql);
		Matcher select = Pattern.compile("\\(\\s*select\\b").matcher(sql);
		while (select.find()) {
			String inner = clause(sql, select.start());
			Set<String> local = aliases(inner);
			Matcher qualified = QUALIFIED.matcher(inner);
			while (qualified.find()) {
				String alias = qualified.group(1);
				if (!local.contains(alias) && all.contains(alias)) {
					problems.add("correlated subquery: it reads " + qualified.group() + " of the statement around it;"
							+ " rewrite it as a join or a window function");
				}
			}
		}
		return problems;
	}

	private static Set<String> aliases(String sql) {
		Set<String> aliases = new HashSet<>();
		for (Pattern pattern : List.of(TABLE_ALIAS, DERIVED_ALIAS)) {
			Matcher matcher = pattern.matcher(sql);
			while (matcher.find()) {
				for (int group = 1; group <= matcher.groupCount(); group++) {
					String name = matcher.group(group);
					if (name != null && !KEYWORDS.contains(name.toLowerCase(Locale.ROOT))) {
						aliases.add(name.toLowerCase(Locale.ROOT));
					}
				}
			}
		}
		return aliases;
	}

	/** The text from the parenthesis at {@code open} to its match. */
	private static String clause(String sql, int open) {
		int start = sql.indexOf('(', Math.max(open, 0));
		if (start < 0) {
			return "";
		}
		int depth = 0;
		for (int i = start; i < sql.length(); i++) {
			char c = sql.charAt(i);
			if (c == '(') {
				depth++;
			}
			else if (c == ')' && --depth == 0) {
				return sql.substring(start, i + 1);
			}
		}
		return sql.substring(start);
	}

	private static int count(Matcher matcher) {
		int n = 0;
		while (matcher.find()) {
			n++;
		}
		return n;
	}

	/**
	 * Comments dropped (a MariaDB executable comment too: SingleStore does not run it); string literals kept as
	 * {@code ''} so their content never matches a rule.
	 */
	static String stripLiteralsAndComments(String sql) {
		StringBuilder out = new StringBuilder();
		for (int i = 0; i < sql.length(); i++) {
			char c = sql.charAt(i);
			if (c == '-' && i + 1 < sql.length() && sql.charAt(i + 1) == '-') {
				while (i < sql.length() && sql.charAt(i) != '\n') {
					i++;
				}
				out.append('\n');
			}
			else if (c == '/' && i + 1 < sql.length() && sql.charAt(i + 1) == '*') {
				int end = sql.indexOf("*/", i + 2);
				i = end < 0 ? sql.length() : end + 1;
				out.append(' ');
			}
			else if (c == '\'') {
				i++;
				while (i < sql.length() && !(sql.charAt(i) == '\'' && (i + 1 >= sql.length() || sql.charAt(i + 1) != '\''))) {
					i += sql.charAt(i) == '\'' || sql.charAt(i) == '\\' ? 2 : 1;
				}
				out.append("''");
			}
			else {
				out.append(c);
			}
		}
		return out.toString();
	}
}
