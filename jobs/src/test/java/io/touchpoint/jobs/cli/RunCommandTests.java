package io.touchpoint.jobs.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;

import org.junit.jupiter.api.Test;

/** {@code run nightly --only/--from-step}: steps that cannot run again are refused before anything starts. */
class RunCommandTests {

	@Test
	void aStepThatCannotRunAgainOnItsOwnIsAUsageErrorListingTheStepsThatCan() {
		for (String step : new String[] { "normalize", "stage", "fetch", "fetch-api" }) {
			Result result = run("run", "nightly", "--tenant", "acme", "--date", "2026-11-01", "--only", step);
			assertThat(result.code()).as(step).isEqualTo(2);
			assertThat(result.err()).contains("Step '" + step + "' cannot run again on its own")
				.contains("Steps that can run again for a completed night: load, reconcile, rollup, report.");
		}
		Result unknown = run("run", "nightly", "--tenant", "acme", "--date", "2026-11-01", "--from-step", "rollups");
		assertThat(unknown.code()).isEqualTo(2);
		assertThat(unknown.err()).contains("The nightly job has no step 'rollups'")
			.contains("load, reconcile, rollup, report");
	}

	@Test
	void aRerunTakesTheNightsDateAndNothingElse() {
		assertThat(run("run", "nightly", "--tenant", "acme", "--only", "rollup").err())
			.contains("--only and --from-step take the night's --date");
		assertThat(run("run", "nightly", "--tenant", "acme", "--date", "2026-11-01", "--only", "rollup", "--from-step",
				"load").err()).contains("Give either --only or --from-step, not both");
	}

	@Test
	void helpExplainsWhichStepsCanRunAgainAndWhy() {
		String help = run("run", "--help").out();
		assertThat(help).contains("--only", "--from-step", "rollup: recomputes", "normalize (refused):",
				"stage (refused):", "--only rollup");
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
