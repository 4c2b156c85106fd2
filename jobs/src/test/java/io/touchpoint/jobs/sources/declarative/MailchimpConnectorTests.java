package io.touchpoint.jobs.sources.declarative;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

import io.touchpoint.jobs.model.Contact;
import io.touchpoint.jobs.model.ContactIds;
import io.touchpoint.jobs.model.TagSnapshot;
import io.touchpoint.jobs.support.VendorApiServer;
import io.touchpoint.jobs.support.VendorApiServer.Request;
import io.touchpoint.jobs.support.VendorApiServer.Response;

/**
 * The built-in Mailchimp connector against a local server answering like the Marketing API's
 * {@code GET /3.0/lists/{list_id}/members}: HTTP basic auth with the API key as password,
 * {@code since_last_changed}/{@code before_last_changed}, {@code offset}/{@code count} and {@code total_items},
 * members with {@code merge_fields} and {@code tags} as in
 * https://mailchimp.com/developer/marketing/api/list-members/list-members-info/.
 */
class MailchimpConnectorTests {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private static final VendorApiServer SERVER = VendorApiServer.INSTANCE;

	private static final String KEY = "0123456789abcdef-us19";

	@AfterEach
	void clearFaults() {
		SERVER.clearFaults();
	}

	private record Mailchimp(List<ObjectNode> members) implements VendorApiServer.Handler {

		@Override
		public Response handle(Request request) {
			String expected = "Basic " + Base64.getEncoder().encodeToString(("touchpoint:" + KEY)
				.getBytes(StandardCharsets.UTF_8));
			if (!expected.equals(request.headers().get("authorization"))) {
				return Response.status(401, "{\"type\":\"about:blank\",\"title\":\"API Key Invalid\",\"status\":401}");
			}
			if (!request.path().equals("/3.0/lists/a1b2c3d4e5/members")) {
				return Response.status(404, "{\"title\":\"Resource Not Found\",\"status\":404}");
			}
			Instant since = Instant.parse(request.param("since_last_changed"));
			Instant before = Instant.parse(request.param("before_last_changed"));
			List<ObjectNode> matching = new ArrayList<>(members);
			matching.removeIf(m -> changed(m).isBefore(since) || !changed(m).isBefore(before));
			matching.sort(Comparator.comparing(MailchimpConnectorTests.Mailchimp::changed));
			int offset = Integer.parseInt(request.param("offset"));
			int count = Integer.parseInt(request.param("count"));
			ObjectNode body = JSON.createObjectNode();
			body.putArray("members").addAll(matching.subList(Math.min(offset, matching.size()),
					Math.min(offset + count, matching.size())));
			body.put("list_id", "a1b2c3d4e5").put("total_items", matching.size());
			return Response.json(JSON.writeValueAsString(body));
		}

		private static Instant changed(ObjectNode member) {
			return Instant.parse(member.get("last_changed").asString());
		}
	}

	private static ObjectNode member(String email, String first, String changed, String... tags) {
		ObjectNode member = JSON.createObjectNode().put("id", "md5-" + email.hashCode()).put("email_address", email)
			.put("unique_email_id", "u" + email.length()).put("status", "subscribed");
		member.putObject("merge_fields").put("FNAME", first).put("LNAME", "").put("ADDRESS", "");
		member.put("timestamp_opt", "2026-03-01T09:00:00+00:00").put("last_changed", changed);
		var array = member.putArray("tags");
		for (int i = 0; i < tags.length; i++) {
			array.addObject().put("id", 100 + i).put("name", tags[i]);
		}
		member.put("tags_count", tags.length);
		return member;
	}

	@Test
	void pagesByOffsetToTheTotalThroughA429AndARestartAndListsEachMembersTags() throws Exception {
		String route = "mailchimp-members/mailchimp";
		SERVER.route(route, new Mailchimp(List.of(
				member("ann@example.com", "Ann", "2026-11-02T10:00:00+00:00", "vip", "newsletter"),
				member("bob@example.com", "Bob", "2026-11-03T10:00:00+00:00"),
				member("cat@example.com", "Cat", "2026-11-04T10:00:00+00:00", "newsletter"),
				member("dan@example.com", "Dan", "2026-11-05T10:00:00+00:00"),
				member("eve@example.com", "Eve", "2026-11-06T10:00:00+00:00", " spaced "),
				member("old@example.com", "Old", "2026-10-01T10:00:00+00:00"))));
		SERVER.failNext(request -> "4".equals(request.param("offset")),
				new Response(429, Map.of("Retry-After", "2"), "{\"title\":\"Too Many Requests\",\"status\":429}"));
		DeclarativeApiSource mailchimp = StreamRun.builtIn("mailchimp");
		StreamRun run = new StreamRun(mailchimp, "acme", "members", StreamRun.connection(SERVER.baseUrl(route), KEY, 2,
				Map.of("list-id", "a1b2c3d4e5", "username", "touchpoint")), Instant.parse("2026-11-01T00:00:00Z"),
				Instant.parse("2026-11-11T00:00:00Z"));

		run.page();
		StreamRun restarted = run.restart().all();

		// offsets 0, 2, then 4 (429, then the page); total_items 5 ends the stream after the third page
		assertThat(SERVER.requests(route)).extracting(r -> r.param("offset") + "/" + r.param("count"))
			.containsExactly("0/2", "2/2", "4/2", "4/2");
		assertThat(SERVER.requests(route).get(0).query()).containsEntry("since_last_changed", "2026-11-01T00:00:00Z")
			.containsEntry("before_last_changed", "2026-11-11T00:00:00Z");
		assertThat(restarted.waits).contains(Duration.ofSeconds(2));
		assertThat(restarted.pages).isEqualTo(3);
		String ann = ContactIds.forEmail("acme", "ann@example.com");
		assertThat(restarted.rows.get(0)).isEqualTo(new Contact("acme", ann, "ann@example.com", "Ann", null, "subscribed",
				Instant.parse("2026-03-01T09:00:00Z"), Instant.parse("2026-11-02T10:00:00Z"), "mailchimp", "batch-1"));
		assertThat(restarted.rows).filteredOn(Contact.class::isInstance).hasSize(5);
		// each member's listing: its tags, or the empty listing that removes tags it had
		assertThat(restarted.rows).filteredOn(TagSnapshot.class::isInstance).map(TagSnapshot.class::cast)
			.extracting(t -> t.contactId().equals(ann) ? "ann:" + t.tag() : t.tag())
			.containsExactly("ann:", "ann:vip", "ann:newsletter", "", "", "newsletter", "", "", "spaced");
		assertThat(restarted.quarantined).isEmpty();
	}
}
