package io.touchpoint.jobs.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;

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
}
