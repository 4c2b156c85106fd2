package io.touchpoint.jobs.rollup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.ZoneId;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

import javax.sql.DataSource;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

import io.touchpoint.jobs.config.WarehouseDataSource;
import io.touchpoint.jobs.rollup.RollupProperties.TouchpointCounting;
import io.touchpoint.jobs.support.IntegrationTest;

/**
 * sessions, session_events and session_paths against rows computed by hand, night by night, then against a
 * rebuild. Tenant time zone America/New_York (UTC-5 in January); session timeout 30 minutes.
 *
 * <pre>
 * night 1  Fay (named by her events)   f1 page https://shop.example/pricing?plan=pro 01-10 04:40:00Z (local 01-09 23:40)
 *                                      f2 page /features                             05:10:00Z  exactly 30 min: same session,
 *                                                                                               across local midnight
 *                                      f3 track "Signed Up"                          05:40:01Z  30 min 1 s: a new session
 *                                      f4 page /checkout                             05:45:00Z
 *          anonymous z (never known)   z1 /blog?x=1 15:00, z2 /pricing 15:05, z3 /signup 15:10, track "Clicked CTA" 15:12,
 *                                      z5 /checkout 15:15, z6 /thanks 15:20, on 01-12 (six events)
 *          anonymous e                 e1 page https://shop.example/?utm_source=x 01-13 12:00Z Google/brand,
 *                                      e2 track "Viewed Product" 12:20Z
 *          user g with anonymous g     g1 track "Opened App" 01-15 10:00Z (neither id known yet: anonymous g's)
 *          purchase Fay                stripe:ch_f 01-11 05:30Z
 * night 2  identity anonymous e -> Eve; identity user g -> Gus; Eve's own event e3 page /pricing 01-14 12:00Z; purchase Eve stripe:ch_e 01-13 13:00Z;
 *          a late event of Fay's: f0 page /home 01-10 04:15Z (25 min before f1: joins her first session and starts it)
 *
 * after night 2 (contact, anonymous id, number, start, end, local date, events, landing, channel, campaign, converted)
 *   Fay 1  -   1  04:15    05:10  01-09  3  /home      -       -      0  (ch_f 01-11 05:30 is after 05:10 + 24 h)
 *   Fay 2  -   2  05:40:01 05:45  01-10  2  /checkout  -       -      1  (05:30 is before 05:45 + 24 h; landing: its
 *                                                                        first page view, the track comes first)
 *   -      z   1  01-12 15:00 15:20  01-12  6  /blog   -       -      0  (anonymous: never converted)
 *   Eve 1  e   1  01-13 12:00 12:20  01-13  2  /       google  brand  1  (identified in night 2: the session before
 *                                                                        the identify is hers; ch_e 13:00 within 24 h)
 *   Eve 2  -   2  01-14 12:00 12:00  01-14  1  /pricing -      -      0  (ch_e before its start)
 *   Gus 1  g   1  01-15 10:00 10:00  01-15  1  -        -      -      0  (its user id identified: no page view)
 * paths   /home > /pricing > /features (1, 0); Signed Up > /checkout (1, 1);
 *         /blog > /pricing > /signup > Clicked CTA > /checkout (1, 0: the sixth event is not in it);
 *         / > Viewed Product (1, 1); /pricing (1, 0); Opened App (1, 0)
 * </pre>
 */
class SessionsIntegrationTests extends IntegrationTest {

	private static final String TENANT = "sessions-hand";

	private static final String FAY = "c-fay", EVE = "c-eve", GUS = "c-gus";

	private static final String SESSION_ROW = "SELECT contact_id, anonymous_id, session_number, started_at, ended_at, "
			+ "local_date, events, landing_page, channel, campaign, converted FROM sessions WHERE tenant_id = ? "
			+ "ORDER BY started_at";

	@Autowired
	@WarehouseDataSource
	private DataSource warehouse;

