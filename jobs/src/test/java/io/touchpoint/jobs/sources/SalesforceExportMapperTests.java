package io.touchpoint.jobs.sources;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.touchpoint.jobs.model.Campaign;
import io.touchpoint.jobs.sources.salesforce.SalesforceExportMapper;
import io.touchpoint.jobs.support.CsvRecords;
import io.touchpoint.readers.MalformedFileException;
import io.touchpoint.readers.MalformedRecordException;
import io.touchpoint.readers.csv.CsvRecord;

/**
 * The Salesforce Data Export's {@code Campaign.csv} (hand-written fixture in the documented shape, ISO-8859-1,
 * see fixtures/salesforce/PROVENANCE.txt): told apart from the other objects by its header, each campaign's
 * name at its last modification, a deleted campaign filtered.
 */
class SalesforceExportMapperTests {

	private static final String FIXTURE = "/fixtures/salesforce/Campaign.csv";

	private final SalesforceExportMapper mapper = new SalesforceExportMapper();

	private final SourceMapper.MappingContext context = new SourceMapper.MappingContext("t1", "b1");

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
}
