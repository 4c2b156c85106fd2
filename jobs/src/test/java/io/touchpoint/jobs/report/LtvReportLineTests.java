package io.touchpoint.jobs.report;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The ltv sentence says whether a lift is clear or could be chance, from its 95% interval. */
class LtvReportLineTests {

	@Test
	void anIntervalAboveZeroIsAClearDifference() {
		// given the README's example: $512 vs $197, interval +$120 to +$510
		LtvReport.Line line = new LtvReport.Line("tag", "webinar-q3", "USD", 1204, 51200, 30000, 18311, 19700, 0, 31500,
				12000L, 51000L);

		// then
		assertThat(line.sentence(30)).isEqualTo("Contacts tagged webinar-q3 are worth $512 on average; contacts without "
				+ "it $197 (+$315, 1,204 vs 18,311 contacts). The difference is clear: +$315 (95% CI +$120 to +$510).");
	}

	@Test
	void anIntervalBelowZeroIsAClearDifferenceAndOneAcrossZeroCouldBeChance() {
		// given
		LtvReport.Line below = new LtvReport.Line("campaign", "retargeting", "USD", 40, 9323, 0, 60, 18311, 4900, -8988,
				-15000L, -2976L);
		LtvReport.Line across = new LtvReport.Line("campaign", "retargeting", "USD", 40, 9323, 0, 60, 18311, 4900, -8988,
				-20049L, 2073L);

		// then
		assertThat(below.interval()).isEqualTo("The difference is clear: -$90 (95% CI -$150 to -$30).");
		assertThat(across.interval()).isEqualTo("The difference could be chance: -$90 (95% CI -$200 to +$21).");
	}

	@Test
	void aGroupTooSmallForAnIntervalSaysNothingAboutIt() {
		// given (fewer than two contacts in a group: no interval)
		LtvReport.Line line = new LtvReport.Line("tag", "vip", "USD", 1, 8000, 8000, 3, 5000, 7000, 3000);

		// then
		assertThat(line.interval()).isEmpty();
		assertThat(line.sentence(30)).doesNotContain("95% CI");
	}
}
