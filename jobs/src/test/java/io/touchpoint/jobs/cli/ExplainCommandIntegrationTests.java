package io.touchpoint.jobs.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.touchpoint.jobs.model.ContactIds;
import io.touchpoint.jobs.support.InProcessCli;
import io.touchpoint.jobs.support.InProcessCli.Result;

/**
 * {@code touchpoint explain} on one embedded home holding one night of the small hand-made inbox (inbox/small/README.md)
 * for tenant {@code why}. Expected values computed by hand from that README:
 *
 * <pre>
 * contact_value (USD)  Ann 10000 (1 purchase, ch_1), Bob 5000 - 2000 = 3000 (1 purchase, ch_2), Cat 0, Eve 0
 * tag webinar-q3       held by Ann and Cat since their HubSpot listing (Last Modified 2026-11-01 08:00)
 *                      with:    (10000 + 0) / 2 = 5000, the row's avg_net_with_minor
 *                      without: Bob, Eve: (3000 + 0) / 2 = 1500, the row's avg_net_without_minor; lift 3500
 * sessions of Ann      1: page /pricing 2026-10-30 10:00 (anon-1, identified as Ann), google, spring_sale;
 *                      2: track "Webinar Registered" 2026-10-31 12:00 (u1), more than 30 min later; converted,
 *                      ch_1 (2026-11-01 10:00) being within 24 h of its end
 * </pre>
 */
class ExplainCommandIntegrationTests {

	private static final String TENANT = "why";

	static Path home;

	@BeforeAll
	static void loadOneNight() throws Exception {
		Path dir = Files.createTempDirectory(Files.createDirectories(Path.of("target").toAbsolutePath()), "explain");
		home = dir.resolve("home");
		Path inbox = dir.resolve("inbox");
		copy(inbox.resolve("stripe/unified_payments.csv"), "unified_payments.csv");
		copy(inbox.resolve("hubspot/hubspot-contacts.csv"), "hubspot-contacts.csv");
		copy(inbox.resolve("segment/events.jsonl"), "events.jsonl");
		Result night = run("run", "nightly", "--tenant", TENANT, "--date", "2026-11-01", "--inbox", inbox.toString());
		assertThat(night.code()).as(night.toString()).isZero();
	}

	@Test
	void theContactsWithATouchpointAreTheRowsGroupAndTheirMeanIsItsAverage() {
		// when
		Result table = run("explain", "--tenant", TENANT, "--touchpoint", "tag:webinar-q3");
		Result csv = run("explain", "--tenant", TENANT, "--touchpoint", "tag:webinar-q3", "--format", "csv");

		// then the lead restates the row, and the listed contacts give the same count and mean
		assertThat(table.code()).as(table.toString()).isZero();
		assertThat(table.out()).startsWith("Contacts with tag:webinar-q3\n"
				+ "touchpoint_value tag:webinar-q3 USD: 2 with it, mean net $50.00; 2 without, mean net $15.00; "
				+ "lift $35.00 (counted: ever).\n"
				+ "These 2 contacts with it, net USD $100.00 (mean $50.00).\n");
		assertThat(csv.out().lines().findFirst()).hasValue("contact_id,email,first_at,purchases,net_USD_minor");
		assertThat(csv.out().lines().skip(1)).containsExactlyInAnyOrder(
				ContactIds.forEmail(TENANT, "ann@example.com") + ",ann@example.com,2026-11-01 08:00:00,1,10000",
				ContactIds.forEmail(TENANT, "cat@example.com") + ",cat@example.com,2026-11-01 08:00:00,0,0");
	}

