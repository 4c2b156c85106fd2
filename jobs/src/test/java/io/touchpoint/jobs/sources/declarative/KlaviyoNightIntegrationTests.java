package io.touchpoint.jobs.sources.declarative;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import javax.sql.DataSource;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

import io.touchpoint.jobs.model.ContactIds;
import io.touchpoint.jobs.support.ApiIntegrationTest;
import io.touchpoint.jobs.support.KlaviyoApi;
import io.touchpoint.jobs.support.VendorApiServer.Response;

/**
 * A connector-file source through the whole nightly run, on the real databases: the built-in Klaviyo
 * connector fetched by {@code fetch-api} (a 429 waited out, a page failing for good, the restart resuming at
 * that page), its pages landed, normalized and loaded: profiles as contacts with {@code profile_id}
 * identities, events as touchpoints of the profiles' contacts, a bad profile quarantined by page and line,
 * and the cursors moved to the end of the night. Expected rows are written out from the seeds.
 */
class KlaviyoNightIntegrationTests extends ApiIntegrationTest {

	@Autowired
	private DataSource metadata;

	@AfterEach
	void clearFaults() {
		SERVER.clearFaults();
	}

	@Test
	void aConnectorFileSourceRunsTheNightRestartsAtItsFailedPageAndLoadsItsRowsOnce() throws Exception {
		String tenant = "api-klaviyo";
		String route = tenant + "/klaviyo";
		KlaviyoApi.serve(route, apiToken(tenant, "klaviyo"), List.of(
				KlaviyoApi.profile("P1", "Ann@Example.com", "Ann", "2026-11-02T10:00:00+00:00"),
				KlaviyoApi.profile("P2", null, "Bob", "2026-11-03T10:00:00+00:00"),
				KlaviyoApi.profile("P3", "not an e-mail", "Bad", "2026-11-04T10:00:00+00:00"),
				KlaviyoApi.profile("P4", "cat@example.com", "Cat", "2026-11-05T10:00:00+00:00"),
				KlaviyoApi.profile("P0", "old@example.com", "Old", "2026-09-05T10:00:00+00:00")), List.of(
						KlaviyoApi.event("E1", "P1", "M_OPENED", "2026-11-02T11:00:00+00:00"),
						KlaviyoApi.event("E2", "P2", "M_CLICKED", "2026-11-03T11:00:00+00:00"),
						KlaviyoApi.event("E3", "P1", "M_CLICKED", "2026-11-04T11:00:00+00:00"),
						KlaviyoApi.event("E4", "P4", "M_OPENED", "2026-11-06T11:00:00+00:00"),
						KlaviyoApi.event("E5", "P1", "M_OPENED", "2026-11-07T11:00:00+00:00")));
		// the second page of events fails for good
		SERVER.failAlways(request -> request.path().equals("/api/events/") && "3".equals(request.param("page[cursor]")),
				Response.status(503, "{\"errors\":[{\"status\":503}]}"));

		JobExecution failed = night(tenant);

		assertThat(failed.getStatus()).isEqualTo(BatchStatus.FAILED);
		assertThat(step(failed, "fetch-api").getFailureExceptions().get(0).getMessage())
			.startsWith("klaviyo events page 2 of tenant api-klaviyo: gave up after 3 attempt(s), the last: HTTP 503")
			.doesNotContain(apiToken(tenant, "klaviyo"));

		// Klaviyo is back; the second page of profiles is rate limited once
		SERVER.clearFaults();
		SERVER.failNext(request -> request.path().equals("/api/profiles/") && "2".equals(request.param("page[cursor]")),
				new Response(429, Map.of("Retry-After", "1"), "{\"errors\":[{\"status\":429,\"code\":\"throttled\"}]}"));
		JobExecution restarted = runs.restart(failed.getId());

		assertThat(restarted.getStatus()).isEqualTo(BatchStatus.COMPLETED);
		// events: page 1, page 2 three times (503), then page 2 once after the restart; profiles: page 2 after a 429
		assertThat(SERVER.requests(route)).extracting(r -> r.path() + " " + r.param("page[cursor]")).containsExactly(
				"/api/events/ null", "/api/events/ 3", "/api/events/ 3", "/api/events/ 3", "/api/events/ 3",
				"/api/profiles/ null", "/api/profiles/ 2", "/api/profiles/ 2");
		assertThat(SERVER.requests(route).get(0).param("filter"))
			.isEqualTo("greater-or-equal(datetime,2026-10-11T00:00:00Z),less-than(datetime,2026-11-11T00:00:00Z)");
		JdbcTemplate jdbc = warehouse();
		String ann = ContactIds.forEmail(tenant, "ann@example.com");
		String bob = ContactIds.forExternalId(tenant, "klaviyo", "profile_id", "P2");
		String cat = ContactIds.forEmail(tenant, "cat@example.com");
		assertThat(jdbc.queryForList("SELECT CONCAT_WS(' ', contact_id, email, first_name, last_name, updated_at) FROM "
				+ "contacts WHERE tenant_id = ? ORDER BY first_name", String.class, tenant)).containsExactly(
						ann + " ann@example.com Ann Doe 2026-11-02 10:00:00.000000",
						bob + " Bob Doe 2026-11-03 10:00:00.000000",
						cat + " cat@example.com Cat Doe 2026-11-05 10:00:00.000000");
		assertThat(jdbc.queryForList("SELECT CONCAT_WS(' ', id_type, external_id, contact_id) FROM contact_identities "
				+ "WHERE tenant_id = ? ORDER BY external_id", String.class, tenant)).containsExactly(
						"profile_id P1 " + ann, "profile_id P2 " + bob, "profile_id P4 " + cat);
		// events name the profile's alias; the identities resolve it to the contact
		assertThat(jdbc.queryForList("SELECT CONCAT_WS(' ', t.event_id, COALESCE(i.contact_id, t.contact_id), t.kind, "
				+ "t.name, t.channel, t.occurred_at) FROM touchpoints t LEFT JOIN contact_identities i ON i.tenant_id = "
				+ "t.tenant_id AND i.alias_contact_id = t.contact_id WHERE t.tenant_id = ? ORDER BY t.event_id", String.class,
				tenant)).containsExactly("klaviyo:E1 " + ann + " event M_OPENED email 2026-11-02 11:00:00.000000",
						"klaviyo:E2 " + bob + " event M_CLICKED email 2026-11-03 11:00:00.000000",
						"klaviyo:E3 " + ann + " event M_CLICKED email 2026-11-04 11:00:00.000000",
						"klaviyo:E4 " + cat + " event M_OPENED email 2026-11-06 11:00:00.000000",
						"klaviyo:E5 " + ann + " event M_OPENED email 2026-11-07 11:00:00.000000");
		assertThat(quarantine(tenant)).containsExactly("klaviyo api/klaviyo/profiles/page-00002.jsonl 1");
		JdbcTemplate meta = new JdbcTemplate(metadata);
		assertThat(meta.queryForList("SELECT CONCAT_WS(' ', source, stream, cursor_value) FROM tp_source_cursors WHERE "
				+ "tenant_id = ? ORDER BY stream", String.class, tenant)).containsExactly(
						"klaviyo events 2026-11-11T00:00:00Z", "klaviyo profiles 2026-11-11T00:00:00Z");
		assertThat(meta.queryForList("SELECT path FROM tp_inbox_files WHERE tenant_id = ? ORDER BY path", String.class,
				tenant)).containsExactly("api/klaviyo/events/page-00001.jsonl", "api/klaviyo/events/page-00002.jsonl",
						"api/klaviyo/profiles/page-00001.jsonl", "api/klaviyo/profiles/page-00002.jsonl");
	}
}
