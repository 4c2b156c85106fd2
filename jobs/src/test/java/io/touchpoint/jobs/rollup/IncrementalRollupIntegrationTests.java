package io.touchpoint.jobs.rollup;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;

import javax.sql.DataSource;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

import io.touchpoint.jobs.config.TouchpointProperties;
import io.touchpoint.jobs.config.WarehouseDataSource;
import io.touchpoint.jobs.load.TagSnapshotChanges;
import io.touchpoint.jobs.model.Purchase;
import io.touchpoint.jobs.rollup.RollupProperties.TouchpointCounting;
import io.touchpoint.jobs.support.IntegrationTest;

/**
 * Property: after any sequence of batches, each rolled up incrementally as it lands, every rollup table
 * equals a full rebuild. Batches are random (seeded, so a failure replays): purchases from Stripe and
 * Shopify sharing payment references (a later Stripe purchase turns an earlier Shopify order into a
 * repeat), individual and cumulative refunds on either, tags added and removed (some through an alias
 * whose identity arrives later), touchpoints through user or anonymous ids (or both) whose identity
 * arrives later, contacts that arrive after their facts, ad spend; purchases restated in a later batch with
 * another contact, time, amount, currency or status (voided, and back), or unchanged; refunds restated with
 * another amount; events repeated in the same or a later batch; contacts created only by the events naming
 * them; snapshot listings of a contact's tags, whose removals the load derives; touchpoints and purchases
 * close in time around local midnight, so sessions merge and split as late events arrive and move to a
 * contact when an anonymous or user id is identified after the fact; funnels over the generated pages, events
 * and purchases, so funnel steps and conversion paths move with those sessions and purchases. An identity is never re-pointed to
 * another contact (see docs/rollups.md, limits).
 */
class IncrementalRollupIntegrationTests extends IntegrationTest {

	/**
	 * Funnels over the generator's pages (/p0 to /p2), events (Event0, Event1) and purchases: a two-hour window
	 * within the evenings its visits fall in, a 30-day and a 60-day one (purchases fall from January to April).
	 */
	private static final FunnelProperties FUNNELS = new FunnelProperties(Map.of(
			"evening", new TouchpointProperties.Funnel(List.of("page:/p0", "event:Event0", "purchase"), Duration.ofHours(2)),
			"month", new TouchpointProperties.Funnel(List.of("event:Event1", "page:/p1"), null),
			"buy", new TouchpointProperties.Funnel(List.of("page:/p2", "page:/p1", "purchase"), Duration.ofDays(60))));

	@Autowired
	@WarehouseDataSource
	private DataSource warehouse;

	@Autowired
	private TagSnapshotChanges tagSnapshots;

	@ParameterizedTest
	@ValueSource(longs = { 1, 2, 3, 4, 5, 6, 7, 8, 9, 10 })
	void incrementalRollupsAfterRandomBatchesEqualAFullRebuild(long seed) {
		incrementalEqualsRebuild(seed, false, 1);
	}

	/**
	 * The same on two connections ({@code touchpoint.rollups.threads} 2: the per-contact files over two contact-hash
	 * ranges), the batches of two seeds above and of two with web events; the rebuild on two connections also
	 * equals one on one connection.
	 */
	@ParameterizedTest
	@ValueSource(longs = { 1, 2, 11, 12 })
	void incrementalRollupsOnTwoConnectionsEqualAFullRebuildOnOne(long seed) {
		incrementalEqualsRebuild(seed, seed > 10, 2);
	}

	/**
	 * The same with half of every batch's rows web events, so that contacts go through the funnels' steps (and
	 * the purchase step) and have several sessions before their first purchase, as late events and identities
	 * arrive.
	 */
	@ParameterizedTest
	@ValueSource(longs = { 11, 12, 13, 14, 15 })
	void incrementalFunnelsAndConversionPathsAfterRandomVisitsEqualAFullRebuild(long seed) {
		Map<String, List<String>> rebuilt = incrementalEqualsRebuild(seed, true, 1);
		assertThat(rebuilt.get("funnel_steps")).as("a contact reaches a funnel's second step (seed " + seed + ")")
			.anyMatch(row -> !row.contains("step_number=1,") && !row.contains("contacts=0,"));
	}

