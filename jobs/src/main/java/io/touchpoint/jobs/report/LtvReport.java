package io.touchpoint.jobs.report;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import javax.sql.DataSource;

import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import io.touchpoint.jobs.config.WarehouseDataSource;

/**
 * The touchpoint-value report: what contacts with a touchpoint are worth compared with those without
 * it, from the touchpoint_value rollup, as a table plus one plain-English sentence per top touchpoint. Campaign
 * touchpoints show their campaign's name where the warehouse knows it ({@link CampaignNames}).
 */
@Component
public class LtvReport {

	private final JdbcTemplate jdbc;

	public LtvReport(@WarehouseDataSource DataSource warehouse) {
		this.jdbc = new JdbcTemplate(warehouse);
	}

	/**
	 * One touchpoint's row of the rollup; {@code ciLowMinor} and {@code ciHighMinor} bound the 95% interval of the
	 * lift (null when a group has fewer than two contacts).
	 */
	public record Line(String kind, String touchpoint, String currency, long contactsWith, long avgWithMinor,
			long medianWithMinor, long contactsWithout, long avgWithoutMinor, long medianWithoutMinor, long liftMinor,
			@Nullable Long ciLowMinor, @Nullable Long ciHighMinor) {

		/** A row without an interval. */
		public Line(String kind, String touchpoint, String currency, long contactsWith, long avgWithMinor,
				long medianWithMinor, long contactsWithout, long avgWithoutMinor, long medianWithoutMinor, long liftMinor) {
			this(kind, touchpoint, currency, contactsWith, avgWithMinor, medianWithMinor, contactsWithout, avgWithoutMinor,
					medianWithoutMinor, liftMinor, null, null);
		}

		/**
		 * "Contacts tagged webinar-q3 are worth $512 on average; contacts without it $197 (+$315, 1,204 vs
		 * 18,311 contacts)." plus a warning when either group has fewer than {@code smallGroup} contacts, and whether
		 * the difference is clear or could be chance ({@link #interval()}).
		 */
		public String sentence(int smallGroup) {
			String counts = String.format(java.util.Locale.ROOT, "%,d vs %,d contacts", contactsWith, contactsWithout);
			String warning = small(smallGroup)
					? " Too few contacts to trust (a group has fewer than " + smallGroup + ")." : "";
			String interval = interval();
			return sentence(", " + counts) + warning + (interval.isEmpty() ? "" : " " + interval);
		}

		/**
		 * "The difference is clear: +$315 (95% CI +$120 to +$510)." when the interval excludes zero, "The difference
		 * could be chance: +$40 (95% CI -$20 to +$100)." when it includes zero; "" without an interval.
		 */
		public String interval() {
			if (ciLowMinor == null || ciHighMinor == null) {
				return "";
			}
			boolean clear = ciLowMinor > 0 || ciHighMinor < 0;
			return (clear ? "The difference is clear: " : "The difference could be chance: ") + ci() + ".";
		}

		/** "+$315 (95% CI +$120 to +$510)", or the lift alone without an interval. */
		public String ci() {
			String lift = MoneyFormat.signedWhole(liftMinor, currency);
			return ciLowMinor == null || ciHighMinor == null ? lift
					: lift + " (95% CI " + MoneyFormat.signedWhole(ciLowMinor, currency) + " to "
							+ MoneyFormat.signedWhole(ciHighMinor, currency) + ")";
		}

		/** The line with its touchpoint shown by its label (a campaign's name where {@code names} knows it). */
		public Line named(CampaignNames names) {
			return new Line(kind, names.label(kind, touchpoint), currency, contactsWith, avgWithMinor, medianWithMinor,
					contactsWithout, avgWithoutMinor, medianWithoutMinor, liftMinor, ciLowMinor, ciHighMinor);
		}

		/** Whether either group has fewer than {@code smallGroup} contacts: too few to trust. */
		public boolean small(int smallGroup) {
			return contactsWith < smallGroup || contactsWithout < smallGroup;
		}

		/** "Contacts tagged webinar-q3 are worth $512 on average; contacts without it $197 (+$315)." */
		public String sentence() {
			return sentence("");
		}

		private String sentence(String inParentheses) {
			String who = switch (kind) {
				case "tag" -> "Contacts tagged " + touchpoint;
				case "event" -> "Contacts who did \"" + touchpoint + "\"";
				case "campaign" -> "Contacts reached by campaign " + touchpoint;
				case "ad_campaign" -> "Contacts reached by ad campaign " + touchpoint;
				case "landing_page" -> "Contacts who landed on " + touchpoint;
				default -> "Contacts with " + kind + " " + touchpoint;
			};
			return who + " are worth " + MoneyFormat.whole(avgWithMinor, currency) + " on average; contacts without it "
					+ MoneyFormat.whole(avgWithoutMinor, currency) + " (" + MoneyFormat.signedWhole(liftMinor, currency)
					+ inParentheses + ").";
		}
	}

