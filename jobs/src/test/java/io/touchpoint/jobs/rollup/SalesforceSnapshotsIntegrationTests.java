package io.touchpoint.jobs.rollup;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

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
 * The Salesforce Data Export is a snapshot of campaign membership: two weekly exports through the nightly job
 * (business dates 11-01 and 11-08, tenant in UTC, so listed at 11-02 00:00 and 11-09 00:00), the tag changes
 * they mean computed by hand, and after the last night a rebuild.
 *
 * <pre>
 * export 1  contacts Ann, Cal, Dan; lead Bob; members: Ann in A (responded 10-05), Bob in A, Cal in B, Dan in B
 * export 2  contacts Ann, Cal; lead Bob (Lead.csv the same file as in export 1, read again as part of the new
 *           export; Dan left out); members: Ann in A (responded) again, Ann in C (new,
 *           created 11-06 09:00), Cal's membership of B deleted (IsDeleted 1, modified 11-05 10:00); Bob's
 *           membership of A no longer listed, without a deleted row
 *
 * tag_applications (member alias ids)
 *   night 1  member rows: Ann A +1 (10-03 12:00), Ann A:responded +1 (10-05), Bob A +1 (10-03 12:00),
 *            Cal B +1 (10-04 12:00), Dan B +1 (10-04 12:00); every listed tag is held once: nothing derived
 *   night 2  member rows: Ann A +1 and Ann A:responded +1 again (held twice now), Ann C +1 (11-06 09:00),
 *            Cal B -1 (11-05 10:00);
 *            derived at 11-09 00:00: Ann A -1 and Ann A:responded -1 (back to once), Bob A -1 (listed by
 *            Lead.csv, no member row names A); Cal B is at 0 already; Dan, not listed, keeps B
 * contact_touchpoints (held tags, on the e-mail contacts) after night 2: Ann A, Ann A:responded, Ann C, Dan B
 * </pre>
 */
class SalesforceSnapshotsIntegrationTests extends IntegrationTest {

	private static final String TENANT = "sfsnap";

	private static final String CONTACT = q("Id", "IsDeleted", "FirstName", "LastName", "Email", "CreatedDate",
			"LastModifiedDate");

	private static final String LEAD = q("Id", "IsDeleted", "FirstName", "LastName", "Company", "Email", "Status",
			"IsConverted", "CreatedDate", "LastModifiedDate");

	private static final String MEMBER = q("Id", "IsDeleted", "CampaignId", "LeadId", "ContactId", "HasResponded",
			"CreatedDate", "LastModifiedDate", "FirstRespondedDate");

	private static final String NONE = "000000000000000AAA";

	private static final String ANN = q("0031x000001AnnAAA", "0", "Ann", "Archer", "ann@example.com",
			"2026-10-01 09:00:00", "2026-10-20 10:00:00");

	private static final String CAL = q("0031x000001CalAAA", "0", "Cal", "Cole", "cal@example.com",
			"2026-10-01 09:00:00", "2026-10-20 10:00:00");

	private static final String DAN = q("0031x000001DanAAA", "0", "Dan", "Dorn", "dan@example.com",
			"2026-10-01 09:00:00", "2026-10-20 10:00:00");

	private static final String BOB = q("00Qx000001BobAAA", "0", "Bob", "Baker", "Baker & Co", "bob@example.com",
			"Open", "0", "2026-10-01 09:00:00", "2026-10-20 10:00:00");

	private static final String ANN_IN_A = q("00vx000001M01AAA", "0", "701x00000000AAAA", NONE, "0031x000001AnnAAA",
			"1", "2026-10-03 12:00:00", "2026-10-05 12:00:00", "2026-10-05");

	@Autowired
	private JobRuns runs;

	@Autowired
	private RollupRunner rollups;

	@Autowired
	@WarehouseDataSource
	private DataSource warehouse;

