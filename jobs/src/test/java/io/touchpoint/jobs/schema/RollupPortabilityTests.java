package io.touchpoint.jobs.schema;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;

/**
 * The rollup SQL must run on MySQL/MariaDB and on SingleStore alike: every file in {@code sql/rollups/}
 * (whatever is there when the tests run) is scanned for constructs SingleStore does not run the same
 * way. The scanner itself is checked on hand-written offenders first.
 */
class RollupPortabilityTests {

	@Test
	void everyRollupFileUsesOnlyTheSubsetBothEnginesRun() throws IOException {
		Resource[] files = new PathMatchingResourcePatternResolver().getResources("classpath*:sql/rollups/*.sql");
		Map<String, List<String>> problems = new LinkedHashMap<>();
		for (Resource file : files) {
			List<String> found = PortableSqlScanner.problems(file.getContentAsString(StandardCharsets.UTF_8));
			if (!found.isEmpty()) {
				problems.put(file.getFilename(), found);
			}
		}

		assertThat(files).isNotEmpty();
		assertThat(problems).as("non-portable SQL in sql/rollups/ (see sql/README.md)").isEmpty();
	}

	@Test
	void correlatedSubqueriesAreFound() {
		assertThat(PortableSqlScanner.problems("SELECT c.contact_id FROM contacts c WHERE EXISTS "
				+ "(SELECT 1 FROM purchases p WHERE p.contact_id = c.contact_id)"))
			.containsExactly("correlated subquery: it reads c.contact_id of the statement around it; rewrite it as a join"
					+ " or a window function");
		assertThat(PortableSqlScanner.problems("SELECT c.contact_id, (SELECT MAX(p.amount_minor) FROM purchases p "
				+ "WHERE p.tenant_id = c.tenant_id) FROM contacts c")).hasSize(1);
	}

	@Test
	void derivedTablesAndCtesThatReadOnlyTheirOwnTablesPass() {
		assertThat(PortableSqlScanner.problems("WITH t AS (SELECT p.contact_id, SUM(p.amount_minor) s FROM purchases p "
				+ "GROUP BY p.contact_id) SELECT c.contact_id, t.s FROM contacts c JOIN (SELECT x.contact_id FROM t x) d "
				+ "ON d.contact_id = c.contact_id LEFT JOIN t ON t.contact_id = c.contact_id")).isEmpty();
	}

	@Test
	void quantifiedComparisonsAreFound() {
		assertThat(PortableSqlScanner.problems("SELECT 1 FROM purchases WHERE amount_minor > ALL (SELECT amount_minor FROM refunds)"))
			.first().asString().startsWith("ALL comparison");
		assertThat(PortableSqlScanner.problems("SELECT 1 FROM t WHERE a = ANY(SELECT b FROM u)")).isNotEmpty();
		assertThat(PortableSqlScanner.problems("SELECT 1 FROM t WHERE a = SOME (SELECT b FROM u)")).isNotEmpty();
	}

	@Test
	void likeMustCompareCaseFoldedText() {
		assertThat(PortableSqlScanner.problems("SELECT 1 FROM tag_applications WHERE tag LIKE 'VIP%'")).hasSize(1);
		assertThat(PortableSqlScanner.problems("SELECT 1 FROM t WHERE name LIKE BINARY 'a%'")).hasSize(2);
		assertThat(PortableSqlScanner.problems("SELECT 1 FROM tag_applications WHERE LOWER(tag) LIKE 'vip%'")).isEmpty();
	}

	@Test
	void relianceOnRowOrderIsFound() {
		assertThat(PortableSqlScanner.problems("SELECT contact_id FROM contacts LIMIT 10")).hasSize(1);
		assertThat(PortableSqlScanner.problems("SELECT ROW_NUMBER() OVER (PARTITION BY contact_id) FROM touchpoints")).hasSize(1);
		assertThat(PortableSqlScanner.problems("SELECT GROUP_CONCAT(tag) FROM tag_applications")).hasSize(1);
		assertThat(PortableSqlScanner.problems("SELECT ROW_NUMBER() OVER (PARTITION BY contact_id ORDER BY occurred_at, "
				+ "event_id) FROM touchpoints")).isEmpty();
	}

	@Test
	void mariaDbHintsMustBeExecutableComments() {
		assertThat(PortableSqlScanner.problems("SELECT SQL_BIG_RESULT contact_id, COUNT(*) FROM t GROUP BY contact_id"))
			.containsExactly("SQL_BIG_RESULT is MySQL/MariaDB syntax: write a MariaDB hint as /*M! SQL_BIG_RESULT */, "
					+ "which SingleStore reads as a comment");
		assertThat(PortableSqlScanner.problems("SELECT STRAIGHT_JOIN a.x FROM a JOIN b ON b.x = a.x")).hasSize(1);
		assertThat(PortableSqlScanner.problems("SELECT /*M! SQL_BIG_RESULT */ contact_id, COUNT(*) FROM t GROUP BY contact_id"))
			.isEmpty();
	}

	@Test
	void wordsInsideStringLiteralsAndCommentsAreIgnored() {
		assertThat(PortableSqlScanner.problems("SELECT /* a > ALL (x) LIMIT 1 */ 1 FROM t")).isEmpty();
		assertThat(PortableSqlScanner.problems("-- a > ALL (x) LIMIT 1 @v\nSELECT 'x LIKE y', ':a = ANY (b)' FROM t")).isEmpty();
	}
}
