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

	@Test
	void keywordsInsideStringsQuotedNamesAndCommentsAreNotMistakenForStatements() {
		for (String sql : new String[] { "SELECT 'INTO OUTFILE /tmp/x; DROP TABLE t' AS s", "SELECT \"a;b\" AS s",
				"SELECT `into` FROM t", "SELECT 1 -- INTO OUTFILE\n", "SELECT 1 # ; DROP TABLE t", "SELECT 1 /* ; LOAD_FILE */",
				"SELECT 'it''s' AS s", "SELECT 'a\\'; b' AS s", "SELECT 1;", "SELECT 1 ;  -- end\n",
				"SELECT REPLACE(name, 'a', 'b') FROM t",
				"WITH t AS (SELECT 1 AS x) SELECT REPLACE(x, 1, 2) FROM t" }) {
			assertThatCode(() -> ReadOnlySql.check(sql)).as(sql).doesNotThrowAnyException();
		}
	}

	@Test
	void executableCommentsSecondStatementsIntoLoadFileAndLockingReadsAreRefused() {
		assertThatThrownBy(() -> ReadOnlySql.check("/*!CREATE OR REPLACE TABLE purchases AS*/ SELECT 1"))
			.hasMessageContaining("executable comments");
		assertThatThrownBy(() -> ReadOnlySql.check("SELECT 1 /*m!100000 , 2*/")).hasMessageContaining("executable comments");
		assertThatThrownBy(() -> ReadOnlySql.check("SELECT 1; DROP TABLE t")).hasMessageContaining("one statement");
		assertThatThrownBy(() -> ReadOnlySql.check("SELECT 'x'; SELECT 2")).hasMessageContaining("one statement");
		assertThatThrownBy(() -> ReadOnlySql.check("select 1 into/**/outfile '/tmp/x'")).hasMessageContaining("INTO");
		assertThatThrownBy(() -> ReadOnlySql.check("SELECT 1 INTO @v")).hasMessageContaining("INTO");
		assertThatThrownBy(() -> ReadOnlySql.check("SELECT load_file('/etc/passwd')")).hasMessageContaining("LOAD_FILE");
		assertThatThrownBy(() -> ReadOnlySql.check("SELECT * FROM t FOR UPDATE")).hasMessageContaining("locking read");
		assertThatThrownBy(() -> ReadOnlySql.check("SELECT * FROM t FOR SHARE")).hasMessageContaining("locking read");
		assertThatThrownBy(() -> ReadOnlySql.check("SELECT * FROM t LOCK IN SHARE MODE")).hasMessageContaining("locking read");
		assertThatThrownBy(() -> ReadOnlySql.check("SELECT 'open")).hasMessageContaining("never closed");
		assertThatThrownBy(() -> ReadOnlySql.check("SELECT 1 /* open")).hasMessageContaining("never closed");
		for (String statement : new String[] { "SET GLOBAL x = 1", "CALL p()", "HANDLER t OPEN", "DO SLEEP(1)",
				"LOAD DATA INFILE 'x' INTO TABLE t",
				"GRANT ALL ON *.* TO x", "ANALYZE DELETE FROM t" }) {
			assertThatThrownBy(() -> ReadOnlySql.check(statement)).as(statement).hasMessageContaining("not " + statement.split(" ")[0]);
		}
	}
}
