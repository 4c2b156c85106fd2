package io.touchpoint.jobs.demo;

import java.io.IOException;
import java.io.Writer;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Currency;
import java.util.List;
import java.util.Locale;
import java.util.Random;

import org.jspecify.annotations.Nullable;

/**
 * Writes realistic demo exports into {@code <root>/<tenant>/<date>/<source>/}: a Stripe Dashboard
 * payments export, a HubSpot contacts export, Segment events as JSON lines, a Shopify orders export
 * ({@link DemoShopifyOrders}) and a Meta Ads Manager export, in the real formats (quoting, header names,
 * lower-case currencies, partial refunds keeping Status=Paid, empty-id PaymentIntents, failed charges, one
 * row per line item, shop time with its daylight-saving offset, the ad account currency inside a header
 * name, a total row). Each file holds a few deliberately bad records, and the second day's Stripe export
 * overlaps the first (repeated charges, a refund added later). Deterministic for a seed, so two demos
 * produce the same numbers.
 */
public final class DemoExports {

	/**
	 * One demo tenant: its id, currency, price list (major units as the export writes them) and the shop's
	 * time zone, in which Shopify writes its times.
	 */
	public record Tenant(String id, String currency, String domain, List<String> prices, ZoneId zone) {
	}

	public static final List<Tenant> TENANTS = List.of(
			new Tenant("acme", "usd", "acme.example", List.of("49.00", "99.00", "199.00", "499.00"),
					ZoneId.of("America/New_York")),
			new Tenant("globex", "eur", "globex.example", List.of("29.00", "79.00", "149.00"), ZoneId.of("Europe/Berlin")),
			new Tenant("initech", "jpy", "initech.example", List.of("4800", "9800", "29800"), ZoneId.of("Asia/Tokyo")));

	private static final String[] TAGS = { "webinar-q3", "newsletter", "trial", "ebook-download", "enterprise" };

	private static final String[] FIRST = { "Ada", "Grace", "Linus", "Margaret", "Dennis", "Barbara", "Ken", "Frances",
			"Edsger", "Radia", "Tim", "Sophie", "José", "Zoë" };

	private static final String[] LAST = { "Lovelace", "Hopper", "Torvalds", "Hamilton", "Ritchie", "Liskov", "Thompson",
			"Allen", "Dijkstra", "Perlman", "Berners-Lee", "Wilson", "Núñez", "O'Brien" };

	static final String[] CAMPAIGNS = { "spring_sale", "brand_search", "retargeting" };

	static final String[] CHANNELS = { "google", "facebook", "newsletter" };

	/** Keeps the web journeys' random numbers apart from the other sources', whose output stays as it was. */
	private static final long JOURNEY_SALT = "journeys".hashCode();

	/** The demo funnel ({@code touchpoint.funnels.trial.steps}): pricing, the sign-up page, signing up, buying. */
	public static final String FUNNEL = "page:/pricing,page:/signup,event:Signed Up,purchase";

	/** Keeps the Shopify orders' random numbers apart from the other sources', whose output stays as it was. */
	private static final long SHOPIFY_SALT = "shopify".hashCode();

	/** The ads of the Ads Manager export: campaign (as the Segment events name it), ad set, ad. */
	private static final String[][] ADS = { { "spring_sale", "Prospecting, 25-44", "Carousel A" },
			{ "spring_sale", "Prospecting, 25-44", "Video B" }, { "brand_search", "Lookalike 1%", "Static banner" },
			{ "retargeting", "Cart abandoners", "Dynamic product ad" } };

	/** Mixed into the Ads Manager export's own Random, so the other sources' numbers stay as they were. */
	private static final long FACEBOOK_SEED = 0xFACEB00CL;

	private static final DateTimeFormatter SECONDS = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

	/** Segment's ISO-8601 UTC timestamps, with milliseconds. */
	private static final DateTimeFormatter SEGMENT_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss'.123Z'");

	private final int contactsPerTenant;

	private final long seed;

