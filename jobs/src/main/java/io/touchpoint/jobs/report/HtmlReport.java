package io.touchpoint.jobs.report;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

import org.jspecify.annotations.Nullable;

/**
 * One self-contained page (no external script, style, font or image; well-formed XHTML) with every rollup the
 * terminal reports: touchpoint value with its sentences, medians and small-group flags and a lift bar chart per
 * currency; daily net revenue as a line chart on a real time scale (a day with no row is a gap, not a straight
 * line) with the table; cohort value as a heat-map table; attribution with spend, CPA and ROAS. Charts are
 * inline SVG with axes, tick labels and axis titles; bars and points carry their value in {@code data-minor}
 * and a {@code <title>}. The page says its tenant and as-of date; a missing value shows as "–".
 */
public final class HtmlReport {

	/** What a missing value (NULL) shows as. */
	public static final String NONE = "\u2013";

	private static final String[] COLOURS = { "#2f6db5", "#d9822b", "#3a9a4a", "#a64ca6" };

	private HtmlReport() {
	}

	/**
	 * Everything the page shows. {@code asOf} is the last business date whose run completed (null when unknown),
	 * {@code computedAt} when the rollups were last computed; {@code campaignNames} maps a campaign id to its
	 * name where one is known.
	 */
	public record Data(String tenant, @Nullable LocalDate asOf, @Nullable LocalDateTime computedAt, int smallGroup, int sentences,
			List<LtvReport.Line> lines, RollupReports.Table revenue, RollupReports.Table cohorts,
			RollupReports.Table attribution, Map<String, String> campaignNames) {

		public Data {
			campaignNames = Map.copyOf(campaignNames);
		}
	}

	public static String render(Data data) {
		StringBuilder out = new StringBuilder(16_384);
		String tenant = escape(data.tenant());
		out.append("<!DOCTYPE html>\n<html xmlns=\"http://www.w3.org/1999/xhtml\" lang=\"en\"><head><meta charset=\"utf-8\"/>")
			.append("<title>Touchpoint report: ").append(tenant).append("</title>\n<style>").append(STYLE).append(
					"</style></head>\n<body>\n");
		out.append("<h1>Touchpoint report for tenant <span id=\"tenant\">").append(tenant).append("</span></h1>\n");
		out.append("<p class=\"meta\">Data as of <time id=\"as-of\"").append(data.asOf() == null ? ">" + NONE
				: " datetime=\"" + data.asOf() + "\">" + data.asOf()).append("</time> (the last business date loaded)")
			.append(data.computedAt() == null ? "" : "; rollups computed " + data.computedAt().withNano(0).toString().replace('T', ' ')
					+ " UTC")
			.append(". Groups of fewer than ").append(data.smallGroup())
			.append(" contacts are flagged as too few to trust.</p>\n");
		findings(out, data);
		touchpointValue(out, data);
		revenue(out, data);
		cohorts(out, data);
		attribution(out, data);
		return out.append("</body></html>\n").toString();
	}

	// ---- touchpoint value ----

	private static void findings(StringBuilder out, Data data) {
		out.append("<h2>Key findings</h2>\n");
		List<LtvReport.Line> top = LtvReport.findings(data.lines(), data.sentences(), data.smallGroup());
		if (top.isEmpty()) {
			out.append("<p id=\"findings\">No touchpoint has both contacts with it and without it yet.</p>\n");
			return;
		}
		out.append("<ul id=\"findings\">\n");
		for (LtvReport.Line line : top) {
			boolean small = line.small(data.smallGroup());
			out.append("<li class=\"sentence").append(small ? " small-group" : "").append("\">")
				.append(escape(line.named(names(data)).sentence(data.smallGroup()))).append("</li>\n");
		}
		out.append("</ul>\n");
	}

