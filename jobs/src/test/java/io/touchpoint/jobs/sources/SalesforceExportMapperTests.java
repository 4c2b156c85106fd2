package io.touchpoint.jobs.sources;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.touchpoint.jobs.model.Campaign;
import io.touchpoint.jobs.model.Contact;
import io.touchpoint.jobs.model.ContactIdentity;
import io.touchpoint.jobs.model.ContactIds;
import io.touchpoint.jobs.model.TagApplication;
import io.touchpoint.jobs.model.TagSnapshot;
import io.touchpoint.jobs.sources.salesforce.SalesforceExportMapper;
import io.touchpoint.jobs.support.CsvRecords;
import io.touchpoint.readers.MalformedFileException;
import io.touchpoint.readers.MalformedRecordException;
import io.touchpoint.readers.csv.CsvRecord;

/**
 * The Salesforce Data Export's {@code Campaign.csv} (hand-written fixture in the documented shape, ISO-8859-1,
 * see fixtures/salesforce/PROVENANCE.txt): told apart from the other objects by its header, each campaign's
 * name at its last modification, a deleted campaign filtered; and campaign membership as a snapshot: each
 * contact and member row is also a listing of the member's alias id at the context's listing time.
 */
class SalesforceExportMapperTests {

	private static final String FIXTURE = "/fixtures/salesforce/Campaign.csv";

	private final SalesforceExportMapper mapper = new SalesforceExportMapper();

	private final SourceMapper.MappingContext context = new SourceMapper.MappingContext("t1", "b1",
			Instant.parse("2026-11-02T00:00:00Z"));

	@Test
	void campaignRowsBecomeTheirNamesAtTheirLastModificationAndADeletedCampaignIsFiltered() throws Exception {
		// given the fixture: line 2 campaign A (Latin-1 "à"), line 3 a deleted campaign, line 4 a name with quotes
		// and a comma
		List<CsvRecord> records = CsvRecords.read("salesforce", FIXTURE, StandardCharsets.ISO_8859_1);

		// when / then
		assertThat(mapper.map(records.get(0), context)).containsExactly(new Campaign("t1", "salesforce",
				"701x000001CmAAAA", "Webinar Q3: Pricing \u00e0 la carte", Instant.parse("2026-10-02T16:30:00Z"),
				"Campaign.csv:2", "b1"));
		assertThat(mapper.map(records.get(1), context)).isEmpty();
		assertThat(mapper.map(records.get(2), context)).containsExactly(new Campaign("t1", "salesforce",
				"701x000001CmCAAA", "Trade Show \"Autumn\", Berlin", Instant.parse("2026-10-15T11:00:00Z"),
				"Campaign.csv:4", "b1"));
	}

	@Test
	void aCampaignWithoutANameIsQuarantinedNamingTheField() throws Exception {
		// given
		List<CsvRecord> records = CsvRecords.text("salesforce", "Campaign.csv", "\"Id\",\"IsDeleted\",\"Name\",\"Type\","
				+ "\"CreatedDate\",\"LastModifiedDate\",\"SystemModstamp\"\r\n\"701x000001CmDAAA\",\"0\",\"\",\"Email\","
				+ "\"2026-10-01 08:00:00\",\"2026-10-01 08:00:00\",\"2026-10-01 08:00:00\"\r\n");

		// when / then
		assertThatThrownBy(() -> mapper.map(records.get(0), context)).isInstanceOf(MalformedRecordException.class)
			.hasMessageContaining("Campaign.csv line 2").hasMessageContaining("empty Name");
	}

	@Test
	void aFileOfAnotherObjectIsRefusedNamingTheObjectsItReads() throws Exception {
		// given an Account export: Id, IsDeleted, but neither a person's, a campaign's nor a member's columns
		List<CsvRecord> records = CsvRecords.text("salesforce", "Account.csv",
				"\"Id\",\"IsDeleted\",\"Phone\"\r\n\"001x0000001AccAAA\",\"0\",\"555\"\r\n");

		// when / then
		assertThatThrownBy(() -> mapper.map(records.get(0), context)).isInstanceOf(MalformedFileException.class)
			.hasMessageContaining("not a Salesforce Contact, Lead, Campaign or CampaignMember export");
	}

	@Test
	void contactsAndMembersAreListingsOfTheAliasIdAtTheListingTime() throws Exception {
		// given Contact.csv line 2 (Ann) and CampaignMember.csv lines 2 (Ann in campaign A, responded 10-05) and
		// 5 (Zoë's deleted membership of campaign B, modified 10-06 12:00)
		CsvRecord ann = CsvRecords.read("salesforce", "/fixtures/salesforce/Contact.csv", StandardCharsets.ISO_8859_1)
			.get(0);
		List<CsvRecord> members = CsvRecords.read("salesforce", "/fixtures/salesforce/CampaignMember.csv",
				StandardCharsets.ISO_8859_1);
		String annAlias = ContactIds.forExternalId("t1", "salesforce", "contact_id", "0031x000001AnnAAA");
		String zoeAlias = ContactIds.forExternalId("t1", "salesforce", "contact_id", "0031x000001ZoeAAA");
		Instant listed = Instant.parse("2026-11-02T00:00:00Z");

		// when / then the contact: its contact and identity, then an empty listing of its alias
		assertThat(mapper.map(ann, context)).hasSize(3)
			.hasExactlyElementsOfTypes(Contact.class, ContactIdentity.class, TagSnapshot.class)
			.last()
			.isEqualTo(new TagSnapshot("t1", annAlias, "", listed, "salesforce", "Contact.csv:2", "b1"));
		// the member: its applications at CreatedDate and FirstRespondedDate, and the listing of both tags
		assertThat(mapper.map(members.get(0), context)).containsExactly(
				new TagApplication("t1", annAlias, "campaign:701x000001CmAAAA", 1, Instant.parse("2026-10-03T12:00:00Z"),
						"salesforce", "CampaignMember.csv:2", "b1"),
				new TagApplication("t1", annAlias, "campaign:701x000001CmAAAA:responded", 1,
						Instant.parse("2026-10-05T00:00:00Z"), "salesforce", "CampaignMember.csv:2", "b1"),
				new TagSnapshot("t1", annAlias, "", listed, "salesforce", "CampaignMember.csv:2", "b1"),
				new TagSnapshot("t1", annAlias, "campaign:701x000001CmAAAA", listed, "salesforce", "CampaignMember.csv:2",
						"b1"),
				new TagSnapshot("t1", annAlias, "campaign:701x000001CmAAAA:responded", listed, "salesforce",
						"CampaignMember.csv:2", "b1"));
		// a deleted membership: its removal at LastModifiedDate and a listing without the tag
		assertThat(mapper.map(members.get(3), context)).containsExactly(
				new TagApplication("t1", zoeAlias, "campaign:701x000001CmBAAA", -1, Instant.parse("2026-10-06T12:00:00Z"),
						"salesforce", "CampaignMember.csv:5", "b1"),
				new TagSnapshot("t1", zoeAlias, "", listed, "salesforce", "CampaignMember.csv:5", "b1"));
	}
}