	public DemoExports(int contactsPerTenant, long seed) {
		this.contactsPerTenant = contactsPerTenant;
		this.seed = seed;
	}

	/** Writes every tenant's exports for {@code days} consecutive dates from {@code first}. */
	public void write(Path root, List<Tenant> tenants, LocalDate first, int days) throws IOException {
		for (Tenant tenant : tenants) {
			List<Person> people = people(tenant);
			List<String[]> previousCharges = new ArrayList<>();
			for (int day = 0; day < days; day++) {
				LocalDate date = first.plusDays(day);
				Path folder = root.resolve(tenant.id()).resolve(date.toString());
				Random random = new Random(seed ^ tenant.id().hashCode() ^ date.toEpochDay());
				writeHubspot(folder.resolve("hubspot"), tenant, people, date, day, random);
				previousCharges = writeStripe(folder.resolve("stripe"), tenant, people, date, day, random, previousCharges);
				writeSegment(folder.resolve("segment"), tenant, people, date, day, random,
						new Random(seed ^ tenant.id().hashCode() ^ date.toEpochDay() ^ JOURNEY_SALT));
				Random shop = new Random(seed ^ tenant.id().hashCode() ^ date.toEpochDay() ^ SHOPIFY_SALT);
				DemoShopifyOrders.write(folder.resolve("shopify"), tenant, people, date, day, shop);
				writeFacebook(folder.resolve("facebook"), tenant, date, new Random(seed ^ tenant.id().hashCode()
						^ date.toEpochDay() ^ FACEBOOK_SEED));
				if (day == 0) {
					writeSalesforce(folder.resolve("salesforce"), tenant, people, date);
				}
			}
		}
	}

	/** A demo person; the same e-mail in every source, so that contacts join up. */
	record Person(int n, String first, String last, String email, List<String> tags, String anonymousId,
			String customerId, double propensity) {
	}

	private List<Person> people(Tenant tenant) {
		Random random = new Random(seed ^ tenant.id().hashCode());
		List<Person> people = new ArrayList<>();
		for (int n = 1; n <= contactsPerTenant; n++) {
			String first = FIRST[random.nextInt(FIRST.length)];
			String last = LAST[random.nextInt(LAST.length)];
			List<String> tags = new ArrayList<>();
			double propensity = 0.15;
			for (int t = 0; t < TAGS.length; t++) {
				if (random.nextDouble() < (t == 0 ? 0.3 : 0.25)) {
					tags.add(TAGS[t]);
					propensity += t == 0 ? 0.45 : t == 4 ? 0.3 : 0.05;
				}
			}
			people.add(new Person(n, first, last, first.toLowerCase().replace("é", "e").replace("ë", "e") + "." + n + "@"
					+ tenant.domain(), tags, "anon-" + tenant.id() + "-" + Integer.toHexString(n * 7919),
					"cus_" + tenant.id().substring(0, 3).toUpperCase() + (100000 + n), Math.min(propensity, 0.95)));
		}
		return people;
	}

	private static void writeHubspot(Path folder, Tenant tenant, List<Person> people, LocalDate date, int day, Random random)
			throws IOException {
		Files.createDirectories(folder);
		try (Writer out = Files.newBufferedWriter(folder.resolve("hubspot-crm-exports-all-contacts-" + date + ".csv"),
				StandardCharsets.UTF_8)) {
			out.write("Record ID,First Name,Last Name,Email,Phone Number,Lifecycle Stage,Create Date,Last Modified Date,Tags\r\n");
			for (Person p : people) {
				if (day > 0 && p.n() % 4 != 0) {
					continue;
				}
				String stage = p.propensity() > 0.5 ? "Customer" : p.tags().isEmpty() ? "Subscriber" : "Marketing Qualified Lead";
				String created = date.minusDays(30 + p.n() % 20).atTime(9, p.n() % 60).format(SECONDS).substring(0, 16);
				String modified = date.atTime(6, p.n() % 60).format(SECONDS).substring(0, 16);
				out.write(csv(String.valueOf(7000 + p.n()), p.first(), p.last(), p.email(), "+1 555 01" + (10 + p.n() % 89),
						stage, created, modified, String.join(";", p.tags())));
			}
			if (day == 0) {
				out.write(csv("7999", "Broken", "Row", "not-an-email", "", "Lead", date.minusDays(3) + " 10:00",
						date + " 05:00", "newsletter"));
			}
		}
	}

