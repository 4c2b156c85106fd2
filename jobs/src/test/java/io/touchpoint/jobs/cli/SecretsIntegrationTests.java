package io.touchpoint.jobs.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.ResponseBytes;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.S3Object;

import io.touchpoint.jobs.support.AlertReceiver;
import io.touchpoint.jobs.support.ChildCli;
import io.touchpoint.jobs.support.ExternalServers;
import io.touchpoint.jobs.support.Inboxes;
import io.touchpoint.jobs.support.StripeApi;
import io.touchpoint.jobs.support.VendorApiServer;

/**
 * The whole chain with known secrets configured the way operators configure them (the database password and
 * the S3 secret key in the environment, the API token and the webhook URL in a properties file), in real
 * separate JVMs against an external password-protected MariaDB, a real S3 server and a real Stripe-shaped API:
 * {@code init}, a nightly run that fails (the API answers 503) and alerts the webhook, its restart, and the
 * commands that show runs, quarantine, cursors and reports. No secret may appear in anything it leaves: the
 * commands' stdout and stderr, the log files, any text column of any table of either database (Spring Batch's
 * parameters, contexts and exit messages, Touchpoint's ledgers, cursors, quarantine, rollups), any object in the
 * bucket (staged files, manifests, landed API pages, reports), or the alert posted to the webhook.
 */
class SecretsIntegrationTests {

	private static final String DB_PASSWORD = "Db-Pass-Secret-5150";

	private static final String S3_SECRET = "S3-Key-Secret-2112";

	private static final String API_TOKEN = "rk_live_ApiToken-Secret-1984";

	private static final String TENANT = "sec";

	private static final String DATE = "2026-11-10";

	private static final String BUCKET = "sec-staging";

	@TempDir
	static Path dir;

	static ExternalServers servers;

	@BeforeAll
	static void startServers() throws Exception {
		servers = ExternalServers.start(DB_PASSWORD, "sec-access", S3_SECRET, BUCKET);
	}

	@AfterAll
	static void stopServers() throws Exception {
		VendorApiServer.INSTANCE.clearFaults();
		servers.close();
	}

	@Test
	void noSecretAppearsInAnyOutputLogTableObjectOrAlert() throws Exception {
		// given a Stripe API that answers 503 for now, and an inbox with an export holding bad records
		StripeApi api = new StripeApi(API_TOKEN);
		api.charge("ch_S1", 2500, "usd", Instant.parse("2026-11-05T10:00:00Z"), "sam@example.com", "cus_sam", "pi_S1",
				"succeeded", true, false);
		api.customer("cus_sam", "sam@example.com", "Sam Stone", Instant.parse("2026-11-01T08:00:00Z"));
		VendorApiServer.INSTANCE.route(TENANT + "/stripe", api);
		VendorApiServer.INSTANCE.failAlways(request -> request.route().equals(TENANT + "/stripe"),
				VendorApiServer.Response.status(503, "{\"error\":{\"type\":\"api_error\"}}"));
		Path inbox = Inboxes.standard(dir, "inbox");
		StringBuilder outputs = new StringBuilder();

		// when: init, a night that fails on the API (and alerts), its restart, and the commands that show things
		assertThat(cli(outputs, "init").code()).isZero();
		assertThat(cli(outputs, "init", "--print").code()).isZero();
		Run failed = cli(outputs, "run", "nightly", "--tenant", TENANT, "--date", DATE, "--inbox", inbox.toString());
		assertThat(failed.code()).as(failed.output()).isEqualTo(1);
		assertThat(failed.output()).contains("503");
		String id = executionId(failed.output());
		VendorApiServer.INSTANCE.clearFaults();
		Run restarted = cli(outputs, "restart", id);
		assertThat(restarted.code()).as(restarted.output()).isZero();
		for (String[] command : List.of(new String[] { "executions" }, new String[] { "execution", id },
				new String[] { "quarantine", "list", "--tenant", TENANT }, new String[] { "cursor", "show", "--tenant", TENANT },
				new String[] { "report", "ltv", "--tenant", TENANT }, new String[] { "alerts", "check" })) {
			cli(outputs, command);
		}

		// then the secrets were used (the API saw the token, the webhook got the alert) and appear nowhere
		assertThat(VendorApiServer.INSTANCE.requests(TENANT + "/stripe"))
			.anyMatch(request -> ("Bearer " + API_TOKEN).equals(request.headers().get("authorization")));
		List<String> alerts = AlertReceiver.INSTANCE.bodiesContaining("nightly FAILED for tenant " + TENANT);
		assertThat(alerts).hasSize(1);
		assertThat(quarantineRows()).as("the run did real work").isPositive();
		String[] secrets = { DB_PASSWORD, S3_SECRET, API_TOKEN, AlertReceiver.PATH_SECRET };
		Map<String, String> everything = Map.of("command output", outputs.toString(), "log files", logs(),
				"database tables", tables(), "bucket objects", objects(), "alerts", String.join("\n", alerts));
		everything.forEach((where, text) -> assertThat(text).as(where).isNotBlank().doesNotContain(secrets));
	}

