package io.touchpoint.jobs.support;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Answers like HubSpot's CRM v3 API, in the shapes formats.md section "3. HubSpot" describes (no sample
 * with a usable licence was kept, so the objects are written here): {@code POST
 * /crm/v3/objects/contacts/search} applies {@code GTE}/{@code LT} filters on {@code lastmodifieddate} (epoch
 * milliseconds), sorts ascending, returns the requested properties as strings and {@code paging.next.after}
 * (an offset) while results remain; asking for a page at or past {@code searchLimit} results gets a 400, as
 * HubSpot does at 10,000. {@code GET /crm/v3/lists/<id>/memberships} pages {@code {recordId,
 * membershipTimestamp}} by {@code after}. Requests without the expected bearer token get a 401.
 */
public final class HubspotApi implements VendorApiServer.Handler {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private final String token;

	private final int searchLimit;

	private final List<ObjectNode> contacts = new CopyOnWriteArrayList<>();

	private final Map<String, List<ObjectNode>> lists = new ConcurrentHashMap<>();

	public HubspotApi(String token, int searchLimit) {
		this.token = token;
		this.searchLimit = searchLimit;
	}

	/** A contact with these properties ({@code null} values kept as JSON null); {@code lastmodifieddate} is required. */
	public ObjectNode contact(String id, Map<String, String> properties) {
		ObjectNode contact = JSON.createObjectNode();
		contact.put("id", id);
		ObjectNode props = contact.putObject("properties");
		properties.forEach(props::put);
		props.put("hs_object_id", id);
		contact.put("createdAt", properties.getOrDefault("createdate", properties.get("lastmodifieddate")))
			.put("updatedAt", properties.get("lastmodifieddate"))
			.put("archived", false);
		contacts.add(contact);
		return contact;
	}

	public void member(String listId, String recordId, String addedAt) {
		ObjectNode membership = JSON.createObjectNode().put("recordId", recordId).put("membershipTimestamp", addedAt);
		lists.computeIfAbsent(listId, id -> new CopyOnWriteArrayList<>()).add(membership);
	}

	@Override
	public VendorApiServer.Response handle(VendorApiServer.Request request) {
		if (!("Bearer " + token).equals(request.headers().get("authorization"))) {
			return VendorApiServer.Response.status(401, "{\"status\":\"error\",\"message\":\"Authentication credentials not"
					+ " found.\",\"category\":\"INVALID_AUTHENTICATION\"}");
		}
		if (request.method().equals("POST") && request.path().equals("/crm/v3/objects/contacts/search")) {
			return search(JSON.readTree(request.body()));
		}
		if (request.method().equals("GET") && request.path().matches("/crm/v3/lists/[^/]+/memberships")) {
			String listId = request.path().split("/")[4];
			List<ObjectNode> members = lists.getOrDefault(listId, List.of());
			int limit = Integer.parseInt(request.param("limit"));
			int start = request.param("after") == null ? 0 : Integer.parseInt(request.param("after"));
			return page(members, start, limit, start + limit < members.size());
		}
		return VendorApiServer.Response.status(404, "{\"status\":\"error\",\"message\":\"not found\"}");
	}

	private VendorApiServer.Response search(JsonNode body) {
		long gte = Long.MIN_VALUE;
		long lt = Long.MAX_VALUE;
		for (JsonNode filter : body.get("filterGroups").get(0).get("filters")) {
			if (!filter.get("propertyName").asString().equals("lastmodifieddate")) {
				return VendorApiServer.Response.status(400, "{\"message\":\"unexpected filter\"}");
			}
			long value = Long.parseLong(filter.get("value").asString());
			switch (filter.get("operator").asString()) {
				case "GTE" -> gte = value;
				case "LT" -> lt = value;
				default -> {
					return VendorApiServer.Response.status(400, "{\"message\":\"unexpected operator\"}");
				}
			}
		}
		long from = gte;
		long to = lt;
		List<ObjectNode> matching = new ArrayList<>(contacts);
		matching.removeIf(contact -> modified(contact) < from || modified(contact) >= to);
		matching.sort(Comparator.comparingLong(HubspotApi::modified).thenComparing(contact -> contact.get("id").asString()));
		int limit = body.get("limit").asInt();
		int start = body.has("after") ? Integer.parseInt(body.get("after").asString()) : 0;
		if (start >= searchLimit) {
			return VendorApiServer.Response.status(400, "{\"status\":\"error\",\"message\":\"There was a problem with the"
					+ " request.\",\"category\":\"VALIDATION_ERROR\"}");
		}
		List<ObjectNode> selected = new ArrayList<>();
		for (ObjectNode contact : matching) {
			ObjectNode copy = contact.deepCopy();
			ObjectNode properties = copy.putObject("properties");
			body.get("properties").forEach(name -> {
				JsonNode value = contact.get("properties").get(name.asString());
				if (value == null || value.isNull()) {
					properties.putNull(name.asString());
				}
				else {
					properties.put(name.asString(), value.asString());
				}
			});
			selected.add(copy);
		}
		return page(selected, start, limit, start + limit < selected.size());
	}

	private static VendorApiServer.Response page(List<ObjectNode> all, int start, int limit, boolean more) {
		ObjectNode body = JSON.createObjectNode();
		if (more || start == 0) {
			body.put("total", all.size());
		}
		body.putArray("results").addAll(all.subList(Math.min(start, all.size()), Math.min(start + limit, all.size())));
		if (more) {
			String after = String.valueOf(start + limit);
			body.putObject("paging").putObject("next").put("after", after).put("link", "?after=" + after);
		}
		return VendorApiServer.Response.json(JSON.writeValueAsString(body));
	}

	private static long modified(JsonNode contact) {
		return Instant.parse(contact.get("properties").get("lastmodifieddate").asString()).toEpochMilli();
	}
}
