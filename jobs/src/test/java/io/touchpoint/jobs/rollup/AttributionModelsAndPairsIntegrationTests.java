package io.touchpoint.jobs.rollup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;

import javax.sql.DataSource;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

import io.touchpoint.jobs.config.WarehouseDataSource;
import io.touchpoint.jobs.report.LtvReport;
import io.touchpoint.jobs.report.RollupReports;
import io.touchpoint.jobs.report.TableFormat;
import io.touchpoint.jobs.rollup.RollupProperties.TouchpointCounting;
import io.touchpoint.jobs.support.IntegrationTest;

/**
 * The multi-touch attribution models, the interval around a lift and the value of pairs of touchpoints against
 * numbers computed by hand. Time zone UTC; every contact created 2026-01-01; touches are page views without a URL,
 * so their only touchpoints are campaigns.
 *
 * <pre>
 * Ava  touches 03-01 12:00 facebook/spring, 03-08 12:00 google/brand, 03-15 12:00 email/news (7 and 14 days before
 *      her last), 03-20 tiktok/later (after her purchase: no credit); purchase 03-15 13:00 100.00 USD
 * Ben  touches 03-02 facebook/spring, 03-03 google/brand; purchase 03-04 50.01 USD
 * Cid  no touch; purchase 03-05 30.00 USD
 * Dee  touch 03-05 facebook/spring; never buys
 * Eve  nothing
 * USD nets: Ava 10000, Ben 5001, Cid 3000, Dee 0, Eve 0
 * </pre>
 */
class AttributionModelsAndPairsIntegrationTests extends IntegrationTest {

	private static final String TENANT = "attribution-hand";

	@Autowired
	@WarehouseDataSource
	private DataSource warehouse;

	private JdbcTemplate jdbc;

	@BeforeEach
	void fixture() {
		jdbc = new JdbcTemplate(warehouse);
		if (jdbc.queryForObject("SELECT COUNT(*) FROM contacts WHERE tenant_id = ?", Integer.class, TENANT) == 0) {
			new Facts(jdbc, TENANT).contact("c-ava", "2026-01-01 00:00:00")
				.contact("c-ben", "2026-01-01 00:00:00")
				.contact("c-cid", "2026-01-01 00:00:00")
				.contact("c-dee", "2026-01-01 00:00:00")
				.contact("c-eve", "2026-01-01 00:00:00")
				.touch("a1", "c-ava", null, null, "page", "Home", null, "Facebook", "spring", "2026-03-01 12:00:00")
				.touch("a2", "c-ava", null, null, "page", "Home", null, "google", "brand", "2026-03-08 12:00:00")
				.touch("a3", "c-ava", null, null, "page", "Home", null, "email", "news", "2026-03-15 12:00:00")
				.touch("a4", "c-ava", null, null, "page", "Home", null, "tiktok", "later", "2026-03-20 12:00:00")
				.touch("b1", "c-ben", null, null, "page", "Home", null, "facebook", "spring", "2026-03-02 12:00:00")
				.touch("b2", "c-ben", null, null, "page", "Home", null, "google", "brand", "2026-03-03 12:00:00")
				.touch("d1", "c-dee", null, null, "page", "Home", null, "facebook", "spring", "2026-03-05 12:00:00")
				.purchase("stripe:ch_ava", "c-ava", "2026-03-15 13:00:00", 10000, "USD", "stripe:ch_ava", null)
				.purchase("stripe:ch_ben", "c-ben", "2026-03-04 12:00:00", 5001, "USD", "stripe:ch_ben", null)
				.purchase("stripe:ch_cid", "c-cid", "2026-03-05 12:00:00", 3000, "USD", "stripe:ch_cid", null);
		}
		new RollupRunner(warehouse, new RollupProperties(ZoneOffset.UTC, TouchpointCounting.EVER, null, 30,
				Duration.ofMinutes(30), 3), new RollupProperties.TenantSettings(Map.of()))
			.rebuild(TENANT, RollupRunner.NO_WINDOW_END);
	}

