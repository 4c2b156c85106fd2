package io.touchpoint.jobs.sources.declarative;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.mock.env.MockEnvironment;

import io.touchpoint.jobs.model.Contact;
import io.touchpoint.jobs.model.ContactIds;
import io.touchpoint.jobs.model.TagApplication;
import io.touchpoint.jobs.model.TagSnapshot;
import io.touchpoint.jobs.sources.api.ApiSource;
import io.touchpoint.jobs.support.HubspotApi;
import io.touchpoint.jobs.support.VendorApiServer;

/**
 * The built-in HubSpot connector against a HubSpot-shaped local server (two records a page, a search limit of
 * 4 results, lists 7 and 9), on what the nightly test ({@code HubspotApiIntegrationTests}) does not seed:
 * repeated and too long tag values, a quarantined record on either side of a new search query. Expected values are worked out from the seeds.
 */
class HubspotConnectorTests {

	private static final VendorApiServer SERVER = VendorApiServer.INSTANCE;

	private static Map<String, String> properties(String email, String first, String stage, String interests,
			String modified) {
		Map<String, String> properties = new HashMap<>();
		properties.put("email", email);
		properties.put("firstname", first);
		properties.put("lastname", null);
		properties.put("lifecyclestage", stage);
		properties.put("interests", interests);
		properties.put("createdate", "2026-10-01T08:00:00.000Z");
		properties.put("lastmodifieddate", modified);
		return properties;
	}

	@Test
	void searchesPastTheLimitAndReadsEachListWhole() throws Exception {
		HubspotApi api = new HubspotApi("tok_hubspot_equal", 4);
		api.contact("100", properties("old@example.com", "Old", "lead", null, "2026-09-01T10:00:00.000Z"));
		api.contact("101", properties("Ann@Example.com", "Ann", "customer", "shoes; socks", "2026-11-01T10:00:00.000Z"));
		api.contact("102", properties("bob@example.com", "Bob", "marketingqualifiedlead", null, "2026-11-02T10:00:00.000Z"));
		api.contact("103", properties("not-an-email", "Bad", null, null, "2026-11-03T10:00:00.000Z"));
		api.contact("104", properties(null, "Cat", "1234567", "", "2026-11-04T10:00:00.000Z"));
		api.contact("105", properties("dan@example.com", "Dan", null, null, "2026-11-04T10:00:00.000Z"));
		api.contact("106", properties("eve@example.com", "Eve", "lead", "vip;vip; x ", "2026-11-06T10:00:00.000Z"));
		api.contact("107", properties("fay@example.com", "Fay", "other", "a".repeat(256), "2026-11-07T10:00:00.000Z"));
		api.member("7", "101", "2026-11-01T12:00:00.000Z");
		api.member("7", "104", "2026-11-05T00:00:00.000Z");
		api.member("7", "102", "2026-09-01T00:00:00.000Z");
		api.member("9", "106", "2026-11-07T00:00:00.000Z");
		SERVER.route("hs-yaml/hubspot", api);
		ApiSource hubspot = new DeclarativeApiSource(Connectors.builtIn(new MockEnvironment()
			.withProperty("touchpoint.sources.hubspot.tag-properties", "interests")).stream()
			.filter(connector -> connector.source().equals("hubspot")).findFirst().orElseThrow());

		// in the window, by lastmodifieddate: [101, 102] [103, 104], then the search limit (4): a new query from
		// 104's time [104, 105] [106, 107], its last page (four results: no paging.next)
		StreamRun contacts = run(hubspot, "hs-yaml", "contacts");

		assertThat(SERVER.requests("hs-yaml/hubspot")).extracting(r -> r.body().replaceAll(".*\"value\":\"([0-9]+)\"\\},"
				+ "\\{.*", "$1") + " " + r.body().replaceAll(".*\"after\":\"([0-9]+)\".*|.*", "$1"))
			.containsExactly(from("2026-10-11T00:00:00Z") + " ", from("2026-10-11T00:00:00Z") + " 2",
					from("2026-11-04T10:00:00Z") + " ", from("2026-11-04T10:00:00Z") + " 2");
		assertThat(contacts.pages).isEqualTo(4);
		// 103's e-mail and 107's 256-character tag are quarantined, by page and line; 104 comes twice
		assertThat(lines(contacts.quarantined)).containsExactly("api/hubspot/contacts/page-00002.jsonl:1",
				"api/hubspot/contacts/page-00004.jsonl:2");
		assertThat(contacts.rows).filteredOn(TagSnapshot.class::isInstance).map(TagSnapshot.class::cast)
			.extracting(TagSnapshot::tag).containsExactly("", "shoes", "socks", "", "", "", "", "", "vip", "x");
		assertThat(contacts.rows).filteredOn(Contact.class::isInstance).map(Contact.class::cast)
			.extracting(c -> c.firstName() + " " + c.lifecycleStage())
			.containsExactly("Ann Customer", "Bob Marketing Qualified Lead", "Cat 1234567", "Cat 1234567", "Dan null",
					"Eve Lead");

		// list 7 [101, 104] [102 (September: outside the window)], then list 9 [106]
		StreamRun memberships = run(hubspot, "hs-yaml", "list_memberships");

		assertThat(SERVER.requests("hs-yaml/hubspot")).filteredOn(r -> r.method().equals("GET"))
			.extracting(r -> r.path() + " " + r.param("after") + " " + r.param("limit"))
			.containsExactly("/crm/v3/lists/7/memberships null 2", "/crm/v3/lists/7/memberships 2 2",
					"/crm/v3/lists/9/memberships null 2");
		assertThat(memberships.rows).map(TagApplication.class::cast)
			.extracting(t -> t.contactId() + " " + t.tag() + " " + t.occurredAt())
			.containsExactly(record("101") + " list:7 2026-11-01T12:00:00Z", record("104") + " list:7 2026-11-05T00:00:00Z",
					record("106") + " list:9 2026-11-07T00:00:00Z");
	}

	private static long from(String instant) {
		return Instant.parse(instant).toEpochMilli();
	}

	private static String record(String id) {
		return ContactIds.forExternalId("equal", "hubspot", "record_id", id);
	}

	/** One tenant, so that both compute the same contact ids; a route each, so that their requests can be told apart. */
	private static StreamRun run(ApiSource source, String route, String stream) throws InterruptedException {
		return new StreamRun(source, "equal", stream, StreamRun.connection(SERVER.baseUrl(route + "/hubspot"),
				"tok_hubspot_equal", 2, Map.of("lists", "7,9", "search-limit", "4")),
				Instant.parse("2026-10-11T00:00:00Z"), Instant.parse("2026-11-11T00:00:00Z")).all();
	}

	private static List<String> lines(List<String> quarantined) {
		return quarantined.stream().map(entry -> entry.substring(0, entry.indexOf(' '))).toList();
	}
}