	private Map<String, List<String>> incrementalEqualsRebuild(long seed, boolean visits, int threads) {
		// given
		JdbcTemplate jdbc = new JdbcTemplate(warehouse);
		String tenant = "incremental-" + seed + (threads > 1 ? "-on-" + threads : "");
		Random random = new Random(seed);
		RollupRunner runner = runner(seed, threads);
		Generator generator = new Generator(new Facts(jdbc, tenant), random, visits);

		// when each batch is rolled up incrementally as it lands
		for (int batch = 1; batch <= 12; batch++) {
			generator.batch("batch-" + batch);
			tagSnapshots.derive(tenant, "batch-" + batch);
			runner.incremental(tenant, "batch-" + batch, RollupRunner.NO_WINDOW_END);
		}
		Map<String, List<String>> incremental = generator.facts.snapshot();
		runner.rebuild(tenant, RollupRunner.NO_WINDOW_END);

		// then
		Map<String, List<String>> rebuilt = generator.facts.snapshot();
		assertThat(rebuilt.get("counted_purchases")).isNotEmpty();
		assertThat(rebuilt.get("contact_touchpoints")).isNotEmpty();
		if (!visits) {
			// with half the rows web events, a sequence may have no refund
			assertThat(rebuilt.get("counted_refunds")).isNotEmpty();
		}
		assertThat(rebuilt.get("sessions")).isNotEmpty();
		assertThat(rebuilt.get("session_paths")).isNotEmpty();
		assertThat(rebuilt.get("conversion_paths")).isNotEmpty();
		assertThat(rebuilt.get("funnel_steps")).hasSize(8);
		for (String table : Facts.ROLLUP_TABLES) {
			assertThat(incremental.get(table)).as(table + " (seed " + seed + ")").isEqualTo(rebuilt.get(table));
		}
		if (threads > 1) {
			runner(seed, 1).rebuild(tenant, RollupRunner.NO_WINDOW_END);
			Map<String, List<String>> onOne = generator.facts.snapshot();
			for (String table : Facts.ROLLUP_TABLES) {
				assertThat(rebuilt.get(table)).as(table + " on " + threads + " connections (seed " + seed + ")")
					.isEqualTo(onOne.get(table));
			}
		}
		// multi-touch attribution: every model credits exactly the customers' net, the touched ones' on touched rows
		if (!visits) {
			assertThat(rebuilt.get("attribution")).anyMatch(row -> row.contains("model=linear"));
			assertThat(rebuilt.get("touchpoint_pair_value")).isNotEmpty();
			assertThat(rebuilt.get("touchpoint_value")).anyMatch(row -> row.contains("lift_ci_low_minor=-")
					|| row.matches(".*lift_ci_low_minor=\\d.*"));
		}
		assertThat(attributionInvariant(jdbc, tenant)).as("seed " + seed).isEmpty();
		return rebuilt;
	}

	private RollupRunner runner(long seed, int threads) {
		return new RollupRunner(warehouse, new RollupProperties(ZoneId.of("America/New_York"),
				seed % 2 == 0 ? TouchpointCounting.EVER : TouchpointCounting.BEFORE_PURCHASE, null, 30,
				Duration.ofMinutes(30), 50, threads),
				new RollupProperties.TenantSettings(Map.of()), FUNNELS);
	}

	/**
	 * The (model, currency) pairs whose credited revenue differs from the net of the customers: in total, and over
	 * the rows of a channel or campaign against the customers whose first touch has one.
	 */
	private static List<Map<String, Object>> attributionInvariant(JdbcTemplate jdbc, String tenant) {
		return jdbc.queryForList("""
				SELECT m.model, n.currency, n.net, n.touched_net, a.revenue, a.touched_revenue
				FROM (SELECT DISTINCT model FROM attribution WHERE tenant_id = ?) m
				CROSS JOIN (SELECT cv.currency, SUM(cv.net_minor) AS net,
				                   SUM(CASE WHEN ca.channel <> '' OR ca.campaign <> '' THEN cv.net_minor ELSE 0 END) AS touched_net
				            FROM contact_value cv
				            JOIN contact_attribution ca ON ca.tenant_id = cv.tenant_id AND ca.contact_id = cv.contact_id
				             AND ca.model = 'first_touch'
				            WHERE cv.tenant_id = ? AND cv.currency <> '' GROUP BY cv.currency) n
				LEFT JOIN (SELECT model, currency, SUM(revenue_minor) AS revenue,
				                  SUM(CASE WHEN channel <> '' OR campaign <> '' THEN revenue_minor ELSE 0 END) AS touched_revenue
				           FROM attribution WHERE tenant_id = ? GROUP BY model, currency) a
				       ON a.model = m.model AND a.currency = n.currency
				WHERE a.revenue IS NULL OR a.revenue <> n.net OR a.touched_revenue <> n.touched_net
				""", tenant, tenant, tenant);
	}

