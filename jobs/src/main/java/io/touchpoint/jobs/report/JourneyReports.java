package io.touchpoint.jobs.report;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import javax.sql.DataSource;

import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import io.touchpoint.jobs.config.WarehouseDataSource;

/**
 * The funnel and conversion-paths reports: rows of the {@code funnel_steps} and {@code conversion_paths} rollups
 * for one tenant (all time), each led by a plain-English sentence ("Funnel trial: of 400 contacts who reached
 * /pricing, 18% went on to Signed Up and 6% to a purchase; ...").
 */
@Component
public class JourneyReports {

	/** The funnel report's columns; {@link #funnelSteps} reads rows in this order. */
	public static final List<String> FUNNEL_COLUMNS = List.of("funnel", "step", "name", "contacts", "of first step",
			"conversion", "median seconds", "median time");

	private final JdbcTemplate jdbc;

	public JourneyReports(@WarehouseDataSource DataSource warehouse) {
		this.jdbc = new JdbcTemplate(warehouse);
	}

	/** One step of a funnel as {@code funnel_steps} holds it. */
	public record Step(String funnel, int number, String step, long contacts, @Nullable BigDecimal conversion,
			@Nullable Long medianSeconds) {
	}

	/**
	 * The steps of every funnel of the tenant, or of the one named: contacts reaching each step, their share of the
	 * first step's, the conversion from the step before and the median time from it. Led by one sentence per funnel.
	 *
	 * @throws IllegalArgumentException when {@code funnel} names no funnel of the tenant
	 */
	public RollupReports.Table funnel(String tenantId, @Nullable String funnel) {
		Map<String, List<Step>> funnels = funnelSteps(tenantId);
		if (funnel != null && !funnels.containsKey(funnel)) {
			throw new IllegalArgumentException("No funnel '" + funnel + "' for tenant " + tenantId + ": "
					+ (funnels.isEmpty() ? "none is computed (declare one with touchpoint.funnels.<name>.steps and run the "
							+ "nightly job)" : "computed: " + String.join(", ", funnels.keySet())));
		}
		List<List<Object>> rows = new ArrayList<>();
		List<String> sentences = new ArrayList<>();
		funnels.forEach((name, steps) -> {
			if (funnel != null && !funnel.equals(name)) {
				return;
			}
			sentences.add(sentence(name, steps));
			long first = steps.get(0).contacts();
			for (Step step : steps) {
				List<Object> row = new ArrayList<>(List.of(name, (long) step.number(), step.step(), step.contacts()));
				row.add(first == 0 ? null : ratio(step.contacts(), first));
				row.add(step.conversion());
				row.add(step.medianSeconds());
				row.add(step.medianSeconds() == null ? null : time(step.medianSeconds()));
				rows.add(row);
			}
		});
		String lead = sentences.isEmpty() ? "No funnels for tenant " + tenantId
				+ ": declare one with touchpoint.funnels.<name>.steps (docs/rollups.md) and run the nightly job."
				: String.join(" ", sentences);
		return new RollupReports.Table(funnel == null ? "Funnels for tenant " + tenantId
				: "Funnel " + funnel + " for tenant " + tenantId, FUNNEL_COLUMNS, rows, lead);
	}

	/** Every funnel's steps, in funnel-name and step order. */
	public Map<String, List<Step>> funnelSteps(String tenantId) {
		Map<String, List<Step>> funnels = new LinkedHashMap<>();
		jdbc.query("SELECT funnel, step_number, step, contacts, conversion, median_seconds_from_previous FROM funnel_steps "
				+ "WHERE tenant_id = ? ORDER BY funnel, step_number", rs -> {
					long median = rs.getLong(6);
					Long medianSeconds = rs.wasNull() ? null : median;
					funnels.computeIfAbsent(rs.getString(1), name -> new ArrayList<>())
						.add(new Step(rs.getString(1), rs.getInt(2), rs.getString(3), rs.getLong(4), rs.getBigDecimal(5),
								medianSeconds));
				}, tenantId);
		return funnels;
	}