	@Test
	void sessionsSplitOnlyAfterTheTimeoutMoveToTheContactOnIdentifyAndEqualARebuildNightByNight() throws Exception {
		// given
		JdbcTemplate jdbc = new JdbcTemplate(warehouse);
		Facts facts = new Facts(jdbc, TENANT);
		RollupRunner runner = new RollupRunner(warehouse, new RollupProperties(ZoneId.of("America/New_York"),
				TouchpointCounting.EVER, null, 30, Duration.ofMinutes(30)), new RollupProperties.TenantSettings(Map.of()));
		facts.batch("n1")
			.touch("f1", FAY, null, null, "page", "Pricing", "https://shop.example/pricing?plan=pro", null, null,
					"2026-01-10 04:40:00")
			.touch("f2", FAY, null, null, "page", "Features", "/features", null, null, "2026-01-10 05:10:00")
			.touch("f3", FAY, null, null, "track", "Signed Up", null, null, null, "2026-01-10 05:40:01")
			.touch("f4", FAY, null, null, "page", "Checkout", "/checkout", null, null, "2026-01-10 05:45:00")
			.touch("z1", null, null, "anon-z", "page", null, "/blog?x=1", null, null, "2026-01-12 15:00:00")
			.touch("z2", null, null, "anon-z", "page", null, "/pricing", null, null, "2026-01-12 15:05:00")
			.touch("z3", null, null, "anon-z", "page", null, "/signup", null, null, "2026-01-12 15:10:00")
			.touch("z4", null, null, "anon-z", "track", "Clicked CTA", null, null, null, "2026-01-12 15:12:00")
			.touch("z5", null, null, "anon-z", "page", null, "/checkout", null, null, "2026-01-12 15:15:00")
			.touch("z6", null, null, "anon-z", "page", null, "/thanks", null, null, "2026-01-12 15:20:00")
			.touch("e1", null, null, "anon-e", "page", "Home", "https://shop.example/?utm_source=x", "Google", "brand",
					"2026-01-13 12:00:00")
			.touch("e2", null, null, "anon-e", "track", "Viewed Product", null, null, null, "2026-01-13 12:20:00")
			.touch("g1", null, "u-g", "anon-g", "track", "Opened App", null, null, null, "2026-01-15 10:00:00")
			.purchase("stripe:ch_f", FAY, "2026-01-11 05:30:00", 5000, "USD", "stripe:ch_f", null);

		// when night 1 is rolled up
		runner.incremental(TENANT, "n1", RollupRunner.NO_WINDOW_END);

		// then Fay's first session holds f1 and f2 (exactly 30 minutes apart), e's session is anonymous
		assertThat(rows(jdbc)).containsExactly(
				tuple(FAY, null, 1, "2026-01-10T04:40", "2026-01-10T05:10", "2026-01-09", 2, "/pricing", null, null, 0),
				tuple(FAY, null, 2, "2026-01-10T05:40:01", "2026-01-10T05:45", "2026-01-10", 2, "/checkout", null, null, 1),
				tuple(null, "anon-z", 1, "2026-01-12T15:00", "2026-01-12T15:20", "2026-01-12", 6, "/blog", null, null, 0),
				tuple(null, "anon-e", 1, "2026-01-13T12:00", "2026-01-13T12:20", "2026-01-13", 2, "/", "google", "brand",
						0),
				tuple(null, "anon-g", 1, "2026-01-15T10:00", "2026-01-15T10:00", "2026-01-15", 1, null, null, null, 0));

		// when night 2 brings the identify of e, Eve's purchase and event, and a late event of Fay's
		facts.batch("n2")
			.contact(EVE, "2026-01-13 00:00:00")
			.identity("segment", "anonymous_id", "anon-e", EVE, "x-eve-anon-e")
			.contact(GUS, "2026-01-15 00:00:00")
			.identity("segment", "user_id", "u-g", GUS, "x-gus-u-g")
			.touch("e3", EVE, null, null, "page", "Pricing", "/pricing", null, null, "2026-01-14 12:00:00")
			.purchase("stripe:ch_e", EVE, "2026-01-13 13:00:00", 7000, "USD", "stripe:ch_e", null)
			.touch("f0", FAY, null, null, "page", "Home", "/home", null, null, "2026-01-10 04:15:00");
		RollupRunner.Result night2 = runner.incremental(TENANT, "n2", RollupRunner.NO_WINDOW_END);

		// then
		assertThat(night2.rebuilt()).isFalse();
		assertThat(rows(jdbc)).containsExactly(
				tuple(FAY, null, 1, "2026-01-10T04:15", "2026-01-10T05:10", "2026-01-09", 3, "/home", null, null, 0),
				tuple(FAY, null, 2, "2026-01-10T05:40:01", "2026-01-10T05:45", "2026-01-10", 2, "/checkout", null, null, 1),
				tuple(null, "anon-z", 1, "2026-01-12T15:00", "2026-01-12T15:20", "2026-01-12", 6, "/blog", null, null, 0),
				tuple(EVE, "anon-e", 1, "2026-01-13T12:00", "2026-01-13T12:20", "2026-01-13", 2, "/", "google", "brand", 1),
				tuple(EVE, null, 2, "2026-01-14T12:00", "2026-01-14T12:00", "2026-01-14", 1, "/pricing", null, null, 0),
				tuple(GUS, "anon-g", 1, "2026-01-15T10:00", "2026-01-15T10:00", "2026-01-15", 1, null, null, null, 0));
		// the session id is the digest of tenant, visitor and first event: Fay's first now starts with f0
		String fayFirst = sha256Hex(TENANT + "\0c:" + FAY + "\0segment\0f0").substring(0, 32);
		assertThat(jdbc.queryForList("SELECT event_number, kind, name FROM session_events WHERE tenant_id = ? "
				+ "AND session_id = ? ORDER BY event_number", TENANT, fayFirst))
			.extracting(r -> tuple(r.get("event_number"), r.get("kind"), r.get("name")))
			.containsExactly(tuple(1, "page", "/home"), tuple(2, "page", "/pricing"), tuple(3, "page", "/features"));
		// "the second page of everyone's first session" is one join
		assertThat(jdbc.queryForList("SELECT s.contact_id, s.anonymous_id, e.name FROM sessions s "
				+ "JOIN session_events e ON e.tenant_id = s.tenant_id AND e.session_id = s.session_id AND e.event_number = 2 "
				+ "WHERE s.tenant_id = ? AND s.session_number = 1 ORDER BY s.started_at", TENANT))
			.extracting(r -> tuple(r.get("contact_id"), r.get("anonymous_id"), r.get("name")))
			.containsExactly(tuple(FAY, null, "/pricing"), tuple(null, "anon-z", "/pricing"),
					tuple(EVE, "anon-e", "Viewed Product"));
		assertThat(jdbc.queryForList("SELECT path, sessions, converted_sessions FROM session_paths WHERE tenant_id = ? "
				+ "ORDER BY path", TENANT))
			.extracting(r -> tuple(r.get("path"), r.get("sessions"), r.get("converted_sessions")))
			.containsExactly(tuple("/ > Viewed Product", 1L, 1L),
					tuple("/blog > /pricing > /signup > Clicked CTA > /checkout", 1L, 0L),
					tuple("/home > /pricing > /features", 1L, 0L), tuple("/pricing", 1L, 0L), tuple("Opened App", 1L, 0L),
					tuple("Signed Up > /checkout", 1L, 1L));

		// and a rebuild gives the same rows, ids included
		Map<String, List<String>> incremental = facts.snapshot();
		runner.rebuild(TENANT, RollupRunner.NO_WINDOW_END);
		Map<String, List<String>> rebuilt = facts.snapshot();
		for (String table : List.of("sessions", "session_events", "session_paths")) {
			assertThat(incremental.get(table)).as(table).isEqualTo(rebuilt.get(table));
		}
	}

