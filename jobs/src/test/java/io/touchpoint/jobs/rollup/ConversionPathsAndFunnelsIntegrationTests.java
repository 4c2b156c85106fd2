package io.touchpoint.jobs.rollup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import java.time.Duration;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;

import javax.sql.DataSource;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

import io.touchpoint.jobs.config.TouchpointProperties;
import io.touchpoint.jobs.config.WarehouseDataSource;
import io.touchpoint.jobs.rollup.RollupProperties.TouchpointCounting;
import io.touchpoint.jobs.support.IntegrationTest;

/**
 * conversion_paths and funnel_steps against rows computed by hand. Tenant time zone UTC, session timeout 30
 * minutes; funnel "trial" = page:/pricing, event:Signed Up, purchase with a window of one day. Every event
 * below is its own session unless said otherwise (they are hours or days apart).
 *
 * <pre>
 * Ann  page /blog 02-20 09:00 google/brand; page /blog 02-25 09:00 google/brand;
 *      page /pricing 03-01 10:00 facebook/spring, track Signed Up 10:10 (same session);
 *      purchase 03-01 12:00 $50.00, refunded $10.00; purchase 03-10 $20.00      net $60.00
 * Bob  track Signed Up 03-01 09:00, page /pricing 03-01 10:00 (out of order: the sign-up came first)
 * Cat  page /pricing 03-01 10:00 google (no campaign); track Signed Up 03-03 10:00 (48 h later: outside
 *      the window); purchase 03-03 11:00 $25.00                                  net $25.00
 * Dan  page /pricing 03-02 08:00 (no channel), track Signed Up 08:20 (same session);
 *      purchase 03-02 20:00 $40.00; page /home 03-04 google/brand (after the purchase) net $40.00
 * Eve  page /pricing 03-05 10:00, page /pricing 10:05, track Signed Up 11:00 (55 min later: a new session)
 * Fay  purchase 03-01 09:00 $15.00, no event before (nor after)                 net $15.00
 * Gus  page /home 02-27 google/brand; page /home 02-28 facebook/spring; purchase 03-01 $30.00   net $30.00
 * Hal  page /x 02-01 .. 02-08, one a day, google/x and facebook/y alternating; purchase 02-09 $10.00
 * anonymous a: page /pricing 03-01 10:00, track Signed Up 10:01 (not a contact: not in the funnel)
 *
 * funnel trial (first /pricing, then the first Signed Up after it within 1 day, then the first purchase after that)
 *   1 page:/pricing     Ann, Bob, Cat, Dan, Eve = 5                 conversion NULL    median NULL
 *   2 event:Signed Up   Ann 600 s, Dan 1,200 s, Eve 3,600 s (from her first /pricing) = 3
 *                       (Bob's is before his /pricing, Cat's 172,800 s after hers)
 *                                                                   3/5 = 0.6000       median 1,200
 *   3 purchase          Ann 6,600 s (10:10 -> 12:00), Dan 42,000 s (08:20 -> 20:00) = 2
 *                       (Cat bought, but never reached step 2)      2/3 = 0.6667       median (6,600 + 42,000) / 2 = 24,300
 *
 * conversion paths (sessions started at or before the first purchase; consecutive repeats collapsed)
 *   google:brand > facebook:spring          Ann (google:brand twice is one step), Gus   2  $60 + $30 = $90.00
 *   (direct)                                Dan (his google/brand session is after his purchase)  1  $40.00
 *   google:(none) > (direct)                Cat                                           1  $25.00
 *   (no touch)                              Fay                                           1  $15.00
 *   google:x > facebook:y > google:x > … > facebook:y > google:x > facebook:y   Hal (8 steps: the first three,
 *                                           '…' and the last three)                       1  $10.00
 * </pre>
 */
class ConversionPathsAndFunnelsIntegrationTests extends IntegrationTest {

	private static final String TENANT = "funnels-hand";

	@Autowired
	@WarehouseDataSource
	private DataSource warehouse;