	private List<String[]> writeStripe(Path folder, Tenant tenant, List<Person> people, LocalDate date, int day,
			Random random, List<String[]> previous) throws IOException {
		Files.createDirectories(folder);
		List<String[]> charges = new ArrayList<>();
		for (Person p : people) {
			if (random.nextDouble() < p.propensity() / (day + 1.5)) {
				String price = tenant.prices().get(random.nextInt(tenant.prices().size()));
				LocalDateTime at = date.atTime(1 + random.nextInt(20), random.nextInt(60), random.nextInt(60));
				String id = "ch_3" + tenant.id().substring(0, 2).toUpperCase() + Long.toString(Math.abs(random.nextLong()), 36);
				charges.add(new String[] { id, at.format(SECONDS), price, "0.00", p.customerId(), p.email(), "Paid", "" });
			}
		}
		if (charges.size() > 2 && !tenant.currency().equals("jpy")) {
			String[] refunded = charges.get(1);
			refunded[3] = refunded[2];
			refunded[6] = "Refunded";
			refunded[7] = date + " 23:10:00";
		}
		List<String[]> rows = new ArrayList<>(charges);
		for (int i = 0; i < Math.min(3, previous.size()); i++) {
			String[] again = previous.get(i).clone();
			if (i == 0 && !"Refunded".equals(again[6])) {
				String half = tenant.currency().equals("jpy") ? String.valueOf(Long.parseLong(again[2]) / 2)
						: new java.math.BigDecimal(again[2]).divide(java.math.BigDecimal.valueOf(2)).setScale(2).toPlainString();
				again[3] = half;
				again[7] = date + " 08:15:00";
			}
			rows.add(again);
		}
		try (Writer out = Files.newBufferedWriter(folder.resolve("unified_payments-" + date + ".csv"), StandardCharsets.UTF_8)) {
			out.write("id,Created date (UTC),Amount,Amount Refunded,Currency,Captured,Converted Amount,"
					+ "Converted Amount Refunded,Converted Currency,Decline Reason,Description,Fee,Refunded date (UTC),"
					+ "Statement Descriptor,Status,Seller Message,Customer ID,Customer Description,Customer Email,plan (metadata)\n");
			for (String[] c : rows) {
				String refunded = tenant.currency().equals("jpy") || c[3].equals("0.00") ? c[3] : c[3];
				out.write(csv(c[0], c[1], c[2], refunded, tenant.currency(), "true", c[2], refunded, tenant.currency(), "",
						"Subscription update", fee(c[2], tenant), c[7], tenant.id().toUpperCase() + ".EXAMPLE", c[6],
						"Payment complete.", c[4], "", c[5], "pro"));
			}
			out.write(csv("", date + " 10:42:51", tenant.prices().get(0), "0.00", tenant.currency(), "false", "", "",
					"", "", "Payment for Invoice", "", "", "", "requires_payment_method", "", "", "", "", ""));
			out.write(csv("ch_3FAILED" + tenant.id(), date + " 11:00:00", tenant.prices().get(0), "0.00", tenant.currency(),
					"false", "", "", "", "card_declined", "Subscription creation", "", "", "", "Failed",
					"The bank did not return any further details with this decline.", people.get(0).customerId(), "",
					people.get(0).email(), ""));
			if (day == 0) {
				String bad = tenant.currency().equals("jpy") ? "4800.5" : "12.345";
				out.write(csv("ch_3BADAMOUNT" + tenant.id(), date + " 12:00:00", bad, "0.00", tenant.currency(), "true", bad,
						"0.00", tenant.currency(), "", "Subscription update", "0.00", "", "", "Paid", "Payment complete.",
						people.get(1).customerId(), "", people.get(1).email(), ""));
			}
		}
		return charges;
	}

