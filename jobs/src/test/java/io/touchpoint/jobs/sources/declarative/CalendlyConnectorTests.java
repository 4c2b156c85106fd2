package io.touchpoint.jobs.sources.declarative;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

import io.touchpoint.jobs.model.Touchpoint;
import io.touchpoint.jobs.support.VendorApiServer;
import io.touchpoint.jobs.support.VendorApiServer.Request;
import io.touchpoint.jobs.support.VendorApiServer.Response;

/**
 * The built-in Calendly connector against a local server answering like {@code GET /scheduled_events}:
 * bearer token, {@code organization}, {@code min_start_time}/{@code max_start_time}, {@code count}, and
 * {@code pagination.next_page_token} (null on the last page) asked back as {@code page_token}, events as in
 * https://developer.calendly.com/api-docs/calendly-api/scheduled-events/list-scheduled-events.
 */
class CalendlyConnectorTests {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private static final VendorApiServer SERVER = VendorApiServer.INSTANCE;

	private static final String ORGANIZATION = "https://api.calendly.com/organizations/AAAAAAAAAAAAAAAA";

	@AfterEach
	void clearFaults() {
		SERVER.clearFaults();
	}

	private record Calendly(List<ObjectNode> events) implements VendorApiServer.Handler {

		@Override
		public Response handle(Request request) {
			if (!"Bearer pat_S3CRET".equals(request.headers().get("authorization"))) {
				return Response.status(401, "{\"title\":\"Unauthenticated\",\"message\":\"The access token is invalid\"}");
			}
			if (!ORGANIZATION.equals(request.param("organization"))) {
				return Response.status(400, "{\"title\":\"Invalid Argument\"}");
			}
			Instant min = Instant.parse(request.param("min_start_time"));
			Instant max = Instant.parse(request.param("max_start_time"));
			List<ObjectNode> matching = new ArrayList<>(events);
			matching.removeIf(e -> start(e).isBefore(min) || !start(e).isBefore(max));
			matching.sort(Comparator.comparing(Calendly::start));
			int count = Integer.parseInt(request.param("count"));
			// an opaque token: here the offset, spelled out
			int from = request.param("page_token") == null ? 0 : Integer.parseInt(request.param("page_token").substring(4));
			ObjectNode body = JSON.createObjectNode();
			body.putArray("collection").addAll(matching.subList(Math.min(from, matching.size()),
					Math.min(from + count, matching.size())));
			ObjectNode pagination = body.putObject("pagination").put("count", count);
			if (from + count < matching.size()) {
				pagination.put("next_page_token", "tok-" + (from + count))
					.put("next_page", SERVER.baseUrl("x") + "/scheduled_events?page_token=tok-" + (from + count));
			}
			else {
				pagination.putNull("next_page_token").putNull("next_page");
			}
			pagination.putNull("previous_page").putNull("previous_page_token");
			return Response.json(JSON.writeValueAsString(body));
		}

		private static Instant start(ObjectNode event) {
			return Instant.parse(event.get("start_time").asString());
		}
	}

	private static ObjectNode event(String uuid, String name, String status, String start) {
		ObjectNode event = JSON.createObjectNode().put("uri", "https://api.calendly.com/scheduled_events/" + uuid)
			.put("name", name).put("status", status).put("start_time", start).put("end_time", start)
			.put("event_type", "https://api.calendly.com/event_types/GBGBDCAADAEDCRZ2").put("created_at", start)
			.put("updated_at", start);
		event.putObject("location").put("type", "zoom").put("join_url", "https://zoom.us/j/" + uuid.length());
		event.putObject("invitees_counter").put("total", 1).put("active", 1).put("limit", 1);
		return event;
	}

	@Test
	void followsNextPageTokensToTheEndThroughA429AndARestart() throws Exception {
		String route = "calendly-events/calendly";
		SERVER.route(route, new Calendly(List.of(
				event("E1", "Intro call", "active", "2026-11-02T10:00:00.000000Z"),
				event("E2", "Demo", "canceled", "2026-11-03T10:00:00.000000Z"),
				event("E3", "Demo", "active", "2026-11-04T10:00:00.000000Z"),
				event("E4", "Intro call", "active", "2026-11-12T10:00:00.000000Z"))));
		SERVER.failNext(request -> "tok-2".equals(request.param("page_token")),
				new Response(429, Map.of("Retry-After", "1"), "{\"title\":\"Too Many Requests\"}"));
		DeclarativeApiSource calendly = StreamRun.builtIn("calendly");
		StreamRun run = new StreamRun(calendly, "acme", "scheduled_events", StreamRun.connection(SERVER.baseUrl(route),
				"pat_S3CRET", 2, Map.of("organization", ORGANIZATION)), Instant.parse("2026-11-01T00:00:00Z"),
				Instant.parse("2026-11-11T00:00:00Z"));

		run.page();
		StreamRun restarted = run.restart().all();

		assertThat(SERVER.requests(route)).extracting(r -> String.valueOf(r.param("page_token")))
			.containsExactly("null", "tok-2", "tok-2");
		assertThat(SERVER.requests(route).get(0).query()).containsEntry("min_start_time", "2026-11-01T00:00:00Z")
			.containsEntry("max_start_time", "2026-11-11T00:00:00Z").containsEntry("count", "2")
			.containsEntry("sort", "start_time:asc");
		assertThat(restarted.waits).contains(Duration.ofSeconds(1));
		assertThat(restarted.rows).containsExactly(
				new Touchpoint("acme", "calendly:https://api.calendly.com/scheduled_events/E1", null, null, null, "meeting",
						"Intro call", "https://zoom.us/j/2", "calendly", null, Instant.parse("2026-11-02T10:00:00Z"),
						"calendly", "api/calendly/scheduled_events/page-00001.jsonl:1", "batch-1"),
				new Touchpoint("acme", "calendly:https://api.calendly.com/scheduled_events/E3", null, null, null, "meeting",
						"Demo", "https://zoom.us/j/2", "calendly", null, Instant.parse("2026-11-04T10:00:00Z"), "calendly",
						"api/calendly/scheduled_events/page-00002.jsonl:1", "batch-1"));
	}
}
