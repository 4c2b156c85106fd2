package io.touchpoint.jobs.report;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import javax.sql.DataSource;

import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Component;

import io.touchpoint.jobs.config.WarehouseDataSource;
import io.touchpoint.jobs.rollup.TimeZoneOffsets;

/**
 * What is behind a number ({@code touchpoint explain}): the contacts of one group of a {@code touchpoint_value}
 * row, each with its net value per currency, its counted purchases and when it got the touchpoint, led by the
 * row itself and by the group's size and mean net recomputed from the same contacts, so the two can be compared;
 * and the events of one session ({@code session_events}) led by its {@code sessions} row. Reads the rollup
 * tables only, with the report commands' data source.
 */
@Component
public class Explanations {

	/** The kinds of {@code contact_touchpoints} and {@code touchpoint_value}. */
	public static final List<String> KINDS = List.of("tag", "campaign", "event", "landing_page", "ad_campaign");

	private final NamedParameterJdbcTemplate jdbc;

	public Explanations(@WarehouseDataSource DataSource warehouse) {
		this.jdbc = new NamedParameterJdbcTemplate(warehouse);
	}

	/** One currency's {@code touchpoint_value} row. */
	public record ValueRow(String currency, long contactsWith, long avgWithMinor, long contactsWithout,
			long avgWithoutMinor, long liftMinor, String counted) {
	}

	/**
	 * The contacts of the group ({@code with}: those holding the touchpoint as the row counted it, else the other
	 * counted contacts), at most {@code limit} of them, ordered by when they got the touchpoint, then id. Counted
	 * contacts are those created before {@code windowEnd}, as for the row. Null when the tenant has no
	 * {@code touchpoint_value} row for the touchpoint.
	 */
	public RollupReports.@Nullable Table touchpoint(String tenantId, String kind, String touchpoint, boolean with, int limit,
			Instant windowEnd) {
		MapSqlParameterSource params = new MapSqlParameterSource().addValue("tenantId", tenantId)
			.addValue("kind", kind)
			.addValue("touchpoint", touchpoint)
			.addValue("windowEnd", TimeZoneOffsets.sql(windowEnd))
			.addValue("limit", limit);
		List<ValueRow> rows = jdbc.query("SELECT currency, contacts_with, avg_net_with_minor, contacts_without, "
				+ "avg_net_without_minor, lift_minor, counted FROM touchpoint_value WHERE tenant_id = :tenantId "
				+ "AND kind = :kind AND touchpoint = :touchpoint ORDER BY currency", params,
				(rs, i) -> new ValueRow(rs.getString(1), rs.getLong(2), rs.getLong(3), rs.getLong(4), rs.getLong(5),
						rs.getLong(6), rs.getString(7)));
		if (rows.isEmpty()) {
			return null;
		}
		params.addValue("counted", rows.get(0).counted());
		// the group as touchpoint_value counts it: counted contacts, holding the touchpoint as the row counted it or not
		String holding = "LEFT JOIN contact_touchpoints ct ON ct.tenant_id = c.tenant_id "
				+ "AND ct.contact_id = c.contact_id AND ct.kind = :kind AND ct.touchpoint = :touchpoint "
				+ "AND (CASE WHEN :counted = 'before_purchase' THEN ct.before_first_purchase ELSE ct.held END) = 1 ";
		String where = "WHERE c.tenant_id = :tenantId AND (c.created_at IS NULL OR c.created_at < :windowEnd) "
				+ "AND ct.contact_id IS " + (with ? "NOT NULL" : "NULL");
		String group = "FROM contacts c " + holding + where;
		long size = jdbc.queryForObject("SELECT COUNT(*) " + group, params, Long.class);
		Map<String, Long> netByCurrency = new LinkedHashMap<>();
		for (ValueRow row : rows) {
			netByCurrency.put(row.currency(), 0L);
		}
		jdbc.query("SELECT cv.currency, SUM(cv.net_minor) FROM contacts c JOIN contact_value cv "
				+ "ON cv.tenant_id = c.tenant_id AND cv.contact_id = c.contact_id " + holding + where
				+ " GROUP BY cv.currency", params, rs -> {
					String currency = rs.getString(1);
					long net = rs.getLong(2);
					netByCurrency.computeIfPresent(currency, (key, zero) -> net);
				});
		List<String> contacts = new ArrayList<>();
		Map<String, List<Object>> listed = new LinkedHashMap<>();
		jdbc.query("SELECT c.contact_id, c.email, " + utc("ct.first_at") + " " + group
				+ " ORDER BY ct.first_at, c.contact_id LIMIT :limit", params, rs -> {
					String id = rs.getString(1);
					List<Object> line = new ArrayList<>();
					line.add(id);
					line.add(rs.getString(2));
					line.add(rs.getString(3));
					line.add(0L);
					contacts.add(id);
					listed.put(id, line);
				});
		Map<String, Map<String, Long>> nets = new LinkedHashMap<>();
		if (!contacts.isEmpty()) {
			jdbc.query("SELECT contact_id, currency, orders, net_minor FROM contact_value WHERE tenant_id = :tenantId "
					+ "AND contact_id IN (:contacts)", new MapSqlParameterSource("tenantId", tenantId)
						.addValue("contacts", contacts), rs -> {
							List<Object> line = listed.get(rs.getString(1));
							line.set(3, (Long) line.get(3) + rs.getLong(3));
							nets.computeIfAbsent(rs.getString(1), id -> new LinkedHashMap<>())
								.put(rs.getString(2), rs.getLong(4));
						});
		}
		List<String> columns = new ArrayList<>(List.of("contact_id", "email", "first_at", "purchases"));
		for (String currency : netByCurrency.keySet()) {
			columns.add("net " + currency);
		}
		List<List<Object>> table = new ArrayList<>();
		for (List<Object> line : listed.values()) {
			Map<String, Long> own = nets.getOrDefault((String) line.get(0), Map.of());
			for (String currency : netByCurrency.keySet()) {
				line.add(new Money(own.getOrDefault(currency, 0L), currency));
			}
			table.add(line);
		}
		String name = kind + ":" + touchpoint;
		return new RollupReports.Table("Contacts " + (with ? "with " : "without ") + name, columns, table,
				lead(name, rows) + "\n" + recomputed(with, size, table.size(), netByCurrency, rows));
	}