	private static void touchpointValue(StringBuilder out, Data data) {
		out.append("<h2>Touchpoint value</h2>\n<p>What contacts with each touchpoint are worth (net purchases per contact) "
				+ "compared with contacts without it; the lift is the difference of the averages.</p>\n");
		Map<String, List<LtvReport.Line>> byCurrency = new LinkedHashMap<>();
		data.lines().forEach(line -> byCurrency.computeIfAbsent(line.currency(), c -> new ArrayList<>()).add(line));
		for (var entry : byCurrency.entrySet()) {
			out.append(liftChart(entry.getKey(), entry.getValue(), data));
		}
		if (data.lines().stream().anyMatch(line -> line.small(data.smallGroup()))) {
			out.append("<p class=\"legend\">Pale bars marked \u26a0: fewer than ").append(data.smallGroup())
				.append(" contacts with or without the touchpoint, too few to trust.</p>\n");
		}
		List<String> columns = List.of("kind", "touchpoint", "with", "avg net with", "median with", "without",
				"avg net without", "median without", "lift", "trust");
		List<List<Object>> rows = new ArrayList<>();
		for (LtvReport.Line line : data.lines()) {
			String c = line.currency();
			rows.add(List.of(line.kind(), names(data).label(line.kind(), line.touchpoint()), line.contactsWith(),
					new Money(line.avgWithMinor(), c), new Money(line.medianWithMinor(), c), line.contactsWithout(),
					new Money(line.avgWithoutMinor(), c), new Money(line.medianWithoutMinor(), c), new Money(line.liftMinor(), c),
					line.small(data.smallGroup()) ? "too few contacts" : "ok"));
		}
		out.append(table("ltv", columns, rows, data.lines().isEmpty() ? "No touchpoints with purchases yet." : null));
	}

	private static String liftChart(String currency, List<LtvReport.Line> lines, Data data) {
		int labelWidth = 300;
		int plot = 380;
		int barHeight = 18;
		int top = 10;
		int height = top + lines.size() * (barHeight + 6) + 50;
		long min = Math.min(0, lines.stream().mapToLong(LtvReport.Line::liftMinor).min().orElse(0));
		long max = Math.max(0, lines.stream().mapToLong(LtvReport.Line::liftMinor).max().orElse(0));
		Scale scale = Scale.nice(min, max, labelWidth, labelWidth + plot);
		StringBuilder svg = svgStart("lift-chart-" + currency, labelWidth + plot + 90, height,
				"Lift in average net value per contact (" + currency + ")");
		int axisY = top + lines.size() * (barHeight + 6);
		// vertical grid lines and tick labels
		for (long tick : scale.ticks()) {
			double x = scale.x(tick);
			svg.append(String.format(Locale.ROOT, "<line class=\"grid\" x1=\"%.1f\" y1=\"%d\" x2=\"%.1f\" y2=\"%d\"/>\n", x, top - 4, x,
					axisY));
			svg.append(String.format(Locale.ROOT, "<text class=\"tick x-tick\" x=\"%.1f\" y=\"%d\" text-anchor=\"middle\">%s</text>\n", x,
					axisY + 14, escape(MoneyFormat.whole(tick, currency))));
		}
		svg.append(String.format(Locale.ROOT, "<line class=\"axis\" x1=\"%.1f\" y1=\"%d\" x2=\"%.1f\" y2=\"%d\"/>\n", scale.x(0), top - 4,
				scale.x(0), axisY));
		svg.append(String.format(Locale.ROOT, "<line class=\"axis\" x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\"/>\n", labelWidth, axisY,
				labelWidth + plot, axisY));
		svg.append(String.format(Locale.ROOT, "<text class=\"axis-title x-title\" x=\"%d\" y=\"%d\" text-anchor=\"middle\">%s</text>\n",
				labelWidth + plot / 2, axisY + 34, escape("Lift in average net value per contact (" + currency + ")")));
		int y = top;
		for (LtvReport.Line line : lines) {
			boolean small = line.small(data.smallGroup());
			String label = names(data).label(line.kind(), line.touchpoint());
			String shortLabel = line.kind() + ": " + names(data).shortLabel(line.kind(), line.touchpoint());
			double zero = scale.x(0);
			double end = scale.x(line.liftMinor());
			double x = Math.min(zero, end);
			double width = Math.max(1, Math.abs(end - zero));
			String fill = line.liftMinor() >= 0 ? "#3a9a4a" : "#c44";
			svg.append(String.format(Locale.ROOT,
					"<rect class=\"bar%s\" x=\"%.1f\" y=\"%d\" width=\"%.1f\" height=\"%d\" fill=\"%s\"%s data-minor=\"%d\" "
							+ "data-currency=\"%s\"><title>%s: %s (%d vs %d contacts)%s</title></rect>\n",
					small ? " small-group" : "", x, y, width, barHeight, fill, small ? " fill-opacity=\"0.35\"" : "",
					line.liftMinor(), currency, escape(label), escape(MoneyFormat.exact(line.liftMinor(), currency)),
					line.contactsWith(), line.contactsWithout(), small ? ", too few contacts to trust" : ""));
			svg.append(String.format(Locale.ROOT, "<text class=\"bar-label\" x=\"%d\" y=\"%d\" text-anchor=\"end\">%s</text>\n",
					labelWidth - 6, y + 13, escape(abbreviate(shortLabel, 46))));
			boolean right = line.liftMinor() >= 0;
			svg.append(String.format(Locale.ROOT, "<text class=\"value\" x=\"%.1f\" y=\"%d\" text-anchor=\"%s\">%s%s</text>\n",
					right ? x + width + 4 : x - 4, y + 13, right ? "start" : "end",
					escape(barValue(line.liftMinor(), currency)), small ? " \u26a0" : ""));
			y += barHeight + 6;
		}
		return svg.append("</svg>\n").toString();
	}

