package io.touchpoint.jobs.sources.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.jdbc.core.JdbcTemplate;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import io.touchpoint.jobs.model.ContactIds;
import io.touchpoint.jobs.support.ApiIntegrationTest;
import io.touchpoint.jobs.support.HubspotApi;
import io.touchpoint.jobs.support.VendorApiServer;

/**
 * The HubSpot CRM v3 source end to end against a HubSpot-shaped local server: the contacts search by
 * {@code lastmodifieddate}, paged by {@code after}, starts a new query from the last time seen when it
 * reaches the search's result limit (4 here, 10,000 at HubSpot); list memberships of lists 7 and 9 become
 * {@code list:<id>} tags.
 *
 * <p>Seeded contacts by modification time: 101 Ann (interests {@code shoes; socks}), 102 Bob, 103 (e-mail
 * {@code not-an-email}), 104 Cat (no e-mail) and 105 Dan modified at the same instant, 106 Eve (interest
 * {@code vip}); 100 before the window. Two a page: [101, 102], [103, 104], then the limit: a new query
 * from 104's time gives [104, 105], [106].
 */
class HubspotApiIntegrationTests extends ApiIntegrationTest {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private static Map<String, String> properties(String email, String first, String last, String stage, String interests,
			String modified) {
		Map<String, String> properties = new HashMap<>();
		properties.put("email", email);
		properties.put("firstname", first);
		properties.put("lastname", last);
		properties.put("lifecyclestage", stage);
		properties.put("interests", interests);
		properties.put("createdate", "2026-10-01T08:00:00.000Z");
		properties.put("lastmodifieddate", modified);
		return properties;
	}