	private static String fee(String amount, Tenant tenant) {
		if (tenant.currency().equals("jpy")) {
			return String.valueOf(Long.parseLong(amount) * 36 / 1000);
		}
		return new java.math.BigDecimal(amount).multiply(new java.math.BigDecimal("0.029"))
			.add(new java.math.BigDecimal("0.30"))
			.setScale(2, java.math.RoundingMode.HALF_UP)
			.toPlainString();
	}

	private static void writeSegment(Path folder, Tenant tenant, List<Person> people, LocalDate date, int day,
			Random random, Random web) throws IOException {
		Files.createDirectories(folder);
		try (Writer out = Files.newBufferedWriter(folder.resolve("events-" + date + ".jsonl"), StandardCharsets.UTF_8)) {
			int message = 0;
			for (Person p : people) {
				if (random.nextDouble() > 0.6) {
					continue;
				}
				LocalDateTime visit = date.atTime(random.nextInt(24), random.nextInt(60), random.nextInt(60));
				String at = visit + ".123Z";
				int c = p.n() % CAMPAIGNS.length;
				out.write("{\"type\":\"page\",\"messageId\":\"" + tenant.id() + "-" + date + "-" + (++message)
						+ "\",\"anonymousId\":\"" + p.anonymousId() + "\",\"timestamp\":\"" + at
						+ "\",\"name\":\"Pricing\",\"properties\":{\"path\":\"/pricing\",\"url\":\"https://" + tenant.domain()
						+ "/pricing?utm_source=" + CHANNELS[c] + "\"},\"context\":{\"campaign\":{\"source\":\"" + CHANNELS[c]
						+ "\",\"medium\":\"cpc\",\"name\":\"" + CAMPAIGNS[c] + "\"},\"ip\":\"203.0.113." + p.n() % 250
						+ "\"}}\n");
				if (day == 0 || random.nextBoolean()) {
					out.write("{\"type\":\"identify\",\"messageId\":\"" + tenant.id() + "-" + date + "-" + (++message)
							+ "\",\"anonymousId\":\"" + p.anonymousId() + "\",\"userId\":\"u" + p.n() + "\",\"timestamp\":\"" + at
							+ "\",\"traits\":{\"email\":\"" + p.email() + "\",\"firstName\":\"" + p.first() + "\"}}\n");
				}
				if (p.tags().contains("webinar-q3") || random.nextDouble() < 0.2) {
					String event = p.tags().contains("trial") ? "Trial Started" : "Webinar Registered";
					out.write("{\"type\":\"track\",\"event\":\"" + event + "\",\"messageId\":\"" + tenant.id() + "-" + date
							+ "-" + (++message) + "\",\"userId\":\"u" + p.n() + "\",\"timestamp\":\"" + at
							+ "\",\"properties\":{\"plan\":\"pro\"},\"context\":{\"traits\":{\"email\":\"" + p.email()
							+ "\"}}}\n");
				}
				journey(out, tenant, p, date, visit, web);
			}
			if (day == 0) {
				out.write("{\"type\":\"track\",\"event\":\"Broken\",\"messageId\":\"" + tenant.id() + "-bad\",\"userId\":\n");
			}
		}
	}

