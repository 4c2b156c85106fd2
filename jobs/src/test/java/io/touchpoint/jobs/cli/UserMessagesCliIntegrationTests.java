package io.touchpoint.jobs.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import io.touchpoint.jobs.support.InProcessCli;
import io.touchpoint.jobs.support.InProcessCli.Result;

/**
 * What a user reads when something is off, on one embedded home holding one import for tenant {@code cli}:
 * an alert check that watches nothing, a mistyped tenant, a bad argument. Each message is asserted whole,
 * with its exit code; nothing here depends on a terminal.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class UserMessagesCliIntegrationTests {

	static Path dir;

	static Path home;

	@BeforeAll
	static void importOneFile() throws Exception {
		dir = Files.createTempDirectory(Files.createDirectories(Path.of("target").toAbsolutePath()), "user-messages");
		home = dir.resolve("home");
		Path payments = dir.resolve("unified_payments.csv");
		try (var in = UserMessagesCliIntegrationTests.class.getResourceAsStream("/inbox/small/unified_payments.csv")) {
			Files.copy(in, payments);
		}
		Result imported = run("import", "--tenant", "cli", "--source", "stripe", "--date", "2026-11-01", payments.toString());
		assertThat(imported.code()).as(imported.toString()).isZero();
	}

	static Result run(String... args) {
		String[] all = new String[args.length + 2];
		all[0] = "--home";
		all[1] = home.toString();
		System.arraycopy(args, 0, all, 2, args.length);
		return InProcessCli.run(all);
	}

	@Test
	@Order(1)
	void alertsCheckWithNoTenantWatchedRefusesInsteadOfReportingNothingStale() {
		// given stale-after set and no touchpoint.scheduler.tenants, no API connection
		// when
		Result table = run("alerts", "check", "--touchpoint.alerts.stale-after=36h");
		Result json = run("alerts", "check", "--json", "--touchpoint.alerts.stale-after=1m");

		// then
		String refusal = "touchpoint: alerts check watches no tenant, so it cannot tell whether a run is stale: list the "
				+ "active tenants in touchpoint.scheduler.tenants (e.g. --touchpoint.scheduler.tenants=acme,globex); "
				+ "tenants with an API connection (touchpoint.connections.<tenant>.<source>.*) are watched too.\n";
		assertThat(table.code()).isEqualTo(2);
		assertThat(table.err()).isEqualTo(refusal);
		assertThat(table.out()).isEmpty();
		assertThat(json.code()).isEqualTo(2);
		assertThat(json.err()).isEqualTo(refusal);
		assertThat(json.out()).isEmpty();
	}

	@Test
	@Order(2)
	void alertsCheckNamesTheWatchedTenantsAndWritesDurationsAsConfigurationDoes() {
		// given tenant cli's import completed a moment ago, and a tenant that never ran
		// when
		Result fresh = run("alerts", "check", "--touchpoint.alerts.stale-after=36h", "--touchpoint.alerts.stale-jobs=import",
				"--touchpoint.scheduler.tenants=cli");
		Result never = run("alerts", "check", "--touchpoint.alerts.stale-after=36h", "--touchpoint.scheduler.tenants=cli,newco");

		// then
		assertThat(fresh.code()).as(fresh.toString()).isZero();
		assertThat(fresh.out()).isEqualTo("Nothing stale: import completed within 36h for every watched tenant (cli).\n");
		assertThat(never.code()).isEqualTo(1);
		assertThat(never.out()).contains("nightly  cli     never").contains("nightly  newco   never");
	}

	@Test
	@Order(3)
	void mistypedTenantIsRefusedWithTheKnownTenantsByEveryCommandThatReadsData() {
		// when
		Result report = run("report", "ltv", "--tenant", "nosuchtenant");
		Result close = run("report", "revenue", "--tenant", "clj", "--format", "json");

		// then
		assertThat(report.code()).isEqualTo(2);
		assertThat(report.out()).isEmpty();
		assertThat(report.err()).isEqualTo("touchpoint: Unknown tenant 'nosuchtenant'; known tenants: cli.\n");
		assertThat(close.code()).isEqualTo(2);
		assertThat(close.err()).isEqualTo("touchpoint: Unknown tenant 'clj' (did you mean cli?); known tenants: cli.\n");
		for (String[] command : new String[][] { { "report", "cohorts", "--tenant", "acme" },
				{ "report", "attribution", "--tenant", "acme" }, { "quarantine", "list", "--tenant", "acme" },
				{ "executions", "--tenant", "acme" }, { "cursor", "show", "--tenant", "acme" },
				{ "cursor", "rewind", "--tenant", "acme", "--source", "stripe", "--to", "2026-11-01" },
				{ "rollup", "rebuild", "--tenant", "acme" } }) {
			Result refused = run(command);
			assertThat(refused.code()).as(String.join(" ", command)).isEqualTo(2);
			assertThat(refused.err()).as(String.join(" ", command))
				.isEqualTo("touchpoint: Unknown tenant 'acme'; known tenants: cli.\n");
		}
		// the known tenant still reads
		assertThat(run("report", "ltv", "--tenant", "cli").code()).isZero();
	}

	@Test
	@Order(4)
	void queryOutputNeitherRunsInASpreadsheetNorDrivesTheTerminal() {
		// when
		Result csv = run("query", "--format", "csv",
				"SELECT '=HYPERLINK(\"http://evil.example\")' AS name, '-1' AS code, -5 AS n");
		Result table = run("query", "SELECT CONCAT(CHAR(27 USING utf8mb4), '[2J', 'x') AS screen");
		Result json = run("query", "--format", "json", "SELECT CONCAT(CHAR(27 USING utf8mb4), '[2J') AS screen, '=1+1' AS formula");

		// then
		assertThat(csv.code()).as(csv.toString()).isZero();
		assertThat(csv.out()).isEqualTo("name,code,n\r\n\"'=HYPERLINK(\"\"http://evil.example\"\")\",'-1,-5\r\n");
		assertThat(table.out()).contains("\\x1b[2Jx").doesNotContain("\u001b");
		assertThat(json.out()).contains("\"screen\" : \"\\u001B[2J\"").contains("\"formula\" : \"=1+1\"");
	}

	@Test
	@Order(5)
	void aRefusedVendorApiIsNamedAsTheVendorsNeverTheWarehouse() throws Exception {
		// given a Stripe connection whose base-url is a port nothing listens on
		int closed;
		try (var socket = new java.net.ServerSocket(0)) {
			closed = socket.getLocalPort();
		}
		String[] settings = { "--touchpoint.connections.refused.stripe.base-url=http://127.0.0.1:" + closed,
				"--touchpoint.connections.refused.stripe.token=sk_test_x", "--touchpoint.api.max-attempts=2",
				"--touchpoint.api.base-delay=10ms", "--touchpoint.api.max-delay=20ms" };

		// when
		Result night = run(concat(new String[] { "run", "nightly", "--tenant", "refused", "--date", "2026-11-02" }, settings));
		String id = night.out().replaceAll("(?s).*\\(execution (\\d+),.*", "$1");
		Result shown = run(concat(new String[] { "execution", id, "--json" }, settings));

		// then the CLI line and the stored error (which the alert quotes) name the API, its address and what refused
		assertThat(night.code()).as(night.toString()).isEqualTo(1);
		assertThat(night.out()).contains("failed: stripe ").contains("of tenant refused: gave up after 2 attempt(s), the last: "
				+ "the API at 127.0.0.1:" + closed + " refused the connection").doesNotContain("database");
		assertThat(shown.out()).contains("the API at 127.0.0.1:" + closed + " refused the connection")
			.doesNotContain("database");
	}

	@Test
	@Order(6)
	void aShopifyExportImportedAsStripeIsNamedAndNoRestartIsAdvised() throws Exception {
		// given a Shopify orders export
		Path orders = dir.resolve("orders_export_1.csv");
		try (var in = UserMessagesCliIntegrationTests.class.getResourceAsStream("/fixtures/shopify/orders_export_1.csv")) {
			Files.copy(in, orders);
		}

		// when it is imported as a Stripe export
		Result result = run("import", "--tenant", "cli", "--source", "stripe", "--date", "2026-11-05", orders.toString());

		// then
		assertThat(result.code()).as(result.toString()).isEqualTo(1);
		String id = result.out().replaceAll("(?s).*\\(execution (\\d+),.*", "$1");
		assertThat(result.out()).contains("\n  normalize failed: stripe/orders_export_1.csv line 1: this looks like a shopify "
				+ "export, not stripe (its header has every column the shopify source needs): import it with --source "
				+ "shopify, or in a nightly inbox put it under shopify/. Restarting this execution cannot help: it would "
				+ "read the file as stripe again\n  ./touchpoint abandon " + id + "\n")
			.doesNotContain("restart " + id).doesNotContain("found:");
	}

	@Test
	@Order(7)
	void htmlReportNamesTheTenantAndTheLastCompletedDate() throws Exception {
		// when (the import of 2026-11-01 completed; the one of 2026-11-05 failed)
		Result html = run("report", "ltv", "--tenant", "cli", "--format", "html");

		// then
		assertThat(html.code()).as(html.toString()).isZero();
		var page = javax.xml.parsers.DocumentBuilderFactory.newInstance().newDocumentBuilder()
			.parse(new org.xml.sax.InputSource(new java.io.StringReader(html.out())));
		var xpath = javax.xml.xpath.XPathFactory.newInstance().newXPath();
		assertThat(xpath.evaluate("//*[@id='tenant']", page)).isEqualTo("cli");
		assertThat(xpath.evaluate("//*[@id='as-of']/@datetime", page)).isEqualTo("2026-11-01");
		// net over the days: ch_1 $100.00 and ch_2 $50.00, less ch_2's $20.00 refund (ch_3 failed, ch_4 quarantined)
		assertThat(xpath.evaluate("sum(//*[local-name()='circle']/@data-minor)", page))
			.isEqualTo("13000");
	}

	// ---- funnels and conversion paths ----

	@Test
	@Order(8)
	void aBadFunnelStopsTheCommandNamingThePropertyAndTheJourneyReportsReadWithoutOne() throws Exception {
		// when
		Result bad = run("report", "funnel", "--tenant", "cli", "--touchpoint.funnels.trial.steps=page:/pricing,signup");
		Result none = run("report", "funnel", "--tenant", "cli");
		Result unknown = run("report", "funnel", "--tenant", "cli", "--funnel", "trial");
		Result paths = run("report", "conversion-paths", "--tenant", "cli", "--format", "csv");
		Result page = run("report", "conversion-paths", "--tenant", "cli", "--format", "html");

		// then
		assertThat(bad.code()).isEqualTo(2);
		assertThat(bad.err()).isEqualTo("touchpoint: touchpoint.funnels.trial.steps: step 2 'signup' is not "
				+ "page:<URL path>, event:<event name> or purchase\n");
		assertThat(bad.out()).isEmpty();
		assertThat(none.code()).as(none.toString()).isZero();
		assertThat(none.out()).contains("No funnels for tenant cli: declare one with touchpoint.funnels.<name>.steps");
		assertThat(unknown.code()).isEqualTo(2);
		assertThat(unknown.err()).startsWith("touchpoint: No funnel 'trial' for tenant cli: none is computed");
		// the imported payments have no web events before them: every customer is on the path (no touch), and the
		// revenue is the net of the import (ch_1 $100.00 and ch_2 $50.00 less its $20.00 refund)
		assertThat(paths.code()).as(paths.toString()).isZero();
		List<String> rows = paths.out().lines().skip(1).toList();
		assertThat(rows).isNotEmpty().allMatch(row -> row.startsWith("(no touch),USD,"));
		assertThat(rows.stream().mapToLong(row -> Long.parseLong(row.split(",")[3])).sum()).isEqualTo(13000);
		assertThat(page.code()).as(page.toString()).isZero();
		var document = javax.xml.parsers.DocumentBuilderFactory.newInstance().newDocumentBuilder()
			.parse(new org.xml.sax.InputSource(new java.io.StringReader(page.out())));
		var xpath = javax.xml.xpath.XPathFactory.newInstance().newXPath();
		assertThat(xpath.evaluate("//*[@id='lead']", document)).isEqualTo("No customer had a session before its first purchase.");
		assertThat(xpath.evaluate("//*[@id='as-of']/@datetime", document)).isEqualTo("2026-11-01");
	}

	// ---- attribution --model and pairs ----

	@Test
	@Order(9)
	void attributionTakesAModelAndRefusesAnUnknownOneAndPairsReport() throws Exception {
		// when
		Result linear = run("report", "attribution", "--tenant", "cli", "--model", "linear", "--format", "json");
		Result unknown = run("report", "attribution", "--tenant", "cli", "--model", "u_shaped");
		Result pairs = run("report", "pairs", "--tenant", "cli");
		Result pairsPage = run("report", "pairs", "--tenant", "cli", "--format", "html");
		Result sessionsPage = run("report", "sessions", "--tenant", "cli", "--format", "html");

		// then
		assertThat(linear.code()).as(linear.toString()).isZero();
		assertThat(linear.out()).doesNotContain("first_touch");
		assertThat(unknown.code()).isEqualTo(2);
		assertThat(unknown.err()).isEqualTo("touchpoint: Unknown attribution model 'u_shaped': available: first_touch, "
				+ "last_touch, linear, position_based, time_decay\n");
		assertThat(pairs.code()).as(pairs.toString()).isZero();
		assertThat(pairs.out()).startsWith("Touchpoint pairs for tenant cli\n");
		// html of a lead-and-table report is a page of that report, not the ltv page
		assertThat(html(pairsPage, "//h1")).isEqualTo("Touchpoint pairs for tenant cli");
		assertThat(html(sessionsPage, "//h1")).isEqualTo("Sessions by landing page for tenant cli");
		assertThat(html(sessionsPage, "//*[@id='as-of']/@datetime")).isEqualTo("2026-11-01");
	}

	private static String html(Result page, String path) throws Exception {
		assertThat(page.code()).as(page.toString()).isZero();
		var document = javax.xml.parsers.DocumentBuilderFactory.newInstance().newDocumentBuilder()
			.parse(new org.xml.sax.InputSource(new java.io.StringReader(page.out())));
		return javax.xml.xpath.XPathFactory.newInstance().newXPath().evaluate(path, document);
	}

	// ---- end attribution --model and pairs ----

	private static String[] concat(String[] first, String[] second) {
		String[] all = java.util.Arrays.copyOf(first, first.length + second.length);
		System.arraycopy(second, 0, all, first.length, second.length);
		return all;
	}
}