	/**
	 * The sessions and paths reports on a second fixture (UTC days):
	 *
	 * <pre>
	 * r1  page /pricing 03-02 10:00, track "Signed Up" 10:05; purchase 03-02 11:00  converted
	 * r2  page /pricing 03-03 10:00                                                 not converted
	 * r3  page /pricing?x=1 03-04 10:00, track "Signed Up" 10:01                    not converted
	 * anonymous r: page /blog 03-05 10:00                                           not converted
	 * sessions by landing page  /pricing 3 sessions, 1 converted (0.3333 = 33%); /blog 1, 0
	 * paths                     /pricing > Signed Up 2, 1 (0.5000 = 50%); /blog 1, 0; /pricing 1, 0
	 * </pre>
	 */
	@Test
	void sessionsAndPathsReportsLeadWithWhereMostSessionsStartAndTheMostCommonPath() {
		// given
		JdbcTemplate jdbc = new JdbcTemplate(warehouse);
		String tenant = "sessions-report";
		new Facts(jdbc, tenant).batch("r1")
			.touch("p1", "c-r1", null, null, "page", null, "/pricing", null, null, "2026-03-02 10:00:00")
			.touch("s1", "c-r1", null, null, "track", "Signed Up", null, null, null, "2026-03-02 10:05:00")
			.purchase("stripe:ch_r1", "c-r1", "2026-03-02 11:00:00", 9900, "USD", "stripe:ch_r1", null)
			.touch("p2", "c-r2", null, null, "page", null, "/pricing", null, null, "2026-03-03 10:00:00")
			.touch("p3", "c-r3", null, null, "page", null, "/pricing?x=1", null, null, "2026-03-04 10:00:00")
			.touch("s3", "c-r3", null, null, "track", "Signed Up", null, null, null, "2026-03-04 10:01:00")
			.touch("b4", null, null, "anon-r", "page", null, "/blog", null, null, "2026-03-05 10:00:00");
		new RollupRunner(warehouse, new RollupProperties(ZoneId.of("UTC"), TouchpointCounting.EVER, null, 30,
				Duration.ofMinutes(30)), new RollupProperties.TenantSettings(Map.of()))
			.rebuild(tenant, RollupRunner.NO_WINDOW_END);
		var reports = new io.touchpoint.jobs.report.RollupReports(warehouse);

		// when
		var sessions = reports.sessions(tenant, null, null);
		var paths = reports.paths(tenant);
		var march3On = reports.sessions(tenant, java.time.LocalDate.of(2026, 3, 3), null);

		// then
		assertThat(sessions.lead()).isEqualTo("Most sessions start at /pricing (3 of 4); 33% of them convert.");
		assertThat(sessions.rows()).extracting(Object::toString)
			.containsExactly("[/pricing, 3, 1, 0.3333]", "[/blog, 1, 0, 0.0000]");
		assertThat(paths.lead())
			.isEqualTo("The most common path is /pricing > Signed Up (2 of 4 sessions); 50% of them convert.");
		assertThat(io.touchpoint.jobs.report.TableFormat.csv(paths.columns(), paths.rows()))
			.isEqualTo("path,sessions,converted,conversion\r\n/pricing > Signed Up,2,1,0.5000\r\n/blog,1,0,0.0000\r\n"
					+ "/pricing,1,0,0.0000\r\n");
		assertThat(march3On.lead()).isEqualTo("Most sessions start at /pricing (2 of 3); 0% of them convert.");
	}

	private static List<org.assertj.core.groups.Tuple> rows(JdbcTemplate jdbc) {
		return jdbc.queryForList(SESSION_ROW, TENANT)
			.stream()
			.map(r -> tuple(r.get("contact_id"), r.get("anonymous_id"), ((Number) r.get("session_number")).intValue(),
					time(r.get("started_at")), time(r.get("ended_at")),
					r.get("local_date").toString(), ((Number) r.get("events")).intValue(), r.get("landing_page"),
					r.get("channel"), r.get("campaign"), ((Number) r.get("converted")).intValue()))
			.toList();
	}

	/** A UTC time as {@code LocalDateTime.toString()} writes it ("2026-01-10T04:40", "2026-01-10T05:40:01"). */
	private static String time(Object value) {
		return value instanceof java.sql.Timestamp timestamp ? timestamp.toLocalDateTime().toString() : value.toString();
	}

	private static String sha256Hex(String text) throws Exception {
		return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
	}
}
