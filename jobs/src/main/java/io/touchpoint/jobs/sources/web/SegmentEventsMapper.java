package io.touchpoint.jobs.sources.web;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;

import io.touchpoint.jobs.model.Contact;
import io.touchpoint.jobs.model.ContactIdentity;
import io.touchpoint.jobs.model.ContactIds;
import io.touchpoint.jobs.model.Timestamps;
import io.touchpoint.jobs.model.Touchpoint;
import io.touchpoint.jobs.sources.Records;
import io.touchpoint.jobs.sources.SourceMapper;
import io.touchpoint.readers.MalformedFileException;
import io.touchpoint.readers.MalformedRecordException;
import io.touchpoint.readers.SourceRecord;
import io.touchpoint.readers.csv.CsvHeader;
import io.touchpoint.readers.csv.CsvRecord;
import io.touchpoint.readers.jsonl.JsonRecord;
import io.touchpoint.writers.staging.StagedRow;

/**
 * Segment events, in either shape Segment delivers them, under {@code segment/}:
 * <ul>
 * <li>raw Segment-spec messages as JSON lines ({@code track}, {@code page}, {@code identify};
 * {@code screen} is read as a page);</li>
 * <li>warehouse tables as CSV ({@code *.csv}, {@code *.csv.gz}): {@code tracks}, {@code pages} and
 * {@code identifies}, told apart by their columns ({@code event}; {@code url}/{@code path};
 * {@code email}), with {@code context_*} and traits flattened to snake_case.</li>
 * </ul>
 * Tracks and pages become touchpoints with UTM channel and campaign (and, when they carry an e-mail trait,
 * the contact of that e-mail, so every contact a touchpoint names exists); {@code messageId} is the event's
 * key, so a message delivered twice is one touchpoint. {@code identify} links
 * {@code userId} and {@code anonymousId} to the contact of the e-mail trait, so earlier anonymous
 * touches count for that contact. The event time is {@code timestamp} (falling back to
 * {@code originalTimestamp}, then {@code receivedAt}); times without an offset are UTC.
 */
@Component
public final class SegmentEventsMapper implements SourceMapper {

	public static final String SOURCE = "segment";

	private static final FileFormat JSON_LINES = new FileFormat(FileFormat.Kind.JSON_LINES, StandardCharsets.UTF_8,
			List.of());

	private static final FileFormat WAREHOUSE_CSV = new FileFormat(FileFormat.Kind.CSV, StandardCharsets.UTF_8,
			List.of("id", "timestamp"));

	@Override
	public String source() {
		return SOURCE;
	}

	@Override
	public FileFormat format() {
		return JSON_LINES;
	}

	@Override
	public FileFormat format(String path) {
		String name = path.toLowerCase(Locale.ROOT);
		return name.endsWith(".csv") || name.endsWith(".csv.gz") ? WAREHOUSE_CSV : JSON_LINES;
	}

	/** One Segment message, whichever shape it came in. */
	private record Event(String type, String messageId, String anonymousId, String userId, String timestamp,
			String event, String name, String url, String channel, String campaign, String email, String firstName,
			String lastName) {
	}

	@Override
	public List<StagedRow> map(SourceRecord record, MappingContext context) {
		Event event = record instanceof CsvRecord csv ? fromWarehouse(csv) : fromMessage((JsonRecord) record);
		if (event.type() == null) {
			throw MalformedRecordException.of(record, "no \"type\"");
		}
		String type = event.type().toLowerCase(Locale.ROOT);
		if (!type.equals("track") && !type.equals("page") && !type.equals("screen") && !type.equals("identify")) {
			return List.of();
		}
		if (event.userId() == null && event.anonymousId() == null) {
			throw MalformedRecordException.of(record, "neither userId nor anonymousId");
		}
		if (event.messageId() == null) {
			throw MalformedRecordException.of(record, "no messageId");
		}
		Instant occurredAt = Records.parse(record, "timestamp", () -> Timestamps.parse(event.timestamp()));
		if (occurredAt == null) {
			throw MalformedRecordException.of(record, "no timestamp");
		}
		String tenant = context.tenantId();
		String email = ContactIds.normalizeEmail(event.email());
		if (type.equals("identify")) {
			if (event.email() != null && email == null) {
				throw MalformedRecordException.of(record, "email trait: '" + event.email() + "' is not an e-mail address");
			}
			return identify(event, email, tenant, occurredAt, context.batchId());
		}
		String contactId = email == null ? null : ContactIds.forEmail(tenant, email);
		String kind = type.equals("track") ? "track" : "page";
		Touchpoint touchpoint = new Touchpoint(tenant, event.messageId(), contactId, event.userId(), event.anonymousId(),
				kind, kind.equals("track") ? event.event() : event.name(), event.url(), event.channel(), event.campaign(),
				occurredAt, SOURCE, Records.ref(record), context.batchId());
		if (contactId == null) {
			return List.of(touchpoint);
		}
		// the contact the e-mail trait names, so that it exists even when no other source knows the person
		return List.of(new Contact(tenant, contactId, email, null, null, null, null, occurredAt, SOURCE, context.batchId()),
				touchpoint);
	}