	/**
	 * "Funnel trial: of 5 contacts who reached /pricing, 60% went on to Signed Up and 40% to a purchase; the biggest
	 * drop is after /pricing: 2 of 5 did not go on (those who did took a median 20 min)."
	 */
	static String sentence(String funnel, List<Step> steps) {
		long first = steps.get(0).contacts();
		if (first == 0) {
			return "Funnel " + funnel + ": no contact has reached " + label(steps.get(0).step()) + " yet.";
		}
		StringBuilder out = new StringBuilder("Funnel ").append(funnel).append(": of ").append(count(first))
			.append(first == 1 ? " contact who reached " : " contacts who reached ").append(label(steps.get(0).step()))
			.append(", ");
		int drop = 1;
		for (int i = 1; i < steps.size(); i++) {
			out.append(i == 1 ? "" : i == steps.size() - 1 ? " and " : ", ").append(percent(ratio(steps.get(i).contacts(), first)))
				.append(i == 1 ? " went on to " : " to ").append(label(steps.get(i).step()));
			if (lost(steps, i) > lost(steps, drop)) {
				drop = i;
			}
		}
		Step before = steps.get(drop - 1);
		Step after = steps.get(drop);
		if (lost(steps, drop) == 0) {
			return out.append("; every contact went on to the end.").toString();
		}
		Long median = after.medianSeconds();
		return out.append("; the biggest drop is after ").append(label(before.step())).append(": ")
			.append(count(lost(steps, drop))).append(" of ").append(count(before.contacts())).append(" did not go on")
			.append(median == null ? "" : " (those who did took a median " + time(median) + ")").append('.').toString();
	}

	private static long lost(List<Step> steps, int i) {
		return steps.get(i - 1).contacts() - steps.get(i).contacts();
	}

	/** A step as a sentence names it: the page's path, the event's name, "a purchase". */
	static String label(String step) {
		if (step.equals("purchase")) {
			return "a purchase";
		}
		return step.substring(step.indexOf(':') + 1);
	}

	/**
	 * The paths customers took to their first purchase, most customers first per currency, with their net revenue
	 * and its average per customer. Led by the most common path.
	 */
	public RollupReports.Table conversionPaths(String tenantId) {
		Map<String, Long> customersByCurrency = new LinkedHashMap<>();
		List<List<Object>> rows = jdbc.query("SELECT path, currency, customers, revenue_minor FROM conversion_paths "
				+ "WHERE tenant_id = ? ORDER BY currency, customers DESC, revenue_minor DESC, path", (rs, i) -> {
					String currency = rs.getString(2);
					long customers = rs.getLong(3);
					long revenue = rs.getLong(4);
					customersByCurrency.merge(currency, customers, Long::sum);
					return List.<Object>of(rs.getString(1), currency, customers, new Money(revenue, currency),
							new Money(BigDecimal.valueOf(revenue).divide(BigDecimal.valueOf(customers), 0, RoundingMode.HALF_UP)
								.longValueExact(), currency));
				}, tenantId);
		List<Object> top = rows.stream()
			.filter(row -> !row.get(0).equals("(no touch)"))
			.max(java.util.Comparator.comparingLong(row -> (Long) row.get(2)))
			.orElse(null);
		String lead;
		if (rows.isEmpty()) {
			lead = "No customers for tenant " + tenantId + " yet.";
		}
		else if (top == null) {
			lead = "No customer had a session before its first purchase.";
		}
		else {
			long all = customersByCurrency.get((String) top.get(1));
			long untouched = rows.stream()
				.filter(row -> row.get(0).equals("(no touch)") && row.get(1).equals(top.get(1)))
				.mapToLong(row -> (Long) row.get(2))
				.sum();
			lead = "The most common path to a first purchase is " + top.get(0) + ": " + count((Long) top.get(2)) + " of "
					+ count(all) + " " + top.get(1) + " customers (" + percent(ratio((Long) top.get(2), all))
					+ ") took it, worth " + top.get(3) + " net."
					+ (untouched == 0 ? "" : " " + count(untouched) + (untouched == 1 ? " customer" : " customers")
							+ " bought with no session before.");
		}
		return new RollupReports.Table("Conversion paths for tenant " + tenantId,
				List.of("path", "currency", "customers", "revenue", "revenue per customer"), rows, lead);
	}

	private static BigDecimal ratio(long part, long whole) {
		return BigDecimal.valueOf(part).divide(BigDecimal.valueOf(whole), 4, RoundingMode.HALF_UP);
	}

	/** A ratio as a whole percentage, half up: "33%". */
	private static String percent(BigDecimal ratio) {
		return ratio.movePointRight(2).setScale(0, RoundingMode.HALF_UP).toPlainString() + "%";
	}

	private static String count(long n) {
		return String.format(Locale.ROOT, "%,d", n);
	}

	/** Seconds for people: "45 s", "20 min", "1 h 50 min", "3.5 days". */
	static String time(long seconds) {
		if (seconds < 60) {
			return seconds + " s";
		}
		if (seconds < 3600) {
			return Math.round(seconds / 60.0) + " min";
		}
		if (seconds < 86_400) {
			long minutes = Math.round(seconds / 60.0);
			return minutes / 60 + " h" + (minutes % 60 == 0 ? "" : " " + minutes % 60 + " min");
		}
		String days = BigDecimal.valueOf(seconds).divide(BigDecimal.valueOf(86_400), 1, RoundingMode.HALF_UP)
			.stripTrailingZeros().toPlainString();
		return days + (days.equals("1") ? " day" : " days");
	}
}