	@Test
	void theContactsWithoutItAreTheOtherCountedContacts() {
		// when
		Result csv = run("explain", "--tenant", TENANT, "--touchpoint", "tag:webinar-q3", "--group", "without", "--format",
				"csv");
		Result limited = run("explain", "--tenant", TENANT, "--touchpoint", "tag:webinar-q3", "--group", "without",
				"--limit", "1");

		// then
		assertThat(csv.code()).as(csv.toString()).isZero();
		assertThat(csv.out().lines().skip(1)).containsExactlyInAnyOrder(
				ContactIds.forEmail(TENANT, "bob@example.com") + ",bob@example.com,,1,3000",
				ContactIds.forEmail(TENANT, "eve@example.com") + ",eve@example.com,,0,0");
		assertThat(limited.out()).contains("These 2 contacts without it, net USD $30.00 (mean $15.00); the first 1 "
				+ "listed (--limit).");
	}

	@Test
	void aSessionIsListedEventByEvent() {
		// given Ann's sessions by number
		String ann = ContactIds.forEmail(TENANT, "ann@example.com");
		Result ids = run("query", "--format", "csv", "SELECT session_id FROM sessions WHERE tenant_id = '" + TENANT
				+ "' AND contact_id = '" + ann + "' ORDER BY session_number");
		var sessions = ids.out().lines().skip(1).toList();
		assertThat(sessions).as(ids.toString()).hasSize(2);

		// when
		Result first = run("explain", "--tenant", TENANT, "--session", sessions.get(0));
		Result second = run("explain", "--tenant", TENANT, "--session", sessions.get(1), "--format", "json");

		// then
		assertThat(first.code()).as(first.toString()).isZero();
		assertThat(first.out()).contains("Session " + sessions.get(0) + " of contact " + ann + " (ann@example.com), its "
				+ "session 1: 2026-10-30 10:00:00 to 2026-10-30 10:00:00 UTC, 1 event, landing page /pricing, channel "
				+ "google:spring_sale, not converted.")
			.containsPattern("\\b1\\s+page\\s+/pricing\\s+2026-10-30 10:00:00");
		assertThat(second.code()).as(second.toString()).isZero();
		assertThat(second.out().replaceAll("\\s", "")).contains("\"event_number\":1", "\"kind\":\"track\"",
				"\"name\":\"WebinarRegistered\"", "\"occurred_at\":\"2026-10-3112:00:00\"");
	}

	@Test
	void anUnknownTouchpointSessionOrTenantIsAUsageError() {
		// when
		Result touchpoint = run("explain", "--tenant", TENANT, "--touchpoint", "tag:nobody-has-it");
		Result kind = run("explain", "--tenant", TENANT, "--touchpoint", "colour:red");
		Result session = run("explain", "--tenant", TENANT, "--session", "0123");
		Result both = run("explain", "--tenant", TENANT, "--session", "0123", "--touchpoint", "tag:webinar-q3");
		Result tenant = run("explain", "--tenant", "nosuch", "--touchpoint", "tag:webinar-q3");

		// then
		assertThat(touchpoint.code()).isEqualTo(2);
		assertThat(touchpoint.err()).isEqualTo("touchpoint: Tenant why has no touchpoint_value row for tag:nobody-has-it: "
				+ "`report ltv --tenant why` lists its touchpoints\n");
		assertThat(kind.code()).isEqualTo(2);
		assertThat(kind.err()).contains("KIND one of tag, campaign, event, landing_page, ad_campaign");
		assertThat(session.code()).isEqualTo(2);
		assertThat(session.err()).contains("Tenant why has no session 0123");
		assertThat(both.code()).isEqualTo(2);
		assertThat(both.err()).contains("one of --touchpoint KIND:NAME or --session ID");
		assertThat(tenant.code()).isEqualTo(2);
		assertThat(tenant.err()).startsWith("touchpoint: Unknown tenant 'nosuch'");
	}

	private static void copy(Path target, String resource) throws Exception {
		Files.createDirectories(target.getParent());
		try (InputStream in = ExplainCommandIntegrationTests.class.getResourceAsStream("/inbox/small/" + resource)) {
			Files.copy(in, target);
		}
	}

	static Result run(String... args) {
		String[] all = new String[args.length + 2];
		all[0] = "--home";
		all[1] = home.toString();
		System.arraycopy(args, 0, all, 2, args.length);
		return InProcessCli.run(all);
	}
}