	/** A bar's value in whole units ({@code +€34}), or exactly when under one unit ({@code -€0.35}, not {@code -€0}). */
	private static String barValue(long minor, String currency) {
		long unit = (long) Math.pow(10, java.util.Currency.getInstance(currency).getDefaultFractionDigits());
		return Math.abs(minor) >= unit ? MoneyFormat.signedWhole(minor, currency)
				: (minor >= 0 ? "+" : "") + MoneyFormat.exact(minor, currency);
	}

	// ---- revenue ----

	private static void revenue(StringBuilder out, Data data) {
		out.append("<h2>Daily net revenue</h2>\n<p>Net revenue (gross less refunds) per local day and currency; a day "
				+ "without a row has no line through it.</p>\n");
		Map<String, TreeMap<LocalDate, Long>> byCurrency = new LinkedHashMap<>();
		for (List<Object> row : data.revenue().rows()) {
			byCurrency.computeIfAbsent((String) row.get(2), c -> new TreeMap<>())
				.merge((LocalDate) row.get(0), ((Money) row.get(6)).minor(), Long::sum);
		}
		for (var entry : byCurrency.entrySet()) {
			out.append(revenueChart(entry.getKey(), entry.getValue()));
		}
		RollupReports.Table table = withoutEmptyColumns(data.revenue());
		out.append(table("revenue", table.columns(), table.rows(),
				table.rows().isEmpty() ? "No revenue yet: run the nightly job for this tenant first." : null));
	}

