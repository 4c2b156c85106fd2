package io.touchpoint.jobs.cli;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

import io.touchpoint.jobs.executions.ExecutionQueries;
import io.touchpoint.jobs.executions.KnownTenants;
import io.touchpoint.jobs.report.HtmlReport;
import io.touchpoint.jobs.report.JourneyHtml;
import io.touchpoint.jobs.report.JourneyReports;
import io.touchpoint.jobs.report.LtvReport;
import io.touchpoint.jobs.report.Money;
import io.touchpoint.jobs.report.RollupReports;
import io.touchpoint.jobs.report.TableFormat;
import io.touchpoint.jobs.rollup.RollupRunner;

/**
 * {@code touchpoint report ltv|revenue|cohorts|attribution|sessions|paths|funnel|conversion-paths|pairs --tenant T}:
 * reports from the rollup tables.
 */
@Command(name = "report", mixinStandardHelpOptions = true,
		description = { "Print a report from the rollup tables.",
				"ltv: what contacts with each touchpoint (tag, event, campaign, landing page, ad campaign) are worth on "
						+ "average compared with contacts without it, and the difference.",
				"revenue: orders, gross, refunds, net, new and returning customers per local day, source and currency.",
				"cohorts: cumulative net value per contact by first-purchase month and months since.",
				"attribution: credited contacts, purchases and revenue per channel and campaign under each model "
						+ "(first_touch, last_touch, linear, position_based, time_decay; --model picks one), with ad "
						+ "spend, cost per acquisition and ROAS.",
				"sessions: sessions per landing page (by local start day), how many converted (a purchase within 24 h).",
				"paths: the first five pages and events of sessions, most common first, with their conversion.",
				"funnel: contacts reaching each step of the funnels declared with touchpoint.funnels.<name>.steps, in "
						+ "order and each within the funnel's window, with conversion and median time (--funnel NAME for one).",
				"conversion-paths: the channels (channel:campaign) of customers' sessions up to their first purchase, "
						+ "most common first, with customers and net revenue.",
				"pairs: what contacts with both of two touchpoints (among the most reached) are worth compared with the "
						+ "others, and the difference.",
				"--format html writes one self-contained page: for sessions, paths, funnel, conversion-paths and "
						+ "pairs, the report's lead sentence and table (a funnel with a bar per step); for the others, ltv, "
						+ "revenue, cohorts and attribution together, whichever is named: sentences, small-group flags and medians, a lift bar chart per currency, a daily "
						+ "net revenue chart on a time axis, the cohorts as a heat map, attribution with ROAS; with the "
						+ "tenant and as-of date." },
		footer = { "", "Examples:", "  ./touchpoint report ltv --tenant acme",
				"  ./touchpoint report revenue --tenant acme --from 2026-01-01 --to 2026-03-31 --format csv",
				"  ./touchpoint report paths --tenant acme --format json",
				"  ./touchpoint report funnel --tenant acme --funnel trial",
				"  ./touchpoint report conversion-paths --tenant acme --format csv",
				"  ./touchpoint report attribution --tenant acme --model linear",
				"  ./touchpoint report ltv --tenant acme --format html > acme.html" })
final class ReportCommand implements Callable<Integer> {

	@ParentCommand
	private TouchpointCli root;

	@Spec
	private CommandSpec spec;

	@Parameters(index = "0", paramLabel = "REPORT",
			description = "ltv, revenue, cohorts, attribution, sessions, paths, funnel, conversion-paths or pairs")
	private String report;

	@Option(names = "--tenant", required = true, description = "Tenant id")
	private String tenant;

	@Option(names = "--from", description = "First day (revenue, sessions) or cohort month (cohorts), yyyy-MM-dd")
	private LocalDate from;

	@Option(names = "--to", description = "Last day (revenue, sessions) or cohort month (cohorts), yyyy-MM-dd")
	private LocalDate to;

	@Option(names = "--format", defaultValue = "table",
			description = "${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE})")
	private ReportFormat format;

	@Option(names = "--top", defaultValue = "5", description = "Sentences for the top N touchpoints (default: ${DEFAULT-VALUE})")
	private int top;

	@Option(names = "--funnel", paramLabel = "NAME", description = "funnel: only this funnel (default: every funnel)")
	private @Nullable String funnel;

	// ---- attribution --model and pairs ----

	@Option(names = "--model", description = "Attribution model: first_touch, last_touch, linear, position_based or "
			+ "time_decay (default: every model)")
	private String model;

	// ---- end attribution --model and pairs ----

	@Override
	public Integer call() {
		if (!List.of("ltv", "revenue", "cohorts", "attribution", "sessions", "paths", "funnel", "conversion-paths", "pairs")
			.contains(report)) {
			throw new IllegalArgumentException("Unknown report '" + report + "': available: ltv, revenue, cohorts, "
					+ "attribution, sessions, paths, funnel, conversion-paths, pairs");
		}
		RollupReports.requireModel(model);
		try (Session session = root.session(true)) {
			session.bean(KnownTenants.class).require(tenant);
			if (report.equals("funnel") || report.equals("conversion-paths")) {
				spec.commandLine().getOut().print(journey(session));
				return TouchpointCli.OK;
			}
			int smallGroup = session.bean(RollupRunner.class).settings(tenant).smallGroup();
			if (format == ReportFormat.html && List.of("ltv", "revenue", "cohorts", "attribution").contains(report)) {
				spec.commandLine().getOut().print(html(session, smallGroup));
				return TouchpointCli.OK;
			}
			spec.commandLine().getOut().print(render(session, session.bean(LtvReport.class),
					session.bean(RollupReports.class), smallGroup));
			return TouchpointCli.OK;
		}
	}

