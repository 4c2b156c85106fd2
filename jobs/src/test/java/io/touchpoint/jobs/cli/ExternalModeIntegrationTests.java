package io.touchpoint.jobs.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.s3.S3Client;

import io.touchpoint.jobs.support.ExternalServers;

/**
 * External mode by configuration only: the CLI pointed at a MariaDB server and an S3 server it did not
 * start (both real, started here), with a password-protected database user and S3 keys from the AWS
 * credentials chain. It refuses to run before {@code init}, applies the schema with {@code init},
 * ingests, and never shows the secrets in its output, its log, job parameters or metadata tables.
 */
class ExternalModeIntegrationTests {

	private static final String DB_PASSWORD = "Db-Secret-4711-xyz";

	private static final String S3_SECRET = "S3-Secret-0815-abc";

	@TempDir
	static Path dir;

	static ExternalServers servers;

	static final StringBuilder allOutput = new StringBuilder();

	@BeforeAll
	static void startServers() throws Exception {
		servers = ExternalServers.start(DB_PASSWORD, "ext-access", S3_SECRET, "ext-staging");
		System.setProperty("aws.accessKeyId", "ext-access");
		System.setProperty("aws.secretAccessKey", S3_SECRET);
	}

	@AfterAll
	static void stopServers() throws Exception {
		System.clearProperty("aws.accessKeyId");
		System.clearProperty("aws.secretAccessKey");
		servers.close();
	}

	@Test
	void initThenImportAgainstExternalDatabasesAndS3WithoutLeakingSecrets() throws Exception {
		// given
		Path payments = dir.resolve("unified_payments.csv");
		try (var in = getClass().getResourceAsStream("/inbox/small/unified_payments.csv")) {
			Files.copy(in, payments);
		}

		// when / then: refused before init
		Result before = run("executions");
		assertThat(before.code()).isEqualTo(2);
		assertThat(before.err()).contains("touchpoint init");

		// init prints, applies, and is idempotent
		assertThat(run("init", "--print").out()).contains("CREATE TABLE purchases").contains("CREATE TABLE tp_work_parts");
		Result init = run("init");
		assertThat(init.code()).as(init.toString()).isZero();
		assertThat(init.out()).contains("V001__canonical_schema.sql (warehouse)").contains("spring-batch");
		assertThat(run("init").out()).contains("Schema is up to date.");
		assertThat(run("init", "--repair").out()).contains("No failed script recorded.").contains("Schema is up to date.");

		// an import runs through S3 and the warehouse
		Result imported = run("import", "--tenant", "ext", "--source", "stripe", "--date", "2026-11-05", payments.toString());
		assertThat(imported.code()).as(imported.toString()).isZero();
		// query refuses to run as the jobs' account, and runs as the configured SELECT-only one
		Result ownerOnly = run("query", "SELECT 1");
		assertThat(ownerOnly.code()).isEqualTo(2);
		assertThat(ownerOnly.err()).contains("none is configured", "GRANT SELECT", "touchpoint.query.username");
		List<String> reader = List.of("--touchpoint.query.username=" + ExternalServers.QUERY_USER,
				"--touchpoint.query.password=" + DB_PASSWORD + "-q");
		assertThat(TouchpointCliRunner.run(args(reader, "query", "--format", "csv",
				"SELECT COUNT(*) AS n FROM purchases WHERE tenant_id = 'ext'")).out()).isEqualTo("n\r\n2\r\n");
		Result denied = TouchpointCliRunner.run(args(reader, "query", "SELECT COUNT(*) FROM meta.BATCH_JOB_EXECUTION"));
		assertThat(denied.code()).isEqualTo(2);
		assertThat(denied.err()).contains("refused it for the read-only account 'tp_query'");
		try (S3Client s3 = servers.s3()) {
			assertThat(s3.listObjectsV2(b -> b.bucket("ext-staging").prefix("staging/purchases/tenant=ext/")).contents())
				.extracting(o -> o.key().substring(o.key().lastIndexOf('/') + 1))
				.containsExactlyInAnyOrder("part-00001.csv.gz", "_manifest.json");
		}

		// a wrong password fails with a message that does not echo it
		Result wrong = TouchpointCliRunner.run(args(List.of("--touchpoint.warehouse.password=Wrong-Pass-999",
				"--touchpoint.metadata.password=Wrong-Pass-999"), "executions"));
		assertThat(wrong.code()).isNotZero();
		assertThat(wrong.err()).contains("Access denied").doesNotContain("Wrong-Pass-999");

		// the secrets appear nowhere
		String log = Files.readString(dir.resolve("home/logs/touchpoint.log"));
		assertThat(allOutput.toString() + log).doesNotContain(DB_PASSWORD).doesNotContain(S3_SECRET);
		assertThat(metadataText()).doesNotContain(DB_PASSWORD).doesNotContain(S3_SECRET).contains("ext");
	}

	private static String metadataText() throws Exception {
		StringBuilder text = new StringBuilder();
		try (Connection connection = DriverManager.getConnection(servers.jdbcUrl("meta"), "tp", DB_PASSWORD);
				Statement statement = connection.createStatement()) {
			for (String table : List.of("BATCH_JOB_EXECUTION_PARAMS", "BATCH_JOB_EXECUTION_CONTEXT",
					"BATCH_STEP_EXECUTION_CONTEXT", "BATCH_JOB_EXECUTION", "BATCH_STEP_EXECUTION", "tp_inbox_files")) {
				try (ResultSet rs = statement.executeQuery("SELECT * FROM " + table)) {
					while (rs.next()) {
						for (int i = 1; i <= rs.getMetaData().getColumnCount(); i++) {
							text.append(rs.getString(i)).append('|');
						}
					}
				}
			}
		}
		return text.toString();
	}

	private static Result run(String... command) {
		return TouchpointCliRunner.run(args(List.of(), command));
	}

	private static String[] args(List<String> overrides, String... command) {
		List<String> args = new ArrayList<>(List.of("--home", dir.resolve("home").toString(),
				"--touchpoint.warehouse.url=" + servers.jdbcUrl("wh"),
				"--touchpoint.warehouse.username=tp", "--touchpoint.warehouse.password=" + DB_PASSWORD,
				"--touchpoint.metadata.url=" + servers.jdbcUrl("meta"),
				"--touchpoint.metadata.username=tp", "--touchpoint.metadata.password=" + DB_PASSWORD,
				"--touchpoint.s3.endpoint=" + servers.s3Endpoint(), "--touchpoint.s3.bucket=ext-staging"));
		args.addAll(overrides);
		args.addAll(List.of(command));
		return args.toArray(String[]::new);
	}

	record Result(int code, String out, String err) {
	}

	/** Runs the CLI in this JVM, collecting everything it prints. */
	static final class TouchpointCliRunner {

		static Result run(String... args) {
			StringWriter out = new StringWriter();
			StringWriter err = new StringWriter();
			int code = TouchpointCli.commandLine(new PrintWriter(out, true), new PrintWriter(err, true)).execute(args);
			allOutput.append(out).append(err);
			return new Result(code, out.toString(), err.toString());
		}
	}
}
