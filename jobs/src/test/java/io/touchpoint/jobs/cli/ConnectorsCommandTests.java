package io.touchpoint.jobs.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

import io.touchpoint.jobs.support.InProcessCli;
import io.touchpoint.jobs.support.InProcessCli.Result;
import io.touchpoint.jobs.support.VendorApiServer;
import io.touchpoint.jobs.support.VendorApiServer.Response;

/**
 * {@code connectors list|show|check} without any database: the built-ins and a home's connector file are
 * listed and shown; {@code check} asks one page per stream of a local vendor-shaped server and prints the
 * mapped rows, leaving the home without a database, landing or cursor.
 */
class ConnectorsCommandTests {

	private static Path home() throws Exception {
		return Files.createTempDirectory(Files.createDirectories(Path.of("target").toAbsolutePath()), "connectors-cli");
	}

	@Test
	void listsTheBuiltInsAndTheHomesFiles() throws Exception {
		Path home = home();
		Files.createDirectories(home.resolve("connectors"));
		Files.writeString(home.resolve("connectors/acme.yml"), """
				source: acme-crm
				title: Acme CRM
				base_url: https://api.acme.test
				streams:
				  people:
				    path: /v1/people
				    records: /items
				    contact:
				      email: /email
				    rows:
				      contacts:
				        updated_at: /updated
				""");

		Result result = InProcessCli.run("--home", home.toString(), "connectors", "list");

		assertThat(result.code()).as(result.toString()).isZero();
		assertThat(result.out()).contains("acme-crm").contains("Acme CRM").contains("klaviyo").contains("profiles, events")
			.contains("stripe").contains("charges, customers, refunds").contains("paypal").contains("woocommerce")
			.contains("calendly").contains("mailchimp").contains("activecampaign");
		assertThat(home.resolve("mariadb")).doesNotExist();
	}

	@Test
	void showsAConnectorWithWhatItLeavesOut() throws Exception {
		Result result = InProcessCli.run("--home", home().toString(), "connectors", "show", "paypal");

		assertThat(result.code()).as(result.toString()).isZero();
		assertThat(result.out()).contains("PayPal (paypal)")
			.contains("auth:        OAuth2 client credentials at /v1/oauth2/token (touchpoint.connections.<tenant>.paypal"
					+ ".options.client-id, secret touchpoint.connections.<tenant>.paypal.token)")
			.contains("payments: GET /v1/reporting/transactions, page page to /total_pages, window start_date/end_date "
					+ "(pattern) split at 31 days -> purchases")
			.contains("not covered: Transactions other than completed payments");
	}

	@Test
	void aBadConnectorFileStopsTheCommandNamingFileLineAndKey() throws Exception {
		Path home = home();
		Files.createDirectories(home.resolve("connectors"));
		Files.writeString(home.resolve("connectors/bad.yml"), "source: bad\nbase_url: https://x.test\nstreams:\n  s:\n"
				+ "    path: /s\n    records: /r\n    pagination:\n      type: scroll\n");

		Result result = InProcessCli.run("--home", home.toString(), "connectors", "list");

		assertThat(result.code()).isEqualTo(2);
		assertThat(result.err()).contains("Connector file " + home.resolve("connectors/bad.yml") + " line 8, key "
				+ "streams.s.pagination.type: unknown pagination 'scroll'");
	}

	@Test
	void checkAsksOnePagePerStreamAndPrintsTheMappedRowsWritingNothing() throws Exception {
		VendorApiServer server = VendorApiServer.INSTANCE;
		String route = "cli-check/calendly";
		server.route(route, request -> request.headers().getOrDefault("authorization", "").equals("Bearer pat_CLI_S3CRET")
				? Response.json("""
						{"collection": [
						  {"uri": "https://api.calendly.com/scheduled_events/E1", "name": "Intro call", "status": "active",
						   "start_time": "2026-11-02T10:00:00.000000Z", "location": {"join_url": "https://zoom.us/j/1"}},
						  {"uri": "https://api.calendly.com/scheduled_events/E2", "name": "Demo", "status": "canceled",
						   "start_time": "2026-11-03T10:00:00.000000Z"}],
						 "pagination": {"count": 2, "next_page_token": "tok-2"}}""")
				: Response.status(401, "{\"title\":\"Unauthenticated\"}"));
		Path home = home();

		Result result = InProcessCli.run("--home", home.toString(), "connectors", "check", "calendly", "--tenant", "acme",
				"--touchpoint.connections.acme.calendly.base-url=" + server.baseUrl(route),
				"--touchpoint.connections.acme.calendly.token=pat_CLI_S3CRET",
				"--touchpoint.connections.acme.calendly.start=2026-11-01",
				"--touchpoint.connections.acme.calendly.options.organization=https://api.calendly.com/organizations/A1");

		assertThat(result.code()).as(result.toString()).isZero();
		assertThat(server.requests(route)).hasSize(1);
		assertThat(result.out()).contains("calendly scheduled_events [2026-11-01T00:00:00Z,")
			.contains("HTTP 200: 2 record(s) on the first page, a next page follows")
			.contains("touchpoints Touchpoint[tenantId=acme, eventId=calendly:https://api.calendly.com/scheduled_events/E1")
			.contains("record 2:\n    (filtered: not data)")
			.doesNotContain("pat_CLI_S3CRET");
		try (Stream<Path> files = Files.list(home)) {
			assertThat(files.map(p -> p.getFileName().toString())).doesNotContain("mariadb", "s3", "data");
		}
	}
}
