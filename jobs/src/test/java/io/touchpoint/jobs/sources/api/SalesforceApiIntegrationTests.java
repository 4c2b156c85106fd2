package io.touchpoint.jobs.sources.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

import io.touchpoint.jobs.ingest.IngestParameters;
import io.touchpoint.jobs.model.ContactIds;
import io.touchpoint.jobs.report.CampaignNames;
import io.touchpoint.jobs.report.LtvReport;
import io.touchpoint.jobs.support.ApiIntegrationTest;
import io.touchpoint.jobs.support.SalesforceApi;
import io.touchpoint.jobs.support.VendorApiServer;

/**
 * The Salesforce REST query source end to end against a Salesforce-shaped local server that answers two
 * records a batch: each stream's SOQL query filters {@code SystemModstamp} by the window, and the client
 * follows {@code nextRecordsUrl} until {@code done}, each batch once.
 *
 * <p>Seeded: contacts 003A Ann, 003B (e-mail {@code ann at example}), 003C without e-mail, 003Z before the
 * window; lead 00QA Bob; campaigns 701A and 701B with their names, 701Z before the window; campaign members of
 * 701A (Ann, responded; Bob's lead) and 701B (Bob's lead, its ContactId the null lookup
 * {@code 000000000000000AAA}).
 */
class SalesforceApiIntegrationTests extends ApiIntegrationTest {

	@Autowired
	private LtvReport ltv;

	private static Map<String, Object> fields(Object... pairs) {
		Map<String, Object> fields = new HashMap<>();
		for (int i = 0; i < pairs.length; i += 2) {
			fields.put((String) pairs[i], pairs[i + 1]);
		}
		return fields;
	}

