package io.touchpoint.jobs.sources.mapping;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.temporal.TemporalAccessor;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import org.jspecify.annotations.Nullable;

import io.touchpoint.jobs.model.Contact;
import io.touchpoint.jobs.model.ContactIdentity;
import io.touchpoint.jobs.model.ContactIds;
import io.touchpoint.jobs.model.Money;
import io.touchpoint.jobs.model.Purchase;
import io.touchpoint.jobs.model.TagApplication;
import io.touchpoint.jobs.model.Timestamps;
import io.touchpoint.jobs.model.Touchpoint;
import io.touchpoint.jobs.sources.Records;
import io.touchpoint.jobs.sources.SourceMapper;
import io.touchpoint.readers.MalformedRecordException;
import io.touchpoint.readers.SourceRecord;
import io.touchpoint.readers.csv.CsvRecord;
import io.touchpoint.writers.staging.StagedRow;

/**
 * The mapper of one {@link MappingFile}: reads each CSV record's fields from the mapped columns (or the
 * constants) and emits the file's table. A contact is named by its e-mail ({@link ContactIds#forEmail}) or
 * else by its {@code contact_key} ({@link ContactIds#forExternalId}, id type {@code key}, with a
 * {@link ContactIdentity} row so it resolves like other source ids); a purchase, tag application or
 * touchpoint that names a contact also emits its {@link Contact} (as the Stripe mapper does), so the contact
 * appears in {@code contact_value} even when only its key is known. A field that cannot be read quarantines the
 * record with the field and column in the reason.
 */
public final class MappedSourceMapper implements SourceMapper {

	private static final String KEY_ID_TYPE = "key";

	/** Statuses of a mapped purchase that mean the source voided it. */
	private static final Set<String> VOIDED = Set.of("void", "voided", "canceled", "cancelled");

	private final MappingFile mapping;

	private final FileFormat format;

	private final @Nullable DateTimeFormatter timestampFormat;

	public MappedSourceMapper(MappingFile mapping) {
		this.mapping = mapping;
		this.format = new FileFormat(FileFormat.Kind.CSV, mapping.charset(), mapping.requiredColumns(), mapping.delimiter());
		this.timestampFormat = mapping.timestampPattern() == null ? null
				: DateTimeFormatter.ofPattern(mapping.timestampPattern(), Locale.ROOT);
	}

	@Override
	public String source() {
		return mapping.source();
	}

	@Override
	public FileFormat format() {
		return format;
	}

	/** The mapping file this mapper follows. */
	public MappingFile mapping() {
		return mapping;
	}

	@Override
	public List<StagedRow> map(SourceRecord raw, MappingContext context) {
		CsvRecord record = (CsvRecord) raw;
		return switch (mapping.table()) {
			case PURCHASES -> purchase(record, context);
			case CONTACTS -> contact(record, context);
			case TAG_APPLICATIONS -> tagApplications(record, context);
			case TOUCHPOINTS -> touchpoint(record, context);
		};
	}

	private List<StagedRow> purchase(CsvRecord record, MappingContext context) {
		String key = required(record, "purchase_key");
		Instant occurred = timestamp(record, "occurred_at");
		String currency = Records.parse(record, label("currency"), () -> Money.currency(required(record, "currency")));
		long amount = Records.parse(record, label("amount"), () -> Money.toMinor(required(record, "amount"), currency));
		if (amount < 0) {
			throw MalformedRecordException.of(record, label("amount") + ": a purchase cannot be negative (" + value(record,
					"amount") + ")");
		}
		List<StagedRow> rows = new ArrayList<>(3);
		String contactId = contact(record, context, occurred, rows);
		rows.add(new Purchase(context.tenantId(), source() + ":" + key, contactId, occurred, amount, currency, null, null,
				status(value(record, "status")), source(), Records.ref(record), context.batchId()));
		return rows;
	}

	/**
	 * The lower-case status ({@code paid} when the file has none); {@code void}, {@code voided},
	 * {@code canceled} and {@code cancelled} are {@link Purchase#VOIDED}, which stops a purchase counting.
	 */
	static String status(@Nullable String value) {
		if (value == null) {
			return "paid";
		}
		String status = value.toLowerCase(Locale.ROOT);
		return VOIDED.contains(status) ? Purchase.VOIDED : status;
	}

	private List<StagedRow> contact(CsvRecord record, MappingContext context) {
		String tenant = context.tenantId();
		Instant updated = timestamp(record, "updated_at");
		Instant created = optionalTimestamp(record, "created_at");
		Person person = person(record, tenant);
		List<StagedRow> rows = new ArrayList<>(2);
		rows.add(new Contact(tenant, person.contactId(), person.email(), value(record, "first_name"),
				value(record, "last_name"), value(record, "lifecycle_stage"), created, updated, source(), context.batchId()));
		identity(person, context, updated, rows);
		return rows;
	}