	@Test
	void searchesContactsPastTheResultLimitAndTagsListMembers() throws Exception {
		String tenant = "api-hubspot";
		HubspotApi api = new HubspotApi(apiToken(tenant, "hubspot"), 4);
		api.contact("100", properties("old@example.com", "Old", null, "lead", null, "2026-09-01T10:00:00.000Z"));
		api.contact("101", properties("Ann@Example.com", "Ann", "Lee", "customer", "shoes; socks", "2026-11-01T10:00:00.000Z"));
		api.contact("102", properties("bob@example.com", "Bob", null, "marketingqualifiedlead", null, "2026-11-02T10:00:00.000Z"));
		api.contact("103", properties("not-an-email", "Bad", null, null, null, "2026-11-03T10:00:00.000Z"));
		api.contact("104", properties(null, "Cat", null, "1234567", "", "2026-11-04T10:00:00.000Z"));
		api.contact("105", properties("dan@example.com", "Dan", null, null, null, "2026-11-04T10:00:00.000Z"));
		api.contact("106", properties("eve@example.com", "Eve", null, "lead", "vip", "2026-11-06T10:00:00.000Z"));
		api.member("7", "101", "2026-11-01T12:00:00.000Z");
		api.member("7", "104", "2026-11-05T00:00:00.000Z");
		api.member("7", "102", "2026-09-01T00:00:00.000Z");
		api.member("9", "106", "2026-11-07T00:00:00.000Z");
		SERVER.route(tenant + "/hubspot", api);

		JobExecution run = night(tenant);

		assertThat(run.getStatus()).isEqualTo(BatchStatus.COMPLETED);
		List<VendorApiServer.Request> requests = SERVER.requests(tenant + "/hubspot");
		assertThat(requests).allSatisfy(request -> assertThat(request.headers().get("authorization"))
			.isEqualTo("Bearer " + apiToken(tenant, "hubspot")));
		assertThat(requests).allSatisfy(request -> assertThat(request.query()).doesNotContainKeys("hapikey", "access_token"));
		List<JsonNode> searches = requests.stream().filter(request -> request.method().equals("POST"))
			.map(request -> JSON.readTree(request.body())).toList();
		long windowFrom = Instant.parse("2026-10-11T00:00:00Z").toEpochMilli();
		long sameTime = Instant.parse("2026-11-04T10:00:00Z").toEpochMilli();
		assertThat(searches).extracting(body -> body.get("filterGroups").get(0).get("filters").get(0).get("value").asString()
				+ " " + (body.has("after") ? body.get("after").asString() : "-"))
			.containsExactly(windowFrom + " -", windowFrom + " 2", sameTime + " -", sameTime + " 2");
		assertThat(searches).allSatisfy(body -> {
			assertThat(body.get("filterGroups").get(0).get("filters").get(1).get("operator").asString()).isEqualTo("LT");
			assertThat(body.get("filterGroups").get(0).get("filters").get(1).get("value").asString())
				.isEqualTo(String.valueOf(Instant.parse("2026-11-11T00:00:00Z").toEpochMilli()));
			assertThat(body.get("sorts").get(0).get("direction").asString()).isEqualTo("ASCENDING");
		});
		assertThat(requests).filteredOn(request -> request.method().equals("GET"))
			.extracting(request -> request.path() + " " + request.param("after"))
			.containsExactly("/crm/v3/lists/7/memberships null", "/crm/v3/lists/7/memberships 2",
					"/crm/v3/lists/9/memberships null");

		JdbcTemplate jdbc = warehouse();
		String ann = ContactIds.forEmail(tenant, "ann@example.com");
		String bob = ContactIds.forEmail(tenant, "bob@example.com");
		String cat = ContactIds.forExternalId(tenant, "hubspot", "record_id", "104");
		String dan = ContactIds.forEmail(tenant, "dan@example.com");
		String eve = ContactIds.forEmail(tenant, "eve@example.com");
		assertThat(jdbc.queryForList("SELECT CONCAT_WS(' ', contact_id, email, first_name, last_name, lifecycle_stage, "
				+ "updated_at) FROM contacts WHERE tenant_id = ? ORDER BY first_name", String.class, tenant)).containsExactly(
						ann + " ann@example.com Ann Lee Customer 2026-11-01 10:00:00.000000",
						bob + " bob@example.com Bob Marketing Qualified Lead 2026-11-02 10:00:00.000000",
						cat + " Cat 1234567 2026-11-04 10:00:00.000000",
						dan + " dan@example.com Dan 2026-11-04 10:00:00.000000",
						eve + " eve@example.com Eve Lead 2026-11-06 10:00:00.000000");
		assertThat(jdbc.queryForList("SELECT CONCAT_WS(' ', id_type, external_id, contact_id) FROM contact_identities "
				+ "WHERE tenant_id = ? ORDER BY external_id", String.class, tenant)).containsExactly(
						"record_id 101 " + ann, "record_id 102 " + bob, "record_id 104 " + cat, "record_id 105 " + dan,
						"record_id 106 " + eve);
		// list tags name the record id's alias; the identities resolve it to the contact
		assertThat(jdbc.queryForList("SELECT CONCAT_WS(' ', COALESCE(i.contact_id, t.contact_id), t.tag, t.sign, "
				+ "t.occurred_at) FROM tag_applications t LEFT JOIN contact_identities i ON i.tenant_id = t.tenant_id AND "
				+ "i.alias_contact_id = t.contact_id WHERE t.tenant_id = ? ORDER BY t.tag, t.occurred_at", String.class,
				tenant)).containsExactly(ann + " list:7 1 2026-11-01 12:00:00.000000",
						cat + " list:7 1 2026-11-05 00:00:00.000000", eve + " list:9 1 2026-11-07 00:00:00.000000",
						ann + " shoes 1 2026-11-01 10:00:00.000000", ann + " socks 1 2026-11-01 10:00:00.000000",
						eve + " vip 1 2026-11-06 10:00:00.000000");
		assertThat(quarantine(tenant)).containsExactly("hubspot api/hubspot/contacts/page-00002.jsonl 1");
		assertThat(jdbc.queryForObject("SELECT reason FROM quarantine WHERE tenant_id = ?", String.class, tenant))
			.contains("/properties/email").contains("not-an-email");
	}
}
