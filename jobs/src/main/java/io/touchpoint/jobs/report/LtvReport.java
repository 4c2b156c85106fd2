package io.touchpoint.jobs.report;

import java.util.ArrayList;
import java.util.List;

import javax.sql.DataSource;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import io.touchpoint.jobs.config.WarehouseDataSource;

/**
 * The touchpoint-value report: what contacts with a touchpoint are worth compared with those without
 * it, from the touchpoint_value rollup, as a table plus one plain-English sentence per top touchpoint.
 */
@Component
public class LtvReport {

	private final JdbcTemplate jdbc;

	public LtvReport(@WarehouseDataSource DataSource warehouse) {
		this.jdbc = new JdbcTemplate(warehouse);
	}

	/** One touchpoint's row of the rollup. */
	public record Line(String kind, String touchpoint, String currency, long contactsWith, long avgWithMinor,
			long contactsWithout, long avgWithoutMinor, long liftMinor) {

		/** "Contacts tagged webinar-q3 are worth $512 on average; contacts without it $197 (+$315)." */
		public String sentence() {
			String who = switch (kind) {
				case "tag" -> "Contacts tagged " + touchpoint;
				case "event" -> "Contacts who did \"" + touchpoint + "\"";
				case "campaign" -> "Contacts reached by campaign " + touchpoint;
				default -> "Contacts with " + kind + " " + touchpoint;
			};
			return who + " are worth " + MoneyFormat.whole(avgWithMinor, currency) + " on average; contacts without it "
					+ MoneyFormat.whole(avgWithoutMinor, currency) + " (" + MoneyFormat.signedWhole(liftMinor, currency)
					+ ").";
		}
	}

	/** Every touchpoint of the tenant, the largest lift first. */
	public List<Line> lines(String tenantId) {
		return jdbc.query("SELECT kind, touchpoint, currency, contacts_with, avg_net_with_minor, contacts_without, "
				+ "avg_net_without_minor, lift_minor FROM touchpoint_value WHERE tenant_id = ? "
				+ "ORDER BY currency, lift_minor DESC, kind, touchpoint",
				(rs, i) -> new Line(rs.getString(1), rs.getString(2), rs.getString(3), rs.getLong(4), rs.getLong(5),
						rs.getLong(6), rs.getLong(7), rs.getLong(8)),
				tenantId);
	}

	/** The report as text: a header, the table, and sentences for the top {@code sentences} lines. */
	public String render(String tenantId, int sentences) {
		List<Line> lines = lines(tenantId);
		StringBuilder out = new StringBuilder();
		out.append("Touchpoint value for tenant ").append(tenantId).append('\n');
		if (lines.isEmpty()) {
			out.append("(no touchpoints with purchases yet: run the nightly job for this tenant first)\n");
			return out.toString();
		}
		List<List<Object>> rows = new ArrayList<>();
		for (Line line : lines) {
			rows.add(List.of(line.kind(), line.touchpoint(), line.contactsWith(),
					MoneyFormat.exact(line.avgWithMinor(), line.currency()), line.contactsWithout(),
					MoneyFormat.exact(line.avgWithoutMinor(), line.currency()),
					MoneyFormat.exact(line.liftMinor(), line.currency())));
		}
		out.append(TableFormat.table(List.of("kind", "touchpoint", "with", "avg net with", "without", "avg net without",
				"lift"), rows));
		out.append('\n');
		lines.stream()
			.filter(line -> line.contactsWith() > 0 && line.contactsWithout() > 0)
			.limit(sentences)
			.forEach(line -> out.append(line.sentence()).append('\n'));
		return out.toString();
	}
}