	@Test
	void queriesEachObjectByModstampAndFollowsNextRecordsUrlToDone() throws Exception {
		String tenant = "api-salesforce";
		SalesforceApi api = new SalesforceApi(apiToken(tenant, "salesforce"));
		api.record("Contact", "003A", "2026-11-01T10:00:00Z", fields("Email", "Ann@Example.com", "FirstName", "Ann",
				"LastName", "Lee", "CreatedDate", "2026-10-01T08:00:00Z", "LastModifiedDate", "2026-11-01T09:59:00Z"));
		api.record("Contact", "003B", "2026-11-02T10:00:00Z", fields("Email", "ann at example", "FirstName", "Bad"));
		api.record("Contact", "003C", "2026-11-03T10:00:00Z", fields("Email", null, "FirstName", "No", "LastName", "Mail"));
		api.record("Contact", "003Z", "2026-09-01T10:00:00Z", fields("Email", "old@example.com"));
		api.record("Lead", "00QA", "2026-11-04T10:00:00Z", fields("Email", "bob@example.com", "FirstName", "Bob",
				"LastName", "Stone", "Status", "Open - Not Contacted"));
		api.record("Campaign", "701A", "2026-11-02T12:00:00Z", fields("Name", "Webinar Q3", "CreatedDate",
				"2026-10-20T08:00:00Z", "LastModifiedDate", "2026-11-02T11:59:00Z"));
		api.record("Campaign", "701B", "2026-11-03T12:00:00Z", fields("Name", "Trial, EMEA"));
		api.record("Campaign", "701Z", "2026-09-01T12:00:00Z", fields("Name", "Before the window"));
		api.record("CampaignMember", "00vA", "2026-11-06T00:00:00Z", fields("CampaignId", "701A", "ContactId", "003A",
				"LeadId", null, "HasResponded", true, "FirstRespondedDate", "2026-11-06T00:00:00Z", "CreatedDate",
				"2026-11-05T00:00:00Z"));
		api.record("CampaignMember", "00vB", "2026-11-07T00:00:00Z", fields("CampaignId", "701A", "ContactId", null,
				"LeadId", "00QA", "HasResponded", false, "FirstRespondedDate", null));
		api.record("CampaignMember", "00vC", "2026-11-08T00:00:00Z", fields("CampaignId", "701B", "ContactId",
				"000000000000000AAA", "LeadId", "00QA", "HasResponded", false, "FirstRespondedDate", null));
		SERVER.route(tenant + "/salesforce", api);

		JobExecution run = night(tenant);

		assertThat(run.getStatus()).isEqualTo(BatchStatus.COMPLETED);
		List<VendorApiServer.Request> requests = SERVER.requests(tenant + "/salesforce");
		assertThat(requests).extracting(request -> request.path().replaceAll("(query|queryAll)/\\w+-", "$1/<locator>-"))
			.containsExactly("/services/data/v60.0/queryAll", "/services/data/v60.0/queryAll/<locator>-2",
					"/services/data/v60.0/query", "/services/data/v60.0/query", "/services/data/v60.0/query/<locator>-2",
					"/services/data/v60.0/query");
		assertThat(requests.get(0).param("q")).isEqualTo("SELECT Id, IsDeleted, CampaignId, ContactId, LeadId, HasResponded,"
				+ " FirstRespondedDate, CreatedDate, LastModifiedDate, SystemModstamp FROM CampaignMember WHERE SystemModstamp"
				+ " >= 2026-10-11T00:00:00Z AND SystemModstamp < 2026-11-11T00:00:00Z ORDER BY SystemModstamp");
		// streams are fetched in name order: campaign_members, campaigns, contacts, leads
		assertThat(requests.get(2).param("q")).isEqualTo("SELECT Id, IsDeleted, Name, CreatedDate, LastModifiedDate, "
				+ "SystemModstamp FROM Campaign WHERE SystemModstamp >= 2026-10-11T00:00:00Z AND SystemModstamp < "
				+ "2026-11-11T00:00:00Z ORDER BY SystemModstamp");
		assertThat(requests.get(3).param("q")).startsWith("SELECT Id, IsDeleted, Email, FirstName, LastName, CreatedDate,")
			.contains(" FROM Contact WHERE ");
		assertThat(requests.get(5).param("q")).contains(", Status, ").contains(" FROM Lead WHERE ");
		assertThat(requests).allSatisfy(request -> assertThat(request.headers().get("authorization"))
			.isEqualTo("Bearer " + apiToken(tenant, "salesforce")));

		JdbcTemplate jdbc = warehouse();
		String ann = ContactIds.forEmail(tenant, "ann@example.com");
		String bob = ContactIds.forEmail(tenant, "bob@example.com");
		String nomail = ContactIds.forExternalId(tenant, "salesforce", "contact_id", "003C");
		assertThat(jdbc.queryForList("SELECT CONCAT_WS(' ', contact_id, email, first_name, last_name, lifecycle_stage, "
				+ "created_at, updated_at) FROM contacts WHERE tenant_id = ? ORDER BY first_name", String.class, tenant))
			.containsExactly(ann + " ann@example.com Ann Lee 2026-10-01 08:00:00.000000 2026-11-01 09:59:00.000000",
					bob + " bob@example.com Bob Stone Lead: Open - Not Contacted 2026-11-04 10:00:00.000000 "
							+ "2026-11-04 10:00:00.000000",
					nomail + " No Mail 2026-11-03 10:00:00.000000 2026-11-03 10:00:00.000000");
		assertThat(jdbc.queryForList("SELECT CONCAT_WS(' ', id_type, external_id, contact_id) FROM contact_identities "
				+ "WHERE tenant_id = ? ORDER BY external_id", String.class, tenant))
			.containsExactly("contact_id 003A " + ann, "contact_id 003C " + nomail, "lead_id 00QA " + bob);
		assertThat(jdbc.queryForList("SELECT CONCAT_WS(' ', COALESCE(i.contact_id, t.contact_id), t.tag, t.sign, "
				+ "t.occurred_at) FROM tag_applications t LEFT JOIN contact_identities i ON i.tenant_id = t.tenant_id AND "
				+ "i.alias_contact_id = t.contact_id WHERE t.tenant_id = ? ORDER BY t.occurred_at, t.tag", String.class,
				tenant)).containsExactly(ann + " campaign:701A 1 2026-11-05 00:00:00.000000",
						ann + " campaign:701A:responded 1 2026-11-06 00:00:00.000000",
						bob + " campaign:701A 1 2026-11-07 00:00:00.000000",
						bob + " campaign:701B 1 2026-11-08 00:00:00.000000");
		// each campaign in the window by its name at its LastModifiedDate (701B's defaults to its SystemModstamp)
		assertThat(jdbc.queryForList("SELECT CONCAT_WS(' ', source, campaign_id, observed_at, name) FROM campaigns "
				+ "WHERE tenant_id = ? ORDER BY campaign_id", String.class, tenant))
			.containsExactly("salesforce 701A 2026-11-02 11:59:00.000000 Webinar Q3",
					"salesforce 701B 2026-11-03 12:00:00.000000 Trial, EMEA");
		assertThat(quarantine(tenant)).containsExactly("salesforce api/salesforce/contacts/page-00001.jsonl 2");
		assertThat(jdbc.queryForObject("SELECT reason FROM quarantine WHERE tenant_id = ?", String.class, tenant))
			.contains("Email").contains("ann at example");
	}

