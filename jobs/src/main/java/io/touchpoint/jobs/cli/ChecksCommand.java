package io.touchpoint.jobs.cli;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Callable;

import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

import io.touchpoint.jobs.checks.CheckResult;
import io.touchpoint.jobs.checks.DataCheckStore;
import io.touchpoint.jobs.report.TableFormat;

/** {@code touchpoint checks show|accept}: the nightly data checks of a tenant, and accepting a failed one. */
@Command(name = "checks", mixinStandardHelpOptions = true,
		description = { "The data checks each night runs per source after reconcile and before rollup: row count against "
				+ "the trailing nights, share quarantined, money sum per currency, freshness of the newest event.",
				"A failed check fails the night before any rollup reads it; accept it if the data is right, then restart." },
		subcommands = { ChecksCommand.Show.class, ChecksCommand.Accept.class },
		footer = { "", "Examples:", "  ./touchpoint checks show --tenant acme",
				"  ./touchpoint checks show --tenant acme --source stripe --limit 40",
				"  ./touchpoint checks accept 42 --source stripe --check row-count && ./touchpoint restart 42" })
final class ChecksCommand {

	@ParentCommand
	private TouchpointCli root;

	/** The results as a table: night, execution, source, check, outcome, measured, band, note. */
	static String table(List<DataCheckStore.Stored> checks) {
		List<List<Object>> rows = new ArrayList<>();
		for (DataCheckStore.Stored stored : checks) {
			CheckResult r = stored.result();
			rows.add(Arrays.asList(stored.date().toString(), stored.executionId(), r.source(), r.label(),
					r.outcome().name() + (stored.acceptedAt() == null ? "" : " (accepted)"),
					r.measured() == null ? "-" : CheckResult.number(r.measured()), r.band(), r.message()));
		}
		return TableFormat.table(List.of("night", "execution", "source", "check", "outcome", "measured", "band", "note"),
				rows);
	}

	@Command(name = "show", mixinStandardHelpOptions = true, description = "Show a tenant's newest check results, newest night first.")
	static final class Show implements Callable<Integer> {

		@ParentCommand
		private ChecksCommand parent;

		@Spec
		private CommandSpec spec;

		@Mixin
		private TenantScope scope;

		@Option(names = "--limit", defaultValue = "20", description = "At most this many results (default ${DEFAULT-VALUE})")
		private int limit;

		@Override
		public Integer call() {
			try (Session session = parent.root.session(true)) {
				scope.requireKnownTenant(session);
				List<DataCheckStore.Stored> checks = session.bean(DataCheckStore.class)
					.forTenant(scope.tenant(), scope.source(), limit);
				var out = spec.commandLine().getOut();
				if (checks.isEmpty()) {
					out.println("No data checks for " + scope.describe() + " yet: they run in each nightly run, after reconcile.");
				}
				else {
					out.print(table(checks));
				}
				return TouchpointCli.OK;
			}
		}
	}

	@Command(name = "accept", mixinStandardHelpOptions = true,
			description = { "Accept the failed checks of an execution (the data is right, e.g. a real drop in orders): "
					+ "restarting it then passes them and goes on to rollup. Only the source's or the check's, when named." })
	static final class Accept implements Callable<Integer> {

		@ParentCommand
		private ChecksCommand parent;

		@Spec
		private CommandSpec spec;

		@Parameters(index = "0", paramLabel = "EXECUTION", description = "The execution whose checks failed")
		private long execution;

		@Option(names = "--source", description = "Only this source's checks")
		private @Nullable String source;

		@Option(names = "--check", description = "Only this check: row-count, quarantine, money or freshness")
		private @Nullable String check;

		@Override
		public Integer call() {
			try (Session session = parent.root.session(true)) {
				int accepted = session.bean(DataCheckStore.class).accept(execution, source, check);
				var out = spec.commandLine().getOut();
				if (accepted == 0) {
					throw new IllegalArgumentException("Execution " + execution + " has no failed data check to accept"
							+ (source == null ? "" : " for source " + source) + (check == null ? "" : " and check " + check)
							+ " (see touchpoint execution " + execution + ")");
				}
				out.println("Accepted " + accepted + " failed check(s) of execution " + execution
						+ ". Now restart it: ./touchpoint restart " + execution);
				return TouchpointCli.OK;
			}
		}
	}
}
