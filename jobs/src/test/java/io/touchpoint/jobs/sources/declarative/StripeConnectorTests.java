package io.touchpoint.jobs.sources.declarative;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.touchpoint.jobs.model.Contact;
import io.touchpoint.jobs.model.ContactIdentity;
import io.touchpoint.jobs.model.ContactIds;
import io.touchpoint.jobs.model.Purchase;
import io.touchpoint.jobs.model.Refund;
import io.touchpoint.jobs.sources.api.ApiSource;
import io.touchpoint.jobs.support.StripeApi;
import io.touchpoint.jobs.support.VendorApiServer;

/**
 * The built-in Stripe connector file against a Stripe-shaped local server (two objects a page), on the
 * cases the nightly tests ({@code StripeApiIntegrationTests}) do not seed: a receipt e-mail only, a charge
 * without e-mail nor customer, a bad e-mail, a negative charge, a zero refund, a deleted customer, a
 * three-word name. Expected rows are written out by hand from the seeded objects.
 */
class StripeConnectorTests {

	private static final VendorApiServer SERVER = VendorApiServer.INSTANCE;

	private static final Instant FROM = Instant.parse("2026-10-11T00:00:00Z");

	private static final Instant TO = Instant.parse("2026-11-11T00:00:00Z");

	@Test
	void mapsEveryStreamAsTheStripeExportAndQuarantinesBadObjectsByPageAndLine() throws Exception {
		StripeApi api = new StripeApi("tok_stripe_equal");
		api.charge("ch_A1", 2000, "usd", Instant.parse("2026-11-05T10:00:00Z"), "Ann@Example.com", "cus_ann", "pi_A1",
				"succeeded", true, true);
		api.charge("ch_A2", 1500, "usd", Instant.parse("2026-11-06T10:00:00Z"), "ann@example.com", "cus_ann", "pi_A2",
				"succeeded", true, false);
		api.charge("ch_B1", 5000, "usd", Instant.parse("2026-11-07T10:00:00Z"), null, "cus_bob", "pi_B1", "succeeded",
				true, false);
		api.charge("ch_F1", 999, "usd", Instant.parse("2026-11-07T11:00:00Z"), "ann@example.com", "cus_ann", null,
				"failed", false, false);
		api.charge("ch_U1", 700, "usd", Instant.parse("2026-11-07T12:00:00Z"), "ann@example.com", "cus_ann", null,
				"succeeded", false, false);
		api.charge("ch_C1", 1200, "jpy", Instant.parse("2026-11-08T10:00:00Z"), "cat@example.com", null, "pi_C1",
				"succeeded", true, false);
		api.charge("ch_Z1", 300, "zzz", Instant.parse("2026-11-08T11:00:00Z"), "cat@example.com", null, null, "succeeded",
				true, false);
		// only a receipt e-mail; nobody at all (the charge names its own contact); a bad e-mail
		api.charge("ch_R1", 800, "eur", Instant.parse("2026-11-08T12:00:00Z"), null, null, null, "succeeded", true, false)
			.put("receipt_email", "dan@example.com");
		api.charge("ch_N1", 900, "eur", Instant.parse("2026-11-08T13:00:00Z"), null, null, null, "succeeded", true, false);
		api.charge("ch_E1", 100, "eur", Instant.parse("2026-11-08T14:00:00Z"), "not-an-email", null, null, "succeeded",
				true, false);
		api.charge("ch_NEG", -5, "usd", Instant.parse("2026-11-08T15:00:00Z"), "ann@example.com", null, null, "succeeded",
				true, false);
		api.refund("re_1", "ch_A1", 500, "usd", Instant.parse("2026-11-08T09:00:00Z"), "succeeded");
		api.refund("re_2", "ch_A1", 1500, "usd", Instant.parse("2026-11-09T09:00:00Z"), "succeeded");
		api.refund("re_3", "ch_B1", 1000, "usd", Instant.parse("2026-11-09T10:00:00Z"), "pending");
		api.refund("re_4", "ch_N1", 900, "eur", Instant.parse("2026-11-09T11:00:00Z"), "succeeded");
		api.refund("re_0", "ch_B1", 0, "usd", Instant.parse("2026-11-09T12:00:00Z"), "succeeded");
		api.customer("cus_ann", "ann@example.com", "Ann Lee", Instant.parse("2026-10-20T08:00:00Z"));
		api.customer("cus_bob", null, "Bob", Instant.parse("2026-10-21T08:00:00Z"));
		api.customer("cus_eve", "eve@example.com", "Eve van Dyke", Instant.parse("2026-10-22T08:00:00Z"));
		api.customer("cus_gone", "gone@example.com", "Gone", Instant.parse("2026-10-23T08:00:00Z")).put("deleted", true);
		SERVER.route("stripe-yaml/stripe", api);
		ApiSource stripe = StreamRun.builtIn("stripe");

		// newest first, two a page: [NEG, E1] [N1, R1] [Z1, C1] [U1, F1] [B1, A2] [A1]
		StreamRun charges = run(stripe, "stripe-yaml", "charges");

		String dan = ContactIds.forEmail("equal", "dan@example.com");
		String n1 = ContactIds.forExternalId("equal", "stripe", "charge_id", "ch_N1");
		String bob = ContactIds.forExternalId("equal", "stripe", "customer_id", "cus_bob");
		String ann = ContactIds.forEmail("equal", "ann@example.com");
		assertThat(charges.pages).isEqualTo(6);
		assertThat(charges.rows).filteredOn(Purchase.class::isInstance).map(Purchase.class::cast)
			.extracting(p -> p.purchaseKey() + " " + p.contactId() + " " + p.amountMinor() + " " + p.currency() + " "
					+ p.status() + " " + p.paymentRef() + " " + p.paymentIntentRef())
			.containsExactly("stripe:ch_N1 " + n1 + " 900 EUR paid stripe:ch_N1 null",
					"stripe:ch_R1 " + dan + " 800 EUR paid stripe:ch_R1 null",
					"stripe:ch_C1 " + ContactIds.forEmail("equal", "cat@example.com") + " 1200 JPY paid stripe:ch_C1 stripe:pi_C1",
					"stripe:ch_B1 " + bob + " 5000 USD paid stripe:ch_B1 stripe:pi_B1",
					"stripe:ch_A2 " + ann + " 1500 USD paid stripe:ch_A2 stripe:pi_A2",
					"stripe:ch_A1 " + ann + " 2000 USD refunded stripe:ch_A1 stripe:pi_A1");
		// the charge named by its own id has no identity; a customer's charge has its customer_id identity
		assertThat(charges.rows).filteredOn(ContactIdentity.class::isInstance).map(ContactIdentity.class::cast)
			.extracting(i -> i.externalId() + " " + i.contactId())
			.containsExactly("cus_bob " + bob, "cus_ann " + ann, "cus_ann " + ann);
		assertThat(charges.rows).first().isEqualTo(new Contact("equal", n1, null, null, null, null, null,
				Instant.parse("2026-11-08T13:00:00Z"), "stripe", "batch-1"));
		assertThat(lines(charges.quarantined)).containsExactly("api/stripe/charges/page-00001.jsonl:1",
				"api/stripe/charges/page-00001.jsonl:2", "api/stripe/charges/page-00003.jsonl:1");
		assertThat(charges.quarantined.get(0)).contains("a purchase cannot be negative");
		assertThat(charges.quarantined.get(1)).contains("not-an-email");
		assertThat(charges.quarantined.get(2)).contains("zzz");

		// [re_0, re_4] [re_3 (pending), re_2] [re_1]; refunds emit no contact rows
		StreamRun refunds = run(stripe, "stripe-yaml", "refunds");

		assertThat(refunds.rows).containsExactly(
				new Refund("equal", "stripe:re_4", "stripe:ch_N1", n1, Instant.parse("2026-11-09T11:00:00Z"), -900, "EUR",
						false, "stripe", "api/stripe/refunds/page-00001.jsonl:2", "batch-1"),
				new Refund("equal", "stripe:re_2", "stripe:ch_A1", ann, Instant.parse("2026-11-09T09:00:00Z"), -1500, "USD",
						false, "stripe", "api/stripe/refunds/page-00002.jsonl:2", "batch-1"),
				new Refund("equal", "stripe:re_1", "stripe:ch_A1", ann, Instant.parse("2026-11-08T09:00:00Z"), -500, "USD",
						false, "stripe", "api/stripe/refunds/page-00003.jsonl:1", "batch-1"));
		assertThat(lines(refunds.quarantined)).containsExactly("api/stripe/refunds/page-00001.jsonl:1");

		// [gone (deleted), eve] [bob, ann]: named "first words" + "last word"
		StreamRun customers = run(stripe, "stripe-yaml", "customers");

		String eve = ContactIds.forEmail("equal", "eve@example.com");
		Instant eveCreated = Instant.parse("2026-10-22T08:00:00Z");
		assertThat(customers.rows).startsWith(
				new Contact("equal", eve, "eve@example.com", "Eve van", "Dyke", null, eveCreated, eveCreated, "stripe",
						"batch-1"),
				new ContactIdentity("equal", "stripe", "customer_id", "cus_eve", eve, eveCreated, "batch-1"));
		assertThat(customers.rows).filteredOn(Contact.class::isInstance).map(Contact.class::cast)
			.extracting(c -> c.contactId() + " " + c.firstName() + " " + c.lastName())
			.containsExactly(eve + " Eve van Dyke", bob + " Bob null", ann + " Ann Lee");
	}

	/** One tenant, so that both compute the same contact ids; a route each, so that their requests can be told apart. */
	private static StreamRun run(ApiSource source, String route, String stream) throws InterruptedException {
		return new StreamRun(source, "equal", stream, StreamRun.connection(SERVER.baseUrl(route + "/stripe"),
				"tok_stripe_equal", 2, Map.of()), FROM, TO).all();
	}

	/** The quarantined records' file and line, without the reasons (worded differently by the two). */
	private static List<String> lines(List<String> quarantined) {
		return quarantined.stream().map(entry -> entry.substring(0, entry.indexOf(' '))).toList();
	}
}
