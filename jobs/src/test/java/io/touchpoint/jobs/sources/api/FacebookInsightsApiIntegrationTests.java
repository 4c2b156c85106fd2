package io.touchpoint.jobs.sources.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;

import io.touchpoint.jobs.ingest.IngestParameters;
import io.touchpoint.jobs.support.ApiIntegrationTest;
import io.touchpoint.jobs.support.FacebookApi;
import io.touchpoint.jobs.support.VendorApiServer;

/**
 * Facebook Insights against a local server answering like the Marketing API (two rows per page here).
 * Night one: three ad-days load, one with a localized spend is quarantined. Night two re-pulls the last
 * 28 days: the restated 2026-11-09 row of Video A replaces the earlier one instead of adding to it.
 */
class FacebookInsightsApiIntegrationTests extends ApiIntegrationTest {

	private static final String TENANT = "api-facebook";

	@Test
	void loadsAdDaysFromPagedInsightsAndARestatedDayReplacesTheEarlierOne() throws Exception {
		FacebookApi api = new FacebookApi(apiToken(TENANT, "facebook"), "act_42");
		api.row("2026-11-09", "Spring Sale", "Lookalike", "Video A", "12.34", "1000", "25");
		api.row("2026-11-09", "Spring Sale", "Lookalike", "Video B", "5.00", "400", null)
			.putArray("actions").add(action("post_engagement", "30")).add(action("link_click", "7"));
		api.row("2026-11-10", "Spring Sale", "Lookalike", "Video A", "20.1", "1500", "30");
		api.row("2026-11-10", "Spring Sale", "Lookalike", "Video C", "1,234.00", "10", "1");
		api.row("2026-10-01", "Spring Sale", "Lookalike", "Video A", "99.00", "1", "1");
		SERVER.route(TENANT + "/facebook", api);

		JobExecution first = night(TENANT);

		assertThat(first.getStatus()).isEqualTo(BatchStatus.COMPLETED);
		List<VendorApiServer.Request> requests = SERVER.requests(TENANT + "/facebook");
		assertThat(requests).extracting(request -> request.param("time_range") + " " + request.param("after"))
			.containsExactly("{\"since\":\"2026-10-11\",\"until\":\"2026-11-10\"} null",
					"{\"since\":\"2026-10-11\",\"until\":\"2026-11-10\"} c2");
		assertThat(spend()).containsExactly("2026-11-09 Video A 1000 25 1234 USD", "2026-11-09 Video B 400 7 500 USD",
				"2026-11-10 Video A 1500 30 2010 USD");
		assertThat(quarantine(TENANT)).containsExactly("facebook api/facebook/insights/page-00002.jsonl 2");

		// Meta restates 2026-11-09 for Video A; a new day arrives
		api.row("2026-11-09", "Spring Sale", "Lookalike", "Video A", "13.00", "1100", "26");
		api.row("2026-11-11", "Spring Sale", "Lookalike", "Video A", "3.00", "200", "4");
		int before = requests.size();
		JobExecution second = runs.start("nightly",
				IngestParameters.nightly(TENANT, NIGHT.plusDays(1), home().resolve("no-inbox").toString()));

		assertThat(second.getStatus()).isEqualTo(BatchStatus.COMPLETED);
		// 28 days before the cursor (2026-11-11) to the end of the night
		assertThat(SERVER.requests(TENANT + "/facebook").get(before).param("time_range"))
			.isEqualTo("{\"since\":\"2026-10-14\",\"until\":\"2026-11-11\"}");
		assertThat(spend()).containsExactly("2026-11-09 Video A 1100 26 1300 USD", "2026-11-09 Video B 400 7 500 USD",
				"2026-11-10 Video A 1500 30 2010 USD", "2026-11-11 Video A 200 4 300 USD");
		assertThat(SERVER.requests(TENANT + "/facebook")).allSatisfy(request -> {
			assertThat(request.headers().get("authorization")).isEqualTo("Bearer " + apiToken(TENANT, "facebook"));
			assertThat(request.query()).doesNotContainKey("access_token");
		});
	}

	private static tools.jackson.databind.node.ObjectNode action(String type, String value) {
		return tools.jackson.databind.json.JsonMapper.builder().build().createObjectNode().put("action_type", type)
			.put("value", value);
	}

	private List<String> spend() {
		return warehouse().queryForList("SELECT CONCAT_WS(' ', spend_date, ad, impressions, clicks, amount_minor, currency) "
				+ "FROM ad_spend WHERE tenant_id = ? ORDER BY spend_date, ad", String.class, TENANT);
	}
}