	@Test
	void aMemberTakenOffACampaignInSalesforceLosesTheCampaignTagOnTheNextNight() throws Exception {
		// given Ann, a member of campaign 701A since Nov 5, loaded on the first night
		String tenant = "api-salesforce-removed";
		SalesforceApi api = new SalesforceApi(apiToken(tenant, "salesforce"));
		api.record("Contact", "003A", "2026-11-01T10:00:00Z", fields("Email", "ann@example.com", "FirstName", "Ann"));
		api.record("CampaignMember", "00vA", "2026-11-05T00:00:00Z", fields("CampaignId", "701A", "ContactId", "003A",
				"LeadId", null, "HasResponded", false, "FirstRespondedDate", null, "CreatedDate", "2026-11-05T00:00:00Z"));
		SERVER.route(tenant + "/salesforce", api);
		assertThat(night(tenant).getStatus()).isEqualTo(BatchStatus.COMPLETED);

		// when Salesforce deletes the membership (queryAll returns it with IsDeleted, stamped at the deletion) and the
		// next night runs
		api.record("CampaignMember", "00vA", "2026-11-11T06:00:00Z", fields("IsDeleted", true, "CampaignId", "701A",
				"ContactId", "003A", "LeadId", null, "HasResponded", false, "FirstRespondedDate", null, "CreatedDate",
				"2026-11-05T00:00:00Z", "LastModifiedDate", "2026-11-11T06:00:00Z"));
		JobExecution next = runs.start("nightly", IngestParameters.nightly(tenant, NIGHT.plusDays(1),
				home().resolve("no-inbox").toString()));
		assertThat(next.getStatus()).isEqualTo(BatchStatus.COMPLETED);

		// then the tag was applied on Nov 5 and removed at the deletion: Ann holds it no more (1 - 1 = 0)
		String ann = ContactIds.forEmail(tenant, "ann@example.com");
		JdbcTemplate jdbc = warehouse();
		assertThat(jdbc.queryForList("SELECT CONCAT_WS(' ', COALESCE(i.contact_id, t.contact_id), t.tag, t.sign, "
				+ "t.occurred_at) FROM tag_applications t LEFT JOIN contact_identities i ON i.tenant_id = t.tenant_id AND "
				+ "i.alias_contact_id = t.contact_id WHERE t.tenant_id = ? ORDER BY t.occurred_at", String.class, tenant))
			.containsExactly(ann + " campaign:701A 1 2026-11-05 00:00:00.000000",
					ann + " campaign:701A -1 2026-11-11 06:00:00.000000");
		assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM contact_touchpoints WHERE tenant_id = ? AND held = 1",
				Integer.class, tenant)).isZero();
	}

	@Test
	void aCampaignRenamedInSalesforceIsShownByItsLatestName() throws Exception {
		// given campaign 701A "Webinar Q3", loaded on the first night
		String renamed = "api-salesforce-renamed";
		SalesforceApi api = new SalesforceApi(apiToken(renamed, "salesforce"));
		api.record("Campaign", "701A", "2026-11-02T12:00:00Z", fields("Name", "Webinar Q3"));
		SERVER.route(renamed + "/salesforce", api);
		assertThat(night(renamed).getStatus()).isEqualTo(BatchStatus.COMPLETED);

		// when it is renamed in Salesforce (modified Nov 11, 06:00) and the next night runs
		api.record("Campaign", "701A", "2026-11-11T06:00:00Z", fields("Name", "Webinar Q3 (recording)"));
		JobExecution next = runs.start("nightly", IngestParameters.nightly(renamed, NIGHT.plusDays(1),
				home().resolve("no-inbox").toString()));
		assertThat(next.getStatus()).isEqualTo(BatchStatus.COMPLETED);

		// then both names are kept, each at its modification, and reports show the latest; an unknown id stays an id
		assertThat(warehouse().queryForList("SELECT CONCAT_WS(' ', observed_at, name) FROM campaigns WHERE tenant_id = ? "
				+ "ORDER BY observed_at", String.class, renamed))
			.containsExactly("2026-11-02 12:00:00.000000 Webinar Q3", "2026-11-11 06:00:00.000000 Webinar Q3 (recording)");
		CampaignNames names = ltv.campaignNames(renamed);
		assertThat(names.byId()).containsExactly(Map.entry("701A", "Webinar Q3 (recording)"));
		assertThat(names.label("tag", "campaign:701A:responded")).isEqualTo("campaign: Webinar Q3 (recording), responded (701A)");
		assertThat(names.label("tag", "campaign:701B")).isEqualTo("campaign:701B");
	}
}
