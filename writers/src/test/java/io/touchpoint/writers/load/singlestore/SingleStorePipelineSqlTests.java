package io.touchpoint.writers.load.singlestore;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.touchpoint.writers.load.LoadTable;
import io.touchpoint.writers.testing.PurchaseRow;

/**
 * Syntax tests: SingleStore cannot run here, so the generated pipeline statements are compared with
 * golden files under {@code src/test/resources/singlestore/}, written by hand and reviewed line by line
 * against the CREATE / START / ALTER PIPELINE grammar in docs.singlestore.com (quoted in
 * docs/singlestore.md). Nothing here proves SingleStore accepts them; the opt-in live test does.
 */
class SingleStorePipelineSqlTests {

	static final LoadTable CONTACTS = LoadTable.merge("contacts", List.of("tenant_id", "batch_id", "email", "name"),
			null, "INSERT INTO contacts (tenant_id, batch_id, email, name, staged_file)\n"
					+ "SELECT tenant_id, batch_id, email, name, staged_file FROM {staging}\n"
					+ "ON DUPLICATE KEY UPDATE\n  name = VALUES(name), batch_id = VALUES(batch_id),\n"
					+ "  staged_file = VALUES(staged_file)");
	static final LoadTable TAGS = LoadTable.append("tag_applications", List.of("tenant_id", "contact_id", "tag",
			"batch_id"), null);

	private final PipelineSettings settings = PipelineSettings.of("eu-west-1", "http://s3.example.test:9000",
			PipelineCredentials.keys("AKIAEXAMPLE", "wJalrXUtnFEMI/K7MDENG"));
	private final SingleStorePipelineSql sql = new SingleStorePipelineSql(settings);

	@Test
	void createPipelineOfATableThatSkipsDuplicatesMatchesItsGoldenFile() {
		assertThat(sql.create("tp-staging", PurchaseRow.ignoreDuplicates(), false))
			.isEqualTo(golden("create_pipeline_purchases.golden.sql"));
	}

	@Test
	void createPipelineOfAMergedTableUsesTheMergeAssignmentsAndMasksCredentials() {
		PipelineSettings withInterval = new PipelineSettings("eu-west-1", "http://s3.example.test:9000", null,
				settings.credentials(), null, 2500, settings.loadTimeout(), settings.pollInitial(), settings.pollMax(),
				null);

		assertThat(new SingleStorePipelineSql(withInterval).create("tp-staging", CONTACTS, true))
			.isEqualTo(golden("create_pipeline_contacts_masked.golden.sql"));
	}

	@Test
	void createPipelineOnAwsWithTheClusterRoleHasNoEndpointAndEmptyCredentials() {
		var aws = new SingleStorePipelineSql(PipelineSettings.of("us-east-1", null, PipelineCredentials.none()));

		assertThat(aws.create("tp-staging", TAGS, false)).isEqualTo(golden("create_pipeline_tags_aws_role.golden.sql"));
	}

	@Test
	void clausesComeInTheOrderOfTheDocumentedGrammar() {
		// CREATE PIPELINE grammar: LOAD DATA S3 ... CONFIG ... CREDENTIALS ... [BATCH_INTERVAL]
		// [REPLACE | IGNORE | SKIP ... ERRORS] [STOP_ON_ERROR] INTO TABLE ... FIELDS ... LINES ... (cols)
		// SET ... [ON DUPLICATE KEY UPDATE ...]
		List<String> order = List.of("CREATE PIPELINE IF NOT EXISTS ", " AS\nLOAD DATA S3 '", "\nCONFIG '",
				"\nCREDENTIALS '", "\nBATCH_INTERVAL ", "\nSTOP_ON_ERROR OFF\n", "\nINTO TABLE ", "\nFIELDS TERMINATED BY",
				"\nLINES TERMINATED BY", "\n(email, name)\n", "\nSET tenant_id = ", "\n    staged_file = ", "\nON DUPLICATE KEY UPDATE\n");
		PipelineSettings withInterval = new PipelineSettings("eu-west-1", null, null, PipelineCredentials.none(), null,
				1000, settings.loadTimeout(), settings.pollInitial(), settings.pollMax(), null);
		String statement = new SingleStorePipelineSql(withInterval).create("tp-staging", CONTACTS, false);

		int previous = -1;
		for (String clause : order) {
			int at = statement.indexOf(clause);
			assertThat(at).as("position of %s in%n%s", clause, statement).isGreaterThan(previous);
			previous = at;
		}
	}

