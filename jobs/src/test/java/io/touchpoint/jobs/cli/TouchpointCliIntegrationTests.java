package io.touchpoint.jobs.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * The command line as a user runs it, on its own embedded home: exit codes, refusals, the read-only
 * query, the history. Each command starts and stops the embedded servers, as the launcher does.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class TouchpointCliIntegrationTests {

	@TempDir
	static Path dir;

	static Path home;

	static Path payments;

	@BeforeAll
	static void exportFile() throws Exception {
		home = dir.resolve("home");
		payments = dir.resolve("unified_payments.csv");
		try (var in = TouchpointCliIntegrationTests.class.getResourceAsStream("/inbox/small/unified_payments.csv")) {
			Files.copy(in, payments);
		}
	}

	@Test
	@Order(1)
	void helpNeedsNoServerAndListsTheCommands() {
		Result result = run("--help");
		assertThat(result.code()).isZero();
		assertThat(result.out()).contains("demo", "run", "import", "executions", "execution", "restart", "query", "report",
				"init", "--home");
		assertThat(run("run", "--help").out()).contains("--tenant", "--date", "--inbox", "Examples:");
		assertThat(Files.exists(home)).isFalse();
	}

	@Test
	@Order(2)
	void importLoadsAFileAndTheSameImportAgainIsRefused() {
		Result first = run("--home", home.toString(), "import", "--tenant", "cli", "--source", "stripe", "--date",
				"2026-11-01", payments.toString());
		assertThat(first.code()).as(first.toString()).isZero();
		assertThat(first.out()).contains("import cli 2026-11-01: COMPLETED").contains("1 quarantined");

		Result again = run("--home", home.toString(), "import", "--tenant", "cli", "--source", "stripe", "--date",
				"2026-11-01", payments.toString());
		assertThat(again.code()).isEqualTo(2);
		assertThat(again.err()).contains("already completed");
	}

	@Test
	@Order(3)
	void queryIsReadOnlyAndPrintsRows() {
		Result count = run("--home", home.toString(), "query", "--format", "csv",
				"SELECT COUNT(*) AS n, SUM(amount_minor) AS total FROM purchases WHERE tenant_id = 'cli'");
		assertThat(count.code()).as(count.toString()).isZero();
		assertThat(count.out()).isEqualTo("n,total\r\n2,15000\r\n");

		Result delete = run("--home", home.toString(), "query", "DELETE FROM purchases");
		assertThat(delete.code()).isEqualTo(2);
		assertThat(delete.err()).contains("read-only");
		Result create = run("--home", home.toString(), "query", "CREATE TABLE scratch (x INT)");
		assertThat(create.code()).isEqualTo(2);
		assertThat(run("--home", home.toString(), "query", "--format", "csv",
				"SELECT COUNT(*) FROM information_schema.TABLES WHERE TABLE_NAME = 'scratch'").out())
			.endsWith("\r\n0\r\n");
		assertThat(run("--home", home.toString(), "query", "--format", "csv", "SELECT COUNT(*) FROM purchases").out())
			.endsWith("\r\n2\r\n");
	}

	@Test
	@Order(4)
	void executionsListTheCompletedRunAndExecutionShowsItsSteps() {
		Result list = run("--home", home.toString(), "executions");
		assertThat(list.code()).isZero();
		assertThat(list.out()).contains("import").contains("cli").contains("2026-11-01").contains("COMPLETED");
		Result detail = run("--home", home.toString(), "execution", "1");
		assertThat(detail.out()).contains("fetch", "normalize", "stage", "load", "reconcile", "rollup", "report");
		assertThat(run("--home", home.toString(), "execution", "999").code()).isEqualTo(2);
	}

	@Test
	@Order(5)
	void quarantinedRecordsAreListedAndShownWithTheirRawText() {
		Result list = run("--home", home.toString(), "quarantine", "list", "--tenant", "cli", "--json");
		assertThat(list.code()).as(list.toString()).isZero();
		assertThat(list.out()).contains("\"file\" : \"stripe/unified_payments.csv\"").contains("\"line\" : 6")
			.contains("12.345");
		long id = Long.parseLong(list.out().replaceAll("(?s).*\"id\" : (\\d+).*", "$1"));
		Result show = run("--home", home.toString(), "quarantine", "show", String.valueOf(id));
		assertThat(show.out()).contains("raw_text:\nch_4,2026-11-01 14:00:00,12.345,0.00,usd,true,12.35,0.00,usd,Odd amount,,Paid");
		assertThat(run("--home", home.toString(), "quarantine", "show", "999999").code()).isEqualTo(2);
	}

	@Test
	@Order(6)
	void unknownOptionIsAUsageError() {
		Result result = run("run", "nightly", "--tenant", "x");
		assertThat(result.code()).isEqualTo(2);
		assertThat(result.err()).contains("Give the night to run with --date YYYY-MM-DD");
		Result halfBackfill = run("run", "nightly", "--tenant", "x", "--from", "2026-01-01");
		assertThat(halfBackfill.code()).isEqualTo(2);
		assertThat(halfBackfill.err()).contains("A backfill takes both --from and --to");
		Result backwards = run("run", "nightly", "--tenant", "x", "--from", "2026-02-01", "--to", "2026-01-01");
		assertThat(backwards.code()).isEqualTo(2);
		assertThat(backwards.err()).contains("--from 2026-02-01 is after --to 2026-01-01");
	}

	@Test
	@Order(7)
	void cursorsAreShownRewoundWithHistoryAndNeverMovedForward() {
		Result none = run("--home", home.toString(), "cursor", "show", "--tenant", "cli");
		assertThat(none.code()).as(none.toString()).isZero();
		assertThat(none.out()).contains("No cursors for tenant cli");

		Result rewind = run("--home", home.toString(), "cursor", "rewind", "--tenant", "cli", "--source", "stripe", "--to",
				"2026-11-01");
		assertThat(rewind.code()).as(rewind.toString()).isZero();
		assertThat(rewind.out()).contains("stripe charges: (none) -> 2026-11-01T00:00:00Z",
				"stripe customers: (none) -> 2026-11-01T00:00:00Z", "stripe refunds: (none) -> 2026-11-01T00:00:00Z");

		Result earlier = run("--home", home.toString(), "cursor", "rewind", "--tenant", "cli", "--source", "stripe",
				"--stream", "refunds", "--to", "2026-10-15T06:30:00Z");
		assertThat(earlier.code()).as(earlier.toString()).isZero();

		Result forward = run("--home", home.toString(), "cursor", "rewind", "--tenant", "cli", "--source", "stripe", "--to",
				"2026-12-01");
		assertThat(forward.code()).isEqualTo(2);
		assertThat(forward.err()).contains("rewind only moves a cursor back. Nothing was changed.");

		Result show = run("--home", home.toString(), "cursor", "show", "--tenant", "cli", "--source", "stripe", "--history",
				"10", "--json");
		assertThat(show.code()).as(show.toString()).isZero();
		assertThat(show.out()).contains("\"cursor\" : \"2026-11-01T00:00:00Z\"", "\"cursor\" : \"2026-10-15T06:30:00Z\"")
			.contains("rewound with touchpoint cursor rewind by");
		// 3 streams set, then refunds moved back once; the refused forward move left no trace
		assertThat(show.out().split("\"reason\"", -1)).hasSize(5);

		assertThat(run("--home", home.toString(), "cursor", "rewind", "--tenant", "cli", "--source", "hubspot-x", "--to",
				"2026-11-01").err()).contains("'hubspot-x' is not an API source");
	}

	@Test
	@Order(8)
	void aNightsDataChecksAndItsSourcesColumnsAreShown() throws Exception {
		// given a night whose Stripe export has a Fee column the imported one did not
		Path inbox = dir.resolve("inbox");
		Files.createDirectories(inbox.resolve("stripe"));
		String header = Files.readAllLines(payments).get(0);
		Files.writeString(inbox.resolve("stripe/unified_payments.csv"), header + ",Fee\n"
				+ "ch_7,2026-11-02 10:00:00,20.00,0.00,usd,true,20.00,0.00,usd,Plan,,Paid,Payment complete.,cus_E,"
				+ "eve@example.com,pro,0.88\n");

		// when
		Result night = run("--home", home.toString(), "run", "nightly", "--tenant", "cli", "--date", "2026-11-02",
				"--inbox", inbox.toString());

		// then the night completes, and its checks (with the schema warning) are in execution N and checks show
		assertThat(night.code()).as(night.toString()).isZero();
		String id = night.out().replaceAll("(?s).*\\(execution (\\d+),.*", "$1");
		Result detail = run("--home", home.toString(), "execution", id);
		assertThat(detail.out()).as(detail.toString()).contains("checks", "Data checks:", "row-count", "quarantine",
				"freshness", "columns changed: unified_payments.Fee added");
		Result show = run("--home", home.toString(), "checks", "show", "--tenant", "cli", "--source", "stripe");
		assertThat(show.code()).as(show.toString()).isZero();
		assertThat(show.out()).contains("2026-11-02", "schema", "WARN");
		Result accept = run("--home", home.toString(), "checks", "accept", id);
		assertThat(accept.code()).isEqualTo(2);
		assertThat(accept.err()).contains("has no failed data check to accept");
		Result columns = run("--home", home.toString(), "schema", "show", "--tenant", "cli", "--source", "stripe");
		assertThat(columns.code()).as(columns.toString()).isZero();
		assertThat(columns.out()).contains("stripe/unified_payments", "Customer Email", "2026-11-01", "Fee", "2026-11-02");
	}

	private static Result run(String... args) {
		StringWriter out = new StringWriter();
		StringWriter err = new StringWriter();
		int code = TouchpointCli.commandLine(new PrintWriter(out, true), new PrintWriter(err, true)).execute(args);
		return new Result(code, out.toString(), err.toString());
	}

	record Result(int code, String out, String err) {
	}
}
