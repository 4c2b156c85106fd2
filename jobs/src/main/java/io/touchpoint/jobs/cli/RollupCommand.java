package io.touchpoint.jobs.cli;

import java.time.LocalDate;
import java.util.concurrent.Callable;

import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

import io.touchpoint.jobs.executions.KnownTenants;
import io.touchpoint.jobs.rollup.RollupRunner;

/** {@code touchpoint rollup rebuild --tenant T}: recomputes every rollup of a tenant from all its facts. */
@Command(name = "rollup", mixinStandardHelpOptions = true,
		description = { "Recompute rollup tables.",
				"rebuild: every rollup of the tenant from all its loaded facts, in one transaction (the nightly job "
						+ "recomputes only what its batch touched; a rebuild gives the same tables)." },
		footer = { "", "Examples:", "  ./touchpoint rollup rebuild --tenant acme",
				"  ./touchpoint rollup rebuild --tenant acme --as-of 2026-03-31" })
final class RollupCommand implements Callable<Integer> {

	@ParentCommand
	private TouchpointCli root;

	@Spec
	private CommandSpec spec;

	@Parameters(index = "0", paramLabel = "ACTION", description = "rebuild")
	private String action;

	@Option(names = "--tenant", required = true, description = "Tenant id")
	private String tenant;

	@Option(names = "--as-of", description = "Count only contacts created by the end of this day (tenant time zone); "
			+ "default: every contact")
	private @Nullable LocalDate asOf;

	@Override
	public Integer call() {
		if (!"rebuild".equals(action)) {
			throw new IllegalArgumentException("Unknown action '" + action + "': available: rebuild");
		}
		try (Session session = root.session(true)) {
			session.bean(KnownTenants.class).require(tenant);
			RollupRunner runner = session.bean(RollupRunner.class);
			var windowEnd = asOf == null ? RollupRunner.NO_WINDOW_END
					: asOf.plusDays(1).atStartOfDay(runner.settings(tenant).timeZone()).toInstant();
			RollupRunner.Result result = runner.rebuild(tenant, windowEnd);
			spec.commandLine().getOut().println("Rebuilt the rollups of tenant " + tenant + " (" + result.contacts()
					+ " contacts): " + result.written());
			return TouchpointCli.OK;
		}
	}
}