	@Test
	void funnelStepsCountOnlyStepsInOrderWithinTheWindowAndPathsCollapseRepeatedChannels() {
		// given
		JdbcTemplate jdbc = new JdbcTemplate(warehouse);
		Facts facts = fixture(jdbc, TENANT);
		RollupRunner runner = runner();

		// when
		runner.incremental(TENANT, "h1", RollupRunner.NO_WINDOW_END);

		// then
		assertThat(jdbc.queryForList("SELECT funnel, step_number, step, contacts, conversion, median_seconds_from_previous "
				+ "FROM funnel_steps WHERE tenant_id = ? ORDER BY funnel, step_number", TENANT))
			.extracting(r -> tuple(r.get("funnel"), r.get("step_number"), r.get("step"), r.get("contacts"),
					r.get("conversion") == null ? null : r.get("conversion").toString(), r.get("median_seconds_from_previous")))
			.containsExactly(tuple("trial", 1, "page:/pricing", 5L, null, null),
					tuple("trial", 2, "event:Signed Up", 3L, "0.6000", 1200L),
					tuple("trial", 3, "purchase", 2L, "0.6667", 24300L));
		assertThat(jdbc.queryForList("SELECT path, currency, customers, revenue_minor FROM conversion_paths "
				+ "WHERE tenant_id = ? ORDER BY path", TENANT))
			.extracting(r -> tuple(r.get("path"), r.get("currency"), r.get("customers"), r.get("revenue_minor")))
			.containsExactlyInAnyOrder(tuple("google:brand > facebook:spring", "USD", 2L, 9000L),
					tuple("(direct)", "USD", 1L, 4000L), tuple("google:(none) > (direct)", "USD", 1L, 2500L),
					tuple("(no touch)", "USD", 1L, 1500L),
					tuple("google:x > facebook:y > google:x > \u2026 > facebook:y > google:x > facebook:y", "USD", 1L, 1000L));

		// and a rebuild gives the same rows
		Map<String, List<String>> incremental = facts.snapshot();
		runner.rebuild(TENANT, RollupRunner.NO_WINDOW_END);
		Map<String, List<String>> rebuilt = facts.snapshot();
		for (String table : List.of("conversion_paths", "funnel_steps")) {
			assertThat(incremental.get(table)).as(table).isNotEmpty().isEqualTo(rebuilt.get(table));
		}
	}

	/**
	 * The reports of the same fixture: the funnel's lead from its counts (5, 3, 2: 3/5 = 60%, 2/5 = 40%; the biggest
	 * drop, 2 contacts, is after /pricing; step 2's median 1,200 s = 20 min; step 3's 24,300 s = 6 h 45 min), and the
	 * paths' (2 of the 6 USD customers = 33% took google:brand > facebook:spring, $90.00; Fay had no session).
	 */
	@Test
	void funnelAndConversionPathsReportsLeadWithASentenceInEveryFormat() throws Exception {
		// given
		String tenant = TENANT + "-report";
		fixture(new JdbcTemplate(warehouse), tenant);
		runner().rebuild(tenant, RollupRunner.NO_WINDOW_END);
		var reports = new io.touchpoint.jobs.report.JourneyReports(warehouse);

		// when
		var funnel = reports.funnel(tenant, "trial");
		var paths = reports.conversionPaths(tenant);
		String html = io.touchpoint.jobs.report.JourneyHtml.funnel(tenant, null, funnel, reports.funnelSteps(tenant));

		// then
		assertThat(funnel.lead()).isEqualTo("Funnel trial: of 5 contacts who reached /pricing, 60% went on to Signed Up "
				+ "and 40% to a purchase; the biggest drop is after /pricing: 2 of 5 did not go on (those who did took a "
				+ "median 20 min).");
		assertThat(io.touchpoint.jobs.report.TableFormat.csv(funnel.columns(), funnel.rows())).isEqualTo(
				"funnel,step,name,contacts,of first step,conversion,median seconds,median time\r\n"
						+ "trial,1,page:/pricing,5,1.0000,,,\r\n"
						+ "trial,2,event:Signed Up,3,0.6000,0.6000,1200,20 min\r\n"
						+ "trial,3,purchase,2,0.4000,0.6667,24300,6 h 45 min\r\n");
		assertThat(paths.lead()).isEqualTo("The most common path to a first purchase is google:brand > facebook:spring: "
				+ "2 of 6 USD customers (33%) took it, worth $90.00 net. 1 customer bought with no session before.");
		assertThat(paths.rows().get(0)).extracting(Object::toString)
			.containsExactly("google:brand > facebook:spring", "USD", "2", "$90.00", "$45.00");
		assertThatThrownBy(() -> reports.funnel(tenant, "nope")).hasMessage("No funnel 'nope' for tenant " + tenant
				+ ": computed: trial");

		var document = javax.xml.parsers.DocumentBuilderFactory.newInstance().newDocumentBuilder()
			.parse(new org.xml.sax.InputSource(new java.io.StringReader(html)));
		var xpath = javax.xml.xpath.XPathFactory.newInstance().newXPath();
		assertThat(xpath.evaluate("count(//*[local-name()='script' or local-name()='link'])", document)).isEqualTo("0");
		assertThat(xpath.evaluate("//*[@id='lead-trial']", document)).isEqualTo(funnel.lead());
		String bars = "//*[local-name()='svg'][@id='funnel-chart-trial']/*[local-name()='rect']";
		assertThat(xpath.evaluate("count(" + bars + ")", document)).isEqualTo("3");
		assertThat(xpath.evaluate("(" + bars + ")[2]/@data-contacts", document)).isEqualTo("3");
		assertThat(xpath.evaluate("count(//*[local-name()='table'][@id='rows']//*[local-name()='tbody']/*)", document))
			.isEqualTo("3");
	}

