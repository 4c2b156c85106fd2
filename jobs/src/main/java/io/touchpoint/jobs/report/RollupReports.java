package io.touchpoint.jobs.report;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import javax.sql.DataSource;

import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import io.touchpoint.jobs.config.WarehouseDataSource;

/**
 * The revenue, cohort, attribution, sessions, paths and pairs reports: rows of the {@code daily_revenue},
 * {@code cohort_value}, {@code attribution}, {@code sessions}, {@code session_paths} and
 * {@code touchpoint_pair_value} rollups for one tenant
 * and an optional date range (revenue by day, cohorts by cohort month, sessions by their local start day;
 * attribution and paths are all time), money as {@link Money} so tables show it with its currency. The
 * sessions, paths, attribution and pairs reports lead with a sentence saying what the table shows.
 */
@Component
public class RollupReports {

	private static final LocalDate FIRST = LocalDate.of(1000, 1, 1);

	private static final LocalDate LAST = LocalDate.of(9999, 12, 31);

	private final JdbcTemplate jdbc;

	public RollupReports(@WarehouseDataSource DataSource warehouse) {
		this.jdbc = new JdbcTemplate(warehouse);
	}

	/**
	 * A titled table: column names and rows of values (String, Long, Money, LocalDate, BigDecimal or null), and a
	 * plain-English lead sentence ("" where the report has none).
	 */
	public record Table(String title, List<String> columns, List<List<Object>> rows, String lead) {

		public Table(String title, List<String> columns, List<List<Object>> rows) {
			this(title, columns, rows, "");
		}
	}

	/** Daily revenue per local day, source and currency, oldest first. */
	public Table revenue(String tenantId, LocalDate from, LocalDate to) {
		List<List<Object>> rows = jdbc.query("SELECT revenue_date, source, currency, orders, gross_minor, refunds_minor, "
				+ "net_minor, new_customers, returning_customers, reporting_currency, net_reporting_minor FROM daily_revenue "
				+ "WHERE tenant_id = ? AND revenue_date BETWEEN ? AND ? ORDER BY revenue_date, source, currency", (rs, i) -> {
					String currency = rs.getString(3);
					String reporting = rs.getString(10);
					long reported = rs.getLong(11);
					List<Object> row = new ArrayList<>(List.of(rs.getDate(1).toLocalDate(), rs.getString(2), currency, rs.getLong(4),
							new Money(rs.getLong(5), currency), new Money(rs.getLong(6), currency),
							new Money(rs.getLong(7), currency), rs.getLong(8), rs.getLong(9)));
					row.add(reporting == null || rs.wasNull() ? null : new Money(reported, reporting));
					return row;
				}, tenantId, orFirst(from), orLast(to));
		return new Table("Daily revenue for tenant " + tenantId, List.of("day", "source", "currency", "orders", "gross",
				"refunds", "net", "new", "returning", "net (reporting)"), rows);
	}

	/** Cumulative net value per contact by cohort month and months since. */
	public Table cohorts(String tenantId, LocalDate from, LocalDate to) {
		List<List<Object>> rows = jdbc.query("SELECT cohort_month, months_since, currency, contacts, cumulative_net_minor, "
				+ "net_per_contact_minor FROM cohort_value WHERE tenant_id = ? AND cohort_month BETWEEN ? AND ? "
				+ "ORDER BY cohort_month, currency, months_since",
				(rs, i) -> List.<Object>of(rs.getDate(1).toLocalDate().toString().substring(0, 7), (long) rs.getInt(2),
						rs.getString(3), rs.getLong(4), new Money(rs.getLong(5), rs.getString(3)),
						new Money(rs.getLong(6), rs.getString(3))),
				tenantId, orFirst(from), orLast(to));
		return new Table("Cohort value for tenant " + tenantId, List.of("cohort", "months since", "currency", "contacts",
				"cumulative net", "net per contact"), rows);
	}

	/** Attribution under every model per channel and campaign, with spend, CPA and ROAS. */
	public Table attribution(String tenantId) {
		return attribution(tenantId, null);
	}

	// ---- attribution models and touchpoint pairs ----

	/** The attribution models, as {@code attribution.model} names them. */
	public static final List<String> MODELS = List.of("first_touch", "last_touch", "linear", "position_based",
			"time_decay");

