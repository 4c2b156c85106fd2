package io.touchpoint.jobs.report;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

import javax.sql.DataSource;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import io.touchpoint.jobs.config.WarehouseDataSource;

/**
 * The revenue, cohort and attribution reports: rows of the {@code daily_revenue}, {@code cohort_value}
 * and {@code attribution} rollups for one tenant and an optional date range (revenue by day, cohorts by
 * cohort month; attribution is all time), money as {@link Money} so tables show it with its currency.
 */
@Component
public class RollupReports {

	private static final LocalDate FIRST = LocalDate.of(1000, 1, 1);

	private static final LocalDate LAST = LocalDate.of(9999, 12, 31);

	private final JdbcTemplate jdbc;

	public RollupReports(@WarehouseDataSource DataSource warehouse) {
		this.jdbc = new JdbcTemplate(warehouse);
	}

	/** A titled table: column names and rows of values (String, Long, Money, LocalDate, BigDecimal or null). */
	public record Table(String title, List<String> columns, List<List<Object>> rows) {
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

	/** First- and last-touch attribution per channel and campaign, with spend, CPA and ROAS. */
	public Table attribution(String tenantId) {
		List<List<Object>> rows = jdbc.query("SELECT model, channel, campaign, currency, contacts, purchases, revenue_minor, "
				+ "spend_minor, cpa_minor, roas FROM attribution WHERE tenant_id = ? "
				+ "ORDER BY model, currency, revenue_minor DESC, channel, campaign", (rs, i) -> {
					String currency = rs.getString(4);
					long cpa = rs.getLong(9);
					Object cpaCell = rs.wasNull() ? null : new Money(cpa, currency);
					List<Object> row = new ArrayList<>(List.of(rs.getString(1), rs.getString(2).isEmpty() ? "(none)" : rs.getString(2),
							rs.getString(3).isEmpty() ? "(none)" : rs.getString(3), currency, rs.getLong(5), rs.getLong(6),
							new Money(rs.getLong(7), currency), new Money(rs.getLong(8), currency)));
					row.add(cpaCell);
					row.add(rs.getBigDecimal(10));
					return row;
				}, tenantId);
		return new Table("Attribution for tenant " + tenantId, List.of("model", "channel", "campaign", "currency", "contacts",
				"purchases", "revenue", "spend", "cpa", "roas"), rows);
	}

	private static LocalDate orFirst(LocalDate date) {
		return date == null ? FIRST : date;
	}

	private static LocalDate orLast(LocalDate date) {
		return date == null ? LAST : date;
	}
}
