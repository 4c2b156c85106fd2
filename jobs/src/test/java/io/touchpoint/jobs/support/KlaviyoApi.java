package io.touchpoint.jobs.support;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

import io.touchpoint.jobs.support.VendorApiServer.Request;
import io.touchpoint.jobs.support.VendorApiServer.Response;

/**
 * Answers like Klaviyo's JSON:API endpoints {@code GET /api/profiles/} and {@code GET /api/events/}
 * (https://developers.klaviyo.com/en/reference/get_profiles): {@code filter=greater-or-equal(f,t),less-than(f,t)}
 * on {@code updated} (profiles) or {@code datetime} (events), {@code page[size]} (events: 3 a page here),
 * {@code page[cursor]} and {@code links.next} holding the next page's full URL (null on the last page);
 * {@code Authorization: Klaviyo-API-Key <key>} and a {@code revision} header are required.
 */
public final class KlaviyoApi {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private KlaviyoApi() {
	}

	/** Serves these profiles and events on a route, to requests with this private key. */
	public static void serve(String route, String key, List<ObjectNode> profiles, List<ObjectNode> events) {
		VendorApiServer.INSTANCE.route(route, new Handler(route, key, Map.of("profiles", profiles, "events", events)));
	}

	/** Klaviyo-shaped pages of one route; page cursors are the offset, base64-free for readability. */
	private record Handler(String route, String key, Map<String, List<ObjectNode>> objects) implements VendorApiServer.Handler {

		@Override
		public Response handle(Request request) {
			if (!("Klaviyo-API-Key " + key).equals(request.headers().get("authorization"))
					|| request.headers().get("revision") == null) {
				return Response.status(401, "{\"errors\":[{\"status\":401,\"code\":\"not_authenticated\"}]}");
			}
			String type = request.path().equals("/api/profiles/") ? "profiles" : "events";
			String field = type.equals("profiles") ? "updated" : "datetime";
			String filter = request.param("filter");
			var matcher = java.util.regex.Pattern.compile("greater-or-equal\\(" + field + ",([^)]+)\\),less-than\\(" + field
					+ ",([^)]+)\\)").matcher(filter);
			if (!matcher.matches()) {
				return Response.status(400, "{\"errors\":[{\"code\":\"invalid\",\"detail\":\"bad filter " + filter + "\"}]}");
			}
			Instant from = Instant.parse(matcher.group(1));
			Instant to = Instant.parse(matcher.group(2));
			List<ObjectNode> all = new ArrayList<>(objects.get(type));
			all.removeIf(o -> time(o, field).isBefore(from) || !time(o, field).isBefore(to));
			all.sort(Comparator.comparing(o -> time(o, field)));
			int size = request.param("page[size]") == null ? 3 : Integer.parseInt(request.param("page[size]"));
			int start = request.param("page[cursor]") == null ? 0 : Integer.parseInt(request.param("page[cursor]"));
			ObjectNode body = JSON.createObjectNode();
			body.putArray("data").addAll(all.subList(Math.min(start, all.size()), Math.min(start + size, all.size())));
			ObjectNode links = body.putObject("links");
			links.put("self", VendorApiServer.INSTANCE.baseUrl(route) + request.path());
			if (start + size < all.size()) {
				links.put("next", VendorApiServer.INSTANCE.baseUrl(route) + request.path() + "?filter=" + encode(filter) + "&sort=" + field
						+ (request.param("page[size]") == null ? "" : "&page%5Bsize%5D=" + size) + "&page%5Bcursor%5D="
						+ (start + size));
			}
			else {
				links.putNull("next");
			}
			return Response.json(JSON.writeValueAsString(body));
		}

		private static Instant time(ObjectNode object, String field) {
			return Instant.parse(object.get("attributes").get(field).asString());
		}

		private static String encode(String value) {
			return java.net.URLEncoder.encode(value, java.nio.charset.StandardCharsets.UTF_8);
		}
	}

	public static ObjectNode profile(String id, String email, String first, String updated) {
		ObjectNode profile = JSON.createObjectNode().put("type", "profile").put("id", id);
		ObjectNode attributes = profile.putObject("attributes");
		if (email == null) {
			attributes.putNull("email");
		}
		else {
			attributes.put("email", email);
		}
		attributes.put("first_name", first).put("last_name", "Doe").put("created", "2026-01-02T03:04:05+00:00")
			.put("updated", updated).putObject("properties");
		profile.putObject("links").put("self", "https://a.klaviyo.com/api/profiles/" + id + "/");
		return profile;
	}

	public static ObjectNode event(String id, String profile, String metric, String datetime) {
		ObjectNode event = JSON.createObjectNode().put("type", "event").put("id", id);
		event.putObject("attributes").put("timestamp", Instant.parse(datetime).getEpochSecond()).put("datetime", datetime)
			.put("uuid", "uuid-" + id).putObject("event_properties").put("$value", 12.5);
		ObjectNode relationships = event.putObject("relationships");
		relationships.putObject("profile").putObject("data").put("type", "profile").put("id", profile);
		relationships.putObject("metric").putObject("data").put("type", "metric").put("id", metric);
		return event;
	}
}
