package io.touchpoint.jobs.support;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Answers like the Salesforce REST API's {@code GET /services/data/v60.0/query?q=<SOQL>} (and {@code queryAll},
 * which also returns records whose {@code IsDeleted} is true; {@code query} leaves them out) for the one query
 * shape Touchpoint sends ({@code SELECT <fields> FROM <object> WHERE SystemModstamp >= <t> AND
 * SystemModstamp < <t> ORDER BY SystemModstamp}): records with {@code attributes {type, url}} and only the
 * selected fields, datetimes as {@code 2026-11-01T10:00:00.000+0000}, JSON booleans; {@link #BATCH} records
 * a page (Salesforce, not the client, picks the batch size), then {@code done: false} and a
 * {@code nextRecordsUrl} of {@code /services/data/v60.0/query/<locator>-<offset>}. A query it cannot read
 * gets Salesforce's 400 {@code MALFORMED_QUERY}; a request without the bearer token a 401.
 */
public final class SalesforceApi implements VendorApiServer.Handler {

	public static final int BATCH = 2;

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private static final DateTimeFormatter SF_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSxx");

	private static final Pattern QUERY = Pattern.compile("SELECT (.+) FROM (\\w+) WHERE SystemModstamp >= (\\S+) AND "
			+ "SystemModstamp < (\\S+) ORDER BY SystemModstamp");

	private final String token;

	private final Map<String, List<ObjectNode>> objects = new ConcurrentHashMap<>();

	private final Map<String, List<ObjectNode>> cursors = new ConcurrentHashMap<>();

	/** The resource each locator's query was sent to ({@code query} or {@code queryAll}), which its next pages follow. */
	private final Map<String, String> resources = new ConcurrentHashMap<>();

	private final AtomicInteger locators = new AtomicInteger();

	public SalesforceApi(String token) {
		this.token = token;
	}

	/** A record of {@code type} modified at {@code modstamp} (UTC), with these fields (times as instants in text). */
	public ObjectNode record(String type, String id, String modstamp, Map<String, Object> fields) {
		ObjectNode record = JSON.createObjectNode();
		record.putObject("attributes").put("type", type).put("url", "/services/data/v60.0/sobjects/" + type + "/" + id);
		record.put("Id", id).put("IsDeleted", false);
		fields.forEach((name, value) -> {
			if (value == null) {
				record.putNull(name);
			}
			else if (value instanceof Boolean flag) {
				record.put(name, flag);
			}
			else if (name.endsWith("Date") && value.toString().endsWith("Z")) {
				record.put(name, time(value.toString()));
			}
			else {
				record.put(name, value.toString());
			}
		});
		record.put("SystemModstamp", time(modstamp));
		if (!record.has("CreatedDate")) {
			record.put("CreatedDate", time(modstamp));
		}
		if (!record.has("LastModifiedDate")) {
			record.put("LastModifiedDate", time(modstamp));
		}
		objects.computeIfAbsent(type, t -> new CopyOnWriteArrayList<>()).add(record);
		return record;
	}

	private static String time(String instant) {
		return OffsetDateTime.ofInstant(Instant.parse(instant), java.time.ZoneOffset.UTC).format(SF_TIME);
	}

	@Override
	public VendorApiServer.Response handle(VendorApiServer.Request request) {
		if (!("Bearer " + token).equals(request.headers().get("authorization"))) {
			return VendorApiServer.Response.status(401,
					"[{\"message\":\"Session expired or invalid\",\"errorCode\":\"INVALID_SESSION_ID\"}]");
		}
		if (request.path().equals("/services/data/v60.0/query") || request.path().equals("/services/data/v60.0/queryAll")) {
			boolean all = request.path().endsWith("queryAll");
			Matcher query = QUERY.matcher(request.param("q"));
			if (!query.matches()) {
				return VendorApiServer.Response.status(400, "[{\"message\":\"unexpected query\",\"errorCode\":\"MALFORMED_QUERY\"}]");
			}
			Instant from = Instant.parse(query.group(3));
			Instant to = Instant.parse(query.group(4));
			List<String> fields = List.of(query.group(1).split(",\\s*"));
			List<ObjectNode> matching = new ArrayList<>();
			for (ObjectNode record : objects.getOrDefault(query.group(2), List.of())) {
				Instant modstamp = modstamp(record);
				if (!modstamp.isBefore(from) && modstamp.isBefore(to) && (all || !record.get("IsDeleted").asBoolean())) {
					ObjectNode selected = JSON.createObjectNode();
					selected.set("attributes", record.get("attributes"));
					fields.forEach(field -> selected.set(field, record.get(field)));
					matching.add(selected);
				}
			}
			matching.sort(Comparator.comparing(SalesforceApi::modstamp));
			String locator = "01gD0000002HU6K" + locators.incrementAndGet();
			cursors.put(locator, matching);
			resources.put(locator, request.path());
			return page(locator, 0);
		}
		Matcher more = Pattern.compile("/services/data/v60.0/(?:query|queryAll)/(\\w+)-(\\d+)").matcher(request.path());
		if (more.matches() && cursors.containsKey(more.group(1))) {
			return page(more.group(1), Integer.parseInt(more.group(2)));
		}
		return VendorApiServer.Response.status(404, "[{\"errorCode\":\"NOT_FOUND\",\"message\":\"not found\"}]");
	}

	private VendorApiServer.Response page(String locator, int start) {
		List<ObjectNode> all = cursors.get(locator);
		ObjectNode body = JSON.createObjectNode();
		boolean done = start + BATCH >= all.size();
		body.put("totalSize", all.size()).put("done", done);
		if (!done) {
			body.put("nextRecordsUrl", resources.get(locator) + "/" + locator + "-" + (start + BATCH));
		}
		body.putArray("records").addAll(all.subList(Math.min(start, all.size()), Math.min(start + BATCH, all.size())));
		return VendorApiServer.Response.json(JSON.writeValueAsString(body));
	}

	private static Instant modstamp(JsonNode record) {
		return OffsetDateTime.parse(record.get("SystemModstamp").asString(), SF_TIME).toInstant();
	}
}
