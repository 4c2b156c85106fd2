package io.touchpoint.jobs.sources.declarative;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import org.jspecify.annotations.Nullable;

import io.touchpoint.jobs.model.AdSpend;
import io.touchpoint.jobs.model.Contact;
import io.touchpoint.jobs.model.ContactIdentity;
import io.touchpoint.jobs.model.ContactIds;
import io.touchpoint.jobs.model.Money;
import io.touchpoint.jobs.model.Purchase;
import io.touchpoint.jobs.model.Refund;
import io.touchpoint.jobs.model.TagApplication;
import io.touchpoint.jobs.model.TagSnapshot;
import io.touchpoint.jobs.model.Touchpoint;
import io.touchpoint.jobs.sources.Records;
import io.touchpoint.jobs.sources.SourceMapper.MappingContext;
import io.touchpoint.readers.MalformedRecordException;
import io.touchpoint.readers.jsonl.JsonRecord;
import io.touchpoint.writers.staging.StagedRow;

/**
 * How one stream's records become canonical rows: {@code filter} (records that are not data), {@code contact}
 * (who a record is about: e-mails, external ids that become identities, a fallback id) and {@code rows}
 * (per canonical table, its fields as {@link FieldValue}s). Purchase and refund keys are prefixed with the
 * source ({@code stripe:ch_1}), as in mapping files.
 */
record RecordMapping(String source, List<Filter> filters, ContactSpec contact, Map<Table, Map<String, FieldValue>> rows) {

	/** The canonical tables a connector maps to, with their required and optional fields. */
	enum Table {

		CONTACTS("contacts", true, List.of("updated_at"), List.of("created_at", "first_name", "last_name",
				"lifecycle_stage", "tags")),
		PURCHASES("purchases", true, List.of("purchase_key", "occurred_at", "amount", "currency"),
				List.of("status", "payment_ref", "payment_intent_ref", "settlement_amount", "settlement_currency")),
		REFUNDS("refunds", true, List.of("refund_key", "purchase_key", "occurred_at", "amount", "currency"), List.of()),
		TAG_APPLICATIONS("tag_applications", true, List.of("tags", "occurred_at"), List.of("removed")),
		TOUCHPOINTS("touchpoints", false, List.of("event_id", "occurred_at"),
				List.of("kind", "name", "url", "channel", "campaign")),
		AD_SPEND("ad_spend", false, List.of("platform", "campaign", "date", "amount", "currency"),
				List.of("ad_set", "ad", "impressions", "clicks"));

		final String tableName;

		final boolean needsContact;

		final List<String> required;

		final List<String> optional;

		Table(String tableName, boolean needsContact, List<String> required, List<String> optional) {
			this.tableName = tableName;
			this.needsContact = needsContact;
			this.required = required;
			this.optional = optional;
		}

		static @Nullable Table named(String name) {
			for (Table table : values()) {
				if (table.tableName.equals(name)) {
					return table;
				}
			}
			return null;
		}
	}

	/**
	 * A record is data only when every filter holds: its value {@code equals} one, is {@code not} one, or
	 * {@code starts_with} one (an absent value is the empty text).
	 */
	record Filter(String path, @Nullable String equals, @Nullable String not, @Nullable String startsWith) {

		boolean keeps(JsonRecord record) {
			String value = FieldValue.text(record, path);
			String text = value == null ? "" : value;
			return (equals == null || equals.equals(text)) && (not == null || !not.equals(text))
					&& (startsWith == null || text.startsWith(startsWith));
		}
	}

	/** An external id of the contact: its type and where it is. */
	record IdSpec(String type, FieldValue value) {
	}

	/** Who a record is about. {@code rows}: whether a fact also emits its contact and identity rows. */
	record ContactSpec(FieldValue email, List<IdSpec> ids, IdSpec fallback, boolean rows) {
	}

	private static final Set<String> STATUS_VOIDED = Set.of("void", "voided", "canceled", "cancelled");