	/** Every touchpoint of the tenant, the largest lift first. */
	public List<Line> lines(String tenantId) {
		return jdbc.query("SELECT kind, touchpoint, currency, contacts_with, avg_net_with_minor, median_net_with_minor, "
				+ "contacts_without, avg_net_without_minor, median_net_without_minor, lift_minor, lift_ci_low_minor, "
				+ "lift_ci_high_minor FROM touchpoint_value "
				+ "WHERE tenant_id = ? ORDER BY currency, lift_minor DESC, kind, touchpoint",
				(rs, i) -> new Line(rs.getString(1), rs.getString(2), rs.getString(3), rs.getLong(4), rs.getLong(5),
						rs.getLong(6), rs.getLong(7), rs.getLong(8), rs.getLong(9), rs.getLong(10),
						rs.getObject(11, Long.class), rs.getObject(12, Long.class)),
				tenantId);
	}

	/**
	 * Each campaign's latest name (the row observed last; of two at one time, the greater name) for the tenant,
	 * whichever source named it.
	 */
	public CampaignNames campaignNames(String tenantId) {
		Map<String, String> names = new HashMap<>();
		jdbc.query("SELECT campaign_id, name FROM campaigns WHERE tenant_id = ? ORDER BY campaign_id, observed_at, name",
				rs -> {
					names.put(rs.getString(1), rs.getString(2));
				}, tenantId);
		return new CampaignNames(names);
	}

	/** When the tenant's touchpoint values were last computed, or null before its first rollup. */
	public java.time.@Nullable LocalDateTime computedAt(String tenantId) {
		return jdbc.queryForObject("SELECT MAX(computed_at) FROM touchpoint_value WHERE tenant_id = ?",
				java.time.LocalDateTime.class, tenantId);
	}

	/** The report as text: a header, the table, and sentences for the top {@code sentences} lines. */
	public String render(String tenantId, int sentences) {
		return render(tenantId, sentences, 30);
	}

	/** The report as text; groups smaller than {@code smallGroup} contacts are flagged as too small to trust. */
	public String render(String tenantId, int sentences, int smallGroup) {
		CampaignNames names = campaignNames(tenantId);
		List<Line> lines = lines(tenantId);
		StringBuilder out = new StringBuilder();
		out.append("Touchpoint value for tenant ").append(tenantId).append('\n');
		if (lines.isEmpty()) {
			out.append("(no touchpoints with purchases yet: run the nightly job for this tenant first)\n");
			return out.toString();
		}
		List<List<Object>> rows = new ArrayList<>();
		for (Line line : lines) {
			rows.add(List.of(line.kind(), names.label(line.kind(), line.touchpoint(), TableFormat.MAX_CELL),
					line.contactsWith(), new Money(line.avgWithMinor(), line.currency()),
					new Money(line.medianWithMinor(), line.currency()),
					line.contactsWithout(), new Money(line.avgWithoutMinor(), line.currency()),
					new Money(line.medianWithoutMinor(), line.currency()), new Money(line.liftMinor(), line.currency()),
					line.ciLowMinor() == null ? "" : MoneyFormat.signedWhole(line.ciLowMinor(), line.currency()) + " to "
							+ MoneyFormat.signedWhole(line.ciHighMinor(), line.currency())));
		}
		out.append(TableFormat.table(List.of("kind", "touchpoint", "with", "avg net with", "median with", "without",
				"avg net without", "median without", "lift", "95% CI of lift"), rows));
		out.append('\n');
		findings(lines, sentences, smallGroup)
			.forEach(line -> out.append(TableFormat.printable(line.named(names).sentence(smallGroup))).append('\n'));
		return out.toString();
	}

	/**
	 * The top findings: the touchpoints whose groups are both large enough to trust, the largest lift first, then,
	 * only when there are fewer than {@code count} of those, the others (their sentences say they are too few to
	 * trust). A touchpoint that every contact or none has is no finding.
	 */
	public static List<Line> findings(List<Line> lines, int count, int smallGroup) {
		return lines.stream()
			.filter(line -> line.contactsWith() > 0 && line.contactsWithout() > 0)
			.sorted(java.util.Comparator.comparing((Line line) -> line.small(smallGroup))
				.thenComparing(java.util.Comparator.comparingLong(Line::liftMinor).reversed()))
			.limit(count)
			.toList();
	}
}