	private static List<StagedRow> identify(Event event, @Nullable String email, String tenant, Instant at, String batchId) {
		String contactId = email != null ? ContactIds.forEmail(tenant, email)
				: ContactIds.forExternalId(tenant, SOURCE, "user_id",
						event.userId() != null ? event.userId() : event.anonymousId());
		List<StagedRow> rows = new ArrayList<>(3);
		rows.add(new Contact(tenant, contactId, email, event.firstName(), event.lastName(), null, null, at, SOURCE,
				batchId));
		if (event.userId() != null) {
			rows.add(new ContactIdentity(tenant, SOURCE, "user_id", event.userId(), contactId, at, batchId));
		}
		if (event.anonymousId() != null) {
			rows.add(new ContactIdentity(tenant, SOURCE, "anonymous_id", event.anonymousId(), contactId, at, batchId));
		}
		return rows;
	}

	private static Event fromMessage(JsonRecord record) {
		JsonNode message = record.node();
		JsonNode context = message.path("context");
		JsonNode traits = message.path("traits");
		String type = text(message, "type");
		boolean identify = "identify".equalsIgnoreCase(type);
		return new Event(type, text(message, "messageId"), text(message, "anonymousId"), text(message, "userId"),
				first(text(message, "timestamp"), text(message, "originalTimestamp"), text(message, "receivedAt")),
				text(message, "event"),
				first(text(message, "name"), text(message.path("properties"), "path"), text(context.path("page"), "path")),
				first(text(message.path("properties"), "url"), text(context.path("page"), "url")),
				text(context.path("campaign"), "source"), text(context.path("campaign"), "name"),
				identify ? text(traits, "email") : text(context.path("traits"), "email"),
				first(text(traits, "firstName"), text(traits, "first_name")),
				first(text(traits, "lastName"), text(traits, "last_name")));
	}

	private static Event fromWarehouse(CsvRecord record) {
		String type = table(record.header());
		String email = type.equals("identify") ? Records.text(record, "email") : Records.text(record, "context_traits_email");
		return new Event(type, Records.text(record, "id"), Records.text(record, "anonymous_id"),
				Records.text(record, "user_id"),
				first(Records.text(record, "timestamp"), Records.text(record, "original_timestamp"),
						Records.text(record, "received_at")),
				first(Records.text(record, "event_text"), Records.text(record, "event")),
				first(Records.text(record, "name"), Records.text(record, "path"), Records.text(record, "context_page_path")),
				first(Records.text(record, "url"), Records.text(record, "context_page_url")),
				Records.text(record, "context_campaign_source"), Records.text(record, "context_campaign_name"), email,
				Records.text(record, "first_name"), Records.text(record, "last_name"));
	}

	/** Which warehouse table a CSV file is, from its columns. */
	private static String table(CsvHeader header) {
		if (header.indexOf("event") >= 0) {
			return "track";
		}
		if (header.indexOf("url") >= 0 || header.indexOf("path") >= 0) {
			return "page";
		}
		if (header.indexOf("email") >= 0) {
			return "identify";
		}
		throw new MalformedFileException(header.file(), 1, "not a Segment tracks, pages or identifies table (no event, "
				+ "url, path or email column); export those warehouse tables as CSV, then restart the execution");
	}

	private static @Nullable String first(String... values) {
		for (String value : values) {
			if (value != null) {
				return value;
			}
		}
		return null;
	}

	/** A scalar field as trimmed text, or null when absent, null, blank or not a scalar. */
	static @Nullable String text(@Nullable JsonNode node, String field) {
		JsonNode value = node == null ? null : node.get(field);
		if (value == null || value.isNull() || value.isContainer()) {
			return null;
		}
		String text = value.asString().strip();
		return text.isEmpty() ? null : text;
	}
}
