package io.touchpoint.jobs.cli;

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
import io.touchpoint.jobs.report.TableFormat;

/** {@code touchpoint executions}: the run history, newest first. */
@Command(name = "executions", mixinStandardHelpOptions = true, description = "List job executions, newest first.",
		footer = { "", "Examples:", "  ./touchpoint executions", "  ./touchpoint executions --tenant acme --status FAILED --json",
				"  ./touchpoint executions --since 36h --status FAILED", "  ./touchpoint executions --since 2026-11-01",
				"", "Exit codes: 0 listed, 2 usage error." })
final class ExecutionsCommand implements Callable<Integer> {

	@ParentCommand
	private TouchpointCli root;

	@Spec
	private CommandSpec spec;

	@Option(names = "--job", description = "Only this job (nightly, import)")
	private String job;

	@Option(names = "--tenant", description = "Only this tenant")
	private @Nullable String tenant;

	@Option(names = "--status", description = "Only this status (COMPLETED, FAILED, STARTED, ...)")
	private String status;

	@Option(names = "--since", paramLabel = "WHEN",
			description = "Only executions started since then: a duration back from now (90m, 36h, 7d) or a date YYYY-MM-DD")
	private @Nullable String since;

	@Option(names = "--limit", defaultValue = "50", description = "At most this many (default: ${DEFAULT-VALUE})")
	private int limit;

	@Option(names = "--json", description = "Print JSON")
	private boolean json;

	@Override
	public Integer call() {
		try (Session session = root.session(true)) {
			if (tenant != null) {
				session.bean(KnownTenants.class).require(tenant);
			}
			List<ExecutionQueries.Summary> list = session.bean(ExecutionQueries.class).list(job, tenant, status,
					since == null ? null : Since.parse(since, java.time.LocalDateTime.now()), limit);
			List<List<Object>> rows = new ArrayList<>();
			for (ExecutionQueries.Summary s : list) {
				rows.add(java.util.Arrays.asList(s.id(), s.job(), s.tenant(), s.date(), s.status(),
						s.start() == null ? null : s.start().withNano(0).toString().replace('T', ' '),
						Printer.seconds(s.start(), s.end()), s.error() == null ? "" : s.error()));
			}
			var columns = List.of("id", "job", "tenant", "date", "status", "started", "duration", "error");
			spec.commandLine().getOut().print(list.isEmpty() && !json ? "No executions yet.\n"
					: TableFormat.render(json ? "json" : "table", columns, rows));
			return TouchpointCli.OK;
		}
	}
}
