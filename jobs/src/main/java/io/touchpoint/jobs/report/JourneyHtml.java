package io.touchpoint.jobs.report;

import java.time.LocalDate;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * The journey reports (funnel, conversion paths, sessions, paths) and pairs as one self-contained page each (well-formed XHTML, no external script,
 * style, font or image, the style of {@link HtmlReport}): the lead sentence (a funnel's under its heading), for a
 * funnel a bar per step (contacts
 * reaching it, on an axis from 0 to the first step's contacts, the share of the first step beside it, the value in
 * {@code data-contacts}), and the report's table. The page says its tenant and as-of date.
 */
public final class JourneyHtml {

	private JourneyHtml() {
	}

	/** The page of a funnel report; {@code funnels} are the steps the table shows, by funnel. */
	public static String funnel(String tenant, @Nullable LocalDate asOf, RollupReports.Table table,
			Map<String, List<JourneyReports.Step>> funnels) {
		StringBuilder body = new StringBuilder();
		funnels.forEach((name, steps) -> {
			body.append("<h2>Funnel ").append(HtmlReport.escape(name)).append("</h2>\n")
				.append("<p class=\"lead\" id=\"lead-").append(HtmlReport.escape(name)).append("\">")
				.append(HtmlReport.escape(JourneyReports.sentence(name, steps))).append("</p>\n")
				.append(chart(name, steps));
		});
		return page(tenant, asOf, table, funnels.isEmpty() ? "<p id=\"lead\">" + HtmlReport.escape(table.lead()) + "</p>\n"
				: body.toString());
	}

	/** The page of a report that is a lead sentence and a table: conversion paths, sessions, paths, pairs. */
	public static String leadAndTable(String tenant, @Nullable LocalDate asOf, RollupReports.Table table) {
		return page(tenant, asOf, table, "<p id=\"lead\">" + HtmlReport.escape(table.lead()) + "</p>\n");
	}

	private static String page(String tenant, @Nullable LocalDate asOf, RollupReports.Table table, String body) {
		String title = HtmlReport.escape(table.title());
		StringBuilder out = new StringBuilder(8_192);
		out.append("<!DOCTYPE html>\n<html xmlns=\"http://www.w3.org/1999/xhtml\" lang=\"en\"><head><meta charset=\"utf-8\"/>")
			.append("<title>").append(title).append("</title>\n<style>").append(HtmlReport.STYLE)
			.append("</style></head>\n<body>\n<h1>").append(title).append("</h1>\n")
			.append("<p class=\"meta\" data-tenant=\"").append(HtmlReport.escape(tenant)).append("\">Data as of <time id=\"as-of\"")
			.append(asOf == null ? ">" + HtmlReport.NONE : " datetime=\"" + asOf + "\">" + asOf)
			.append("</time> (the last business date loaded).</p>\n")
			.append(body)
			.append("<h2>Table</h2>\n")
			.append(HtmlReport.table("rows", table.columns(), table.rows(),
					table.rows().isEmpty() ? "No rows: run the nightly job for this tenant first." : null));
		return out.append("</body></html>\n").toString();
	}

	/** A horizontal bar per step: contacts reaching it, scaled to the first step's. */
	private static String chart(String funnel, List<JourneyReports.Step> steps) {
		int labelWidth = 260;
		int plot = 420;
		int barHeight = 22;
		int top = 10;
		int axisY = top + steps.size() * (barHeight + 8);
		long first = Math.max(1, steps.get(0).contacts());
		StringBuilder svg = new StringBuilder("<svg id=\"funnel-chart-").append(HtmlReport.escape(funnel))
			.append("\" class=\"chart\" xmlns=\"http://www.w3.org/2000/svg\" width=\"").append(labelWidth + plot + 140)
			.append("\" height=\"").append(axisY + 44).append("\" viewBox=\"0 0 ").append(labelWidth + plot + 140).append(' ')
			.append(axisY + 44).append("\" role=\"img\"><title>")
			.append(HtmlReport.escape("Contacts reaching each step of funnel " + funnel)).append("</title>\n");
		for (int i = 0; i <= 4; i++) {
			double x = labelWidth + plot * i / 4.0;
			svg.append(String.format(Locale.ROOT, "<line class=\"grid\" x1=\"%.1f\" y1=\"%d\" x2=\"%.1f\" y2=\"%d\"/>\n", x,
					top - 4, x, axisY));
			svg.append(String.format(Locale.ROOT,
					"<text class=\"tick x-tick\" x=\"%.1f\" y=\"%d\" text-anchor=\"middle\">%d%%</text>\n", x, axisY + 14, i * 25));
		}
		svg.append(String.format(Locale.ROOT, "<line class=\"axis\" x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\"/>\n", labelWidth,
				axisY, labelWidth + plot, axisY));
		svg.append(String.format(Locale.ROOT,
				"<text class=\"axis-title x-title\" x=\"%d\" y=\"%d\" text-anchor=\"middle\">%s</text>\n", labelWidth + plot / 2,
				axisY + 34, HtmlReport.escape("Share of the " + String.format(Locale.ROOT, "%,d", steps.get(0).contacts())
						+ " contacts who reached step 1")));
		int y = top;
		for (JourneyReports.Step step : steps) {
			double width = Math.max(1, plot * (double) step.contacts() / first);
			long percent = Math.round(100.0 * step.contacts() / first);
			String label = step.number() + ". " + step.step();
			svg.append(String.format(Locale.ROOT,
					"<rect class=\"bar\" x=\"%d\" y=\"%d\" width=\"%.1f\" height=\"%d\" fill=\"#2f6db5\" data-contacts=\"%d\">"
							+ "<title>%s: %,d contacts (%d%% of step 1)</title></rect>\n",
					labelWidth, y, width, barHeight, step.contacts(), HtmlReport.escape(label), step.contacts(), percent));
			svg.append(String.format(Locale.ROOT, "<text class=\"bar-label\" x=\"%d\" y=\"%d\" text-anchor=\"end\">%s</text>\n",
					labelWidth - 6, y + 15, HtmlReport.escape(label.length() > 40 ? label.substring(0, 39) + "\u2026" : label)));
			svg.append(String.format(Locale.ROOT, "<text class=\"value\" x=\"%.1f\" y=\"%d\">%,d (%d%%)</text>\n",
					labelWidth + width + 6, y + 15, step.contacts(), percent));
			y += barHeight + 8;
		}
		return svg.append("</svg>\n").toString();
	}
}
