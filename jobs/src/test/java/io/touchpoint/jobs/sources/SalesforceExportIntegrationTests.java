package io.touchpoint.jobs.sources;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.nio.file.Path;
import java.time.LocalDate;

import javax.sql.DataSource;

import org.junit.jupiter.api.Test;
import org.springframework.batch.core.BatchStatus;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

import io.touchpoint.jobs.config.WarehouseDataSource;
import io.touchpoint.jobs.executions.JobRuns;
import io.touchpoint.jobs.ingest.IngestParameters;
import io.touchpoint.jobs.model.ContactIds;
import io.touchpoint.jobs.report.LtvReport;
import io.touchpoint.jobs.support.Inboxes;
import io.touchpoint.jobs.support.IntegrationTest;

/**
 * The Salesforce Data Export (hand-written fixture in the documented shape, ISO-8859-1) beside the
 * small Stripe export: campaign memberships, which name contacts only by Salesforce id, count for the
 * e-mail contacts those ids belong to.
 */
class SalesforceExportIntegrationTests extends IntegrationTest {

	private static final String TENANT = "sfdc";

	@Autowired
	private JobRuns runs;

	@Autowired
	private LtvReport ltv;

	@Autowired
	@WarehouseDataSource
	private DataSource warehouse;

	@Test
	void campaignMembersResolveToEmailContactsAndLatin1NamesAreKept() throws Exception {
		// given Stripe: Ann net 100.00 USD, Bob 50.00 - 20.00 refunded = 30.00; Salesforce: contacts Ann, Zoë,
		// Nomail (no e-mail), a deleted contact; lead Bob; campaign A members Ann (responded) and Bob,
		// campaign B member Nomail, a deleted campaign B membership of Zoë, and a member without a campaign;
		// campaigns A and C named (a deleted campaign too), B not
		Path inbox = Inboxes.create(home(), TENANT);
		Inboxes.copy(inbox, "stripe", "/inbox/small/unified_payments.csv", "unified_payments.csv");
		for (String file : new String[] { "Contact.csv", "Lead.csv", "Campaign.csv", "CampaignMember.csv" }) {
			Inboxes.copy(inbox, "salesforce", "/fixtures/salesforce/" + file, file);
		}

		// when
		var execution = runs.start("nightly", IngestParameters.nightly(TENANT, LocalDate.of(2026, 11, 1), inbox.toString()));

		// then
		assertThat(execution.getStatus()).isEqualTo(BatchStatus.COMPLETED);
		JdbcTemplate jdbc = new JdbcTemplate(warehouse);
		assertThat(jdbc.queryForList("SELECT email, first_name, last_name, lifecycle_stage FROM contacts WHERE tenant_id = ? "
				+ "ORDER BY first_name", TENANT))
			.extracting(r -> tuple(r.get("email"), r.get("first_name"), r.get("last_name"), r.get("lifecycle_stage")))
			.containsExactly(tuple("ann@example.com", "Ann", "Archer", null),
					tuple("bob@example.com", "Bob", "Baker", "Lead: Open - Not Contacted"),
					tuple(null, "Nomail", "Person", null), tuple("zoe@example.com", "Zoë", "Núñez", null));
		assertThat(jdbc.queryForList("SELECT tag, sign, contact_id FROM tag_applications WHERE tenant_id = ? ORDER BY tag, sign",
				TENANT))
			.extracting(r -> tuple(r.get("tag"), ((Number) r.get("sign")).intValue(), r.get("contact_id")))
			.containsExactly(
					tuple("campaign:701x000001CmAAAA", 1, alias("contact_id", "0031x000001AnnAAA")),
					tuple("campaign:701x000001CmAAAA", 1, alias("lead_id", "00Qx000001BobAAA")),
					tuple("campaign:701x000001CmAAAA:responded", 1, alias("contact_id", "0031x000001AnnAAA")),
					tuple("campaign:701x000001CmBAAA", -1, alias("contact_id", "0031x000001ZoeAAA")),
					tuple("campaign:701x000001CmBAAA", 1, alias("contact_id", "0031x000001NomAAA")));
		assertThat(jdbc.queryForList("SELECT CONCAT_WS(' ', source, campaign_id, observed_at, name) FROM campaigns "
				+ "WHERE tenant_id = ? ORDER BY campaign_id", String.class, TENANT))
			.containsExactly("salesforce 701x000001CmAAAA 2026-10-02 16:30:00.000000 Webinar Q3: Pricing \u00e0 la carte",
					"salesforce 701x000001CmCAAA 2026-10-15 11:00:00.000000 Trade Show \"Autumn\", Berlin");
		assertThat(jdbc.queryForList("SELECT source, line, reason FROM quarantine WHERE tenant_id = ? ORDER BY source", TENANT))
			.extracting(r -> tuple(r.get("source"), r.get("line")))
			.containsExactly(tuple("salesforce", 6L), tuple("stripe", 6L));

		// 4 contacts (Ann 10000, Bob 3000, Zoë 0, Nomail 0), total 13000
		assertThat(jdbc.queryForList("SELECT touchpoint, contacts_with, avg_net_with_minor, contacts_without, "
				+ "avg_net_without_minor, lift_minor FROM touchpoint_value WHERE tenant_id = ? ORDER BY touchpoint", TENANT))
			.extracting(r -> tuple(r.get("touchpoint"), r.get("contacts_with"), r.get("avg_net_with_minor"),
					r.get("contacts_without"), r.get("avg_net_without_minor"), r.get("lift_minor")))
			.containsExactly(tuple("campaign:701x000001CmAAAA", 2L, 6500L, 2L, 0L, 6500L),
					tuple("campaign:701x000001CmAAAA:responded", 1L, 10000L, 3L, 1000L, 9000L),
					tuple("campaign:701x000001CmBAAA", 1L, 0L, 3L, 4333L, -4333L));

		// the terminal report names campaign A (Campaign.csv line 2) with its id, the name cut to keep the cell within
		// 60 characters (10 + 11 + 19 around the name leave it 20: 19 and "…"); B has no Campaign.csv row: its tag
		String report = ltv.render(TENANT, 5, 30);
		assertThat(report.lines().filter(line -> line.startsWith("tag ")).map(line -> line.split("\\s{2,}")[1]))
			.containsExactly("campaign: Webinar Q3: Pricing\u2026, responded (701x000001CmAAAA)",
					"campaign: Webinar Q3: Pricing \u00e0 la carte (701x000001CmAAAA)", "campaign:701x000001CmBAAA");
		assertThat(report).contains("Contacts tagged campaign: Webinar Q3: Pricing \u00e0 la carte, responded "
				+ "(701x000001CmAAAA) are worth $100 on average; contacts without it $10 (+$90, 1 vs 3 contacts).")
			.contains("Contacts tagged campaign:701x000001CmBAAA are worth $0 on average;");
	}

	private static String alias(String idType, String salesforceId) {
		return ContactIds.forExternalId(TENANT, "salesforce", idType, salesforceId);
	}
}
