package io.touchpoint.jobs.sources.declarative;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

import io.touchpoint.jobs.model.Contact;
import io.touchpoint.jobs.model.ContactIdentity;
import io.touchpoint.jobs.model.ContactIds;
import io.touchpoint.jobs.model.TagApplication;
import io.touchpoint.jobs.support.VendorApiServer;
import io.touchpoint.jobs.support.VendorApiServer.Request;
import io.touchpoint.jobs.support.VendorApiServer.Response;

/**
 * The built-in ActiveCampaign connector against a local server answering like the API v3's
 * {@code GET /api/3/contacts} ({@code filters[updated_after]}/{@code filters[updated_before]},
 * {@code orders[udate]}) and {@code GET /api/3/contactTags}: the key in {@code Api-Token}, {@code limit}/
 * {@code offset}, the total as a string in {@code meta.total}, times with the account's offset, as in
 * https://developers.activecampaign.com/reference/list-all-contacts.
 */
class ActiveCampaignConnectorTests {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private static final VendorApiServer SERVER = VendorApiServer.INSTANCE;

	private static final String KEY = "ac_key_S3CRET";

	private static final Instant FROM = Instant.parse("2026-11-01T00:00:00Z");

	private static final Instant TO = Instant.parse("2026-11-11T00:00:00Z");

	@AfterEach
	void clearFaults() {
		SERVER.clearFaults();
	}

	private record ActiveCampaign(List<ObjectNode> contacts, List<ObjectNode> contactTags)
			implements VendorApiServer.Handler {

		@Override
		public Response handle(Request request) {
			if (!KEY.equals(request.headers().get("api-token"))) {
				return Response.status(403, "{\"message\":\"No Result found for Subscriber with id 0\"}");
			}
			List<ObjectNode> all;
			String field;
			if (request.path().equals("/api/3/contacts")) {
				Instant after = OffsetDateTime.parse(request.param("filters[updated_after]")).toInstant();
				Instant before = OffsetDateTime.parse(request.param("filters[updated_before]")).toInstant();
				all = new ArrayList<>(contacts);
				all.removeIf(c -> time(c, "udate").isBefore(after) || !time(c, "udate").isBefore(before));
				all.sort(Comparator.comparing(c -> time(c, "udate")));
				field = "contacts";
			}
			else {
				all = contactTags;
				field = "contactTags";
			}
			int limit = Integer.parseInt(request.param("limit"));
			int offset = Integer.parseInt(request.param("offset"));
			ObjectNode body = JSON.createObjectNode();
			body.putArray(field).addAll(all.subList(Math.min(offset, all.size()), Math.min(offset + limit, all.size())));
			body.putObject("meta").put("total", String.valueOf(all.size()));
			return Response.json(JSON.writeValueAsString(body));
		}

		private static Instant time(ObjectNode object, String field) {
			return OffsetDateTime.parse(object.get(field).asString()).toInstant();
		}
	}

	private static ObjectNode contact(String id, String email, String first, String udate) {
		return JSON.createObjectNode().put("id", id).put("email", email).put("firstName", first).put("lastName", "")
			.put("phone", "").put("cdate", "2026-05-01T08:00:00-05:00").put("udate", udate).put("orgid", "0")
			.put("deleted", "0");
	}

	private static ObjectNode tag(String id, String contact, String tag, String cdate) {
		return JSON.createObjectNode().put("contact", contact).put("tag", tag).put("cdate", cdate).put("id", id);
	}

	private static DeclarativeApiSource activeCampaign() {
		return StreamRun.builtIn("activecampaign");
	}