	private static String revenueChart(String currency, TreeMap<LocalDate, Long> days) {
		int left = 80;
		int right = 700;
		int top = 20;
		int bottom = 220;
		LocalDate first = days.firstKey();
		LocalDate last = days.lastKey();
		long span = Math.max(1, last.toEpochDay() - first.toEpochDay());
		long min = Math.min(0, days.values().stream().mapToLong(Long::longValue).min().orElse(0));
		long max = Math.max(1, days.values().stream().mapToLong(Long::longValue).max().orElse(1));
		Scale yScale = Scale.nice(min, max, bottom, top);
		StringBuilder svg = svgStart("revenue-chart-" + currency, right + 30, bottom + 50,
				"Daily net revenue in " + currency + ", " + first + " to " + last);
		for (long tick : yScale.ticks()) {
			double y = yScale.x(tick);
			svg.append(String.format(Locale.ROOT, "<line class=\"grid\" x1=\"%d\" y1=\"%.1f\" x2=\"%d\" y2=\"%.1f\"/>\n", left, y, right,
					y));
			svg.append(String.format(Locale.ROOT, "<text class=\"tick y-tick\" x=\"%d\" y=\"%.1f\" text-anchor=\"end\">%s</text>\n",
					left - 6, y + 4, escape(MoneyFormat.whole(tick, currency))));
		}
		svg.append(String.format(Locale.ROOT, "<line class=\"axis\" x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\"/>\n", left, top, left, bottom));
		svg.append(String.format(Locale.ROOT, "<line class=\"axis\" x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\"/>\n", left, bottom, right,
				bottom));
		for (LocalDate tick : dateTicks(first, last)) {
			double x = left + (right - left) * (double) (tick.toEpochDay() - first.toEpochDay()) / span;
			svg.append(String.format(Locale.ROOT, "<line class=\"tick-mark\" x1=\"%.1f\" y1=\"%d\" x2=\"%.1f\" y2=\"%d\"/>\n", x, bottom,
					x, bottom + 4));
			svg.append(String.format(Locale.ROOT, "<text class=\"tick x-tick\" x=\"%.1f\" y=\"%d\" text-anchor=\"middle\" "
					+ "data-day=\"%s\">%s</text>\n", x, bottom + 16, tick, tick.format(java.time.format.DateTimeFormatter
						.ofPattern("MMM d", Locale.ENGLISH))));
		}
		svg.append(String.format(Locale.ROOT, "<text class=\"axis-title x-title\" x=\"%d\" y=\"%d\" text-anchor=\"middle\">%s</text>\n",
				(left + right) / 2, bottom + 36, escape("Day (" + first.getYear() + (last.getYear() != first.getYear()
						? "\u2013" + last.getYear() : "") + ")")));
		svg.append(String.format(Locale.ROOT, "<text class=\"axis-title y-title\" x=\"14\" y=\"%d\" text-anchor=\"middle\" "
				+ "transform=\"rotate(-90 14 %d)\">%s</text>\n", (top + bottom) / 2, (top + bottom) / 2,
				escape("Net revenue (" + currency + ")")));
		// one line per run of consecutive days: a missing day breaks the line
		List<StringBuilder> runs = new ArrayList<>();
		LocalDate previous = null;
		StringBuilder dots = new StringBuilder();
		for (var day : days.entrySet()) {
			double x = left + (right - left) * (double) (day.getKey().toEpochDay() - first.toEpochDay()) / span;
			double y = yScale.x(day.getValue());
			if (previous == null || !previous.plusDays(1).equals(day.getKey())) {
				runs.add(new StringBuilder());
			}
			runs.get(runs.size() - 1).append(String.format(Locale.ROOT, "%.1f,%.1f ", x, y));
			dots.append(String.format(Locale.ROOT, "<circle class=\"point\" cx=\"%.1f\" cy=\"%.1f\" r=\"3\" fill=\"%s\" "
					+ "data-day=\"%s\" data-minor=\"%d\" data-currency=\"%s\"><title>%s: %s</title></circle>\n", x, y, COLOURS[0],
					day.getKey(), day.getValue(), currency, day.getKey(), escape(MoneyFormat.exact(day.getValue(), currency))));
			previous = day.getKey();
		}
		for (StringBuilder run : runs) {
			svg.append("<polyline class=\"run\" fill=\"none\" stroke=\"").append(COLOURS[0]).append("\" stroke-width=\"2\" points=\"")
				.append(run.toString().trim()).append("\"/>\n");
		}
		return svg.append(dots).append("</svg>\n").toString();
	}

	/** About six ticks on day, week or month boundaries between the first and last day, both included. */
	static List<LocalDate> dateTicks(LocalDate first, LocalDate last) {
		long days = last.toEpochDay() - first.toEpochDay();
		List<LocalDate> ticks = new ArrayList<>();
		if (days > 120) {
			for (LocalDate d = first.withDayOfMonth(1).plusMonths(1); !d.isAfter(last); d = d.plusMonths(Math.max(1, days / 180))) {
				ticks.add(d);
			}
		}
		else {
			long step = days <= 7 ? 1 : days <= 21 ? 3 : days <= 49 ? 7 : 14;
			for (LocalDate d = first; !d.isAfter(last); d = d.plusDays(step)) {
				ticks.add(d);
			}
		}
		if (!ticks.contains(first) && (ticks.isEmpty() || ticks.get(0).toEpochDay() - first.toEpochDay() > days / 12)) {
			ticks.add(0, first);
		}
		return ticks;
	}

	// ---- cohorts ----