	/** Random facts for one tenant, batch by batch. */
	private static final class Generator {

		private static final String[] CONTACTS = { "k0", "k1", "k2", "k3", "k4", "k5" };

		private final Facts facts;

		private final Random random;

		/** key, contact, time, amount, currency, payment ref, intent ref, status: the latest version loaded. */
		private final List<String[]> purchases = new ArrayList<>();

		/** key, purchase key, contact, time, amount, currency, cumulative. */
		private final List<String[]> refunds = new ArrayList<>();

		/** The arguments of each touchpoint loaded. */
		private final List<String[]> touches = new ArrayList<>();

		private final Set<String> stripeIntents = new HashSet<>();

		private final Map<String, String> identities = new HashMap<>();

		/** Whether half of a batch's rows are web events (touchpoints). */
		private final boolean visits;

		private int sequence;

		Generator(Facts facts, Random random, boolean visits) {
			this.facts = facts;
			this.random = random;
			this.visits = visits;
		}

		void batch(String batchId) {
			facts.batch(batchId);
			if (sequence == 0) {
				facts.contact("k0", null).contact("k1", null).contact("k2", null);
			}
			int rows = 3 + random.nextInt(8);
			for (int i = 0; i < rows; i++) {
				switch (visits && random.nextBoolean() ? 5 : random.nextInt(13)) {
					case 0 -> facts.contact(contact(), time());
					case 1, 2 -> purchase();
					case 3 -> refund();
					case 4 -> tag();
					case 5, 12 -> touch();
					case 6 -> identity();
					case 7 -> correctPurchase();
					case 8 -> correctRefund();
					case 9 -> repeatTouch();
					case 10 -> facts.listing(contact(), time(),
							List.of("tag0", "tag1", "tag2").stream().filter(tag -> random.nextBoolean()).toList());
					default -> facts.spend(random.nextBoolean() ? "facebook" : "google", "camp" + random.nextInt(3),
							"2026-0" + (1 + random.nextInt(3)) + "-1" + random.nextInt(10), 100 + random.nextInt(900),
							"USD");
				}
			}
		}

		private void purchase() {
			String intent = "stripe:pi_" + random.nextInt(6);
			boolean stripe = random.nextBoolean() && !stripeIntents.contains(intent);
			String key = (stripe ? "stripe:ch_" : "shopify:") + (++sequence);
			if (stripe) {
				stripeIntents.add(intent);
			}
			String currency = random.nextInt(4) == 0 ? "EUR" : "USD";
			String[] purchase = { key, contact(), random.nextBoolean() ? visitTime() : time(), String.valueOf(500 + random.nextInt(10)
					* 500), currency,
					stripe ? key : null, random.nextInt(3) == 0 ? null : intent, "paid" };
			purchases.add(purchase);
			loadPurchase(purchase);
		}

		/** A later version of a purchase: another contact, time, amount, currency or status, or the same again. */
		private void correctPurchase() {
			if (purchases.isEmpty()) {
				return;
			}
			String[] purchase = purchases.get(random.nextInt(purchases.size()));
			switch (random.nextInt(6)) {
				case 0 -> purchase[1] = contact();
				case 1 -> purchase[2] = time();
				case 2 -> purchase[3] = String.valueOf(500 + random.nextInt(10) * 500);
				case 3 -> purchase[4] = purchase[4].equals("USD") ? "EUR" : "USD";
				case 4 -> purchase[7] = purchase[7].equals(Purchase.VOIDED) ? "paid" : Purchase.VOIDED;
				default -> {
					// restated unchanged
				}
			}
			loadPurchase(purchase);
		}

