package io.touchpoint.jobs.sources.salesforce;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.springframework.stereotype.Component;

import io.touchpoint.jobs.model.Contact;
import io.touchpoint.jobs.model.ContactIdentity;
import io.touchpoint.jobs.model.ContactIds;
import io.touchpoint.jobs.model.TagApplication;
import io.touchpoint.jobs.model.Timestamps;
import io.touchpoint.jobs.sources.Records;
import io.touchpoint.jobs.sources.SourceMapper;
import io.touchpoint.readers.MalformedFileException;
import io.touchpoint.readers.MalformedRecordException;
import io.touchpoint.readers.SourceRecord;
import io.touchpoint.readers.csv.CsvHeader;
import io.touchpoint.readers.csv.CsvRecord;
import io.touchpoint.writers.staging.StagedRow;

/**
 * The Salesforce weekly Data Export: {@code Contact.csv}, {@code Lead.csv} and
 * {@code CampaignMember.csv} in one {@code salesforce/} folder, told apart by their headers. The files
 * are ISO-8859-1, every field quoted, booleans {@code "0"/"1"}, datetimes UTC, and a null lookup may
 * be the sentinel {@code 000000000000000AAA}.
 * <ul>
 * <li>Contacts and leads become contacts (by e-mail where there is one) linked to their Salesforce id;
 * deleted records ({@code IsDeleted = 1}) are filtered.</li>
 * <li>A campaign member becomes the tag {@code campaign:<CampaignId>} (plus
 * {@code campaign:<CampaignId>:responded} when it responded) on the member's contact or lead. The file
 * knows only that id, so the tag names the contact by the id's alias and rollups resolve it to the
 * e-mail contact; a deleted membership is a removal (sign -1).</li>
 * </ul>
 */
@Component
public final class SalesforceExportMapper implements SourceMapper {

	public static final String SOURCE = "salesforce";

	static final String NULL_LOOKUP = "000000000000000AAA";

	private static final FileFormat FORMAT = new FileFormat(FileFormat.Kind.CSV, StandardCharsets.ISO_8859_1,
			List.of("Id", "IsDeleted"));

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
		CsvRecord record = (CsvRecord) raw;
		if ("1".equals(Records.text(record, "IsDeleted")) && !record.has("CampaignId")) {
			return List.of();
		}
		return switch (kind(record.header())) {
			case CAMPAIGN_MEMBER -> campaignMember(record, context);
			case LEAD -> person(record, context, "lead_id");
			case CONTACT -> person(record, context, "contact_id");
		};
	}

	private enum Kind {
		CONTACT, LEAD, CAMPAIGN_MEMBER
	}

	private static Kind kind(CsvHeader header) {
		if (header.indexOf("CampaignId") >= 0) {
			return Kind.CAMPAIGN_MEMBER;
		}
		if (header.indexOf("IsConverted") >= 0 || header.indexOf("Company") >= 0) {
			return Kind.LEAD;
		}
		if (header.indexOf("Email") >= 0) {
			return Kind.CONTACT;
		}
		throw new MalformedFileException(header.file(), 1, "not a Salesforce Contact, Lead or CampaignMember export "
				+ "(no Email or CampaignId column); keep only those objects' CSV files in the salesforce/ folder, then restart");
	}

	private static List<StagedRow> person(CsvRecord record, MappingContext context, String idType) {
		String tenant = context.tenantId();
		String id = Records.required(record, "Id");
		String email = Records.email(record, "Email");
		Instant created = Records.timestamp(record, "CreatedDate");
		Instant updated = Records.requiredTimestamp(record, "LastModifiedDate", "SystemModstamp", "CreatedDate");
		String contactId = ContactIds.of(tenant, email, SOURCE, idType, id);
		String stage = idType.equals("lead_id") ? Records.text(record, "Status") : null;
		List<StagedRow> rows = new ArrayList<>(2);
		rows.add(new Contact(tenant, contactId, email, Records.text(record, "FirstName"), Records.text(record, "LastName"),
				stage == null ? null : "Lead: " + stage, created, updated, SOURCE, context.batchId()));
		rows.add(new ContactIdentity(tenant, SOURCE, idType, id, contactId, updated, context.batchId()));
		return rows;
	}

	private static List<StagedRow> campaignMember(CsvRecord record, MappingContext context) {
		String tenant = context.tenantId();
		String campaign = lookup(record, "CampaignId");
		if (campaign == null) {
			throw MalformedRecordException.of(record, "CampaignId: empty or the null lookup " + NULL_LOOKUP);
		}
		String contactId = lookup(record, "ContactId");
		String leadId = lookup(record, "LeadId");
		if (contactId == null && leadId == null) {
			throw MalformedRecordException.of(record, "neither ContactId nor LeadId names the member");
		}
		String member = contactId != null ? ContactIds.forExternalId(tenant, SOURCE, "contact_id", contactId)
				: ContactIds.forExternalId(tenant, SOURCE, "lead_id", leadId);
		boolean deleted = "1".equals(Records.text(record, "IsDeleted"));
		int sign = deleted ? -1 : 1;
		Instant at = Records.parse(record, "CreatedDate", () -> Timestamps.parse(Records.required(record,
				deleted ? "LastModifiedDate" : "CreatedDate", "CreatedDate")));
		String ref = Records.ref(record);
		List<StagedRow> rows = new ArrayList<>(2);
		rows.add(new TagApplication(tenant, member, "campaign:" + campaign, sign, at, SOURCE, ref, context.batchId()));
		if ("1".equals(Records.text(record, "HasResponded"))) {
			Instant responded = Records.parse(record, "FirstRespondedDate",
					() -> Timestamps.parse(Records.text(record, "FirstRespondedDate")));
			rows.add(new TagApplication(tenant, member, "campaign:" + campaign + ":responded", sign,
					responded == null ? at : responded, SOURCE, ref, context.batchId()));
		}
		return rows;
	}

	/** A lookup field, or null when empty or the null-lookup sentinel. */
	private static String lookup(CsvRecord record, String column) {
		String value = Records.text(record, column);
		return value == null || value.equals(NULL_LOOKUP) ? null : value;
	}
}
