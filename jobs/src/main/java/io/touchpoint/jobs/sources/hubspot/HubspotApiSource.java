package io.touchpoint.jobs.sources.hubspot;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

import io.touchpoint.jobs.model.Contact;
import io.touchpoint.jobs.model.ContactIdentity;
import io.touchpoint.jobs.model.ContactIds;
import io.touchpoint.jobs.model.TagApplication;
import io.touchpoint.jobs.model.TagSnapshot;
import io.touchpoint.jobs.model.Timestamps;
import io.touchpoint.jobs.sources.Records;
import io.touchpoint.jobs.sources.SourceMapper.MappingContext;
import io.touchpoint.jobs.sources.SourceMapper.TagFeed;
import io.touchpoint.jobs.sources.api.ApiPageException;
import io.touchpoint.jobs.sources.api.ApiPages;
import io.touchpoint.jobs.sources.api.ApiSource;
import io.touchpoint.jobs.sources.api.JsonFields;
import io.touchpoint.jobs.sources.api.StreamFetch;
import io.touchpoint.readers.MalformedRecordException;
import io.touchpoint.readers.http.ApiRequest;
import io.touchpoint.readers.http.ApiResponse;
import io.touchpoint.readers.jsonl.JsonRecord;
import io.touchpoint.writers.staging.StagedRow;

/**
 * HubSpot's CRM v3 API with a private app's bearer token.
 * <ul>
 * <li>{@code contacts}: {@code POST /crm/v3/objects/contacts/search} for {@code lastmodifieddate} in the
 * window, sorted ascending, paged by {@code paging.next.after} (no {@code paging}: the last page). Search
 * stops at 10,000 results per query ({@code options.search-limit}); at that point the next page is a new
 * query from the last {@code lastmodifieddate} seen, so records sharing that time come twice (contacts and
 * identities merge; see the README for tags). Mapped as the export mapper maps a row: the e-mail's contact
 * (else the record id's), a {@code record_id} identity, the export's lifecycle stage labels, and a tag per
 * value of the multi-select properties in {@code touchpoint.sources.hubspot.tag-properties}.</li>
 * <li>{@code list_memberships}: for each list id in {@code options.lists},
 * {@code GET /crm/v3/lists/<id>/memberships}, paged by {@code after}; memberships added within the window
 * become the tag {@code list:<id>} on the record id's alias contact, which rollups resolve to the e-mail
 * contact. HubSpot does not filter memberships by time, so every run reads each list whole.</li>
 * </ul>
 */
@Component
public final class HubspotApiSource implements ApiSource {

	/** The search endpoints allow 5 requests a second per account; the rest 100 per 10 seconds. */
	private static final Defaults DEFAULTS = new Defaults(URI.create("https://api.hubapi.com"), 4, Duration.ofMinutes(30));

	static final int SEARCH_LIMIT = 10_000;

	private static final int MAX_LIMIT = 100;

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private static final List<String> PROPERTIES = List.of("email", "firstname", "lastname", "lifecyclestage",
			"createdate", "lastmodifieddate", "hs_object_id");

	private final List<String> tagProperties;

	public HubspotApiSource(@Value("${touchpoint.sources.hubspot.tag-properties:}") List<String> tagProperties) {
		this.tagProperties = tagProperties.stream().map(String::strip).filter(p -> !p.isEmpty()).toList();
	}

	/** A contact's multi-select properties are its current tags (list memberships are changes). */
	@Override
	public TagFeed tagFeed() {
		return TagFeed.SNAPSHOT;
	}

	@Override
	public String source() {
		return HubspotContactsMapper.SOURCE;
	}

	@Override
	public List<String> streams() {
		return List.of("contacts", "list_memberships");
	}

	@Override
	public Defaults defaults() {
		return DEFAULTS;
	}