	/**
	 * The rest of a visit that landed on /pricing at {@code pricingAt}, so sessions have several events and the demo
	 * funnel ({@link #FUNNEL}) loses people at each step: a third of visitors read the blog an hour or more before
	 * (another session, from another channel or direct); then, a few minutes apart in the same session, /features
	 * (70%), /signup (more likely the likelier the person is to buy), the "Signed Up" event (85% of those on
	 * /signup) and /checkout (60% of those). The person's own page view and events stay as they were: these add
	 * events, with message ids of their own.
	 */
	private static void journey(Writer out, Tenant tenant, Person p, LocalDate date, LocalDateTime pricingAt, Random web)
			throws IOException {
		String prefix = tenant.id() + "-" + date + "-j" + p.n() + "-";
		int message = 0;
		if (web.nextDouble() < 0.35) {
			LocalDateTime blogAt = pricingAt.minusMinutes(60 + web.nextInt(180));
			int c = (p.n() + 1 + web.nextInt(2)) % CHANNELS.length;
			boolean direct = web.nextDouble() < 0.4;
			String[] posts = { "/blog/attribution-101", "/blog/ltv-by-touchpoint", "/blog/webinar-recap" };
			String post = posts[web.nextInt(posts.length)];
			out.write(webPage(prefix + (++message), p, blogAt, tenant, post, direct ? null : CHANNELS[c],
					direct ? null : CAMPAIGNS[c]));
			if (web.nextBoolean()) {
				out.write(webPage(prefix + (++message), p, blogAt.plusMinutes(2 + web.nextInt(5)), tenant, "/features", null, null));
			}
		}
		LocalDateTime at = pricingAt;
		if (web.nextDouble() < 0.7) {
			at = at.plusMinutes(1 + web.nextInt(4));
			out.write(webPage(prefix + (++message), p, at, tenant, "/features", null, null));
		}
		if (web.nextDouble() >= 0.2 + 0.5 * p.propensity()) {
			return;
		}
		at = at.plusMinutes(1 + web.nextInt(5));
		out.write(webPage(prefix + (++message), p, at, tenant, "/signup", null, null));
		if (web.nextDouble() >= 0.85) {
			return;
		}
		at = at.plusSeconds(30 + web.nextInt(90));
		out.write("{\"type\":\"track\",\"event\":\"Signed Up\",\"messageId\":\"" + prefix + (++message)
				+ "\",\"anonymousId\":\"" + p.anonymousId() + "\",\"userId\":\"u" + p.n() + "\",\"timestamp\":\""
				+ at.format(SEGMENT_TIME) + "\",\"properties\":{\"plan\":\"pro\"}}\n");
		if (web.nextDouble() < 0.6) {
			out.write(webPage(prefix + (++message), p, at.plusMinutes(2 + web.nextInt(8)), tenant, "/checkout", null, null));
		}
	}

	/** A Segment page view of {@code path} by the person's anonymous id, with a UTM campaign when one is given. */
	private static String webPage(String messageId, Person p, LocalDateTime at, Tenant tenant, String path,
			@Nullable String channel, String campaign) {
		String query = channel == null ? "" : "?utm_source=" + channel + "&utm_campaign=" + campaign;
		String context = channel == null ? "" : ",\"context\":{\"campaign\":{\"source\":\"" + channel
				+ "\",\"medium\":\"email\",\"name\":\"" + campaign + "\"}}";
		return "{\"type\":\"page\",\"messageId\":\"" + messageId + "\",\"anonymousId\":\"" + p.anonymousId()
				+ "\",\"timestamp\":\"" + at.format(SEGMENT_TIME) + "\",\"properties\":{\"path\":\"" + path
				+ "\",\"url\":\"https://" + tenant.domain() + path + query + "\"}" + context + "}\n";
	}