	private List<StagedRow> tagApplications(CsvRecord record, MappingContext context) {
		Instant occurred = timestamp(record, "occurred_at");
		Set<String> tags = tags(record);
		List<StagedRow> rows = new ArrayList<>(tags.size() + 2);
		String contactId = contact(record, context, occurred, rows);
		for (String tag : tags) {
			rows.add(new TagApplication(context.tenantId(), contactId, tag, 1, occurred, source(), Records.ref(record),
					context.batchId()));
		}
		return rows;
	}

	private List<StagedRow> touchpoint(CsvRecord record, MappingContext context) {
		String eventId = required(record, "event_id");
		Instant occurred = timestamp(record, "occurred_at");
		String kind = value(record, "kind");
		List<StagedRow> rows = new ArrayList<>(3);
		String contactId = contact(record, context, occurred, rows);
		rows.add(new Touchpoint(context.tenantId(), eventId, contactId, null, null, kind == null ? "event" : kind,
				value(record, "name"), value(record, "url"), value(record, "channel"), value(record, "campaign"),
				occurred, source(), Records.ref(record), context.batchId()));
		return rows;
	}

	/** Adds the contact and identity rows a fact implies and returns the contact id (null if none). */
	private @Nullable String contact(CsvRecord record, MappingContext context, Instant seen, List<StagedRow> rows) {
		Person person = person(record, context.tenantId());
		if (person.contactId() != null) {
			rows.add(new Contact(context.tenantId(), person.contactId(), person.email(), null, null, null, null, seen,
					source(), context.batchId()));
		}
		identity(person, context, seen, rows);
		return person.contactId();
	}

	private void identity(Person person, MappingContext context, Instant seen, List<StagedRow> rows) {
		if (person.key() != null) {
			rows.add(new ContactIdentity(context.tenantId(), source(), KEY_ID_TYPE, person.key(), person.contactId(), seen,
					context.batchId()));
		}
	}

	private Person person(CsvRecord record, String tenant) {
		String rawEmail = value(record, "email");
		String email = ContactIds.normalizeEmail(rawEmail);
		if (rawEmail != null && email == null) {
			throw MalformedRecordException.of(record, label("email") + ": '" + rawEmail + "' is not an e-mail address");
		}
		String key = value(record, "contact_key");
		String contactId = email != null ? ContactIds.forEmail(tenant, email)
				: key != null ? ContactIds.forExternalId(tenant, source(), KEY_ID_TYPE, key) : null;
		if (contactId == null && mapping.table().needsContact()) {
			throw MalformedRecordException.of(record, "no contact: " + String.join(" and ",
					mapping.columns().keySet().stream().filter(f -> f.equals("email") || f.equals("contact_key"))
						.sorted().map(f -> "empty " + label(f)).toList()));
		}
		return new Person(email, key, contactId);
	}

	private Set<String> tags(CsvRecord record) {
		Set<String> tags = new LinkedHashSet<>();
		String value = value(record, "tags");
		if (value == null) {
			return tags;
		}
		for (String tag : value.split(";")) {
			String trimmed = tag.strip();
			if (trimmed.length() > 255) {
				throw MalformedRecordException.of(record, label("tags") + ": a tag longer than 255 characters");
			}
			if (!trimmed.isEmpty()) {
				tags.add(trimmed);
			}
		}
		return tags;
	}

	private Instant timestamp(CsvRecord record, String field) {
		Instant instant = optionalTimestamp(record, field);
		if (instant == null) {
			throw MalformedRecordException.of(record, "empty " + label(field));
		}
		return instant;
	}

	private Instant optionalTimestamp(CsvRecord record, String field) {
		String text = value(record, field);
		return Records.parse(record, label(field), () -> text == null ? null
				: timestampFormat == null ? Timestamps.parse(text, mapping.timeZone()) : parse(text));
	}

	private Instant parse(String text) {
		try {
			TemporalAccessor parsed = timestampFormat.parseBest(text, ZonedDateTime::from, LocalDateTime::from,
					LocalDate::from);
			if (parsed instanceof ZonedDateTime zoned) {
				return zoned.toInstant();
			}
			if (parsed instanceof LocalDateTime local) {
				return local.atZone(mapping.timeZone()).toInstant();
			}
			return ((LocalDate) parsed).atStartOfDay(mapping.timeZone()).toInstant();
		}
		catch (DateTimeException ex) {
			throw new IllegalArgumentException(
					"unreadable timestamp '" + text + "' (expected '" + mapping.timestampPattern() + "')");
		}
	}

	private String required(CsvRecord record, String field) {
		String value = value(record, field);
		if (value == null) {
			throw MalformedRecordException.of(record, "empty " + label(field));
		}
		return value;
	}

	/** The field's trimmed value from its column, else (absent or blank) its constant, else null. */
	private @Nullable String value(CsvRecord record, String field) {
		String column = mapping.columns().get(field);
		String value = column != null ? Records.text(record, column) : null;
		return value != null ? value : mapping.constants().get(field);
	}

	/** The field and where it comes from, for quarantine reasons: {@code amount (column 'Amount')}. */
	private String label(String field) {
		String column = mapping.columns().get(field);
		return column != null ? field + " (column '" + column + "')" : field + " (constant)";
	}

	private record Person(String email, String key, String contactId) {
	}
}