	private RollupRunner runner() {
		return new RollupRunner(warehouse,
				new RollupProperties(ZoneId.of("UTC"), TouchpointCounting.EVER, null, 30, Duration.ofMinutes(30)),
				new RollupProperties.TenantSettings(Map.of()),
				new FunnelProperties(Map.of("trial", new TouchpointProperties.Funnel(
						List.of("page:/pricing", "event:Signed Up", "purchase"), Duration.ofDays(1)))));
	}

	/** The facts of the class comment, in one batch h1. */
	private static Facts fixture(JdbcTemplate jdbc, String tenant) {
		Facts facts = new Facts(jdbc, tenant).batch("h1")
			.touch("a1", "c-ann", null, null, "page", null, "/blog", "Google", "brand", "2026-02-20 09:00:00")
			.touch("a2", "c-ann", null, null, "page", null, "/blog", "google", "brand", "2026-02-25 09:00:00")
			.touch("a3", "c-ann", null, null, "page", null, "https://shop.example/pricing?plan=pro", "facebook", "spring",
					"2026-03-01 10:00:00")
			.touch("a4", "c-ann", null, null, "track", "Signed Up", null, null, null, "2026-03-01 10:10:00")
			.purchase("stripe:ch_ann1", "c-ann", "2026-03-01 12:00:00", 5000, "USD", "stripe:ch_ann1", null)
			.refund("re_ann", "stripe:ch_ann1", "c-ann", "2026-03-05 12:00:00", -1000, "USD", false)
			.purchase("stripe:ch_ann2", "c-ann", "2026-03-10 12:00:00", 2000, "USD", "stripe:ch_ann2", null)
			.touch("b1", "c-bob", null, null, "track", "Signed Up", null, null, null, "2026-03-01 09:00:00")
			.touch("b2", "c-bob", null, null, "page", null, "/pricing", null, null, "2026-03-01 10:00:00")
			.touch("k1", "c-cat", null, null, "page", null, "/pricing", "google", null, "2026-03-01 10:00:00")
			.touch("k2", "c-cat", null, null, "track", "Signed Up", null, null, null, "2026-03-03 10:00:00")
			.purchase("stripe:ch_cat", "c-cat", "2026-03-03 11:00:00", 2500, "USD", "stripe:ch_cat", null)
			.touch("d1", "c-dan", null, null, "page", null, "/pricing", null, null, "2026-03-02 08:00:00")
			.touch("d2", "c-dan", null, null, "track", "Signed Up", null, null, null, "2026-03-02 08:20:00")
			.purchase("stripe:ch_dan", "c-dan", "2026-03-02 20:00:00", 4000, "USD", "stripe:ch_dan", null)
			.touch("d3", "c-dan", null, null, "page", null, "/home", "google", "brand", "2026-03-04 08:00:00")
			.touch("e1", "c-eve", null, null, "page", null, "/pricing", null, null, "2026-03-05 10:00:00")
			.touch("e2", "c-eve", null, null, "page", null, "/pricing", null, null, "2026-03-05 10:05:00")
			.touch("e3", "c-eve", null, null, "track", "Signed Up", null, null, null, "2026-03-05 11:00:00")
			.contact("c-fay", null)
			.purchase("stripe:ch_fay", "c-fay", "2026-03-01 09:00:00", 1500, "USD", "stripe:ch_fay", null)
			.touch("g1", "c-gus", null, null, "page", null, "/home", "google", "brand", "2026-02-27 09:00:00")
			.touch("g2", "c-gus", null, null, "page", null, "/home", "facebook", "spring", "2026-02-28 09:00:00")
			.purchase("stripe:ch_gus", "c-gus", "2026-03-01 09:00:00", 3000, "USD", "stripe:ch_gus", null)
			.touch("n1", null, null, "anon-a", "page", null, "/pricing", null, null, "2026-03-01 10:00:00")
			.touch("n2", null, null, "anon-a", "track", "Signed Up", null, null, null, "2026-03-01 10:01:00");
		for (int day = 1; day <= 8; day++) {
			boolean google = day % 2 == 1;
			facts.touch("h" + day, "c-hal", null, null, "page", null, "/x", google ? "google" : "facebook",
					google ? "x" : "y", "2026-02-0" + day + " 09:00:00");
		}
		return facts.purchase("stripe:ch_hal", "c-hal", "2026-02-09 09:00:00", 1000, "USD", "stripe:ch_hal", null);
	}
}
