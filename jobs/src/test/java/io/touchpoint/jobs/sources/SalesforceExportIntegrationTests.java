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
	@WarehouseDataSource
	private DataSource warehouse;

	@Test
	void campaignMembersResolveToEmailContactsAndLatin1NamesAreKept() throws Exception {
		// given Stripe: Ann net 100.00 USD, Bob 50.00 - 20.00 refunded = 30.00; Salesforce: contacts Ann, Zoë,
		// Nomail (no e-mail), a deleted contact; lead Bob; campaign A members Ann (responded) and Bob,
		// campaign B member Nomail, a deleted campaign B membership of Zoë, and a member without a campaign
		Path inbox = Inboxes.create(home(), TENANT);
		Inboxes.copy(inbox, "stripe", "/inbox/small/unified_payments.csv", "unified_payments.csv");
		for (String file : new String[] { "Contact.csv", "Lead.csv", "CampaignMember.csv" }) {
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
	}

	private static String alias(String idType, String salesforceId) {
		return ContactIds.forExternalId(TENANT, "salesforce", idType, salesforceId);
	}
}
