package io.touchpoint.jobs.schema;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits Touchpoint's own rollup, derive and merge SQL (not the numbered DDL, which Flyway parses) into statements:
 * a statement ends with {@code ;} at the end of a line, and lines starting with {@code --} are comments. Those files
 * follow that rule (sql/README.md); it keeps them free of a parser per dialect.
 */
public final class SqlStatements {

	private SqlStatements() {
	}

	/** The statements of {@code sql}, each without its closing semicolon; comment-only lines dropped. */
	public static List<String> split(String sql) {
		List<String> statements = new ArrayList<>();
		StringBuilder current = new StringBuilder();
		for (String line : sql.split("\n")) {
			String trimmed = line.strip();
			if (trimmed.startsWith("--") || trimmed.isEmpty()) {
				continue;
			}
			current.append(line).append('\n');
			if (trimmed.endsWith(";")) {
				statements.add(current.substring(0, current.lastIndexOf(";")).strip());
				current.setLength(0);
			}
		}
		if (!current.toString().isBlank()) {
			statements.add(current.toString().strip());
		}
		return statements;
	}
}