	@Test
	void eachModelCreditsAThreeTouchCustomerByHand() {
		// then Ava's credit in millionths and her 10000 of revenue under each model:
		// first_touch  facebook/spring 1,000,000 -> 10000
		// last_touch   email/news 1,000,000 -> 10000
		// linear       1/3 each: floors 333333 x 3 leave 1, the remainders tie, the earliest touch gets it:
		//              spring 333334, brand 333333, news 333333; revenue 10000 x those = 3333.34, 3333.33, 3333.33:
		//              floors 3333 x 3 leave 1 for the largest remainder (spring): 3334, 3333, 3333
		// position_based  weights 2, 1, 2 of 5: 400000, 200000, 400000 -> 4000, 2000, 4000
		// time_decay   weights 1/4, 1/2, 1 (14 and 7 days before the last) of 7/4: 142857.14, 285714.29, 571428.57
		//              -> floors leave 1 for the largest remainder (news .57): 142857, 285714, 571429; revenue
		//              1428.57, 2857.14, 5714.29 -> floors leave 1 for spring (.57): 1429, 2857, 5714
		assertThat(jdbc.queryForList("SELECT model, channel, campaign, credit_ppm FROM contact_attribution "
				+ "WHERE tenant_id = ? AND contact_id = 'c-ava' ORDER BY model, touched_at", TENANT))
			.extracting(r -> tuple(r.get("model"), r.get("channel"), r.get("campaign"), r.get("credit_ppm")))
			.containsExactly(tuple("first_touch", "facebook", "spring", 1_000_000L),
					tuple("last_touch", "email", "news", 1_000_000L),
					tuple("linear", "facebook", "spring", 333_334L), tuple("linear", "google", "brand", 333_333L),
					tuple("linear", "email", "news", 333_333L),
					tuple("position_based", "facebook", "spring", 400_000L),
					tuple("position_based", "google", "brand", 200_000L),
					tuple("position_based", "email", "news", 400_000L),
					tuple("time_decay", "facebook", "spring", 142_857L), tuple("time_decay", "google", "brand", 285_714L),
					tuple("time_decay", "email", "news", 571_429L));
		// Ben (5001, two touches spring then brand) under linear and position_based: 500000 each; 2500.5 each ->
		// floors 2500 + 2500 leave 1, the remainders tie, the earlier touch (spring) gets it: 2501 + 2500.
		// Under time_decay his touches are a day apart: 2^(-1/7) = 0.905724 -> 905724 : 1000000 of 1905724, i.e.
		// 475265.04 and 524734.96 -> 475265, 524735; revenue 2376.80, 2624.20 -> 2377, 2624 (floors leave 1 for .80).
		// So per model (Ava + Ben; Cid is the untouched row):
		// linear          spring 3334 + 2501 = 5835, brand 3333 + 2500 = 5833, news 3333
		// position_based  spring 4000 + 2501 = 6501, brand 2000 + 2500 = 4500, news 4000
		// time_decay      spring 1429 + 2377 = 3806, brand 2857 + 2624 = 5481, news 5714
		assertThat(jdbc.queryForList("SELECT model, channel, campaign, contacts, purchases, revenue_minor FROM attribution "
				+ "WHERE tenant_id = ? AND model IN ('linear', 'position_based', 'time_decay') ORDER BY model, revenue_minor DESC",
				TENANT))
			.extracting(r -> tuple(r.get("model"), r.get("channel"), r.get("campaign"), r.get("contacts"), r.get("purchases"),
					r.get("revenue_minor")))
			.containsExactly(
					tuple("linear", "facebook", "spring", new BigDecimal("0.833334"), new BigDecimal("0.833334"), 5835L),
					tuple("linear", "google", "brand", new BigDecimal("0.833333"), new BigDecimal("0.833333"), 5833L),
					tuple("linear", "email", "news", new BigDecimal("0.333333"), new BigDecimal("0.333333"), 3333L),
					tuple("linear", "", "", new BigDecimal("1.000000"), new BigDecimal("1.000000"), 3000L),
					tuple("position_based", "facebook", "spring", new BigDecimal("0.900000"), new BigDecimal("0.900000"), 6501L),
					tuple("position_based", "google", "brand", new BigDecimal("0.700000"), new BigDecimal("0.700000"), 4500L),
					tuple("position_based", "email", "news", new BigDecimal("0.400000"), new BigDecimal("0.400000"), 4000L),
					tuple("position_based", "", "", new BigDecimal("1.000000"), new BigDecimal("1.000000"), 3000L),
					tuple("time_decay", "email", "news", new BigDecimal("0.571429"), new BigDecimal("0.571429"), 5714L),
					tuple("time_decay", "google", "brand", new BigDecimal("0.810449"), new BigDecimal("0.810449"), 5481L),
					tuple("time_decay", "facebook", "spring", new BigDecimal("0.618122"), new BigDecimal("0.618122"), 3806L),
					tuple("time_decay", "", "", new BigDecimal("1.000000"), new BigDecimal("1.000000"), 3000L));
	}

	@Test
	void everyModelCreditsExactlyTheNetOfTheCustomersWithATouch() {
		// then per model: Ava 10000 + Ben 5001 = 15001 over touched channels, Cid's 3000 on the untouched row,
		// 2 customers credited in total
		for (String model : RollupReports.MODELS) {
			assertThat(jdbc.queryForObject("SELECT SUM(revenue_minor) FROM attribution WHERE tenant_id = ? AND model = ? "
					+ "AND (channel <> '' OR campaign <> '')", Long.class, TENANT, model)).as(model).isEqualTo(15001L);
			assertThat(jdbc.queryForObject("SELECT SUM(contacts) FROM attribution WHERE tenant_id = ? AND model = ? "
					+ "AND (channel <> '' OR campaign <> '')", BigDecimal.class, TENANT, model)).as(model)
				.isEqualByComparingTo("2");
			assertThat(jdbc.queryForObject("SELECT SUM(revenue_minor) FROM attribution WHERE tenant_id = ? AND model = ?",
					Long.class, TENANT, model)).as(model).isEqualTo(18001L);
		}
	}

