package io.touchpoint.jobs.watch;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import org.jspecify.annotations.Nullable;

import io.touchpoint.jobs.executions.ExecutionQueries;
import io.touchpoint.jobs.report.HtmlReport;
import io.touchpoint.scheduler.BusinessDates;
import io.touchpoint.scheduler.Schedule;
import io.touchpoint.scheduler.Schedules;

/**
 * The scheduler's read-only status page: its schedules with their next fire time and the business date
 * that firing will process, then the newest executions with status, duration, counts and the first line
 * of the error. One self-contained HTML document (inline CSS, no script, no external asset) that
 * refreshes itself; every value from the database is escaped, since tenants, names and errors are
 * arbitrary text.
 */
final class StatusPage {

	static final int REFRESH_SECONDS = 30;

	private static final DateTimeFormatter LOCAL = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss", Locale.ROOT);

	private static final DateTimeFormatter ZONED = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ssxxx", Locale.ROOT);

	private static final Set<String> STATUSES = Set.of("COMPLETED", "FAILED", "STARTING", "STARTED", "STOPPING",
			"STOPPED", "ABANDONED", "UNKNOWN");

	private static final String STYLE = """
			body{font:14px/1.4 system-ui,sans-serif;margin:1.5em;color:#222}
			h1{font-size:1.4em;margin:0 0 .2em}h2{font-size:1.1em;margin:1.5em 0 .4em}
			.meta{color:#666;margin:0}
			table{border-collapse:collapse;width:100%}
			th,td{padding:.3em .6em;border-bottom:1px solid #ddd;text-align:left;vertical-align:top}
			th{background:#f4f4f4;font-weight:600}
			td.n{text-align:right;font-variant-numeric:tabular-nums}
			td.err{color:#a00;max-width:40em;overflow-wrap:anywhere}
			.s-completed{color:#1a7f37}.s-failed{color:#c00;font-weight:600}.s-started,.s-starting,.s-stopping{color:#06c}
			.s-stopped,.s-abandoned,.s-unknown{color:#a60}.paused{color:#a60}
			""";

	private StatusPage() {
	}

	static String render(String node, List<Schedules.Entry> schedules, List<RecentExecutions.Row> executions,
			LocalDateTime now) {
		StringBuilder html = new StringBuilder(8192);
		html.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">")
			.append("<meta http-equiv=\"refresh\" content=\"").append(REFRESH_SECONDS).append("\">")
			.append("<title>Touchpoint scheduler</title><style>").append(STYLE).append("</style></head><body>\n")
			.append("<h1>Touchpoint scheduler</h1>\n<p class=\"meta\">Node ").append(escape(node)).append(" &middot; ")
			.append(escape(LOCAL.format(now))).append(" &middot; refreshes every ").append(REFRESH_SECONDS)
			.append(" s &middot; <a href=\"actuator/health\">health</a> &middot; <a href=\"actuator/prometheus\">metrics</a></p>\n");
		schedules(html, schedules);
		executions(html, executions, now);
		return html.append("</body></html>\n").toString();
	}

	private static void schedules(StringBuilder html, List<Schedules.Entry> entries) {
		html.append("<h2>Schedules</h2>\n");
		if (entries.isEmpty()) {
			html.append("<p>No schedules (add one with <code>touchpoint schedules add</code>).</p>\n");
			return;
		}
		header(html, "name", "job", "cron", "zone", "tenants", "state", "next fire", "business date");
		for (Schedules.Entry entry : entries) {
			Schedule s = entry.schedule();
			Instant next = entry.nextFire();
			html.append("<tr>");
			cell(html, s.name());
			cell(html, s.job());
			cell(html, s.cron());
			cell(html, s.zone().getId());
			cell(html, s.allTenants() ? "all active" : String.join(", ", s.tenants()));
			html.append(entry.paused() ? "<td class=\"paused\">paused</td>" : "<td>active</td>");
			cell(html, next == null ? "-" : ZONED.format(next.atZone(s.zone())));
			cell(html, next == null ? "-" : BusinessDates.of(next, s.zone(), s.daysBack()).toString());
			html.append("</tr>\n");
		}
		html.append("</tbody></table>\n");
	}

	private static void executions(StringBuilder html, List<RecentExecutions.Row> rows, LocalDateTime now) {
		html.append("<h2>Recent executions</h2>\n");
		if (rows.isEmpty()) {
			html.append("<p>No executions yet.</p>\n");
			return;
		}
		header(html, "id", "job", "tenant", "business date", "status", "started", "duration", "read", "written",
				"quarantined", "checks", "error");
		for (RecentExecutions.Row row : rows) {
			ExecutionQueries.Summary s = row.summary();
			String status = s.status() == null ? "UNKNOWN" : s.status();
			html.append("<tr>");
			number(html, s.id());
			cell(html, s.job());
			cell(html, s.tenant());
			cell(html, s.date());
			html.append("<td class=\"s-")
				.append(STATUSES.contains(status) ? status.toLowerCase(Locale.ROOT) : "unknown")
				.append("\">").append(escape(status)).append("</td>");
			cell(html, s.start() == null ? "-" : LOCAL.format(s.start()));
			cell(html, s.start() == null ? "-" : duration(Duration.between(s.start(), s.end() == null ? now : s.end())));
			number(html, row.read());
			number(html, row.written());
			number(html, row.quarantined());
			html.append(row.checks().contains("FAIL") ? "<td class=\"err\">" : "<td>").append(escape(row.checks()))
				.append("</td>");
			html.append("<td class=\"err\">").append(escape(firstLine(s.error()))).append("</td>");
			html.append("</tr>\n");
		}
		html.append("</tbody></table>\n<p class=\"meta\">read: records the normalize step read; written: rows the load step "
				+ "wrote into the warehouse; quarantined: bad records set aside (touchpoint quarantine list --execution ID); "
				+ "checks: the night's data checks that did not pass (touchpoint checks show --tenant T). "
				+ "Details: touchpoint execution ID.</p>\n");
	}

	private static void header(StringBuilder html, String... columns) {
		html.append("<table><thead><tr>");
		for (String column : columns) {
			html.append("<th>").append(column).append("</th>");
		}
		html.append("</tr></thead><tbody>\n");
	}

	private static void cell(StringBuilder html, String value) {
		html.append("<td>").append(escape(value)).append("</td>");
	}

	private static void number(StringBuilder html, long value) {
		html.append("<td class=\"n\">").append(String.format(Locale.ROOT, "%,d", value)).append("</td>");
	}

	static String duration(Duration duration) {
		long seconds = Math.max(0, duration.toSeconds());
		if (seconds < 60) {
			return String.format(Locale.ROOT, "%.1f s", Math.max(0, duration.toMillis()) / 1000.0);
		}
		if (seconds < 3600) {
			return String.format(Locale.ROOT, "%dm %02ds", seconds / 60, seconds % 60);
		}
		return String.format(Locale.ROOT, "%dh %02dm", seconds / 3600, seconds / 60 % 60);
	}

	static String firstLine(@Nullable String text) {
		if (text == null) {
			return "";
		}
		int end = text.indexOf('\n');
		return (end < 0 ? text : text.substring(0, end)).strip();
	}

	private static String escape(@Nullable String text) {
		return text == null ? "" : HtmlReport.escape(text);
	}
}