	private static void cohorts(StringBuilder out, Data data) {
		out.append("<h2>Cohort value</h2>\n<p>Cumulative net value per contact by first-purchase month (rows) and months "
				+ "since it (columns); the darker the cell, the more a contact of that cohort is worth by then.</p>\n");
		// cohort, months since, currency, contacts, cumulative net, net per contact
		Map<String, Map<String, Map<Long, Money>>> grid = new TreeMap<>();
		Map<String, Long> contacts = new LinkedHashMap<>();
		TreeSet<Long> months = new TreeSet<>();
		for (List<Object> row : data.cohorts().rows()) {
			String currency = (String) row.get(2);
			String cohort = (String) row.get(0);
			long since = (Long) row.get(1);
			months.add(since);
			grid.computeIfAbsent(currency, c -> new TreeMap<>()).computeIfAbsent(cohort, c -> new TreeMap<>())
				.put(since, (Money) row.get(5));
			if (since == 0) {
				contacts.put(currency + " " + cohort, (Long) row.get(3));
			}
		}
		if (grid.isEmpty()) {
			out.append("<p class=\"empty\">No cohorts yet.</p>\n");
			return;
		}
		for (var currency : grid.entrySet()) {
			long max = currency.getValue().values().stream().flatMap(m -> m.values().stream()).mapToLong(Money::minor).max()
				.orElse(1);
			out.append("<table class=\"heatmap\" id=\"cohorts-").append(escape(currency.getKey())).append("\"><thead><tr>")
				.append("<th>cohort</th><th>contacts</th>");
			months.forEach(m -> out.append("<th>month ").append(m).append("</th>"));
			out.append("</tr></thead><tbody>\n");
			for (var cohort : currency.getValue().entrySet()) {
				Long size = contacts.get(currency.getKey() + " " + cohort.getKey());
				out.append("<tr><th>").append(cohort.getKey()).append("</th><td class=\"n\">")
					.append(size == null ? NONE : String.format(Locale.ROOT, "%,d", size)).append("</td>");
				for (long m : months) {
					Money value = cohort.getValue().get(m);
					if (value == null) {
						out.append("<td class=\"n\">").append(NONE).append("</td>");
						continue;
					}
					double share = max <= 0 ? 0 : Math.max(0, Math.min(1, (double) value.minor() / max));
					out.append(String.format(Locale.ROOT, "<td class=\"n heat\" style=\"background:rgba(47,109,181,%.2f);color:%s\" "
							+ "data-minor=\"%d\">%s</td>", 0.08 + 0.8 * share, share > 0.55 ? "#fff" : "#111", value.minor(),
							escape(value.toString())));
				}
				out.append("</tr>\n");
			}
			out.append("</tbody></table>\n");
		}
	}

	// ---- attribution ----

	private static void attribution(StringBuilder out, Data data) {
		out.append("<h2>Attribution</h2>\n<p>Credited contacts, purchases and revenue per channel and campaign under "
				+ "each model (first and last touch; linear, position-based and time-decay split a customer's credit "
				+ "over its touches), with ad spend, cost per acquisition (CPA) and return on ad spend (ROAS = revenue / "
				+ "spend); " + NONE + " where there is no spend to divide by.</p>\n");
		if (!data.attribution().lead().isEmpty()) {
			out.append("<p id=\"attribution-lead\">").append(escape(data.attribution().lead())).append("</p>\n");
		}
		List<List<Object>> rows = new ArrayList<>();
		int campaign = data.attribution().columns().indexOf("campaign");
		int roas = data.attribution().columns().indexOf("roas");
		for (List<Object> row : data.attribution().rows()) {
			List<Object> cells = new ArrayList<>(row);
			if (campaign >= 0 && cells.get(campaign) instanceof String id) {
				cells.set(campaign, names(data).campaign(id));
			}
			if (roas >= 0 && cells.get(roas) instanceof BigDecimal value) {
				cells.set(roas, value.setScale(2, RoundingMode.HALF_UP));
			}
			rows.add(cells);
		}
		out.append(table("attribution", data.attribution().columns(), rows,
				rows.isEmpty() ? "No attribution yet." : null));
	}

	// ---- shared ----

	private static CampaignNames names(Data data) {
		return new CampaignNames(data.campaignNames());
	}

	/** The table without the columns that are empty in every row (the reporting currency when none is set). */
	static RollupReports.Table withoutEmptyColumns(RollupReports.Table table) {
		List<Integer> keep = new ArrayList<>();
		for (int i = 0; i < table.columns().size(); i++) {
			int column = i;
			if (table.rows().isEmpty() || table.rows().stream().anyMatch(row -> row.get(column) != null)) {
				keep.add(i);
			}
		}
		List<List<Object>> rows = table.rows().stream().map(row -> keep.stream().map(row::get).toList()).toList();
		return new RollupReports.Table(table.title(), keep.stream().map(table.columns()::get).toList(), rows);
	}

	private static StringBuilder svgStart(String id, int width, int height, String title) {
		return new StringBuilder("<svg id=\"").append(escape(id)).append("\" class=\"chart\" xmlns=\"http://www.w3.org/2000/svg\" ")
			.append("width=\"").append(width).append("\" height=\"").append(height).append("\" viewBox=\"0 0 ").append(width)
			.append(' ').append(height).append("\" role=\"img\"><title>").append(escape(title)).append("</title>\n");
	}

