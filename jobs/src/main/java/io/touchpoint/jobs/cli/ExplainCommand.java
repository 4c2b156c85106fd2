package io.touchpoint.jobs.cli;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

import io.touchpoint.jobs.executions.ExecutionQueries;
import io.touchpoint.jobs.executions.KnownTenants;
import io.touchpoint.jobs.report.Explanations;
import io.touchpoint.jobs.report.Money;
import io.touchpoint.jobs.report.RollupReports;
import io.touchpoint.jobs.report.TableFormat;
import io.touchpoint.jobs.rollup.RollupRunner;

/**
 * {@code touchpoint explain --tenant T --touchpoint KIND:NAME | --session ID}: the contacts behind a
 * {@code touchpoint_value} row, or the events of a session, read from the rollup tables as {@code report} reads
 * them ({@link Explanations}).
 */
@Command(name = "explain", mixinStandardHelpOptions = true,
		description = { "Show what is behind a number: the contacts of a touchpoint's value, or a session's events.",
				"--touchpoint KIND:NAME lists the contacts behind the touchpoint_value rows of that touchpoint (kinds: "
						+ "tag, campaign, event, landing_page, ad_campaign): with --group with (the default) those who have "
						+ "it, as the rows count it, with --group without the other counted contacts; each with its e-mail, "
						+ "when it got the touchpoint, its counted purchases and its net value per currency. The lead "
						+ "restates each currency's touchpoint_value row, then the group's size and mean net computed from "
						+ "the same contacts, so the two can be compared.",
				"--session ID lists the session's events in order (session_events), led by its sessions row." },
		footer = { "", "Examples:", "  ./touchpoint explain --tenant acme --touchpoint tag:webinar",
				"  ./touchpoint explain --tenant acme --touchpoint landing_page:/pricing --group without --limit 20",
				"  ./touchpoint explain --tenant acme --touchpoint \"event:Demo Requested\" --format csv > demo.csv",
				"  ./touchpoint explain --tenant acme --session 3f2a... --format json",
				"", "Exit codes: 0 printed, 1 failed, 2 usage error (an unknown tenant, touchpoint or session)." })
final class ExplainCommand implements Callable<Integer> {

	@ParentCommand
	private TouchpointCli root;

	@Spec
	private CommandSpec spec;

	@Option(names = "--tenant", required = true, description = "Tenant id")
	private String tenant;

	@Option(names = "--touchpoint", paramLabel = "KIND:NAME", description = "The touchpoint, e.g. tag:webinar")
	private @Nullable String touchpoint;

	@Option(names = "--session", paramLabel = "ID", description = "The session id (sessions.session_id)")
	private @Nullable String session;

	@Option(names = "--group", defaultValue = "with",
			description = "with or without: the contacts with the touchpoint or the others (default: ${DEFAULT-VALUE})")
	private String group;

	@Option(names = "--limit", defaultValue = "100", description = "At most this many contacts (default: ${DEFAULT-VALUE})")
	private int limit;

	@Option(names = "--format", defaultValue = "table",
			description = "${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE})")
	private OutputFormat format;

	@Override
	public Integer call() {
		if ((touchpoint == null) == (session == null)) {
			throw new IllegalArgumentException("explain takes one of --touchpoint KIND:NAME or --session ID");
		}
		if (!List.of("with", "without").contains(group)) {
			throw new IllegalArgumentException("--group must be with or without");
		}
		if (limit < 1) {
			throw new IllegalArgumentException("--limit must be 1 or more");
		}
		int colon = touchpoint == null ? -1 : touchpoint.indexOf(':');
		if (touchpoint != null && (colon < 1 || colon == touchpoint.length() - 1
				|| !Explanations.KINDS.contains(touchpoint.substring(0, colon)))) {
			throw new IllegalArgumentException("--touchpoint is KIND:NAME with KIND one of "
					+ String.join(", ", Explanations.KINDS) + ", e.g. tag:webinar (as in `report ltv`)");
		}
		try (Session opened = root.session(true)) {
			opened.bean(KnownTenants.class).require(tenant);
			Explanations explanations = opened.bean(Explanations.class);
			RollupReports.Table table;
			if (session != null) {
				table = explanations.session(tenant, session);
				if (table == null) {
					throw new IllegalArgumentException("Tenant " + tenant + " has no session " + session
							+ " (sessions.session_id; `report sessions` and `query` list them)");
				}
			}
			else {
				table = explanations.touchpoint(tenant, touchpoint.substring(0, colon), touchpoint.substring(colon + 1),
						group.equals("with"), limit, windowEnd(opened));
				if (table == null) {
					throw new IllegalArgumentException("Tenant " + tenant + " has no touchpoint_value row for " + touchpoint
							+ ": `report ltv --tenant " + tenant + "` lists its touchpoints");
				}
			}
			spec.commandLine().getOut().print(render(table));
			return TouchpointCli.OK;
		}
	}

	/** The window end of the tenant's last completed night, as its rollups counted contacts; none before one. */
	private Instant windowEnd(Session opened) {
		LocalDate date = opened.bean(ExecutionQueries.class).lastCompletedDate(tenant);
		return date == null ? RollupRunner.NO_WINDOW_END : opened.bean(RollupRunner.class).endOf(tenant, date);
	}

	private String render(RollupReports.Table table) {
		if (format == OutputFormat.table) {
			return table.title() + "\n" + table.lead() + "\n\n" + (table.rows().isEmpty() ? "(no contacts)\n"
					: TableFormat.table(table.columns(), table.rows()));
		}
		List<String> columns = new ArrayList<>();
		for (String column : table.columns()) {
			columns.add(column.startsWith("net ") ? "net_" + column.substring(4) + "_minor" : column);
		}
		List<List<Object>> rows = new ArrayList<>();
		for (List<Object> row : table.rows()) {
			rows.add(row.stream().map(cell -> cell instanceof Money money ? (Object) money.minor() : cell).toList());
		}
		return TableFormat.render(format.name(), columns, rows);
	}
}