	/**
	 * Attribution under {@code model} (every model when null) per channel and campaign, with spend, CPA and ROAS;
	 * credited contacts and purchases are fractions under the multi-touch models. Led by the channel and campaign
	 * credited with the most revenue in the tenant's largest currency.
	 */
	public Table attribution(String tenantId, @Nullable String model) {
		requireModel(model);
		List<List<Object>> rows = jdbc.query("SELECT model, channel, campaign, currency, contacts, purchases, revenue_minor, "
				+ "spend_minor, cpa_minor, roas FROM attribution WHERE tenant_id = ? AND model IN (?, ?, ?, ?, ?) "
				+ "ORDER BY model, currency, revenue_minor DESC, channel, campaign", (rs, i) -> {
					String currency = rs.getString(4);
					long cpa = rs.getLong(9);
					Object cpaCell = rs.wasNull() ? null : new Money(cpa, currency);
					List<Object> row = new ArrayList<>(List.of(rs.getString(1), rs.getString(2).isEmpty() ? "(none)" : rs.getString(2),
							rs.getString(3).isEmpty() ? "(none)" : rs.getString(3), currency, credit(rs.getBigDecimal(5)),
							credit(rs.getBigDecimal(6)), new Money(rs.getLong(7), currency), new Money(rs.getLong(8), currency)));
					row.add(cpaCell);
					row.add(rs.getBigDecimal(10));
					return row;
				}, java.util.stream.Stream.concat(java.util.stream.Stream.of(tenantId),
						(model == null ? MODELS : java.util.Collections.nCopies(MODELS.size(), model)).stream()).toArray());
		return new Table("Attribution for tenant " + tenantId + (model == null ? "" : " (" + model + ")"),
				List.of("model", "channel", "campaign", "currency", "contacts", "purchases", "revenue", "spend", "cpa", "roas"),
				rows, attributionLead(tenantId, model, rows));
	}

	/**
	 * "Under linear attribution, facebook / spring is credited with the most revenue: $74.35 of $180.01 (41%), from
	 * 1.67 customers." in the currency with the most credited revenue (the first model's, when every model is shown).
	 */
	private static String attributionLead(String tenantId, @Nullable String model, List<List<Object>> rows) {
		if (rows.isEmpty()) {
			return "No attribution for tenant " + tenantId + (model == null ? "" : " under " + model) + " yet.";
		}
		String shown = model != null ? model : (String) rows.get(0).get(0);
		java.util.Map<String, Long> byCurrency = new java.util.TreeMap<>();
		rows.stream()
			.filter(row -> row.get(0).equals(shown))
			.forEach(row -> byCurrency.merge((String) row.get(3), ((Money) row.get(6)).minor(), Long::sum));
		String currency = byCurrency.entrySet()
			.stream()
			.max(java.util.Map.Entry.<String, Long>comparingByValue()
				.thenComparing(java.util.Map.Entry.comparingByKey(java.util.Comparator.reverseOrder())))
			.orElseThrow()
			.getKey();
		long total = byCurrency.get(currency);
		List<Object> top = rows.stream()
			.filter(row -> row.get(0).equals(shown) && row.get(3).equals(currency))
			.findFirst()
			.orElseThrow();
		long revenue = ((Money) top.get(6)).minor();
		String who = top.get(1).equals("(none)") && top.get(2).equals("(none)")
				? "customers with no marketing touch before their first purchase are"
				: top.get(1) + " / " + top.get(2) + " is";
		String share = total == 0 ? "" : " (" + BigDecimal.valueOf(revenue * 100).divide(BigDecimal.valueOf(total), 0,
				RoundingMode.HALF_UP) + "%)";
		String customers = top.get(4) instanceof Long whole && whole == 1 ? "1 customer" : top.get(4) + " customers";
		return "Under " + shown.replace('_', '-') + " attribution, " + who + " credited with the most revenue: "
				+ MoneyFormat.exact(revenue, currency) + " of " + MoneyFormat.exact(total, currency) + share + ", from "
				+ customers + (model == null ? " (--model shows one model)." : ".");
	}

	/** Refuses a model that is not one of {@link #MODELS}, naming them; null (every model) passes. */
	public static void requireModel(@Nullable String model) {
		if (model != null && !MODELS.contains(model)) {
			throw new IllegalArgumentException("Unknown attribution model '" + model + "': available: "
					+ String.join(", ", MODELS));
		}
	}

	/** A credited share: a whole number as a Long, else the exact decimal (up to six places). */
	private static Object credit(BigDecimal value) {
		BigDecimal stripped = value.stripTrailingZeros();
		return stripped.scale() <= 0 ? (Object) stripped.longValueExact() : stripped;
	}

	/**
	 * Pairs of touchpoints ({@code touchpoint_pair_value}): contacts with both and the others, their average net and
	 * the lift, the largest lift first per currency. Led by the largest lift among pairs whose groups both have at
	 * least {@code smallGroup} contacts (else the largest, flagged as too few to trust).
	 */
	public Table pairs(String tenantId, int smallGroup) {
		List<List<Object>> rows = jdbc.query("SELECT kind_a, touchpoint_a, kind_b, touchpoint_b, currency, contacts_with_both, "
				+ "avg_net_with_both_minor, contacts_without_both, avg_net_without_both_minor, lift_minor "
				+ "FROM touchpoint_pair_value WHERE tenant_id = ? "
				+ "ORDER BY currency, lift_minor DESC, kind_a, touchpoint_a, kind_b, touchpoint_b", (rs, i) -> {
					String currency = rs.getString(5);
					return List.<Object>of(rs.getString(1) + ":" + rs.getString(2), rs.getString(3) + ":" + rs.getString(4),
							currency, rs.getLong(6), new Money(rs.getLong(7), currency), rs.getLong(8),
							new Money(rs.getLong(9), currency), new Money(rs.getLong(10), currency));
				}, tenantId);
		String lead = rows.isEmpty() ? "No pairs of touchpoints for tenant " + tenantId + " yet."
				: pairLead(rows, smallGroup);
		return new Table("Touchpoint pairs for tenant " + tenantId, List.of("touchpoint a", "touchpoint b", "currency",
				"with both", "avg net with both", "without both", "avg net without both", "lift"), rows, lead);
	}