	/**
	 * An Ads Manager export with a daily breakdown by ad: the total row Ads Manager puts first (empty Campaign
	 * name), one row per ad, and a row spanning the last week (an export without the daily breakdown).
	 */
	private static void writeFacebook(Path folder, Tenant tenant, LocalDate date, Random random) throws IOException {
		Files.createDirectories(folder);
		String currency = tenant.currency().toUpperCase(Locale.ROOT);
		int digits = Currency.getInstance(currency).getDefaultFractionDigits();
		List<String[]> rows = new ArrayList<>();
		long[] totals = new long[4];
		for (String[] ad : ADS) {
			long spend = (15 + random.nextInt(135)) * 100L + (digits == 0 ? 0 : random.nextInt(100));
			long impressions = 800 + random.nextInt(5000);
			long linkClicks = impressions * (10 + random.nextInt(20)) / 1000;
			long allClicks = linkClicks + random.nextInt(20);
			int results = random.nextInt(6);
			rows.add(adRow(date, date, ad, spend, digits, impressions, linkClicks, allClicks, results));
			totals[0] += spend;
			totals[1] += impressions;
			totals[2] += linkClicks;
			totals[3] += allClicks;
		}
		try (Writer out = Files.newBufferedWriter(folder.resolve("ads-manager-export-" + date + ".csv"),
				StandardCharsets.UTF_8)) {
			out.write(csv("Reporting starts", "Reporting ends", "Campaign name", "Ad set name", "Ad name", "Campaign delivery",
					"Attribution setting", "Results", "Result indicator", "Reach", "Frequency", "Cost per results",
					"Amount spent (" + currency + ")", "Impressions", "CPM (cost per 1,000 impressions) (" + currency + ")",
					"Link clicks", "CPC (cost per link click) (" + currency + ")", "CTR (link click-through rate)",
					"Clicks (all)"));
			String[] total = adRow(date, date, new String[] { "", "", "" }, totals[0], digits, totals[1], totals[2],
					totals[3], 0);
			total[5] = "";
			out.write(csv(total));
			for (String[] row : rows) {
				out.write(csv(row));
			}
			out.write(csv(adRow(date.minusDays(6), date, ADS[3], 9000, digits, 21000, 300, 340, 4)));
		}
	}

	private static String[] adRow(LocalDate starts, LocalDate ends, String[] ad, long spendMinor, int digits,
			long impressions, long linkClicks, long allClicks, int results) {
		BigDecimal spend = BigDecimal.valueOf(spendMinor, digits);
		long reach = impressions * 4 / 5;
		return new String[] { starts.toString(), ends.toString(), ad[0], ad[1], ad[2], "active", "7-day click or 1-day view",
				results == 0 ? "" : String.valueOf(results),
				results == 0 ? "" : "actions:offsite_conversion.fb_pixel_purchase", String.valueOf(reach),
				ratio(impressions, reach, 2), results == 0 ? "" : ratio(spend, results, digits), spend.toPlainString(),
				String.valueOf(impressions), ratio(spend.multiply(BigDecimal.valueOf(1000)), impressions, 2),
				String.valueOf(linkClicks), linkClicks == 0 ? "" : ratio(spend, linkClicks, 2),
				ratio(BigDecimal.valueOf(linkClicks * 100), impressions, 2), String.valueOf(allClicks) };
	}

	private static String ratio(long numerator, long denominator, int scale) {
		return ratio(BigDecimal.valueOf(numerator), denominator, scale);
	}

	private static String ratio(BigDecimal numerator, long denominator, int scale) {
		return numerator.divide(BigDecimal.valueOf(denominator), scale, RoundingMode.HALF_UP)
			.toPlainString();
	}