	@Override
	public ApiRequest request(StreamFetch fetch, String pageToken) {
		Map<String, String> headers = Map.of("Authorization", "Bearer " + ApiPages.token(fetch,
				"a private app token with the crm.objects.contacts.read and crm.lists.read scopes"));
		int limit = Math.min(MAX_LIMIT, fetch.connection().pageSize());
		if ("contacts".equals(fetch.stream())) {
			SearchToken token = SearchToken.parse(pageToken, fetch.from());
			return ApiRequest.post(URI.create(fetch.url("/crm/v3/objects/contacts/search")), headers,
					searchBody(token, fetch.to(), limit), fetch.describe());
		}
		ListToken token = ListToken.parse(pageToken);
		String listId = lists(fetch).get(token.list());
		String url = fetch.url("/crm/v3/lists/" + ApiPages.encode(listId) + "/memberships") + "?limit=" + limit
				+ (token.after() == null ? "" : "&after=" + ApiPages.encode(token.after()));
		return ApiRequest.get(URI.create(url), headers, fetch.describe() + " (list " + listId + ")");
	}

	private String searchBody(SearchToken token, Instant to, int limit) {
		ObjectNode body = JSON.createObjectNode();
		ArrayNode filters = body.putArray("filterGroups").addObject().putArray("filters");
		filters.addObject().put("propertyName", "lastmodifieddate").put("operator", "GTE")
			.put("value", String.valueOf(token.from().toEpochMilli()));
		filters.addObject().put("propertyName", "lastmodifieddate").put("operator", "LT")
			.put("value", String.valueOf(to.toEpochMilli()));
		body.putArray("sorts").addObject().put("propertyName", "lastmodifieddate").put("direction", "ASCENDING");
		ArrayNode properties = body.putArray("properties");
		Set<String> names = new LinkedHashSet<>(PROPERTIES);
		names.addAll(tagProperties);
		names.forEach(properties::add);
		body.put("limit", limit);
		if (token.after() != null) {
			body.put("after", token.after());
		}
		return JSON.writeValueAsString(body);
	}

	private static List<String> lists(StreamFetch fetch) {
		String lists = fetch.connection().options().get("lists");
		List<String> ids = lists == null ? List.of()
				: java.util.Arrays.stream(lists.split(",")).map(String::strip).filter(id -> !id.isEmpty()).toList();
		if (ids.isEmpty()) {
			throw new IllegalStateException("touchpoint.connections." + fetch.tenantId() + ".hubspot.options.lists is not"
					+ " set; set it to the ids of the lists whose members to tag (7,12), or leave list_memberships out of"
					+ " touchpoint.connections." + fetch.tenantId() + ".hubspot.streams, then restart");
		}
		return ids;
	}

	@Override
	public Page page(StreamFetch fetch, ApiResponse response) {
		JsonNode body = ApiPages.json(fetch, response);
		List<JsonNode> records = ApiPages.array(fetch, body, "results", "HubSpot");
		JsonNode after = JsonFields.node(body, "paging.next.after");
		String next = after == null ? null : after.asString();
		if ("contacts".equals(fetch.stream())) {
			return new Page(records, next == null ? null : nextSearch(fetch, records, next));
		}
		ListToken token = ListToken.parse(fetch.pageToken());
		String listId = lists(fetch).get(token.list());
		List<JsonNode> added = new ArrayList<>();
		for (JsonNode membership : records) {
			Instant at = membershipTime(fetch, membership);
			if (!at.isBefore(fetch.from()) && at.isBefore(fetch.to())) {
				added.add(((ObjectNode) membership).put("listId", listId));
			}
		}
		if (next != null) {
			return new Page(added, new ListToken(token.list(), next).toString());
		}
		return new Page(added, token.list() + 1 < lists(fetch).size() ? new ListToken(token.list() + 1, null).toString()
				: null);
	}

	/**
	 * The token of the next search page: HubSpot's {@code after}, or, where that reaches the search's result
	 * limit, a new query from the last record's {@code lastmodifieddate}.
	 */
	private static String nextSearch(StreamFetch fetch, List<JsonNode> records, String after) {
		int limit = Integer.parseInt(fetch.connection().options().getOrDefault("search-limit", String.valueOf(SEARCH_LIMIT)));
		Instant from = SearchToken.parse(fetch.pageToken(), fetch.from()).from();
		if (!after.chars().allMatch(Character::isDigit) || Long.parseLong(after) < limit) {
			return new SearchToken(from, after).toString();
		}
		JsonNode last = records.isEmpty() ? null : JsonFields.node(records.get(records.size() - 1), "properties.lastmodifieddate");
		Instant lastSeen;
		try {
			lastSeen = last == null ? null : Timestamps.parse(last.asString());
		}
		catch (IllegalArgumentException ex) {
			lastSeen = null;
		}
		if (lastSeen == null || !lastSeen.isAfter(from)) {
			throw new ApiPageException(fetch, "the search reached HubSpot's limit of " + limit + " results without moving"
					+ " past lastmodifieddate " + from + " (more contacts than that were modified at that instant)");
		}
		return new SearchToken(lastSeen, null).toString();
	}