	@Test
	void pagesContactsToTheTotalThroughA429AndARestart() throws Exception {
		String route = "ac-contacts/activecampaign";
		SERVER.route(route, new ActiveCampaign(List.of(
				contact("1", "ann@example.com", "Ann", "2026-11-02T05:00:00-05:00"),
				contact("2", "bob@example.com", "Bob", "2026-11-03T05:00:00-05:00"),
				contact("3", "cat@example.com", "Cat", "2026-11-04T05:00:00-05:00"),
				contact("4", "old@example.com", "Old", "2026-10-04T05:00:00-05:00")), List.of()));
		SERVER.failNext(request -> "2".equals(request.param("offset")),
				new Response(429, Map.of("Retry-After", "1"), "{\"message\":\"Too Many Requests\"}"));
		StreamRun run = new StreamRun(activeCampaign(), "acme", "contacts", StreamRun.connection(SERVER.baseUrl(route), KEY,
				2, Map.of()), FROM, TO);

		run.page();
		StreamRun restarted = run.restart().all();

		assertThat(SERVER.requests(route)).extracting(r -> r.param("offset") + "/" + r.param("limit"))
			.containsExactly("0/2", "2/2", "2/2");
		assertThat(SERVER.requests(route).get(0).query()).containsEntry("filters[updated_after]", "2026-11-01T00:00:00Z")
			.containsEntry("filters[updated_before]", "2026-11-11T00:00:00Z").containsEntry("orders[udate]", "ASC");
		assertThat(restarted.waits).contains(Duration.ofSeconds(1));
		String ann = ContactIds.forEmail("acme", "ann@example.com");
		assertThat(restarted.rows.subList(0, 2)).containsExactly(
				new Contact("acme", ann, "ann@example.com", "Ann", null, null, Instant.parse("2026-05-01T13:00:00Z"),
						Instant.parse("2026-11-02T10:00:00Z"), "activecampaign", "batch-1"),
				new ContactIdentity("acme", "activecampaign", "contact_id", "1", ann, Instant.parse("2026-11-02T10:00:00Z"),
						"batch-1"));
		assertThat(restarted.rows).filteredOn(Contact.class::isInstance).map(Contact.class::cast)
			.extracting(Contact::email).containsExactly("ann@example.com", "bob@example.com", "cat@example.com");
	}

	@Test
	void contactTagsOfTheWindowAreTagApplicationsOfTheContactIdsAlias() throws Exception {
		String route = "ac-tags/activecampaign";
		SERVER.route(route, new ActiveCampaign(List.of(), List.of(
				tag("10", "1", "7", "2026-10-20T10:00:00-05:00"),
				tag("11", "1", "8", "2026-11-02T10:00:00-05:00"),
				tag("12", "2", "7", "2026-11-03T10:00:00-05:00"),
				tag("13", "3", "9", "2026-11-12T10:00:00-05:00"),
				tag("14", "3", "7", "2026-11-05T10:00:00-05:00"))));

		StreamRun run = new StreamRun(activeCampaign(), "acme", "contact_tags", StreamRun.connection(SERVER.baseUrl(route),
				KEY, 2, Map.of()), FROM, TO).all();

		// every page is read (the API cannot filter contactTags by date); only the window's are kept
		assertThat(SERVER.requests(route)).extracting(r -> r.param("offset")).containsExactly("0", "2", "4");
		assertThat(run.rows).containsExactly(
				new TagApplication("acme", ContactIds.forExternalId("acme", "activecampaign", "contact_id", "1"), "tag:8", 1,
						Instant.parse("2026-11-02T15:00:00Z"), "activecampaign",
						"api/activecampaign/contact_tags/page-00001.jsonl:1", "batch-1"),
				new TagApplication("acme", ContactIds.forExternalId("acme", "activecampaign", "contact_id", "2"), "tag:7", 1,
						Instant.parse("2026-11-03T15:00:00Z"), "activecampaign",
						"api/activecampaign/contact_tags/page-00002.jsonl:1", "batch-1"),
				new TagApplication("acme", ContactIds.forExternalId("acme", "activecampaign", "contact_id", "3"), "tag:7", 1,
						Instant.parse("2026-11-05T15:00:00Z"), "activecampaign",
						"api/activecampaign/contact_tags/page-00003.jsonl:1", "batch-1"));
	}
}
