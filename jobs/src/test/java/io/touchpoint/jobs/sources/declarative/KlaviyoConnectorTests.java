package io.touchpoint.jobs.sources.declarative;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.touchpoint.jobs.model.Contact;
import io.touchpoint.jobs.model.ContactIdentity;
import io.touchpoint.jobs.model.ContactIds;
import io.touchpoint.jobs.model.Touchpoint;
import io.touchpoint.jobs.support.KlaviyoApi;
import io.touchpoint.jobs.support.VendorApiServer;
import io.touchpoint.jobs.support.VendorApiServer.Response;

/**
 * The built-in Klaviyo connector against a local server answering like Klaviyo's JSON:API endpoints
 * ({@link KlaviyoApi}). Expected rows are written out from the seeds.
 */
class KlaviyoConnectorTests {

	private static final VendorApiServer SERVER = VendorApiServer.INSTANCE;

	private static final Instant FROM = Instant.parse("2026-11-01T00:00:00Z");

	private static final Instant TO = Instant.parse("2026-11-11T00:00:00Z");

	private static final String KEY = "pk_klaviyo_S3CRET";

	@AfterEach
	void clearFaults() {
		SERVER.clearFaults();
	}

	private static DeclarativeApiSource klaviyo() {
		return StreamRun.builtIn("klaviyo");
	}

	@Test
	void pagesProfilesThroughLinksNextToTheEndThroughA429AndARestart() throws Exception {
		String route = "klaviyo-profiles/klaviyo";
		KlaviyoApi.serve(route, KEY, List.of(
				KlaviyoApi.profile("01P1", "ann@example.com", "Ann", "2026-11-02T10:00:00+00:00"),
				KlaviyoApi.profile("01P2", null, "Bob", "2026-11-03T10:00:00+00:00"),
				KlaviyoApi.profile("01P3", "cat@example.com", "Cat", "2026-11-04T10:00:00+00:00"),
				KlaviyoApi.profile("01P4", "not an e-mail", "Dan", "2026-11-05T10:00:00+00:00"),
				KlaviyoApi.profile("01P5", "eve@example.com", "Eve", "2026-11-06T10:00:00+00:00"),
				KlaviyoApi.profile("01OLD", "old@example.com", "Old", "2026-10-01T10:00:00+00:00")), List.of());
		// the second page answers a 429 with Retry-After: 1 s once
		SERVER.failNext(request -> "2".equals(request.param("page[cursor]")),
				new Response(429, Map.of("Retry-After", "1"), "{\"errors\":[{\"status\":429,\"code\":\"throttled\"}]}"));
		StreamRun run = new StreamRun(klaviyo(), "acme", "profiles", StreamRun.connection(SERVER.baseUrl(route), KEY, 2,
				Map.of()), FROM, TO);

		// two pages, then the run stops (a crash); the restart goes on with the saved next URL
		run.page();
		run.page();
		StreamRun restarted = run.restart().all();

		assertThat(SERVER.requests(route)).extracting(r -> String.valueOf(r.param("page[cursor]")))
			.containsExactly("null", "2", "2", "4");
		assertThat(SERVER.requests(route).get(0).query()).containsEntry("filter",
				"greater-or-equal(updated,2026-11-01T00:00:00Z),less-than(updated,2026-11-11T00:00:00Z)")
			.containsEntry("page[size]", "2").containsEntry("sort", "updated");
		assertThat(SERVER.requests(route)).allSatisfy(r -> assertThat(r.headers()).containsEntry("revision", "2024-10-15"));
		assertThat(run.waits).contains(Duration.ofSeconds(1));
		assertThat(restarted.pages).isEqualTo(3);
		String ann = ContactIds.forEmail("acme", "ann@example.com");
		String bob = ContactIds.forExternalId("acme", "klaviyo", "profile_id", "01P2");
		Instant created = Instant.parse("2026-01-02T03:04:05Z");
		assertThat(restarted.rows.subList(0, 2)).containsExactly(
				new Contact("acme", ann, "ann@example.com", "Ann", "Doe", null, created,
						Instant.parse("2026-11-02T10:00:00Z"), "klaviyo", "batch-1"),
				new ContactIdentity("acme", "klaviyo", "profile_id", "01P1", ann, Instant.parse("2026-11-02T10:00:00Z"),
						"batch-1"));
		assertThat(restarted.rows).filteredOn(Contact.class::isInstance).map(Contact.class::cast)
			.extracting(Contact::contactId).containsExactly(ann, bob, ContactIds.forEmail("acme", "cat@example.com"),
					ContactIds.forEmail("acme", "eve@example.com"));
		assertThat(restarted.quarantined).singleElement().asString()
			.startsWith("api/klaviyo/profiles/page-00002.jsonl:2 ").contains("not an e-mail");
	}

	@Test
	void eventsAreTouchpointsOfTheProfilesAlias() throws Exception {
		String route = "klaviyo-events/klaviyo";
		KlaviyoApi.serve(route, KEY, List.of(), List.of(
				KlaviyoApi.event("E1", "01P1", "M_OPENED", "2026-11-02T10:00:00+00:00"),
				KlaviyoApi.event("E2", "01P2", "M_CLICKED", "2026-11-03T10:00:00+00:00"),
				KlaviyoApi.event("E3", "01P1", "M_CLICKED", "2026-11-04T10:00:00+00:00"),
				KlaviyoApi.event("E4", "01P3", "M_OPENED", "2026-11-05T10:00:00+00:00")));

		StreamRun run = new StreamRun(klaviyo(), "acme", "events", StreamRun.connection(SERVER.baseUrl(route), KEY, 2,
				Map.of()), FROM, TO).all();

		// events pages are Klaviyo's own size (3 here): no page[size] is sent
		assertThat(SERVER.requests(route)).extracting(r -> String.valueOf(r.param("page[cursor]")))
			.containsExactly("null", "3");
		assertThat(SERVER.requests(route).get(0).query()).doesNotContainKey("page[size]");
		String p1 = ContactIds.forExternalId("acme", "klaviyo", "profile_id", "01P1");
		assertThat(run.rows).containsExactly(
				new Touchpoint("acme", "klaviyo:E1", p1, null, null, "event", "M_OPENED", null, "email", null,
						Instant.parse("2026-11-02T10:00:00Z"), "klaviyo", "api/klaviyo/events/page-00001.jsonl:1", "batch-1"),
				new Touchpoint("acme", "klaviyo:E2", ContactIds.forExternalId("acme", "klaviyo", "profile_id", "01P2"), null,
						null, "event", "M_CLICKED", null, "email", null, Instant.parse("2026-11-03T10:00:00Z"), "klaviyo",
						"api/klaviyo/events/page-00001.jsonl:2", "batch-1"),
				new Touchpoint("acme", "klaviyo:E3", p1, null, null, "event", "M_CLICKED", null, "email", null,
						Instant.parse("2026-11-04T10:00:00Z"), "klaviyo", "api/klaviyo/events/page-00001.jsonl:3", "batch-1"),
				new Touchpoint("acme", "klaviyo:E4", ContactIds.forExternalId("acme", "klaviyo", "profile_id", "01P3"), null,
						null, "event", "M_OPENED", null, "email", null, Instant.parse("2026-11-05T10:00:00Z"), "klaviyo",
						"api/klaviyo/events/page-00002.jsonl:1", "batch-1"));
	}
}
