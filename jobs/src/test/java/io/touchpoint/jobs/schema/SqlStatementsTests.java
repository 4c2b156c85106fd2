package io.touchpoint.jobs.schema;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Rollup, derive and merge SQL split into statements at semicolons ending a line, comment lines dropped. */
class SqlStatementsTests {

	@Test
	void scriptsSplitAtSemicolonsEndingALineAndDropComments() {
		assertThat(SqlStatements.split("-- a comment\nCREATE TABLE a (x INT);\n\nCREATE TABLE b (\n  y VARCHAR(3) -- why\n);\n"))
			.containsExactly("CREATE TABLE a (x INT)", "CREATE TABLE b (\n  y VARCHAR(3) -- why\n)");
	}
}