	@Test
	void controlStatementsUseTheDocumentedForms() {
		assertThat(sql.start(PurchaseRow.append())).isEqualTo("START PIPELINE IF NOT RUNNING tp_purchases");
		assertThat(sql.alterConfig(PurchaseRow.append())).isEqualTo("ALTER PIPELINE tp_purchases SET CONFIG"
				+ " '{\"region\":\"eu-west-1\",\"endpoint_url\":\"http://s3.example.test:9000\",\"suffixes\":[\"csv.gz\"]}'");
		assertThat(sql.alterCredentials(PurchaseRow.append(), true)).isEqualTo("ALTER PIPELINE tp_purchases SET"
				+ " CREDENTIALS '{\"aws_access_key_id\":\"****\",\"aws_secret_access_key\":\"****\"}'");
		assertThat(sql.dropFile("purchases", "tp-staging/staging/purchases/tenant=acme/date=2024-03-05/batch=b1/part-00001.csv.gz"))
			.isEqualTo("ALTER PIPELINE tp_purchases DROP FILE"
					+ " 'tp-staging/staging/purchases/tenant=acme/date=2024-03-05/batch=b1/part-00001.csv.gz'");
	}

	@Test
	void informationSchemaQueriesReadTheDocumentedColumns() {
		assertThat(sql.fileStateQuery()).isEqualTo("SELECT FILE_NAME, FILE_STATE FROM information_schema.PIPELINES_FILES"
				+ " WHERE DATABASE_NAME = DATABASE() AND PIPELINE_NAME = ? AND FILE_NAME IN (?, ?)");
		assertThat(sql.fileErrorsQuery()).isEqualTo("SELECT PIPELINE_NAME, BATCH_SOURCE_PARTITION_ID,"
				+ " ERROR_UNIX_TIMESTAMP, ERROR_TYPE, ERROR_CODE, ERROR_MESSAGE, LOAD_DATA_LINE_NUMBER, LOAD_DATA_LINE"
				+ " FROM information_schema.PIPELINES_ERRORS WHERE DATABASE_NAME = DATABASE() AND PIPELINE_NAME = ?"
				+ " AND BATCH_SOURCE_PARTITION_ID IN (?, ?) ORDER BY ERROR_UNIX_TIMESTAMP, LOAD_DATA_LINE_NUMBER");
		assertThat(sql.pipelineStateQuery()).isEqualTo("SELECT STATE FROM information_schema.PIPELINES"
				+ " WHERE DATABASE_NAME = DATABASE() AND PIPELINE_NAME = ?");
	}

	@Test
	void secretsWithQuotesAndBackslashesAreEscapedForJsonAndThenForSql() {
		var tricky = new SingleStorePipelineSql(PipelineSettings.of("us-east-1", null,
				PipelineCredentials.keys("AKIA", "a'b\\c\"d")));

		// JSON: a'b\\c\"d ; then every backslash doubled and the quote escaped for the SQL literal
		assertThat(tricky.create("tp-staging", TAGS, false))
			.contains("CREDENTIALS '{\"aws_access_key_id\":\"AKIA\",\"aws_secret_access_key\":\"a\\'b\\\\\\\\c\\\\\"d\"}'");
	}

	@Test
	void credentialsNeverShowInToStringAndAreRedactedFromMessages() {
		PipelineCredentials credentials = new PipelineCredentials("AKIAEXAMPLE", "wJalrXUtnFEMI/K7MDENG", "tok3n", null);

		assertThat(credentials.toString()).doesNotContain("AKIAEXAMPLE", "wJalrXUtnFEMI", "tok3n");
		assertThat(credentials.redact("near 'wJalrXUtnFEMI/K7MDENG\"}' for AKIAEXAMPLE"))
			.isEqualTo("near '****\"}' for ****");
	}

	@Test
	void halfACredentialPairIsRefused() {
		assertThatThrownBy(() -> PipelineCredentials.keys("AKIAEXAMPLE", null))
			.isInstanceOf(IllegalArgumentException.class)
			.hasMessageContaining("touchpoint.singlestore.s3-secret-access-key");
	}

	@Test
	void bucketsAndFileNamesThatCannotBeInlinedAreRefused() {
		assertThatThrownBy(() -> sql.create("Bad Bucket'", TAGS, false)).isInstanceOf(IllegalArgumentException.class)
			.hasMessageContaining("Bad Bucket'");
		assertThatThrownBy(() -> sql.dropFile("purchases", "x' OR '1")).isInstanceOf(IllegalArgumentException.class);
	}

	@Test
	void mergedTableWithoutOnDuplicateKeyUpdateIsRefused() {
		LoadTable replace = LoadTable.merge("contacts", List.of("tenant_id", "batch_id"), null,
				"REPLACE INTO contacts SELECT * FROM {staging}");

		assertThatThrownBy(() -> sql.create("tp-staging", replace, false)).isInstanceOf(IllegalArgumentException.class)
			.hasMessageContaining("ON DUPLICATE KEY UPDATE");
	}

	private static String golden(String name) {
		try (InputStream in = SingleStorePipelineSqlTests.class.getResourceAsStream("/singlestore/" + name)) {
			return new String(in.readAllBytes(), StandardCharsets.UTF_8).stripTrailing();
		}
		catch (IOException | NullPointerException e) {
			throw new IllegalStateException("missing golden file " + name, e);
		}
	}
}
