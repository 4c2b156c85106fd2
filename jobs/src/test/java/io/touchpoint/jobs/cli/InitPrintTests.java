package io.touchpoint.jobs.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;

import io.touchpoint.jobs.support.InProcessCli;
import io.touchpoint.jobs.support.InProcessCli.Result;

/**
 * {@code init --print} is read before any server is reachable: it prints the statements from the configuration
 * alone, with a SingleStore warehouse and a metadata database that nothing answers for, credentials masked.
 */
class InitPrintTests {

	private static final String S3_SECRET = "Pipeline-Secret-4242-zz";

	@Test
	void printsSingleStoreDdlAndPipelinesWithNoDatabaseReachable() throws Exception {
		// given ports nothing listens on, for both databases
		Path home = Files.createTempDirectory(Files.createDirectories(Path.of("target").toAbsolutePath()), "init-print");

		// when
		Result result = InProcessCli.run("--home", home.toString(), "init", "--print",
				"--touchpoint.warehouse.url=jdbc:singlestore://127.0.0.1:1/touchpoint",
				"--touchpoint.metadata.url=jdbc:mariadb://127.0.0.1:1/touchpoint_meta",
				"--touchpoint.s3.bucket=acme-staging", "--touchpoint.s3.region=eu-west-1",
				"--touchpoint.singlestore.s3-access-key-id=AKIAPRINTKEY", "--touchpoint.singlestore.s3-secret-access-key=" + S3_SECRET);

		// then
		assertThat(result.code()).as(result.toString()).isZero();
		assertThat(result.err()).doesNotContain("Cannot connect");
		assertThat(result.out()).startsWith("-- V001__ingest_bookkeeping.sql\n")
			.contains("-- V001__canonical_schema.sql")
			.contains("CREATE PIPELINE IF NOT EXISTS tp_purchases AS\nLOAD DATA S3 'acme-staging/staging/purchases/'\n"
					+ "CONFIG '{\"region\":\"eu-west-1\",\"suffixes\":[\"csv.gz\"]}'\n"
					+ "CREDENTIALS '{\"aws_access_key_id\":\"****\",\"aws_secret_access_key\":\"****\"}'\n")
			.doesNotContain(S3_SECRET).doesNotContain("AKIAPRINTKEY");
	}

	@Test
	void printsTheMariaDbDdlOfTheEmbeddedDefaultWithoutStartingIt() throws Exception {
		Path home = Files.createTempDirectory(Files.createDirectories(Path.of("target").toAbsolutePath()), "init-print");

		Result result = InProcessCli.run("--home", home.toString(), "init", "--print");

		assertThat(result.code()).as(result.toString()).isZero();
		assertThat(result.out()).contains("-- V004__quarantine_id.sql").doesNotContain("PIPELINE");
		assertThat(home.resolve("mariadb")).doesNotExist();
	}

	@Test
	void aSingleStoreMetadataDatabaseIsRefusedBeforeAnythingIsPrinted() throws Exception {
		Path home = Files.createTempDirectory(Files.createDirectories(Path.of("target").toAbsolutePath()), "init-print");

		Result result = InProcessCli.run("--home", home.toString(), "init", "--print",
				"--touchpoint.warehouse.url=jdbc:singlestore://127.0.0.1:1/tp");

		assertThat(result.code()).isEqualTo(2);
		assertThat(result.out()).isEmpty();
		assertThat(result.err()).isEqualTo("touchpoint: The metadata database must be MySQL or MariaDB, not SingleStore: "
				+ "Spring Batch's JobRepository and Quartz need SERIALIZABLE or FOR UPDATE locking and UPDATE ... LIMIT, "
				+ "which SingleStore does not offer. Set touchpoint.metadata.url to a jdbc:mariadb: or jdbc:mysql: URL "
				+ "(see docs/singlestore.md).\n");
	}
}
