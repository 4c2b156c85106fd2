package io.touchpoint.jobs.checks;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

import io.touchpoint.jobs.checks.CheckProperties.Action;
import io.touchpoint.jobs.checks.CheckResult.Outcome;

/** How a night's check results read in the step's note and in bands. */
class ChecksSummaryTests {

	@Test
	void theNoteCountsOutcomesAndNamesEachResultOutsideItsBand() {
		// given
		List<CheckResult> results = List.of(
				new CheckResult("segment", CheckResult.ROW_COUNT, "", 3.0, 4.5, 13.5, null, Outcome.WARN, Action.WARN, "x"),
				new CheckResult("segment", CheckResult.QUARANTINE, "", 0.0, null, 0.05, null, Outcome.PASS, Action.WARN, "x"),
				new CheckResult("stripe", CheckResult.MONEY, "USD", 100.0, null, null, null, Outcome.SKIP, Action.WARN, "x"),
				new CheckResult("stripe", CheckResult.FRESHNESS, "", 475200.0, null, 172800.0, null, Outcome.FAIL,
						Action.FAIL, "x"));

		// when
		String note = ChecksTasklet.summary(results);

		// then
		assertThat(note).isEqualTo("4 check(s): 1 pass, 1 warn, 1 fail, 1 skipped; warn: segment row-count 3 outside "
				+ "4.5..13.5; fail: stripe freshness 475200 outside ..172800");
	}

	@Test
	void bandsAndLabelsShowOpenEndsAndTheSubject() {
		assertThat(new CheckResult("s", CheckResult.MONEY, "EUR", 1.0, 2500.0, 7500.0, null, Outcome.WARN, Action.WARN, "")
			.label()).isEqualTo("money[EUR]");
		assertThat(new CheckResult("s", CheckResult.QUARANTINE, "", 0.5, null, 0.05, null, Outcome.WARN, Action.WARN, "")
			.band()).isEqualTo("..0.05");
		assertThat(new CheckResult("s", CheckResult.FRESHNESS, "", null, null, null, null, Outcome.SKIP, Action.FAIL, "")
			.band()).isEqualTo("-");
		assertThat(CheckResult.number(1.0 / 3)).isEqualTo("0.3333");
	}
}