	static String table(String id, List<String> columns, List<List<Object>> rows, @Nullable String whenEmpty) {
		if (whenEmpty != null) {
			return "<p class=\"empty\" id=\"" + id + "\">" + escape(whenEmpty) + "</p>\n";
		}
		StringBuilder out = new StringBuilder("<table id=\"").append(id).append("\"><thead><tr>");
		columns.forEach(column -> out.append("<th>").append(escape(column)).append("</th>"));
		out.append("</tr></thead><tbody>\n");
		for (List<Object> row : rows) {
			out.append("<tr>");
			for (Object cell : row) {
				boolean numeric = cell instanceof Number || cell instanceof Money;
				String text = cell == null ? NONE : cell instanceof Long n ? String.format(Locale.ROOT, "%,d", n) : cell.toString();
				out.append(numeric || cell == null ? "<td class=\"n\">" : "<td>").append(escape(text)).append("</td>");
			}
			out.append("</tr>\n");
		}
		return out.append("</tbody></table>\n").toString();
	}

	private static String abbreviate(String text, int length) {
		return text.length() > length ? text.substring(0, length - 1) + "\u2026" : text;
	}

	/**
	 * The text safe inside an element or a double-quoted attribute (the scheduler's status page uses it too);
	 * control characters, which XML cannot hold, become U+FFFD.
	 */
	public static String escape(String text) {
		StringBuilder out = new StringBuilder(text.length() + 16);
		for (int i = 0; i < text.length(); i++) {
			char c = text.charAt(i);
			switch (c) {
				case '&' -> out.append("&amp;");
				case '<' -> out.append("&lt;");
				case '>' -> out.append("&gt;");
				case '"' -> out.append("&quot;");
				default -> out.append(c < 0x20 && c != '\n' && c != '\t' || c == 0x7f ? '\ufffd' : c);
			}
		}
		return out.toString();
	}

	/** A linear scale from [min, max] (widened to round ticks) onto [from, to] pixels. */
	private record Scale(long min, long max, double from, double to, long step) {

		static Scale nice(long min, long max, double from, double to) {
			long range = Math.max(1, max - min);
			double raw = range / 5.0;
			double magnitude = Math.pow(10, Math.floor(Math.log10(raw)));
			double[] steps = { 1, 2, 2.5, 5, 10 };
			long step = (long) magnitude;
			for (double s : steps) {
				if (s * magnitude >= raw) {
					step = Math.max(1, Math.round(s * magnitude));
					break;
				}
			}
			long low = Math.floorDiv(min, step) * step;
			long high = -Math.floorDiv(-max, step) * step;
			return new Scale(low, high == low ? low + step : high, from, to, step);
		}

		double x(long value) {
			return from + (to - from) * (double) (value - min) / (max - min);
		}

		List<Long> ticks() {
			List<Long> ticks = new ArrayList<>();
			for (long t = min; t <= max; t += step) {
				ticks.add(t);
			}
			return ticks;
		}
	}

	static final String STYLE = "body{font-family:system-ui,-apple-system,'Segoe UI',Roboto,sans-serif;margin:2em auto;"
			+ "max-width:1100px;padding:0 1em;color:#1d2330}h1{font-size:1.6em;margin-bottom:.2em}"
			+ "h2{margin-top:1.8em;border-bottom:2px solid #e3e6ec;padding-bottom:.2em}p.meta{color:#555}"
			+ "table{border-collapse:collapse;margin:.8em 0;font-size:.9em}td,th{padding:3px 9px;border-bottom:1px solid #e3e6ec;"
			+ "text-align:left}td.n{text-align:right;font-variant-numeric:tabular-nums}thead th{background:#f4f6f9}"
			+ "tbody tr:hover{background:#fafbfd}li.sentence{margin:.3em 0}li.small-group{color:#777}"
			+ "svg.chart{display:block;margin:1em 0;font-size:11px;overflow:visible}svg .grid{stroke:#e3e6ec}"
			+ "svg .axis{stroke:#333}svg .tick-mark{stroke:#333}svg .axis-title{font-weight:600}"
			+ "table.heatmap td{min-width:5em}p.legend{color:#555;font-size:.9em}";
}
