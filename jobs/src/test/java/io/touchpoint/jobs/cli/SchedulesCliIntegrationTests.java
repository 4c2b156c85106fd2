package io.touchpoint.jobs.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code touchpoint schedules ...} and the operations commands, in process on their own embedded home:
 * a schedule added, listed, its next fire times with business dates computed by hand, paused, resumed and
 * removed; refusals exit 2 with a message saying what to do.
 */
class SchedulesCliIntegrationTests {

	@TempDir
	static Path dir;

	record Result(int code, String out, String err) {
	}

	private static Result run(String... args) {
		StringWriter out = new StringWriter();
		StringWriter err = new StringWriter();
		int code = TouchpointCli.commandLine(new PrintWriter(out, true), new PrintWriter(err, true)).execute(args);
		return new Result(code, out.toString(), err.toString());
	}

	private static Result home(String... args) {
		String[] all = new String[args.length + 2];
		all[0] = "--home";
		all[1] = dir.resolve("home").toString();
		System.arraycopy(args, 0, all, 2, args.length);
		return run(all);
	}

	@Test
	void everyOperationsCommandHasHelpWithExamplesAndExitCodes() {
		for (String command : new String[] { "schedules", "scheduler", "stop", "abandon", "recover", "restart", "executions" }) {
			Result help = run(command, "--help");
			assertThat(help.code()).as(command).isZero();
			assertThat(help.out()).as(command).contains("Example").contains("Exit codes");
		}
		assertThat(run("schedules", "add", "--help").out()).contains("--cron", "--zone", "--misfire", "Examples:");
	}

	@Test
	void aScheduleIsAddedListedPausedResumedAndRemoved() {
		// when
		Result added = home("schedules", "add", "nightly-eu", "--cron", "0 30 2 * * ?", "--zone", "Europe/Paris", "--tenants",
				"acme,globex");
		assertThat(added.code()).as(added.toString()).isZero();

		// then its next fire times, from 2026-11-19 12:00 UTC: 02:30 Paris (CET, +01:00) on the 20th, 21st and 22nd,
		// each for the previous day
		Result next = home("schedules", "next", "nightly-eu", "--count", "3", "--after", "2026-11-19T12:00:00Z", "--json");
		assertThat(next.code()).as(next.toString()).isZero();
		assertThat(next.out()).contains("\"fire_time\" : \"2026-11-20 02:30+01:00\"", "\"business_date\" : \"2026-11-19\"")
			.contains("\"fire_time\" : \"2026-11-21 02:30+01:00\"", "\"business_date\" : \"2026-11-20\"")
			.contains("\"fire_time\" : \"2026-11-22 02:30+01:00\"", "\"business_date\" : \"2026-11-21\"")
			.doesNotContain("2026-11-23");

		Result list = home("schedules", "list", "--json");
		assertThat(list.out()).contains("\"name\" : \"nightly-eu\"", "\"tenants\" : \"acme,globex\"", "\"state\" : \"active\"",
				"\"misfire\" : \"fire-once\"", "\"origin\" : \"cli\"");

		// a second add of the same name is refused
		Result again = home("schedules", "add", "nightly-eu", "--cron", "0 0 3 * * ?", "--all-tenants");
		assertThat(again.code()).isEqualTo(2);
		assertThat(again.err()).contains("exists; remove it first");

		assertThat(home("schedules", "pause", "nightly-eu").code()).isZero();
		assertThat(home("schedules", "list").out()).contains("paused");
		assertThat(home("schedules", "resume", "nightly-eu").code()).isZero();
		assertThat(home("schedules", "list").out()).contains("active");
		assertThat(home("schedules", "remove", "nightly-eu").code()).isZero();
		assertThat(home("schedules", "list").out()).contains("No schedules");

		// unknown schedules, bad cron expressions and executions are usage errors
		Result unknown = home("schedules", "pause", "nope");
		assertThat(unknown.code()).isEqualTo(2);
		assertThat(unknown.err()).contains("No schedule named 'nope'");
		Result badCron = home("schedules", "add", "bad", "--cron", "30 2 * * *", "--all-tenants");
		assertThat(badCron.code()).isEqualTo(2);
		assertThat(badCron.err()).contains("not a Quartz cron expression");
		Result stop = home("stop", "999");
		assertThat(stop.code()).isEqualTo(2);
		assertThat(stop.err()).contains("No execution 999");
		assertThat(home("recover").out()).contains("No execution is marked running.");
		assertThat(home("executions", "--since", "7d").out()).contains("No executions yet.");
		assertThat(home("executions", "--since", "yesterday").err()).contains("--since takes a duration");
	}
}
