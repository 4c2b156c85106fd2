package io.touchpoint.jobs.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.junit.jupiter.api.Test;

/** The labels of campaign touchpoints, as README's "Campaign names in reports" table states them. */
class CampaignNamesTests {

	private final CampaignNames names = new CampaignNames(Map.of("701Dm000000WebQ3AAA", "Webinar Q3"));

	@Test
	void aKnownCampaignShowsItsNameAndIdAnUnknownOneAsItIs() {
		assertThat(names.label("tag", "campaign:701Dm000000WebQ3AAA")).isEqualTo("campaign: Webinar Q3 (701Dm000000WebQ3AAA)");
		assertThat(names.label("tag", "campaign:701Dm000000WebQ3AAA:responded"))
			.isEqualTo("campaign: Webinar Q3, responded (701Dm000000WebQ3AAA)");
		assertThat(names.label("campaign", "701Dm000000WebQ3AAA")).isEqualTo("Webinar Q3 (701Dm000000WebQ3AAA)");
		assertThat(names.label("tag", "campaign:701Dm000000TrialAAA")).isEqualTo("campaign:701Dm000000TrialAAA");
		assertThat(names.label("campaign", "spring_sale")).isEqualTo("spring_sale");
		// an event's name is never a campaign, whatever it looks like
		assertThat(names.label("event", "701Dm000000WebQ3AAA")).isEqualTo("701Dm000000WebQ3AAA");
	}

	@Test
	void aNarrowLabelCutsTheNameNotTheIdAndAShortLabelLeavesTheIdOut() {
		// 30 characters: "campaign: " (10) and " (701Dm000000WebQ3AAA)" (22) leave none for the name: 1 and "…"
		assertThat(names.label("tag", "campaign:701Dm000000WebQ3AAA", 30)).isEqualTo("campaign: W\u2026 (701Dm000000WebQ3AAA)");
		// 38: 6 for the name, 5 of it and "…"
		assertThat(names.label("tag", "campaign:701Dm000000WebQ3AAA", 38)).isEqualTo("campaign: Webin\u2026 (701Dm000000WebQ3AAA)");
		assertThat(names.shortLabel("tag", "campaign:701Dm000000WebQ3AAA:responded")).isEqualTo("campaign: Webinar Q3, responded");
	}
}