	private static Instant membershipTime(StreamFetch fetch, JsonNode membership) {
		JsonNode time = membership.get("membershipTimestamp");
		try {
			Instant at = time == null || time.isNull() ? null : Timestamps.parse(time.asString());
			if (at != null) {
				return at;
			}
		}
		catch (IllegalArgumentException ex) {
			// reported below
		}
		throw new ApiPageException(fetch, "a membership without a readable membershipTimestamp (" + membership + ")");
	}

	@Override
	public List<StagedRow> map(JsonRecord record, String stream, MappingContext context) {
		return switch (stream) {
			case "contacts" -> contact(record, context);
			case "list_memberships" -> membership(record, context);
			default -> throw MalformedRecordException.of(record, "unknown HubSpot stream " + stream);
		};
	}

	private List<StagedRow> contact(JsonRecord record, MappingContext context) {
		if (JsonFields.flag(record, "archived")) {
			return List.of();
		}
		String tenant = context.tenantId();
		String recordId = JsonFields.required(record, "id");
		String email = JsonFields.email(record, "properties.email");
		Instant created = JsonFields.time(record, "properties.createdate");
		Instant updated = JsonFields.time(record, "properties.lastmodifieddate");
		if (updated == null) {
			updated = JsonFields.time(record, "updatedAt");
		}
		if (updated == null) {
			throw MalformedRecordException.of(record, "no properties.lastmodifieddate nor updatedAt");
		}
		String contactId = ContactIds.of(tenant, email, source(), "record_id", recordId);
		List<StagedRow> rows = new ArrayList<>();
		rows.add(new Contact(tenant, contactId, email, JsonFields.text(record, "properties.firstname"),
				JsonFields.text(record, "properties.lastname"),
				HubspotContacts.stageLabel(JsonFields.text(record, "properties.lifecyclestage")), created, updated, source(),
				context.batchId()));
		rows.add(new ContactIdentity(tenant, source(), "record_id", recordId, contactId, updated, context.batchId()));
		Set<String> tags = new LinkedHashSet<>();
		for (String property : tagProperties) {
			String path = "properties." + property;
			tags.addAll(Records.parse(record, path, () -> HubspotContacts.tags(JsonFields.text(record, path))));
		}
		// the contact's current multi-select values: a snapshot, as in the export
		rows.addAll(TagSnapshot.listing(tenant, contactId, tags, updated, source(), Records.ref(record),
				context.batchId()));
		return rows;
	}

	private List<StagedRow> membership(JsonRecord record, MappingContext context) {
		String tenant = context.tenantId();
		String recordId = JsonFields.required(record, "recordId");
		String listId = JsonFields.required(record, "listId");
		Instant at = JsonFields.time(record, "membershipTimestamp");
		return List.of(new TagApplication(tenant, ContactIds.forExternalId(tenant, source(), "record_id", recordId),
				"list:" + listId, 1, at, source(), Records.ref(record), context.batchId()));
	}

	/** A contacts search page: the query's lower bound and HubSpot's {@code after} within it. */
	private record SearchToken(Instant from, String after) {

		static SearchToken parse(String token, Instant windowFrom) {
			if (token == null) {
				return new SearchToken(windowFrom, null);
			}
			int bar = token.indexOf('|');
			return new SearchToken(Instant.parse(token.substring(0, bar)),
					bar == token.length() - 1 ? null : token.substring(bar + 1));
		}

		@Override
		public String toString() {
			return from + "|" + (after == null ? "" : after);
		}
	}

	/** A memberships page: which of the connection's lists, and HubSpot's {@code after} within it. */
	private record ListToken(int list, String after) {

		static ListToken parse(String token) {
			if (token == null) {
				return new ListToken(0, null);
			}
			int bar = token.indexOf('|');
			return new ListToken(Integer.parseInt(token.substring(0, bar)),
					bar == token.length() - 1 ? null : token.substring(bar + 1));
		}

		@Override
		public String toString() {
			return list + "|" + (after == null ? "" : after);
		}
	}
}
