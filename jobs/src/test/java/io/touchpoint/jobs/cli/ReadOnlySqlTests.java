package io.touchpoint.jobs.cli;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ReadOnlySqlTests {

	@Test
	void readsAreAccepted() {
		for (String sql : new String[] { "SELECT 1", "  select * from purchases", "-- why\nSELECT 1", "/* c */ (SELECT 1)",
				"WITH t AS (SELECT 1) SELECT * FROM t", "SHOW TABLES", "DESCRIBE purchases", "EXPLAIN SELECT 1" }) {
			assertThatCode(() -> ReadOnlySql.check(sql)).as(sql).doesNotThrowAnyException();
		}
	}

	@Test
	void writesDdlAndServerFilesAreRefusedNamingWhatWasFound() {
		assertThatThrownBy(() -> ReadOnlySql.check("CREATE TABLE x (a INT)")).hasMessageContaining("not CREATE");
		assertThatThrownBy(() -> ReadOnlySql.check("/* hide */ DROP TABLE purchases")).hasMessageContaining("not DROP");
		assertThatThrownBy(() -> ReadOnlySql.check("truncate purchases")).hasMessageContaining("not TRUNCATE");
		assertThatThrownBy(() -> ReadOnlySql.check("SELECT * FROM purchases INTO OUTFILE '/tmp/x'"))
			.hasMessageContaining("OUTFILE");
		assertThatThrownBy(() -> ReadOnlySql.check("WITH t AS (SELECT 1) DELETE FROM purchases"))
			.hasMessageContaining("only end in a SELECT");
		assertThatThrownBy(() -> ReadOnlySql.check("  ")).hasMessageContaining("an empty statement");
	}
}
