package io.touchpoint.jobs.sources.salesforce;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.jspecify.annotations.Nullable;

import io.touchpoint.jobs.model.Campaign;
import io.touchpoint.jobs.model.Contact;
import io.touchpoint.jobs.model.ContactIdentity;
import io.touchpoint.jobs.model.ContactIds;
import io.touchpoint.jobs.model.TagApplication;
import io.touchpoint.jobs.model.TagSnapshot;
import io.touchpoint.jobs.sources.Records;
import io.touchpoint.jobs.sources.SourceMapper.MappingContext;
import io.touchpoint.readers.MalformedRecordException;
import io.touchpoint.readers.SourceRecord;
import io.touchpoint.writers.staging.StagedRow;

/**
 * Contacts, leads, campaigns and campaign members to canonical rows, the same from the Data Export and the REST
 * API, so that both agree on ids, identities and tags. Each reads its record through {@link Fields}.
 * <ul>
 * <li>Contacts and leads become contacts (by e-mail where there is one) linked to their Salesforce id; a
 * lead's {@code Status} is its lifecycle stage {@code Lead: <Status>}.</li>
 * <li>A campaign member becomes the tag {@code campaign:<CampaignId>} (plus
 * {@code campaign:<CampaignId>:responded} when it responded) on the member's contact or lead, named by the
 * id's alias, since the member knows only that id; a deleted membership is a removal (sign -1).</li>
 * <li>A campaign becomes its {@code Name} at its {@code LastModifiedDate} ({@code campaigns}), which reports show
 * for the campaign's tags.</li>
 * <li>In the Data Export, a snapshot of membership, contacts, leads and members are also listings of the member's
 * alias id ({@link #listedPerson}, {@link #listedCampaignMember}); the REST API's records are changes.</li>
 * </ul>
 */
final class SalesforceRows {

	static final String SOURCE = SalesforceExportMapper.SOURCE;

	static final String NULL_LOOKUP = "000000000000000AAA";

	private SalesforceRows() {
	}

	/** A Salesforce record's fields by API name, however the record was read. */
	interface Fields {

		SourceRecord record();

		/** The trimmed value, or null when empty or absent. */
		@Nullable
		String text(String field);

		boolean flag(String field);

		/** The time in the field, or null; an unreadable one quarantines the record. */
		@Nullable
		Instant time(String field);
	}

	static List<StagedRow> person(Fields fields, MappingContext context, String idType) {
		String tenant = context.tenantId();
		String id = required(fields, "Id");
		String rawEmail = fields.text("Email");
		String email = ContactIds.normalizeEmail(rawEmail);
		if (rawEmail != null && email == null) {
			throw MalformedRecordException.of(fields.record(), "Email: '" + rawEmail + "' is not an e-mail address");
		}
		Instant created = fields.time("CreatedDate");
		Instant updated = firstTime(fields, "LastModifiedDate", "SystemModstamp", "CreatedDate");
		String contactId = ContactIds.of(tenant, email, SOURCE, idType, id);
		String stage = idType.equals("lead_id") ? fields.text("Status") : null;
		List<StagedRow> rows = new ArrayList<>(2);
		rows.add(new Contact(tenant, contactId, email, fields.text("FirstName"), fields.text("LastName"),
				stage == null ? null : "Lead: " + stage, created, updated, SOURCE, context.batchId()));
		rows.add(new ContactIdentity(tenant, SOURCE, idType, id, contactId, updated, context.batchId()));
		return rows;
	}

	static List<StagedRow> campaign(Fields fields, MappingContext context) {
		String id = required(fields, "Id");
		String name = required(fields, "Name");
		Instant modified = firstTime(fields, "LastModifiedDate", "SystemModstamp", "CreatedDate");
		return List.of(new Campaign(context.tenantId(), SOURCE, id, name, modified, Records.ref(fields.record()),
				context.batchId()));
	}

	static List<StagedRow> campaignMember(Fields fields, MappingContext context) {
		String tenant = context.tenantId();
		SourceRecord record = fields.record();
		String campaign = lookup(fields, "CampaignId");
		if (campaign == null) {
			throw MalformedRecordException.of(record, "CampaignId: empty or the null lookup " + NULL_LOOKUP);
		}
		String contactId = lookup(fields, "ContactId");
		String leadId = lookup(fields, "LeadId");
		if (contactId == null && leadId == null) {
			throw MalformedRecordException.of(record, "neither ContactId nor LeadId names the member");
		}
		String member = contactId != null ? ContactIds.forExternalId(tenant, SOURCE, "contact_id", contactId)
				: ContactIds.forExternalId(tenant, SOURCE, "lead_id", leadId);
		boolean deleted = fields.flag("IsDeleted");
		int sign = deleted ? -1 : 1;
		Instant at = deleted ? firstTime(fields, "LastModifiedDate", "CreatedDate") : firstTime(fields, "CreatedDate");
		String ref = Records.ref(record);
		List<StagedRow> rows = new ArrayList<>(2);
		rows.add(new TagApplication(tenant, member, "campaign:" + campaign, sign, at, SOURCE, ref, context.batchId()));
		if (fields.flag("HasResponded")) {
			Instant responded = fields.time("FirstRespondedDate");
			rows.add(new TagApplication(tenant, member, "campaign:" + campaign + ":responded", sign,
					responded == null ? at : responded, SOURCE, ref, context.batchId()));
		}
		return rows;
	}

	/**
	 * A contact or lead of a snapshot export, and its listing without tags under the alias id its memberships
	 * name: listed, it loses the memberships no member row of the same export lists.
	 */
	static List<StagedRow> listedPerson(Fields fields, MappingContext context, String idType) {
		List<StagedRow> rows = new ArrayList<>(person(fields, context, idType));
		String alias = ContactIds.forExternalId(context.tenantId(), SOURCE, idType, required(fields, "Id"));
		rows.addAll(TagSnapshot.listing(context.tenantId(), alias, List.of(), context.listedAt(), SOURCE,
				Records.ref(fields.record()), context.batchId()));
		return rows;
	}

	/**
	 * A campaign member of a snapshot export, and its listing of the member's alias id with the membership's
	 * tags, or none for a deleted membership (its removal is the row's own -1).
	 */
	static List<StagedRow> listedCampaignMember(Fields fields, MappingContext context) {
		List<StagedRow> rows = new ArrayList<>(campaignMember(fields, context));
		List<String> tags = new ArrayList<>(rows.size());
		String member = ((TagApplication) rows.get(0)).contactId();
		for (StagedRow row : rows) {
			if (row instanceof TagApplication tag && tag.sign() > 0) {
				tags.add(tag.tag());
			}
		}
		rows.addAll(TagSnapshot.listing(context.tenantId(), member, tags, context.listedAt(), SOURCE,
				Records.ref(fields.record()), context.batchId()));
		return rows;
	}

	private static String required(Fields fields, String field) {
		String value = fields.text(field);
		if (value == null) {
			throw MalformedRecordException.of(fields.record(), "empty " + field);
		}
		return value;
	}

	private static Instant firstTime(Fields fields, String... names) {
		for (String name : names) {
			Instant time = fields.time(name);
			if (time != null) {
				return time;
			}
		}
		throw MalformedRecordException.of(fields.record(), "no " + String.join(", ", names));
	}

	/** A lookup field, or null when empty or the null-lookup sentinel. */
	private static @Nullable String lookup(Fields fields, String field) {
		String value = fields.text(field);
		return value == null || value.equals(NULL_LOOKUP) ? null : value;
	}
}