	@Test
	void aMembershipTheNextExportNoLongerListsIsRemoved() throws Exception {
		// given
		JdbcTemplate jdbc = new JdbcTemplate(warehouse);
		String ann = alias("contact_id", "0031x000001AnnAAA");
		String bob = alias("lead_id", "00Qx000001BobAAA");
		String cal = alias("contact_id", "0031x000001CalAAA");
		String dan = alias("contact_id", "0031x000001DanAAA");

		// when night 1
		night(LocalDate.of(2026, 11, 1), CONTACT + ANN + CAL + DAN, LEAD + BOB, MEMBER + ANN_IN_A
				+ q("00vx000001M02AAA", "0", "701x00000000AAAA", "00Qx000001BobAAA", NONE, "0", "2026-10-03 12:00:00",
						"2026-10-03 12:00:00", "")
				+ q("00vx000001M03AAA", "0", "701x00000000BAAA", NONE, "0031x000001CalAAA", "0", "2026-10-04 12:00:00",
						"2026-10-04 12:00:00", "")
				+ q("00vx000001M04AAA", "0", "701x00000000BAAA", NONE, "0031x000001DanAAA", "0", "2026-10-04 12:00:00",
						"2026-10-04 12:00:00", ""));

		// then
		assertThat(tags(jdbc)).containsExactlyInAnyOrder("ann campaign:701x00000000AAAA",
				"ann campaign:701x00000000AAAA:responded", "bob campaign:701x00000000AAAA",
				"cal campaign:701x00000000BAAA", "dan campaign:701x00000000BAAA");

		// when night 2
		night(LocalDate.of(2026, 11, 8), CONTACT + ANN + CAL, LEAD + BOB, MEMBER + ANN_IN_A
				+ q("00vx000001M05AAA", "0", "701x00000000CAAA", NONE, "0031x000001AnnAAA", "0", "2026-11-06 09:00:00",
						"2026-11-06 09:00:00", "")
				+ q("00vx000001M03AAA", "1", "701x00000000BAAA", NONE, "0031x000001CalAAA", "0", "2026-10-04 12:00:00",
						"2026-11-05 10:00:00", ""));
		Map<String, List<String>> incremental = new Facts(jdbc, TENANT).snapshot();

		// then
		assertThat(jdbc.queryForList("SELECT CONCAT_WS(' ', contact_id, tag, sign, occurred_at) FROM tag_applications "
				+ "WHERE tenant_id = ?", String.class, TENANT))
			.containsExactlyInAnyOrder(ann + " campaign:701x00000000AAAA 1 2026-10-03 12:00:00.000000",
					ann + " campaign:701x00000000AAAA:responded 1 2026-10-05 00:00:00.000000",
					bob + " campaign:701x00000000AAAA 1 2026-10-03 12:00:00.000000",
					cal + " campaign:701x00000000BAAA 1 2026-10-04 12:00:00.000000",
					dan + " campaign:701x00000000BAAA 1 2026-10-04 12:00:00.000000",
					ann + " campaign:701x00000000AAAA 1 2026-10-03 12:00:00.000000",
					ann + " campaign:701x00000000AAAA:responded 1 2026-10-05 00:00:00.000000",
					ann + " campaign:701x00000000CAAA 1 2026-11-06 09:00:00.000000",
					cal + " campaign:701x00000000BAAA -1 2026-11-05 10:00:00.000000",
					ann + " campaign:701x00000000AAAA -1 2026-11-09 00:00:00.000000",
					ann + " campaign:701x00000000AAAA:responded -1 2026-11-09 00:00:00.000000",
					bob + " campaign:701x00000000AAAA -1 2026-11-09 00:00:00.000000");
		assertThat(tags(jdbc)).containsExactlyInAnyOrder("ann campaign:701x00000000AAAA",
				"ann campaign:701x00000000AAAA:responded", "ann campaign:701x00000000CAAA",
				"dan campaign:701x00000000BAAA");

		// and a rebuild after the last night gives the same tables
		rollups.rebuild(TENANT, RollupRunner.NO_WINDOW_END);
		assertThat(new Facts(jdbc, TENANT).snapshot()).isEqualTo(incremental);
	}

	private void night(LocalDate date, String contacts, String leads, String members) throws Exception {
		Path inbox = Inboxes.create(home(), TENANT + "-" + date);
		Path folder = Files.createDirectories(inbox.resolve("salesforce"));
		Files.writeString(folder.resolve("Contact.csv"), contacts, StandardCharsets.ISO_8859_1);
		Files.writeString(folder.resolve("Lead.csv"), leads, StandardCharsets.ISO_8859_1);
		Files.writeString(folder.resolve("CampaignMember.csv"), members, StandardCharsets.ISO_8859_1);
		assertThat(runs.start("nightly", IngestParameters.nightly(TENANT, date, inbox.toString())).getStatus())
			.isEqualTo(BatchStatus.COMPLETED);
	}

	/** Held tags as "first-name tag", on the e-mail contacts the member ids resolve to. */
	private static List<String> tags(JdbcTemplate jdbc) {
		return jdbc.queryForList("SELECT CONCAT_WS(' ', LOWER(c.first_name), ct.touchpoint) FROM contact_touchpoints ct "
				+ "JOIN contacts c ON c.tenant_id = ct.tenant_id AND c.contact_id = ct.contact_id WHERE ct.tenant_id = ? "
				+ "AND ct.kind = 'tag' AND ct.held = 1", String.class, TENANT);
	}

	private static String alias(String idType, String salesforceId) {
		return ContactIds.forExternalId(TENANT, "salesforce", idType, salesforceId);
	}

	/** One Data Export line: every field quoted. */
	private static String q(String... fields) {
		StringBuilder line = new StringBuilder();
		for (String field : fields) {
			line.append(line.isEmpty() ? "" : ",").append('"').append(field.replace("\"", "\"\"")).append('"');
		}
		return line.append("\r\n").toString();
	}
}