	@Test
	void theLiftOfATouchpointHasAWelchIntervalComputedByHand() {
		// then campaign spring: with Ava 10000, Ben 5001, Dee 0 (n1 3, mean 5000.333); without Cid 3000, Eve 0
		// (n2 2, mean 1500). s1^2 = (125010001 - 15001^2/3) / 2 = 25000000.333, s2^2 = (9000000 - 3000^2/2) / 1 =
		// 4500000; a = s1^2/3 = 8333333.444, b = s2^2/2 = 2250000; se = sqrt(a + b) = 3253.2036;
		// df = (a + b)^2 / (a^2/2 + b^2/1) = 2.815 -> t at df 2 = 4.303; 3500.333 -/+ 4.303 x 3253.2036 =
		// -10498.20 and 17498.87 -> -10498, 17499
		assertThat(jdbc.queryForMap("SELECT lift_minor, lift_ci_low_minor, lift_ci_high_minor FROM touchpoint_value "
				+ "WHERE tenant_id = ? AND kind = 'campaign' AND touchpoint = 'spring' AND currency = 'USD'", TENANT))
			.containsEntry("lift_minor", 3500L)
			.containsEntry("lift_ci_low_minor", -10498L)
			.containsEntry("lift_ci_high_minor", 17499L);
		// news is Ava's alone: one contact with it, no interval
		assertThat(jdbc.queryForMap("SELECT lift_ci_low_minor, lift_ci_high_minor FROM touchpoint_value "
				+ "WHERE tenant_id = ? AND kind = 'campaign' AND touchpoint = 'news'", TENANT))
			.containsEntry("lift_ci_low_minor", null)
			.containsEntry("lift_ci_high_minor", null);
		LtvReport.Line spring = new LtvReport(warehouse).lines(TENANT)
			.stream()
			.filter(line -> line.touchpoint().equals("spring"))
			.findFirst()
			.orElseThrow();
		assertThat(spring.sentence(30)).endsWith("The difference could be chance: +$35 (95% CI -$105 to +$175).");
	}

	@Test
	void pairsAmongTheMostReachedTouchpointsAreValuedByHand() {
		// then reach: spring 3, brand 2, later 1 and news 1 (a tie: later before news); pair-top 3 keeps spring, brand,
		// later. Counted contacts 5, USD net 18001.
		// spring + brand: Ava and Ben, 15001 / 2 = 7500.5 -> 7501; the others Cid, Dee, Eve 3000 / 3 = 1000; lift 6501
		// spring + later and brand + later: Ava, 10000; the others 8001 / 4 = 2000.25 -> 2000; lift 8000
		assertThat(jdbc.queryForList("SELECT * FROM touchpoint_pair_value WHERE tenant_id = ? "
				+ "ORDER BY touchpoint_a DESC, touchpoint_b DESC", TENANT))
			.extracting(r -> tuple(r.get("kind_a"), r.get("touchpoint_a"), r.get("kind_b"), r.get("touchpoint_b"),
					r.get("currency"), r.get("contacts_with_both"), r.get("avg_net_with_both_minor"),
					r.get("contacts_without_both"), r.get("avg_net_without_both_minor"), r.get("lift_minor")))
			.containsExactly(tuple("campaign", "spring", "campaign", "later", "USD", 1L, 10000L, 4L, 2000L, 8000L),
					tuple("campaign", "spring", "campaign", "brand", "USD", 2L, 7501L, 3L, 1000L, 6501L),
					tuple("campaign", "brand", "campaign", "later", "USD", 1L, 10000L, 4L, 2000L, 8000L));
	}

	@Test
	void reportsLeadWithASentence() {
		// when
		RollupReports reports = new RollupReports(warehouse);
		RollupReports.Table linear = reports.attribution(TENANT, "linear");
		RollupReports.Table pairs = reports.pairs(TENANT, 2);

		// then 5835 of 18001 is 32%; 0.833334 customers
		assertThat(linear.lead()).isEqualTo("Under linear attribution, facebook / spring is credited with the most revenue: "
				+ "$58.35 of $180.01 (32%), from 0.833334 customers.");
		assertThat(TableFormat.csv(linear.columns(), linear.rows())).contains("linear,facebook,spring,USD,0.833334,0.833334,$58.35");
		// the largest lift among pairs whose groups have 2 or more: spring + brand (2 vs 3)
		assertThat(pairs.lead()).isEqualTo("Contacts with both campaign:spring and campaign:brand are worth $75 on average; "
				+ "the others $10 (+$65, 2 vs 3 contacts).");
		assertThat(reports.pairs(TENANT, 30).lead()).endsWith("Too few contacts to trust (a group has fewer than 30).");
		assertThat(reports.attribution(TENANT, "first_touch").rows()).extracting(row -> row.get(4))
			.containsOnly(1L, 2L);
		assertThat(List.of(linear.rows().size(), reports.attribution(TENANT).rows().size())).containsExactly(4, 17);
	}
}
