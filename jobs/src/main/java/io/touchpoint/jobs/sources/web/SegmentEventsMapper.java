package io.touchpoint.jobs.sources.web;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.springframework.stereotype.Component;

import io.touchpoint.jobs.model.Contact;
import io.touchpoint.jobs.model.ContactIdentity;
import io.touchpoint.jobs.model.ContactIds;
import io.touchpoint.jobs.model.Timestamps;
import io.touchpoint.jobs.model.Touchpoint;
import io.touchpoint.jobs.sources.Records;
import io.touchpoint.jobs.sources.SourceMapper;
import io.touchpoint.readers.MalformedRecordException;
import io.touchpoint.readers.SourceRecord;
import io.touchpoint.readers.jsonl.JsonRecord;
import io.touchpoint.writers.staging.StagedRow;
import tools.jackson.databind.JsonNode;

/**
 * Segment-spec events as JSON lines ({@code track}, {@code page}, {@code identify}; {@code screen} is
 * read as a page). {@code track} and {@code page} become touchpoints with UTM channel and campaign from
 * {@code context.campaign}; {@code identify} links {@code userId} and {@code anonymousId} to the
 * contact of {@code traits.email}, so earlier anonymous touches count for that contact. The event
 * time is {@code timestamp} (falling back to {@code originalTimestamp}, then {@code receivedAt}).
 */
@Component
public final class SegmentEventsMapper implements SourceMapper {

	public static final String SOURCE = "segment";

	private static final FileFormat FORMAT = new FileFormat(FileFormat.Kind.JSON_LINES, StandardCharsets.UTF_8, List.of());

	@Override
	public String source() {
		return SOURCE;
	}

	@Override
	public FileFormat format() {
		return FORMAT;
	}

	@Override
	public List<StagedRow> map(SourceRecord raw, MappingContext context) {
		JsonRecord record = (JsonRecord) raw;
		JsonNode event = record.node();
		String type = text(event, "type");
		if (type == null) {
			throw MalformedRecordException.of(record, "no \"type\"");
		}
		type = type.toLowerCase(Locale.ROOT);
		if (!type.equals("track") && !type.equals("page") && !type.equals("screen") && !type.equals("identify")) {
			return List.of();
		}
		String userId = text(event, "userId");
		String anonymousId = text(event, "anonymousId");
		if (userId == null && anonymousId == null) {
			throw MalformedRecordException.of(record, "neither \"userId\" nor \"anonymousId\"");
		}
		String messageId = text(event, "messageId");
		if (messageId == null) {
			throw MalformedRecordException.of(record, "no \"messageId\"");
		}
		String when = firstText(event, "timestamp", "originalTimestamp", "receivedAt");
		Instant occurredAt = Records.parse(record, "timestamp", () -> Timestamps.parse(when));
		if (occurredAt == null) {
			throw MalformedRecordException.of(record, "no \"timestamp\"");
		}
		String tenant = context.tenantId();
		if (type.equals("identify")) {
			return identify(record, event, tenant, userId, anonymousId, occurredAt, context.batchId());
		}
		String email = ContactIds.normalizeEmail(text(event.path("context").path("traits"), "email"));
		String contactId = email == null ? null : ContactIds.forEmail(tenant, email);
		JsonNode campaign = event.path("context").path("campaign");
		JsonNode page = event.path("context").path("page");
		String kind = type.equals("track") ? "track" : "page";
		String name = kind.equals("track") ? text(event, "event")
				: firstNonNull(text(event, "name"), text(event.path("properties"), "path"), text(page, "path"));
		String url = firstNonNull(text(event.path("properties"), "url"), text(page, "url"));
		return List.of(new Touchpoint(tenant, messageId, contactId, userId, anonymousId, kind, name, url,
				text(campaign, "source"), text(campaign, "name"), occurredAt, SOURCE, Records.ref(record),
				context.batchId()));
	}

	private static List<StagedRow> identify(JsonRecord record, JsonNode event, String tenant, String userId,
			String anonymousId, Instant at, String batchId) {
		JsonNode traits = event.path("traits");
		String rawEmail = text(traits, "email");
		String email = ContactIds.normalizeEmail(rawEmail);
		if (rawEmail != null && email == null) {
			throw MalformedRecordException.of(record, "traits.email: '" + rawEmail + "' is not an e-mail address");
		}
		String contactId = email != null ? ContactIds.forEmail(tenant, email)
				: ContactIds.forExternalId(tenant, SOURCE, "user_id", userId != null ? userId : anonymousId);
		List<StagedRow> rows = new ArrayList<>(3);
		rows.add(new Contact(tenant, contactId, email, firstNonNull(text(traits, "firstName"), text(traits, "first_name")),
				firstNonNull(text(traits, "lastName"), text(traits, "last_name")), null, null, at, SOURCE, batchId));
		if (userId != null) {
			rows.add(new ContactIdentity(tenant, SOURCE, "user_id", userId, contactId, at, batchId));
		}
		if (anonymousId != null) {
			rows.add(new ContactIdentity(tenant, SOURCE, "anonymous_id", anonymousId, contactId, at, batchId));
		}
		return rows;
	}

	private static String firstText(JsonNode node, String... fields) {
		for (String field : fields) {
			String value = text(node, field);
			if (value != null) {
				return value;
			}
		}
		return null;
	}

	private static String firstNonNull(String... values) {
		for (String value : values) {
			if (value != null) {
				return value;
			}
		}
		return null;
	}

	/** A scalar field as trimmed text, or null when absent, null, blank or not a scalar. */
	static String text(JsonNode node, String field) {
		JsonNode value = node == null ? null : node.get(field);
		if (value == null || value.isNull() || value.isContainer()) {
			return null;
		}
		String text = value.asString().strip();
		return text.isEmpty() ? null : text;
	}
}