	/**
	 * "Contacts with both campaign:spring and campaign:brand are worth $75 on average; the others $10 (+$65, 2 vs 3
	 * contacts)." and a warning when either group is small.
	 */
	private static String pairLead(List<List<Object>> rows, int smallGroup) {
		java.util.function.Predicate<List<Object>> large = row -> (Long) row.get(3) >= smallGroup
				&& (Long) row.get(5) >= smallGroup;
		List<Object> top = rows.stream()
			.filter(large)
			.max(java.util.Comparator.comparingLong(row -> ((Money) row.get(7)).minor()))
			.orElseGet(() -> rows.stream()
				.max(java.util.Comparator.comparingLong(row -> ((Money) row.get(7)).minor()))
				.orElseThrow());
		Money with = (Money) top.get(4), without = (Money) top.get(6), lift = (Money) top.get(7);
		return "Contacts with both " + top.get(0) + " and " + top.get(1) + " are worth "
				+ MoneyFormat.whole(with.minor(), with.currency()) + " on average; the others "
				+ MoneyFormat.whole(without.minor(), without.currency()) + " ("
				+ MoneyFormat.signedWhole(lift.minor(), lift.currency())
				+ String.format(Locale.ROOT, ", %,d vs %,d contacts).", (Long) top.get(3), (Long) top.get(5))
				+ (large.test(top) ? "" : " Too few contacts to trust (a group has fewer than " + smallGroup + ").");
	}

	// ---- end attribution models and touchpoint pairs ----

	/**
	 * Sessions per landing page (sessions started on local days {@code from} to {@code to}), most first: how many,
	 * how many converted, and the conversion rate. Led by where most sessions start and how many of those convert.
	 */
	public Table sessions(String tenantId, LocalDate from, LocalDate to) {
		List<List<Object>> rows = jdbc.query("SELECT COALESCE(landing_page, '') AS landing, COUNT(*) AS started, "
				+ "SUM(converted) FROM sessions WHERE tenant_id = ? AND local_date BETWEEN ? AND ? "
				+ "GROUP BY COALESCE(landing_page, '') ORDER BY started DESC, landing",
				(rs, i) -> rated(rs.getString(1).isEmpty() ? "(no page view)" : rs.getString(1), rs.getLong(2), rs.getLong(3)),
				tenantId, orFirst(from), orLast(to));
		String lead = rows.isEmpty() ? "No sessions for tenant " + tenantId + " in this range."
				: "Most sessions start at " + rows.get(0).get(0) + " (" + count(rows.get(0).get(1)) + " of "
						+ count(total(rows)) + "); " + percent(rows.get(0)) + " of them convert.";
		return new Table("Sessions by landing page for tenant " + tenantId, List.of("landing page", "sessions", "converted",
				"conversion"), rows, lead);
	}

	/**
	 * The paths of sessions (their first five events), most common first: sessions and converted sessions with
	 * each path, and the conversion rate. Led by the most common path.
	 */
	public Table paths(String tenantId) {
		List<List<Object>> rows = jdbc.query("SELECT path, sessions, converted_sessions FROM session_paths "
				+ "WHERE tenant_id = ? ORDER BY sessions DESC, path",
				(rs, i) -> rated(rs.getString(1), rs.getLong(2), rs.getLong(3)), tenantId);
		String lead = rows.isEmpty() ? "No sessions for tenant " + tenantId + " yet."
				: "The most common path is " + rows.get(0).get(0) + " (" + count(rows.get(0).get(1)) + " of "
						+ count(total(rows)) + " sessions); " + percent(rows.get(0)) + " of them convert.";
		return new Table("Session paths for tenant " + tenantId, List.of("path", "sessions", "converted", "conversion"),
				rows, lead);
	}

	/** A row of a name, its sessions, converted sessions and their ratio (4 decimals, half up). */
	private static List<Object> rated(String name, long sessions, long converted) {
		return List.of(name, sessions, converted,
				BigDecimal.valueOf(converted).divide(BigDecimal.valueOf(sessions), 4, RoundingMode.HALF_UP));
	}

	private static long total(List<List<Object>> rows) {
		return rows.stream().mapToLong(row -> (Long) row.get(1)).sum();
	}

	private static String count(Object sessions) {
		return String.format(Locale.ROOT, "%,d", (Long) sessions);
	}

	/** The row's conversion rate as a whole percentage, half up: "33%". */
	private static String percent(List<Object> row) {
		return ((BigDecimal) row.get(3)).movePointRight(2).setScale(0, RoundingMode.HALF_UP).toPlainString() + "%";
	}

	private static LocalDate orFirst(@Nullable LocalDate date) {
		return date == null ? FIRST : date;
	}

	private static LocalDate orLast(@Nullable LocalDate date) {
		return date == null ? LAST : date;
	}
}
