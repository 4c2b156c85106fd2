package io.touchpoint.jobs.report;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * One self-contained HTML page (no external scripts, styles or fonts): the touchpoint-value table with
 * an inline SVG bar chart of lift, and the daily revenue table with an inline SVG line chart of net
 * revenue per currency. Bars and points carry their value in a {@code data-minor} attribute and a
 * {@code <title>}, so the page can be checked against the tables.
 */
public final class HtmlReport {

	private HtmlReport() {
	}

	public static String render(String tenantId, List<LtvReport.Line> lines, RollupReports.Table revenue) {
		StringBuilder out = new StringBuilder();
		out.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"/><title>Touchpoint report: ")
			.append(escape(tenantId))
			.append("</title>\n<style>body{font-family:sans-serif;margin:2em}table{border-collapse:collapse}"
					+ "td,th{padding:2px 8px;border-bottom:1px solid #ddd}td.n{text-align:right}</style></head><body>\n");
		out.append("<h1>Touchpoint report for tenant ").append(escape(tenantId)).append("</h1>\n");
		out.append("<h2>Touchpoint lift</h2>\n").append(liftChart(lines));
		List<List<Object>> ltvRows = new ArrayList<>();
		for (LtvReport.Line line : lines) {
			ltvRows.add(List.of(line.kind(), line.touchpoint(), line.contactsWith(), new Money(line.avgWithMinor(), line.currency()),
					line.contactsWithout(), new Money(line.avgWithoutMinor(), line.currency()),
					new Money(line.liftMinor(), line.currency())));
		}
		out.append(table("ltv", List.of("kind", "touchpoint", "with", "avg net with", "without", "avg net without", "lift"),
				ltvRows));
		out.append("<h2>Daily net revenue</h2>\n").append(revenueChart(revenue)).append(table("revenue", revenue.columns(),
				revenue.rows()));
		return out.append("</body></html>\n").toString();
	}

	private static String liftChart(List<LtvReport.Line> lines) {
		long max = Math.max(1, lines.stream().mapToLong(line -> Math.abs(line.liftMinor())).max().orElse(1));
		int height = 22 * lines.size() + 10;
		StringBuilder svg = new StringBuilder("<svg id=\"lift-chart\" xmlns=\"http://www.w3.org/2000/svg\" width=\"720\" height=\"")
			.append(height).append("\">\n");
		int y = 5;
		for (LtvReport.Line line : lines) {
			long width = Math.round(200.0 * Math.abs(line.liftMinor()) / max);
			long x = line.liftMinor() >= 0 ? 460 : 460 - width;
			svg.append(String.format(Locale.ROOT,
					"<rect class=\"bar\" x=\"%d\" y=\"%d\" width=\"%d\" height=\"16\" fill=\"%s\" data-minor=\"%d\" data-currency=\"%s\">"
							+ "<title>%s %s: %s</title></rect>\n",
					x, y, width, line.liftMinor() >= 0 ? "#2a7" : "#c44", line.liftMinor(), line.currency(), escape(line.kind()),
					escape(line.touchpoint()), escape(MoneyFormat.exact(line.liftMinor(), line.currency()))));
			svg.append(String.format(Locale.ROOT, "<text x=\"0\" y=\"%d\" font-size=\"12\">%s %s (%s)</text>\n", y + 12,
					escape(line.kind()), escape(abbreviate(line.touchpoint())), line.currency()));
			y += 22;
		}
		return svg.append("</svg>\n").toString();
	}

	private static String revenueChart(RollupReports.Table revenue) {
		Map<String, Map<LocalDate, Long>> byCurrency = new LinkedHashMap<>();
		LocalDate first = null;
		LocalDate last = null;
		long min = 0;
		long max = 1;
		for (List<Object> row : revenue.rows()) {
			LocalDate day = (LocalDate) row.get(0);
			long net = ((Money) row.get(6)).minor();
			byCurrency.computeIfAbsent((String) row.get(2), c -> new java.util.TreeMap<>()).merge(day, net, Long::sum);
			first = first == null || day.isBefore(first) ? day : first;
			last = last == null || day.isAfter(last) ? day : last;
		}
		for (Map<LocalDate, Long> days : byCurrency.values()) {
			for (long net : days.values()) {
				min = Math.min(min, net);
				max = Math.max(max, net);
			}
		}
		StringBuilder svg = new StringBuilder("<svg id=\"revenue-chart\" xmlns=\"http://www.w3.org/2000/svg\" width=\"720\" height=\"240\">\n");
		long span = first == null ? 1 : Math.max(1, last.toEpochDay() - first.toEpochDay());
		String[] colours = { "#36c", "#e80", "#393", "#c3c" };
		int c = 0;
		for (var entry : byCurrency.entrySet()) {
			StringBuilder points = new StringBuilder();
			StringBuilder dots = new StringBuilder();
			for (var day : entry.getValue().entrySet()) {
				long x = 40 + Math.round(660.0 * (day.getKey().toEpochDay() - first.toEpochDay()) / span);
				long y = 220 - Math.round(200.0 * (day.getValue() - min) / (max - min));
				points.append(x).append(',').append(y).append(' ');
				dots.append(String.format(Locale.ROOT,
						"<circle class=\"point\" cx=\"%d\" cy=\"%d\" r=\"3\" fill=\"%s\" data-day=\"%s\" data-minor=\"%d\" data-currency=\"%s\">"
								+ "<title>%s: %s</title></circle>\n",
						x, y, colours[c % colours.length], day.getKey(), day.getValue(), entry.getKey(), day.getKey(),
						escape(MoneyFormat.exact(day.getValue(), entry.getKey()))));
			}
			svg.append("<polyline fill=\"none\" stroke=\"").append(colours[c % colours.length]).append("\" points=\"")
				.append(points.toString().trim()).append("\"/>\n").append(dots);
			svg.append(String.format(Locale.ROOT, "<text x=\"40\" y=\"%d\" font-size=\"12\" fill=\"%s\">%s</text>\n", 12 + 14 * c,
					colours[c % colours.length], entry.getKey()));
			c++;
		}
		return svg.append("</svg>\n").toString();
	}

	private static String table(String id, List<String> columns, List<List<Object>> rows) {
		StringBuilder out = new StringBuilder("<table id=\"").append(id).append("\"><thead><tr>");
		columns.forEach(column -> out.append("<th>").append(escape(column)).append("</th>"));
		out.append("</tr></thead><tbody>\n");
		for (List<Object> row : rows) {
			out.append("<tr>");
			for (Object cell : row) {
				boolean numeric = cell instanceof Number || cell instanceof Money;
				out.append(numeric ? "<td class=\"n\">" : "<td>").append(cell == null ? "" : escape(cell.toString())).append("</td>");
			}
			out.append("</tr>\n");
		}
		return out.append("</tbody></table>\n").toString();
	}

	private static String abbreviate(String text) {
		return text.length() > 60 ? text.substring(0, 57) + "..." : text;
	}

	/** The text safe inside an element or a double-quoted attribute (the scheduler's status page uses it too). */
	public static String escape(String text) {
		return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
	}
}