	static RecordMapping parse(YamlNode stream, String source) {
		List<Filter> filters = new ArrayList<>();
		YamlNode filterNode = stream.get("filter");
		if (filterNode != null) {
			for (YamlNode item : filterNode.items()) {
				item.only(Set.of("path", "equals", "not", "starts_with"));
				if (item.get("equals") == null && item.get("not") == null && item.get("starts_with") == null) {
					throw item.invalid("a filter needs 'equals', 'not' or 'starts_with'");
				}
				filters.add(new Filter(Connector.pointer(item.required("path")), item.text("equals", null),
						item.text("not", null), item.text("starts_with", null)));
			}
		}
		ContactSpec contact = new ContactSpec(null, List.of(), null, true);
		YamlNode contactNode = stream.get("contact");
		if (contactNode != null) {
			contactNode.only(Set.of("email", "ids", "fallback", "rows"));
			List<IdSpec> ids = new ArrayList<>();
			if (contactNode.get("ids") != null) {
				contactNode.get("ids").items().forEach(item -> ids.add(id(item)));
			}
			contact = new ContactSpec(contactNode.get("email") == null ? null
					: FieldValue.parse("email", contactNode.get("email")), List.copyOf(ids),
					contactNode.get("fallback") == null ? null : id(contactNode.get("fallback")),
					Boolean.parseBoolean(contactNode.text("rows", "true")));
		}
		Map<Table, Map<String, FieldValue>> rows = new LinkedHashMap<>();
		YamlNode rowsNode = stream.required("rows");
		for (var entry : rowsNode.entries().entrySet()) {
			Table table = Table.named(entry.getKey());
			if (table == null) {
				throw entry.getValue().invalid("unknown table '" + entry.getKey() + "'; use contacts, purchases, refunds,"
						+ " tag_applications, touchpoints or ad_spend");
			}
			Map<String, FieldValue> fields = new LinkedHashMap<>();
			Set<String> allowed = new java.util.HashSet<>(table.required);
			allowed.addAll(table.optional);
			entry.getValue().only(allowed);
			entry.getValue().entries().forEach((field, node) -> fields.put(field, FieldValue.parse(field, node)));
			for (String field : table.required) {
				if (!fields.containsKey(field)) {
					throw entry.getValue().invalid("missing required field '" + field + "' of table " + table.tableName);
				}
			}
			if (table.needsContact && contact.email() == null && contact.ids().isEmpty() && contact.fallback() == null) {
				throw stream.invalid("table " + table.tableName + " needs a 'contact' with an email or ids");
			}
			FieldValue currency = fields.get("currency");
			if (currency != null && currency.paths().isEmpty()) {
				try {
					Money.currency(currency.constant());
				}
				catch (IllegalArgumentException ex) {
					throw entry.getValue().get("currency").invalid(ex.getMessage() + "; use an ISO 4217 code such as EUR");
				}
			}
			rows.put(table, fields);
		}
		if (rows.isEmpty()) {
			throw rowsNode.invalid("map the records to at least one table");
		}
		return new RecordMapping(source, List.copyOf(filters), contact, rows);
	}

	private static IdSpec id(YamlNode node) {
		String type = node.required("type").text();
		if (type.isBlank() || type.length() > 32) {
			throw node.required("type").invalid("an id type is 1 to 32 characters (customer_id, record_id...)");
		}
		return new IdSpec(type, FieldValue.parse(type, node, Set.of("type")));
	}

	/** Canonical rows of one record (empty: filtered, not data). */
	List<io.touchpoint.writers.staging.StagedRow> map(JsonRecord record, MappingContext context) {
		for (Filter filter : filters) {
			if (!filter.keeps(record)) {
				return List.of();
			}
		}
		String tenant = context.tenantId();
		String email = null;
		if (contact.email() != null) {
			for (String path : contact.email().paths()) {
				String raw = FieldValue.text(record, path);
				if (raw != null) {
					email = ContactIds.normalizeEmail(Records.atMost(record, "email (" + path + ")", raw, 320));
					if (email == null) {
						throw MalformedRecordException.of(record, "email (" + path + "): '" + raw + "' is not an e-mail address");
					}
					break;
				}
			}
		}
		List<String[]> identities = new ArrayList<>();
		String contactId = email == null ? null : ContactIds.forEmail(tenant, email);
		for (IdSpec id : contact.ids()) {
			String value = Records.atMost(record, id.type() + " (" + String.join(", ", id.value().paths()) + ")",
					id.value().text(record), 255);
			if (value != null) {
				identities.add(new String[] { id.type(), value });
				if (contactId == null) {
					contactId = ContactIds.forExternalId(tenant, source, id.type(), value);
				}
			}
		}
		if (contactId == null && contact.fallback() != null) {
			String value = contact.fallback().value().text(record);
			if (value != null) {
				contactId = ContactIds.forExternalId(tenant, source, contact.fallback().type(), value);
			}
		}
		List<StagedRow> out = new ArrayList<>();
		boolean needsContact = rows.keySet().stream().anyMatch(t -> t.needsContact);
		if (contactId == null && needsContact) {
			throw MalformedRecordException.of(record, "no contact: no e-mail nor id of the contact in the record");
		}
		String ref = Records.ref(record);
		Map<String, FieldValue> contactFields = rows.get(Table.CONTACTS);
		Instant seen = contactFields != null ? contactFields.get("updated_at").requiredInstant(record)
				: firstTime(record);
		if (contactId != null && (contactFields != null || contact.rows())) {
			if (contactFields != null) {
				out.add(new Contact(tenant, contactId, email, text(record, contactFields, "first_name"),
						text(record, contactFields, "last_name"), text(record, contactFields, "lifecycle_stage"),
						contactFields.containsKey("created_at") ? contactFields.get("created_at").instant(record) : null, seen,
						source, context.batchId()));
			}
			else {
				out.add(new Contact(tenant, contactId, email, null, null, null, null, seen, source, context.batchId()));
			}
			for (String[] identity : identities) {
				out.add(new ContactIdentity(tenant, source, identity[0], identity[1], contactId, seen, context.batchId()));
			}
			if (contactFields != null && contactFields.containsKey("tags")) {
				out.addAll(TagSnapshot.listing(tenant, contactId, contactFields.get("tags").tags(record), seen, source, ref,
						context.batchId()));
			}
		}
		for (var entry : rows.entrySet()) {
			Map<String, FieldValue> f = entry.getValue();
			switch (entry.getKey()) {
				case CONTACTS -> {
				}
				case PURCHASES -> out.add(purchase(record, f, tenant, contactId, ref, context));
				case REFUNDS -> out.add(refund(record, f, tenant, contactId, ref, context));
				case TAG_APPLICATIONS -> {
					Instant at = f.get("occurred_at").requiredInstant(record);
					int sign = f.containsKey("removed") && "true".equalsIgnoreCase(f.get("removed").text(record)) ? -1 : 1;
					for (String tag : f.get("tags").tags(record)) {
						out.add(new TagApplication(tenant, contactId, tag, sign, at, source, ref, context.batchId()));
					}
				}
				case TOUCHPOINTS -> {
					String kind = text(record, f, "kind");
					out.add(new Touchpoint(tenant, f.get("event_id").required(record), contactId, null, null,
							kind == null ? "event" : kind, text(record, f, "name"), text(record, f, "url"),
							text(record, f, "channel"), text(record, f, "campaign"), f.get("occurred_at").requiredInstant(record),
							source, ref, context.batchId()));
				}
				case AD_SPEND -> {
					String currency = currency(record, f.get("currency"));
					LocalDate date = f.get("date").requiredInstant(record).atZone(ZoneOffset.UTC).toLocalDate();
					out.add(new AdSpend(tenant, f.get("platform").required(record), f.get("campaign").required(record),
							text(record, f, "ad_set"), text(record, f, "ad"), date,
							f.containsKey("impressions") ? f.get("impressions").count(record) : 0,
							f.containsKey("clicks") ? f.get("clicks").count(record) : 0,
							f.get("amount").minor(record, currency), currency, source, context.batchId()));
				}
			}
		}
		return out;
	}