		private void loadPurchase(String[] p) {
			facts.purchase(p[0], p[1], p[2], Long.parseLong(p[3]), p[4], p[5], p[6], p[7]);
		}

		private void refund() {
			if (purchases.isEmpty()) {
				return;
			}
			String[] purchase = purchases.get(random.nextInt(purchases.size()));
			String[] refund = { "re_" + (++sequence), purchase[0], purchase[1], time(),
					String.valueOf(-(100 + random.nextInt(30) * 100)), purchase[4], String.valueOf(random.nextBoolean()) };
			refunds.add(refund);
			loadRefund(refund, refund[4]);
		}

		/** A later version of a refund with another amount. */
		private void correctRefund() {
			if (refunds.isEmpty()) {
				return;
			}
			loadRefund(refunds.get(random.nextInt(refunds.size())), String.valueOf(-(100 + random.nextInt(30) * 100)));
		}

		private void loadRefund(String[] r, String minor) {
			facts.refund(r[0], r[1], r[2], r[3], Long.parseLong(minor), r[5], Boolean.parseBoolean(r[6]));
		}

		private void tag() {
			String who = random.nextInt(4) == 0 ? "alias" + random.nextInt(3) : contact();
			facts.tag(who, "tag" + random.nextInt(3), random.nextInt(3) == 0 ? -1 : 1, time());
		}

		private void touch() {
			// 0: names its contact; 1: a user id; 2: an anonymous id; 3, 4: both (the user id's contact wins if it
			// has one; until an identity links either, an anonymous visitor's session)
			int how = random.nextInt(5);
			String user = "user" + random.nextInt(4);
			String anonymous = how >= 3 ? "user" + random.nextInt(4) : user;
			boolean page = random.nextBoolean();
			String channel = random.nextInt(3) == 0 ? null : random.nextBoolean() ? "Facebook" : "google";
			String[] touch = { "ev" + (++sequence), how == 0 ? contact() : null, how == 1 || how >= 3 ? user : null,
					how >= 2 ? anonymous : null, page ? "page" : "track", page ? "Page" : "Event" + random.nextInt(2),
					page ? "/p" + random.nextInt(3) + "?q=" + random.nextInt(9) : null, channel,
					channel == null ? null : "camp" + random.nextInt(3), visitTime() };
			touches.add(touch);
			loadTouch(touch);
		}

		/** The same event again, in this batch or a later one (a repeated delivery, a lookback). */
		private void repeatTouch() {
			if (!touches.isEmpty()) {
				loadTouch(touches.get(random.nextInt(touches.size())));
			}
		}

		private void loadTouch(String[] t) {
			facts.touch(t[0], t[1], t[2], t[3], t[4], t[5], t[6], t[7], t[8], t[9]);
		}

		private void identity() {
			int which = random.nextInt(7);
			String key = which < 4 ? "user" + which : "alias" + (which - 4);
			if (identities.containsKey(key)) {
				return;
			}
			String contact = contact();
			identities.put(key, contact);
			if (which < 4) {
				facts.identity("segment", random.nextBoolean() ? "user_id" : "anonymous_id", key, contact, "x" + key);
			}
			else {
				facts.identity("salesforce", "contact", "003" + key, contact, key);
			}
		}

		private String contact() {
			return CONTACTS[random.nextInt(CONTACTS.length)];
		}

		/**
		 * A time in a few evening hours around two local midnights (New York), in steps of 10 minutes: events
		 * land exactly at, under and over the session timeout apart, in any batch order (late and out of
		 * order), and purchases within a day of sessions.
		 */
		private String visitTime() {
			return String.format("2026-02-%02d %02d:%02d:00", 1 + random.nextInt(2), 3 + random.nextInt(3),
					10 * random.nextInt(6));
		}

		private String time() {
			return String.format("2026-%02d-%02d %02d:%02d:00", 1 + random.nextInt(4), 1 + random.nextInt(28),
					random.nextInt(24), random.nextInt(60));
		}
	}
}
