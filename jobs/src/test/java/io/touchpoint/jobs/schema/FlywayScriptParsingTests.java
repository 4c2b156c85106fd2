package io.touchpoint.jobs.schema;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;

import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.configuration.Configuration;
import org.flywaydb.core.internal.database.DatabaseType;
import org.flywaydb.core.internal.parser.Parser;
import org.flywaydb.core.internal.parser.ParsingContext;
import org.flywaydb.core.internal.sqlscript.SqlStatementIterator;
import org.flywaydb.database.mysql.mariadb.MariaDBDatabaseType;
import org.flywaydb.database.singlestore.SingleStoreDatabaseType;
import org.junit.jupiter.api.Test;

/**
 * What Flyway sends, without a server: each numbered script parsed by the parser of its dialect gives the
 * statements the grammar and parity tests read from the file ({@code SingleStoreSchemaParityIntegrationTests},
 * {@code RollupPortabilityTests} split at a {@code ;} ending a line). For SingleStore, which cannot run here, this
 * and the opt-in live test are what ties the checked DDL to what Flyway runs; a {@code jdbc:singlestore:} URL
 * is Flyway's SingleStore type, a {@code jdbc:mariadb:} one its MariaDB type.
 */
class FlywayScriptParsingTests {

	@Test
	void flywaysSingleStoreParserSendsTheStatementsOfEachSingleStoreScript() {
		assertParsedAsSplit(new SingleStoreDatabaseType(), "classpath*:sql/singlestore/V*.sql");
	}

	@Test
	void flywaysMariaDbParserSendsTheStatementsOfEachMysqlScript() {
		assertParsedAsSplit(new MariaDBDatabaseType(), "classpath*:sql/mysql/V*.sql");
		assertParsedAsSplit(new MariaDBDatabaseType(), "classpath*:sql/mysql/metadata/V*.sql");
	}

	@Test
	void theWarehouseUrlSelectsFlywaysTypeForTheDialect() {
		assertThat(new SingleStoreDatabaseType().handlesJDBCUrl("jdbc:singlestore://s2-agg:3306/touchpoint")).isTrue();
		assertThat(new MariaDBDatabaseType().handlesJDBCUrl("jdbc:singlestore://s2-agg:3306/touchpoint")).isFalse();
		assertThat(new MariaDBDatabaseType().handlesJDBCUrl("jdbc:mariadb://db:3306/touchpoint")).isTrue();
	}

	private static void assertParsedAsSplit(DatabaseType type, String pattern) {
		ScriptFiles files = new ScriptFiles(pattern);
		Configuration configuration = Flyway.configure().placeholderReplacement(false);
		Parser parser = type.createParser(configuration, files, new ParsingContext());
		assertThat(files.all()).isNotEmpty();
		for (ScriptFiles.Script script : files.all()) {
			List<String> parsed = new ArrayList<>();
			try (SqlStatementIterator statements = parser.parse(script)) {
				statements.forEachRemaining(statement -> parsed.add(normalized(statement.getSql())));
			}
			List<String> split = SqlStatements.split(script.text()).stream().map(FlywayScriptParsingTests::normalized).toList();
			assertThat(parsed).as(script.getFilename()).isEqualTo(split);
		}
	}

	/** Without comment lines, a closing semicolon and differences in white space. */
	private static String normalized(String statement) {
		return statement.lines()
			.filter(line -> !line.strip().startsWith("--"))
			.reduce("", (a, b) -> a + " " + b)
			.replaceAll("\\s+", " ")
			.replaceAll(";\\s*$", "")
			.strip();
	}
}