	private Purchase purchase(JsonRecord record, Map<String, FieldValue> f, String tenant, String contactId, String ref,
			MappingContext context) {
		String key = key(record, f.get("purchase_key"));
		String currency = currency(record, f.get("currency"));
		long amount = f.get("amount").minor(record, currency);
		if (amount < 0) {
			throw MalformedRecordException.of(record, f.get("amount").label() + ": a purchase cannot be negative ("
					+ amount + ")");
		}
		Long settlement = null;
		String settlementCurrency = null;
		if (f.containsKey("settlement_amount") && f.containsKey("settlement_currency")
				&& f.get("settlement_amount").text(record) != null && f.get("settlement_currency").text(record) != null) {
			settlementCurrency = currency(record, f.get("settlement_currency"));
			settlement = f.get("settlement_amount").minor(record, settlementCurrency);
		}
		String status = text(record, f, "status");
		status = status == null ? "paid" : status.toLowerCase(Locale.ROOT);
		return new Purchase(tenant, key, contactId, f.get("occurred_at").requiredInstant(record), amount, currency,
				settlement, settlementCurrency, STATUS_VOIDED.contains(status) ? Purchase.VOIDED : status, source, ref,
				context.batchId(), text(record, f, "payment_ref"), text(record, f, "payment_intent_ref"));
	}

	private Refund refund(JsonRecord record, Map<String, FieldValue> f, String tenant, String contactId, String ref,
			MappingContext context) {
		String currency = currency(record, f.get("currency"));
		String refundKey = key(record, f.get("refund_key"));
		String purchaseKey = key(record, f.get("purchase_key"));
		long amount = f.get("amount").minor(record, currency);
		if (amount <= 0) {
			throw MalformedRecordException.of(record, f.get("amount").label() + ": a refund must be positive (" + amount
					+ "; a vendor that writes refunds as negative amounts needs 'negate: true')");
		}
		return new Refund(tenant, refundKey, purchaseKey, contactId, f.get("occurred_at").requiredInstant(record), -amount,
				currency, false, source, ref, context.batchId());
	}

	/** A purchase or refund key: {@code <source>:<value>}, at most the column's 255 characters. */
	private String key(JsonRecord record, FieldValue value) {
		return Records.atMost(record, value.label(), source + ":" + value.required(record), 255);
	}

	private static String currency(JsonRecord record, FieldValue value) {
		String text = value.text(record);
		return Records.parse(record, value.label(), () -> Money.currency(text));
	}

	private static @Nullable String text(JsonRecord record, Map<String, FieldValue> fields, String field) {
		FieldValue value = fields.get(field);
		return value == null ? null : value.text(record);
	}

	/** The time a fact happened (its first table's {@code occurred_at} or {@code date}), when the contact was seen. */
	private @Nullable Instant firstTime(JsonRecord record) {
		for (Map<String, FieldValue> fields : rows.values()) {
			FieldValue time = fields.containsKey("occurred_at") ? fields.get("occurred_at") : fields.get("date");
			if (time != null) {
				return time.requiredInstant(record);
			}
		}
		return null;
	}
}
