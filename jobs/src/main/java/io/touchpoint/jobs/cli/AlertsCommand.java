package io.touchpoint.jobs.cli;

import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Callable;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

import io.touchpoint.jobs.alerts.StaleRuns;
import io.touchpoint.jobs.alerts.Webhooks;
import io.touchpoint.jobs.config.Durations;
import io.touchpoint.jobs.config.InvalidConfigurationException;
import io.touchpoint.jobs.report.TableFormat;

/** {@code touchpoint alerts check}: jobs that have not completed for touchpoint.alerts.stale-after. */
@Command(name = "alerts", mixinStandardHelpOptions = true, description = "Alerts to the configured webhooks.",
		subcommands = AlertsCommand.Check.class)
final class AlertsCommand {

	@ParentCommand
	TouchpointCli root;

	@Command(name = "check", mixinStandardHelpOptions = true,
			description = { "Lists each (job, tenant) whose last COMPLETED execution ended more than",
					"touchpoint.alerts.stale-after ago (or that never completed), for the jobs in",
					"touchpoint.alerts.stale-jobs (default nightly) and the active tenants (touchpoint.scheduler.tenants",
					"and tenants with API connections). With --notify, posts one alert per stale pair to",
					"touchpoint.alerts.webhooks. A scheduler node does this by itself once a day per pair.",
					"With no tenant to watch it refuses (exit 2) rather than report that nothing is stale." },
			footer = { "", "Examples:", "  ./touchpoint alerts check --touchpoint.alerts.stale-after=36h",
					"  ./touchpoint alerts check --json",
					"  # from cron, when no scheduler node runs:",
					"  0 9 * * * cd /opt/touchpoint && ./touchpoint alerts check --notify >/dev/null",
					"", "Exit codes: 0 nothing stale, 1 stale pairs found, 2 configuration error (no stale-after, or no tenant watched)." })
	static final class Check implements Callable<Integer> {

		@ParentCommand
		private AlertsCommand parent;

		@Spec
		private CommandSpec spec;

		@Option(names = "--json", description = "Print JSON")
		private boolean json;

		@Option(names = "--notify", description = "Post one alert per stale pair to the webhooks")
		private boolean notify;

		@Override
		public Integer call() {
			// what is watched comes from configuration alone: a check that cannot run starts no database
			try (Session session = parent.root.session(false)) {
				StaleRuns stale = session.bean(StaleRuns.class);
				if (!stale.enabled()) {
					throw new IllegalArgumentException(
							"touchpoint.alerts.stale-after is not set (e.g. --touchpoint.alerts.stale-after=36h)");
				}
				List<String> tenants = stale.watchedTenants();
				if (tenants.isEmpty()) {
					throw new InvalidConfigurationException("alerts check watches no tenant, so it cannot tell whether a run "
							+ "is stale: list the active tenants in touchpoint.scheduler.tenants (e.g. "
							+ "--touchpoint.scheduler.tenants=acme,globex); tenants with an API connection "
							+ "(touchpoint.connections.<tenant>.<source>.*) are watched too.");
				}
				session.requireSchema();
				List<StaleRuns.Stale> found = stale.check(LocalDateTime.now());
				List<List<Object>> rows = new ArrayList<>();
				for (StaleRuns.Stale s : found) {
					rows.add(Arrays.asList(s.job(), s.tenant(),
							s.lastCompleted() == null ? "never" : s.lastCompleted().withNano(0).toString().replace('T', ' ')));
				}
				var out = spec.commandLine().getOut();
				out.print(rows.isEmpty() && !json ? "Nothing stale: " + String.join(", ", stale.jobs()) + " completed within "
						+ Durations.text(stale.staleAfter()) + " for every watched tenant (" + String.join(", ", tenants) + ").\n"
						: TableFormat.render(json ? "json" : "table", List.of("job", "tenant", "last_completed"), rows));
				if (notify && !found.isEmpty()) {
					Webhooks webhooks = session.bean(Webhooks.class);
					if (!webhooks.configured()) {
						spec.commandLine().getErr().println("touchpoint: no touchpoint.alerts.webhooks configured; nothing posted");
					}
					found.forEach(s -> webhooks.post(s.message()));
				}
				return found.isEmpty() ? TouchpointCli.OK : TouchpointCli.FAILED;
			}
		}
	}
}