	/** What one command run in its own JVM printed (stdout and stderr) and its exit code. */
	record Run(int code, String output) {
	}

	private static Run cli(StringBuilder outputs, String... command) throws Exception {
		Path config = dir.resolve("secrets.properties");
		if (!Files.exists(config)) {
			Files.writeString(config, "touchpoint.connections." + TENANT + ".stripe.token=" + API_TOKEN + "\n"
					+ "touchpoint.connections." + TENANT + ".stripe.base-url="
					+ VendorApiServer.INSTANCE.baseUrl(TENANT + "/stripe") + "\n"
					+ "touchpoint.alerts.webhooks=" + AlertReceiver.INSTANCE.url() + "\n"
					+ "touchpoint.api.max-attempts=2\ntouchpoint.api.base-delay=10ms\n");
		}
		List<String> args = new ArrayList<>(List.of("--home", dir.resolve("home").toString(),
				"--spring.config.additional-location=file:" + config));
		args.addAll(List.of(command));
		Map<String, String> environment = Map.of("TOUCHPOINT_WAREHOUSE_URL", servers.jdbcUrl("wh"),
				"TOUCHPOINT_WAREHOUSE_USERNAME", "tp", "TOUCHPOINT_WAREHOUSE_PASSWORD", DB_PASSWORD,
				"TOUCHPOINT_METADATA_URL", servers.jdbcUrl("meta"), "TOUCHPOINT_METADATA_USERNAME", "tp",
				"TOUCHPOINT_METADATA_PASSWORD", DB_PASSWORD, "TOUCHPOINT_S3_ENDPOINT", servers.s3Endpoint(),
				"TOUCHPOINT_S3_BUCKET", BUCKET, "AWS_ACCESS_KEY_ID", "sec-access", "AWS_SECRET_ACCESS_KEY", S3_SECRET);
		ChildCli child = ChildCli.run(environment, args.toArray(String[]::new));
		int code = child.exitCode(5);
		outputs.append("$ ").append(String.join(" ", command)).append('\n').append(child.output()).append('\n');
		return new Run(code, child.output());
	}

	private static String executionId(String output) {
		Matcher id = Pattern.compile("touchpoint restart (\\d+)").matcher(output);
		assertThat(id.find()).as("the failure says how to restart:\n%s", output).isTrue();
		return id.group(1);
	}

	private static String logs() throws IOException {
		StringBuilder text = new StringBuilder();
		try (Stream<Path> files = Files.walk(dir.resolve("home/logs"))) {
			for (Path file : files.filter(Files::isRegularFile).toList()) {
				text.append(Files.readString(file, StandardCharsets.ISO_8859_1));
			}
		}
		return text.toString();
	}

	/** Every value of every column of every table of both databases, as text. */
	private static String tables() throws Exception {
		StringBuilder text = new StringBuilder();
		for (String database : List.of("meta", "wh")) {
			try (Connection connection = DriverManager.getConnection(servers.jdbcUrl(database),
					"tp", DB_PASSWORD); Statement statement = connection.createStatement()) {
				List<String> tables = new ArrayList<>();
				try (ResultSet rs = statement.executeQuery("SHOW TABLES")) {
					while (rs.next()) {
						tables.add(rs.getString(1));
					}
				}
				for (String table : tables) {
					try (ResultSet rs = statement.executeQuery("SELECT * FROM `" + table + "`")) {
						while (rs.next()) {
							for (int i = 1; i <= rs.getMetaData().getColumnCount(); i++) {
								text.append(rs.getString(i)).append('|');
							}
							text.append('\n');
						}
					}
				}
			}
		}
		return text.toString();
	}

	private static long quarantineRows() throws Exception {
		try (Connection connection = DriverManager.getConnection(servers.jdbcUrl("wh"), "tp",
				DB_PASSWORD); Statement statement = connection.createStatement();
				ResultSet rs = statement.executeQuery("SELECT COUNT(*) FROM quarantine WHERE tenant_id = '" + TENANT + "'")) {
			rs.next();
			return rs.getLong(1);
		}
	}

	/** Every object in the bucket, gzip ones decompressed, as text. */
	private static String objects() throws IOException {
		StringBuilder text = new StringBuilder();
		try (S3Client s3 = servers.s3()) {
			for (S3Object object : s3.listObjectsV2Paginator(b -> b.bucket(BUCKET)).contents()) {
				ResponseBytes<GetObjectResponse> bytes = s3.getObjectAsBytes(b -> b.bucket(BUCKET).key(object.key()));
				text.append(object.key()).append('\n');
				if (object.key().endsWith(".gz")) {
					try (InputStream in = new GZIPInputStream(bytes.asInputStream())) {
						text.append(new String(in.readAllBytes(), StandardCharsets.UTF_8));
					}
				}
				else {
					text.append(bytes.asUtf8String());
				}
			}
		}
		return text.toString();
	}

}