	/**
	 * A weekly Salesforce Data Export (ISO-8859-1, every field quoted, {@code "0"/"1"} booleans, null lookups
	 * as {@code 000000000000000AAA}): every other person as a Contact, and campaign members of the webinar
	 * campaign (people tagged webinar-q3, every other one of them responded) and of the trial campaign, one
	 * deleted membership and one member whose campaign is the null lookup; the campaigns themselves with their
	 * names (and a deleted one). Deterministic per person.
	 */
	private static void writeSalesforce(Path folder, Tenant tenant, List<Person> people, LocalDate date) throws IOException {
		Files.createDirectories(folder);
		String nullLookup = "000000000000000AAA";
		String created = date.minusDays(10) + " 09:00:00";
		writeSalesforceCampaigns(folder, tenant, date);
		try (Writer contacts = Files.newBufferedWriter(folder.resolve("Contact.csv"), StandardCharsets.ISO_8859_1);
				Writer members = Files.newBufferedWriter(folder.resolve("CampaignMember.csv"), StandardCharsets.ISO_8859_1)) {
			contacts.write(quoted("Id", "IsDeleted", "FirstName", "LastName", "Email", "LeadSource", "CurrencyIsoCode",
					"HasOptedOutOfEmail", "CreatedDate", "LastModifiedDate", "SystemModstamp"));
			members.write(quoted("Id", "IsDeleted", "CampaignId", "LeadId", "ContactId", "Status", "HasResponded",
					"CreatedDate", "LastModifiedDate", "SystemModstamp", "FirstRespondedDate", "CurrencyIsoCode"));
			String currency = tenant.currency().toUpperCase(java.util.Locale.ROOT);
			for (Person p : people) {
				if (p.n() % 2 != 0) {
					continue;
				}
				String contactId = String.format("003Dm%08dAAA", p.n());
				contacts.write(quoted(contactId, "0", p.first(), p.last(), p.email(), "Web", currency, "0", created,
						date + " 05:00:00", date + " 05:00:00"));
				if (p.tags().contains("webinar-q3")) {
					boolean responded = p.n() % 4 == 0;
					members.write(quoted(String.format("00vDm%08dW01", p.n()), "0", "701Dm000000WebQ3AAA", nullLookup,
							contactId, responded ? "Responded" : "Sent", responded ? "1" : "0", created, created, created,
							responded ? date.minusDays(8).toString() : "", currency));
				}
				if (p.tags().contains("trial")) {
					members.write(quoted(String.format("00vDm%08dT01", p.n()), p.n() % 10 == 0 ? "1" : "0",
							"701Dm000000TrialAAA", nullLookup, contactId, "Sent", "0", created, date + " 04:00:00",
							date + " 04:00:00", "", currency));
				}
			}
			members.write(quoted("00vDm99999999X01", "0", nullLookup, nullLookup, "003Dm00000002AAA", "Sent", "0", created,
					created, created, "", currency));
		}
	}

	/** The Campaign object: the two campaigns the members name, and a deleted one nobody is a member of. */
	private static void writeSalesforceCampaigns(Path folder, Tenant tenant, LocalDate date) throws IOException {
		String currency = tenant.currency().toUpperCase(java.util.Locale.ROOT);
		String created = date.minusDays(40) + " 08:00:00";
		String modified = date.minusDays(12) + " 16:30:00";
		try (Writer campaigns = Files.newBufferedWriter(folder.resolve("Campaign.csv"), StandardCharsets.ISO_8859_1)) {
			campaigns.write(quoted("Id", "IsDeleted", "Name", "ParentId", "Type", "Status", "StartDate", "EndDate",
					"IsActive", "CurrencyIsoCode", "CreatedDate", "LastModifiedDate", "SystemModstamp"));
			campaigns.write(quoted("701Dm000000WebQ3AAA", "0", "Webinar Q3", "", "Webinar",
					"Completed", date.minusDays(30).toString(), date.minusDays(20).toString(), "1", currency, created,
					modified, modified));
			campaigns.write(quoted("701Dm000000TrialAAA", "0", "Free trial nurture", "", "Email", "In Progress",
					date.minusDays(30).toString(), "", "1", currency, created, modified, modified));
			campaigns.write(quoted("701Dm000000OldXAAA", "1", "Spring promo (deleted)", "", "Email", "Aborted",
					date.minusDays(200).toString(), date.minusDays(170).toString(), "0", currency, created, modified,
					modified));
		}
	}

	private static String quoted(String... fields) {
		StringBuilder line = new StringBuilder();
		for (int i = 0; i < fields.length; i++) {
			line.append(i == 0 ? "" : ",").append('"').append(fields[i].replace("\"", "\"\"")).append('"');
		}
		return line.append("\r\n").toString();
	}

	static String csv(String... fields) {
		StringBuilder line = new StringBuilder();
		for (int i = 0; i < fields.length; i++) {
			String f = fields[i] == null ? "" : fields[i];
			if (i > 0) {
				line.append(',');
			}
			if (f.contains(",") || f.contains("\"") || f.contains("\n")) {
				line.append('"').append(f.replace("\"", "\"\"")).append('"');
			}
			else {
				line.append(f);
			}
		}
		return line.append("\r\n").toString();
	}
}
