package io.touchpoint.jobs.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import io.touchpoint.jobs.report.LtvReport;
import io.touchpoint.jobs.report.TableFormat;

/** {@code touchpoint report ltv --tenant T}: the touchpoint-value report. */
@Command(name = "report", mixinStandardHelpOptions = true,
		description = { "Print a report from the rollup tables.",
				"ltv: what contacts with each touchpoint (tag, event, campaign) are worth on average compared with "
						+ "contacts without it, and the difference." },
		footer = { "", "Examples:", "  ./touchpoint report ltv --tenant acme", "  ./touchpoint report ltv --tenant acme --format csv" })
final class ReportCommand implements Callable<Integer> {

	@ParentCommand
	private TouchpointCli root;

	@Spec
	private CommandSpec spec;

	@Parameters(index = "0", paramLabel = "REPORT", description = "ltv")
	private String report;

	@Option(names = "--tenant", required = true, description = "Tenant id")
	private String tenant;

	@Option(names = "--format", defaultValue = "table", description = "table, csv or json (default: ${DEFAULT-VALUE})")
	private String format;

	@Option(names = "--top", defaultValue = "5", description = "Sentences for the top N touchpoints (default: ${DEFAULT-VALUE})")
	private int top;

	@Override
	public Integer call() {
		if (!"ltv".equals(report)) {
			throw new IllegalArgumentException("Unknown report '" + report + "': available: ltv");
		}
		try (Session session = root.session(true)) {
			LtvReport ltv = session.bean(LtvReport.class);
			if (format.equals("table")) {
				spec.commandLine().getOut().print(ltv.render(tenant, top));
				return TouchpointCli.OK;
			}
			List<List<Object>> rows = new ArrayList<>();
			for (LtvReport.Line line : ltv.lines(tenant)) {
				rows.add(List.of(line.kind(), line.touchpoint(), line.currency(), line.contactsWith(), line.avgWithMinor(),
						line.contactsWithout(), line.avgWithoutMinor(), line.liftMinor()));
			}
			spec.commandLine().getOut().print(TableFormat.render(format, List.of("kind", "touchpoint", "currency",
					"contacts_with", "avg_net_with_minor", "contacts_without", "avg_net_without_minor", "lift_minor"), rows));
			return TouchpointCli.OK;
		}
	}
}