	/** Every rollup of the tenant on one page, whichever report was named. */
	private String html(Session session, int smallGroup) {
		LtvReport ltv = session.bean(LtvReport.class);
		RollupReports reports = session.bean(RollupReports.class);
		return HtmlReport.render(new HtmlReport.Data(tenant, session.bean(ExecutionQueries.class).lastCompletedDate(tenant),
				ltv.computedAt(tenant), smallGroup, top, ltv.lines(tenant), reports.revenue(tenant, from, to),
				reports.cohorts(tenant, from, to), reports.attribution(tenant, model), ltv.campaignNames(tenant).byId()));
	}

	// ---- funnel and conversion paths ----

	/** The funnel or conversion-paths report in the format asked; html is a page of its own. */
	private String journey(Session session) {
		JourneyReports journeys = session.bean(JourneyReports.class);
		boolean funnels = report.equals("funnel");
		RollupReports.Table table = funnels ? journeys.funnel(tenant, funnel) : journeys.conversionPaths(tenant);
		if (format == ReportFormat.html) {
			LocalDate asOf = session.bean(ExecutionQueries.class).lastCompletedDate(tenant);
			if (!funnels) {
				return JourneyHtml.leadAndTable(tenant, asOf, table);
			}
			Map<String, List<JourneyReports.Step>> steps = new LinkedHashMap<>(journeys.funnelSteps(tenant));
			steps.keySet().removeIf(name -> funnel != null && !name.equals(funnel));
			return JourneyHtml.funnel(tenant, asOf, table, steps);
		}
		return formatted(table);
	}

	private String render(Session session, LtvReport ltv, RollupReports reports, int smallGroup) {
		if (report.equals("ltv")) {
			if (format == ReportFormat.table) {
				return ltv.render(tenant, top, smallGroup);
			}
			List<List<Object>> rows = new ArrayList<>();
			for (LtvReport.Line line : ltv.lines(tenant)) {
				List<Object> row = new ArrayList<>(List.of(line.kind(), line.touchpoint(), line.currency(), line.contactsWith(),
						line.avgWithMinor(), line.medianWithMinor(), line.contactsWithout(), line.avgWithoutMinor(),
						line.medianWithoutMinor(), line.liftMinor()));
				row.add(line.ciLowMinor());
				row.add(line.ciHighMinor());
				rows.add(row);
			}
			return TableFormat.render(format.name(), List.of("kind", "touchpoint", "currency", "contacts_with", "avg_net_with_minor",
					"median_net_with_minor", "contacts_without", "avg_net_without_minor", "median_net_without_minor",
					"lift_minor", "lift_ci_low_minor", "lift_ci_high_minor"), rows);
		}
		RollupReports.Table table = switch (report) {
			case "revenue" -> reports.revenue(tenant, from, to);
			case "cohorts" -> reports.cohorts(tenant, from, to);
			case "sessions" -> reports.sessions(tenant, from, to);
			case "paths" -> reports.paths(tenant);
			case "pairs" -> reports.pairs(tenant, smallGroup);
			default -> reports.attribution(tenant, model);
		};
		if (format == ReportFormat.html) { // sessions, paths and pairs: a page of their own
			return JourneyHtml.leadAndTable(tenant, session.bean(ExecutionQueries.class).lastCompletedDate(tenant), table);
		}
		return formatted(table);
	}

	/** A titled table with its lead sentence, or csv or json of its rows (money as minor units). */
	private String formatted(RollupReports.Table table) {
		if (format == ReportFormat.table) {
			String lead = table.lead().isEmpty() ? "" : table.lead() + "\n\n";
			return table.title() + "\n" + lead + (table.rows().isEmpty() ? "(no rows: run the nightly job for this tenant first)\n"
					: TableFormat.table(table.columns(), table.rows()));
		}
		return TableFormat.render(format.name(), machineColumns(table), machineRows(table));
	}

	/** csv and json carry money as minor units, in columns named {@code <column>_minor}. */
	private static List<String> machineColumns(RollupReports.Table table) {
		List<String> columns = new ArrayList<>();
		for (int i = 0; i < table.columns().size(); i++) {
			String name = table.columns().get(i).replace(" (reporting)", "_reporting").replace(' ', '_');
			int column = i;
			boolean money = table.rows().stream().anyMatch(row -> row.get(column) instanceof Money);
			columns.add(money ? name + "_minor" : name);
		}
		return columns;
	}

	private static List<List<Object>> machineRows(RollupReports.Table table) {
		List<List<Object>> rows = new ArrayList<>();
		for (List<Object> row : table.rows()) {
			List<Object> values = new ArrayList<>();
			for (Object cell : row) {
				values.add(cell instanceof Money money ? (Object) money.minor() : cell);
			}
			rows.add(values);
		}
		return rows;
	}
}
