package io.touchpoint.jobs.sources.salesforce;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;

import org.springframework.stereotype.Component;

import io.touchpoint.jobs.sources.Records;
import io.touchpoint.jobs.sources.SourceMapper;
import io.touchpoint.readers.MalformedFileException;
import io.touchpoint.readers.SourceRecord;
import io.touchpoint.readers.csv.CsvHeader;
import io.touchpoint.readers.csv.CsvRecord;
import io.touchpoint.writers.staging.StagedRow;

/**
 * The Salesforce weekly Data Export: {@code Contact.csv}, {@code Lead.csv}, {@code Campaign.csv} and
 * {@code CampaignMember.csv} in one {@code salesforce/} folder, told apart by their headers. The files
 * are ISO-8859-1, every field quoted, booleans {@code "0"/"1"}, datetimes UTC, and a null lookup may
 * be the sentinel {@code 000000000000000AAA}. Rows are mapped by {@link SalesforceRows}, as the REST API's
 * records are; deleted contacts, leads and campaigns ({@code IsDeleted = 1}) are filtered.
 *
 * <p>The export is a snapshot of campaign membership ({@link TagFeed#SNAPSHOT}): besides each membership's
 * application at its {@code CreatedDate}, every contact, lead and member row is a listing
 * ({@link io.touchpoint.jobs.model.TagSnapshot}) of the member's alias id at the batch's
 * {@link MappingContext#listedAt()}, so that a membership the next export leaves out is removed there.
 */
@Component
public final class SalesforceExportMapper implements SourceMapper {

	public static final String SOURCE = "salesforce";

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
		CsvFields fields = new CsvFields(record);
		return switch (kind(record.header())) {
			case CAMPAIGN_MEMBER -> SalesforceRows.listedCampaignMember(fields, context);
			case CAMPAIGN -> SalesforceRows.campaign(fields, context);
			case LEAD -> SalesforceRows.listedPerson(fields, context, "lead_id");
			case CONTACT -> SalesforceRows.listedPerson(fields, context, "contact_id");
		};
	}

	/**
	 * A Data Export is a snapshot of campaign membership: every membership a listed contact or lead has is in
	 * it, so a membership a later export no longer lists was removed.
	 */
	@Override
	public TagFeed tagFeed() {
		return TagFeed.SNAPSHOT;
	}

	/** An export's Contact, Lead and CampaignMember files are one listing: a file unchanged since last week too. */
	@Override
	public boolean wholeExport() {
		return true;
	}

	private enum Kind {
		CONTACT, LEAD, CAMPAIGN, CAMPAIGN_MEMBER
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
		if (header.indexOf("Name") >= 0 && header.indexOf("FirstName") < 0) {
			return Kind.CAMPAIGN;
		}
		throw new MalformedFileException(header.file(), 1, "not a Salesforce Contact, Lead, Campaign or CampaignMember "
				+ "export (no Email, Name or CampaignId column); keep only those objects' CSV files in the salesforce/ "
				+ "folder, then restart");
	}

	/** A Data Export row's fields: booleans are {@code "0"/"1"}, datetimes UTC. */
	private record CsvFields(CsvRecord record) implements SalesforceRows.Fields {

		@Override
		public String text(String field) {
			return Records.text(record, field);
		}

		@Override
		public boolean flag(String field) {
			return "1".equals(Records.text(record, field));
		}

		@Override
		public Instant time(String field) {
			return Records.timestamp(record, field);
		}
	}
}
