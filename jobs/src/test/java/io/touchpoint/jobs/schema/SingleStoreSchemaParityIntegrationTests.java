package io.touchpoint.jobs.schema;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.sql.DataSource;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;
import org.springframework.jdbc.core.JdbcTemplate;

import io.touchpoint.jobs.config.WarehouseDataSource;
import io.touchpoint.jobs.support.IntegrationTest;

/**
 * The same rollup SQL runs on both dialects only if both have the same tables and columns: the
 * warehouse that {@code sql/mysql/V*.sql} built on the embedded MariaDB is compared, table by table
 * and column by column, with the CREATE TABLE statements of {@code sql/singlestore/V*.sql}. A new
 * MySQL warehouse script therefore needs its SingleStore twin. SingleStore has one table more, our
 * copy of pipeline errors. The SingleStore scripts are read in order, statement by statement, as the
 * migrator runs them: a table built again under another name and renamed over the old one ends with the
 * new one's columns. Views are compared by name and by their text, which is the same in both dialects.
 */
class SingleStoreSchemaParityIntegrationTests extends IntegrationTest {

	private static final Pattern CREATE = Pattern.compile(
			"CREATE (?:ROWSTORE )?(?:REFERENCE )?TABLE ([a-z_]+) \\((.*?)\\n\\)", Pattern.DOTALL);

	private static final Pattern COLUMN = Pattern.compile(
			"^\\s+([a-z_][a-z0-9_]*)\\s+(?:VARCHAR|CHAR|BIGINT|INT|TINYINT|DATETIME|DATE|TIMESTAMP|MEDIUMTEXT|TEXT|DECIMAL)\\b",
			Pattern.MULTILINE);

	@Autowired
	@WarehouseDataSource
	DataSource warehouse;

	@Test
	void singleStoreDdlHasTheTablesAndColumnsOfTheMysqlWarehouse() throws IOException {
		Map<String, List<String>> mysql = new TreeMap<>();
		new JdbcTemplate(warehouse).query("SELECT TABLE_NAME, COLUMN_NAME FROM information_schema.COLUMNS"
				+ " WHERE TABLE_SCHEMA = DATABASE() AND TABLE_NAME NOT IN ('tp_schema_history', 'tp_warehouse_migrations') AND TABLE_NAME IN (SELECT"
				+ " TABLE_NAME FROM information_schema.TABLES WHERE TABLE_SCHEMA = DATABASE() AND TABLE_TYPE = 'BASE TABLE')"
				+ " ORDER BY TABLE_NAME, COLUMN_NAME",
				rs -> {
					mysql.computeIfAbsent(rs.getString(1), table -> new ArrayList<>()).add(rs.getString(2));
				});

		mysql.values().forEach(columns -> columns.sort(String::compareTo));
		Map<String, List<String>> singlestore = singleStoreTables();
		List<String> pipelineErrors = singlestore.remove("pipeline_errors");

		assertThat(mysql).containsKeys("contacts", "purchases", "quarantine", "load_ledger", "contact_value", "touchpoint_value");
		assertThat(mysql.get("purchases")).contains("payment_intent_ref", "staged_file");
		assertThat(singlestore).isEqualTo(mysql);
		assertThat(pipelineErrors).contains("staged_file", "error_message", "line_number");
	}

	@Test
	void singleStoreDdlHasTheViewsOfTheMysqlWarehouseWithTheSameText() throws IOException {
		List<String> mysql = new JdbcTemplate(warehouse).queryForList("SELECT TABLE_NAME FROM information_schema.VIEWS"
				+ " WHERE TABLE_SCHEMA = DATABASE() ORDER BY TABLE_NAME", String.class);

		Map<String, String> singlestore = views("classpath*:sql/singlestore/V*.sql");

		assertThat(mysql).contains("fact_changes");
		assertThat(singlestore.keySet()).containsExactlyElementsOf(mysql);
		assertThat(singlestore).isEqualTo(views("classpath*:sql/mysql/V*.sql"));
	}

	private static final Pattern VIEW = Pattern.compile("CREATE VIEW ([a-z_]+) AS\\n(.*?);\\n", Pattern.DOTALL);

	private static Map<String, String> views(String scripts) throws IOException {
		Map<String, String> views = new TreeMap<>();
		for (Resource script : new PathMatchingResourcePatternResolver().getResources(scripts)) {
			Matcher view = VIEW.matcher(script.getContentAsString(StandardCharsets.UTF_8) + "\n");
			while (view.find()) {
				views.put(view.group(1), view.group(2));
			}
		}
		return views;
	}

	private static final Pattern ADD_COLUMN = Pattern.compile("^ALTER TABLE ([a-z_]+) ADD COLUMN ([a-z_][a-z0-9_]*) ");

	private static final Pattern LIKE = Pattern.compile("^CREATE TABLE ([a-z_]+) LIKE ([a-z_]+)$");

	private static final Pattern DROP = Pattern.compile("^DROP TABLE ([a-z_]+)$");

	private static final Pattern RENAME = Pattern.compile("^ALTER TABLE ([a-z_]+) RENAME TO ([a-z_]+)$");

	/** The tables and columns the SingleStore scripts leave, running their statements in order. */
	private static Map<String, List<String>> singleStoreTables() throws IOException {
		Map<String, List<String>> tables = new TreeMap<>();
		Resource[] scripts = new PathMatchingResourcePatternResolver().getResources("classpath*:sql/singlestore/V*.sql");
		java.util.Arrays.sort(scripts, java.util.Comparator.comparing(Resource::getFilename));
		for (Resource script : scripts) {
			for (String statement : SqlStatements.split(script.getContentAsString(StandardCharsets.UTF_8))) {
				String sql = statement.strip();
				Matcher create = CREATE.matcher(sql + "\n");
				Matcher like = LIKE.matcher(sql);
				Matcher added = ADD_COLUMN.matcher(sql);
				Matcher drop = DROP.matcher(sql);
				Matcher rename = RENAME.matcher(sql);
				if (like.find()) {
					tables.put(like.group(1), new ArrayList<>(tables.get(like.group(2))));
				}
				else if (create.find() && create.start() == 0) {
					List<String> columns = new ArrayList<>();
					Matcher column = COLUMN.matcher(create.group(2));
					while (column.find()) {
						columns.add(column.group(1));
					}
					tables.put(create.group(1), columns);
				}
				else if (added.find()) {
					tables.get(added.group(1)).add(added.group(2));
				}
				else if (drop.find()) {
					tables.remove(drop.group(1));
				}
				else if (rename.find()) {
					tables.put(rename.group(2), tables.remove(rename.group(1)));
				}
			}
		}
		tables.values().forEach(columns -> columns.sort(String::compareTo));
		return tables;
	}
}