	/** The touchpoint_value rows restated, one line per currency. */
	private static String lead(String name, List<ValueRow> rows) {
		StringBuilder lead = new StringBuilder();
		for (ValueRow row : rows) {
			if (!lead.isEmpty()) {
				lead.append('\n');
			}
			lead.append("touchpoint_value ").append(name).append(' ').append(row.currency()).append(": ")
				.append(row.contactsWith()).append(" with it, mean net ").append(new Money(row.avgWithMinor(), row.currency()))
				.append("; ").append(row.contactsWithout()).append(" without, mean net ")
				.append(new Money(row.avgWithoutMinor(), row.currency())).append("; lift ")
				.append(new Money(row.liftMinor(), row.currency())).append(" (counted: ").append(row.counted()).append(").");
		}
		return lead.toString();
	}

	/** The group's size and mean net per currency from its contacts, rounded as the row is (half away from zero). */
	private static String recomputed(boolean with, long size, int listed, Map<String, Long> netByCurrency,
			List<ValueRow> rows) {
		StringBuilder line = new StringBuilder("These ").append(size).append(" contact").append(size == 1 ? "" : "s")
			.append(with ? " with it" : " without it");
		for (Map.Entry<String, Long> net : netByCurrency.entrySet()) {
			line.append(", net ").append(net.getKey()).append(' ').append(new Money(net.getValue(), net.getKey()))
				.append(" (mean ").append(new Money(mean(net.getValue(), size), net.getKey())).append(')');
		}
		line.append(listed < size ? "; the first " + listed + " listed (--limit)." : ".");
		long expected = with ? rows.get(0).contactsWith() : rows.get(0).contactsWithout();
		if (expected != size) {
			line.append(" The row counts ").append(expected).append(": the rollups were computed with another window end "
					+ "(a rebuild with --as-of, or contacts loaded since); run the nightly job or `rollup rebuild` again.");
		}
		return line.toString();
	}

	/** A stored UTC time as text, seconds precision, whatever the connection's time zone. */
	private static String utc(String column) {
		return "DATE_FORMAT(" + column + ", '%Y-%m-%d %H:%i:%s')";
	}

	static long mean(long total, long count) {
		return count == 0 ? 0
				: BigDecimal.valueOf(total).divide(BigDecimal.valueOf(count), 0, RoundingMode.HALF_UP).longValueExact();
	}

	/**
	 * The events of a session in order, led by its {@code sessions} row; null when the tenant has no such
	 * session.
	 */
	public RollupReports.@Nullable Table session(String tenantId, String sessionId) {
		MapSqlParameterSource params = new MapSqlParameterSource("tenantId", tenantId).addValue("sessionId", sessionId);
		List<String> leads = jdbc.query("SELECT s.contact_id, c.email, s.anonymous_id, s.session_number, "
				+ utc("s.started_at") + ", " + utc("s.ended_at")
				+ ", s.events, s.landing_page, s.channel, s.campaign, s.converted FROM sessions s "
				+ "LEFT JOIN contacts c ON c.tenant_id = s.tenant_id AND c.contact_id = s.contact_id "
				+ "WHERE s.tenant_id = :tenantId AND s.session_id = :sessionId", params, (rs, i) -> {
					String contact = rs.getString(1);
					String email = rs.getString(2);
					String who = contact == null ? "visitor " + rs.getString(3)
							: "contact " + contact + (email == null ? "" : " (" + email + ")");
					String channel = rs.getString(9);
					String campaign = rs.getString(10);
					return "Session " + sessionId + " of " + who + ", its session " + rs.getInt(4) + ": "
							+ rs.getString(5) + " to " + rs.getString(6)
							+ " UTC, " + rs.getInt(7) + " event" + (rs.getInt(7) == 1 ? "" : "s") + ", landing page "
							+ (rs.getString(8) == null ? "none" : rs.getString(8)) + ", channel "
							+ (channel == null ? "none" : channel + (campaign == null ? "" : ":" + campaign))
							+ (rs.getInt(11) == 1 ? ", converted." : ", not converted.");
				});
		if (leads.isEmpty()) {
			return null;
		}
		List<List<Object>> events = jdbc.query("SELECT event_number, kind, name, " + utc("occurred_at")
				+ " FROM session_events "
				+ "WHERE tenant_id = :tenantId AND session_id = :sessionId ORDER BY event_number", params,
				(rs, i) -> List.<Object>of(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4)));
		return new RollupReports.Table("Session " + sessionId, List.of("event_number", "kind", "name", "occurred_at"), events,
				leads.get(0));
	}
}
