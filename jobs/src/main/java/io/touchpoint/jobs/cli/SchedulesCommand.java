package io.touchpoint.jobs.cli;

import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.concurrent.Callable;

import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

import io.touchpoint.jobs.report.TableFormat;
import io.touchpoint.jobs.schedule.SchedulerNodes;
import io.touchpoint.scheduler.MisfirePolicy;
import io.touchpoint.scheduler.Schedule;
import io.touchpoint.scheduler.SchedulerNode;
import io.touchpoint.scheduler.Schedules;

/** {@code touchpoint schedules list|add|pause|resume|remove|next}: the schedules every scheduler node shares. */
@Command(name = "schedules", mixinStandardHelpOptions = true,
		description = { "List and change the schedules. They live in the metadata database (Quartz's job store), so every",
				"scheduler node and every CLI sees the same ones; a change takes effect on the running nodes at once." },
		subcommands = { SchedulesCommand.List.class, SchedulesCommand.Add.class, SchedulesCommand.Pause.class,
				SchedulesCommand.Resume.class, SchedulesCommand.Remove.class, SchedulesCommand.Next.class },
		footer = { "", "Examples:", "  ./touchpoint schedules list",
				"  ./touchpoint schedules add nightly-eu --cron '0 30 2 * * ?' --zone Europe/Paris --tenants acme,globex",
				"  ./touchpoint schedules next nightly-eu --count 3", "  ./touchpoint schedules pause nightly-eu",
				"", "Exit codes: 0 done, 1 failed, 2 usage error (unknown schedule, bad cron or zone)." })
final class SchedulesCommand {

	@ParentCommand
	private TouchpointCli root;

	interface Action {
		int run(Schedules schedules, java.io.PrintWriter out);
	}

	private int withSchedules(Action action, CommandSpec spec) {
		try (Session session = root.session(true); SchedulerNode node = session.bean(SchedulerNodes.class).standby()) {
			return action.run(node.schedules(), spec.commandLine().getOut());
		}
	}

	static String when(@Nullable Instant instant, ZoneId zone) {
		return instant == null ? "-" : instant.atZone(zone).withNano(0).toOffsetDateTime().toString().replace('T', ' ');
	}

	@Command(name = "list", mixinStandardHelpOptions = true, description = "The schedules, with their next fire time.",
			footer = { "", "Example:", "  ./touchpoint schedules list --json" })
	static final class List implements Callable<Integer> {

		@ParentCommand
		private SchedulesCommand parent;

		@Spec
		private CommandSpec spec;

		@Option(names = "--json", description = "Print JSON")
		private boolean json;

		@Override
		public Integer call() {
			return parent.withSchedules((schedules, out) -> {
				var entries = schedules.list();
				java.util.List<java.util.List<Object>> rows = new ArrayList<>();
				for (Schedules.Entry e : entries) {
					Schedule s = e.schedule();
					rows.add(Arrays.asList(s.name(), s.job(), s.cron(), s.zone().getId(),
							s.allTenants() ? "*" : String.join(",", s.tenants()), s.daysBack(), s.misfire().label(),
							e.paused() ? "paused" : "active", when(e.nextFire(), s.zone()), e.origin()));
				}
				out.print(entries.isEmpty() && !json ? "No schedules (add one with touchpoint schedules add).\n"
						: TableFormat.render(json ? "json" : "table", java.util.List.of("name", "job", "cron", "zone", "tenants",
								"days_back", "misfire", "state", "next_fire", "origin"), rows));
				return TouchpointCli.OK;
			}, spec);
		}
	}

	@Command(name = "add", mixinStandardHelpOptions = true,
			description = { "Add a schedule. Each firing runs the job for each tenant, for the business date days-back days",
					"before the fire time's date in the zone (a run that fires late still processes the night it was meant for)." },
			footer = { "", "Examples:",
					"  ./touchpoint schedules add nightly-eu --cron '0 30 2 * * ?' --zone Europe/Paris --tenants acme,globex",
					"  ./touchpoint schedules add nightly-all --cron '0 0 3 * * ?' --zone America/New_York --all-tenants --misfire skip",
					"", "Cron fields (Quartz): seconds minutes hours day-of-month month day-of-week [year]; one of the two day",
					"fields must be '?'. All active tenants: touchpoint.scheduler.tenants plus the tenants with API connections." })
	static final class Add implements Callable<Integer> {

		@ParentCommand
		private SchedulesCommand parent;

		@Spec
		private CommandSpec spec;

		@Parameters(index = "0", paramLabel = "NAME", description = "Schedule name (a-z, 0-9, - and _)")
		private @Nullable String name;

		@Option(names = "--job", defaultValue = "nightly", description = "The job (default: ${DEFAULT-VALUE})")
		private String job;

		@Option(names = "--cron", required = true, description = "Quartz cron expression, e.g. '0 30 2 * * ?' (02:30 daily)")
		private String cron;

		@Option(names = "--zone", defaultValue = "UTC",
				description = "Time zone of the cron and the business date (default: ${DEFAULT-VALUE})")
		private ZoneId zone;

		@Option(names = "--tenants", split = ",", description = "The tenants, comma-separated")
		private java.util.@Nullable List<String> tenants;

		@Option(names = "--all-tenants", description = "Every active tenant at each fire time")
		private boolean allTenants;

		@Option(names = "--days-back", defaultValue = "1",
				description = "Business date = fire date minus this many days (default: ${DEFAULT-VALUE})")
		private int daysBack;

		@Option(names = "--misfire", defaultValue = "fire-once",
				description = "Missed fire times: fire-once (the latest, once), fire-all, skip (default: ${DEFAULT-VALUE})")
		private String misfire;

		@Option(names = "--replace", description = "Replace a schedule of the same name (a paused one stays paused)")
		private boolean replace;

		@Override
		public Integer call() {
			if (allTenants == (tenants != null && !tenants.isEmpty())) {
				throw new IllegalArgumentException("Give either --tenants a,b or --all-tenants");
			}
			Schedule schedule = new Schedule(name, job, cron, zone, allTenants ? java.util.List.of() : tenants, daysBack,
					MisfirePolicy.parse(misfire));
			return parent.withSchedules((schedules, out) -> {
				schedules.add(schedule, "cli", replace);
				out.println("Schedule " + name + " added: " + job + " at '" + cron + "' (" + zone + "), next fire "
						+ when(schedules.get(name).nextFire(), zone));
				return TouchpointCli.OK;
			}, spec);
		}
	}

	abstract static class Named implements Callable<Integer> {

		@ParentCommand
		SchedulesCommand parent;

		@Spec
		CommandSpec spec;

		@Parameters(index = "0", paramLabel = "NAME", description = "Schedule name (see touchpoint schedules list)")
		String name;
	}

	@Command(name = "pause", mixinStandardHelpOptions = true, description = "Pause a schedule on every node; runs in progress go on.",
			footer = { "", "Example:", "  ./touchpoint schedules pause nightly-eu" })
	static final class Pause extends Named {

		@Override
		public Integer call() {
			return parent.withSchedules((schedules, out) -> {
				schedules.pause(name);
				out.println("Schedule " + name + " paused.");
				return TouchpointCli.OK;
			}, spec);
		}
	}

	@Command(name = "resume", mixinStandardHelpOptions = true,
			description = "Resume a paused schedule; fire times missed while paused follow its misfire policy.",
			footer = { "", "Example:", "  ./touchpoint schedules resume nightly-eu" })
	static final class Resume extends Named {

		@Override
		public Integer call() {
			return parent.withSchedules((schedules, out) -> {
				schedules.resume(name);
				out.println("Schedule " + name + " resumed, next fire " + when(schedules.get(name).nextFire(),
						schedules.get(name).schedule().zone()));
				return TouchpointCli.OK;
			}, spec);
		}
	}

	@Command(name = "remove", mixinStandardHelpOptions = true,
			description = { "Remove a schedule. A schedule from configuration comes back when a node starts: remove it",
					"from the configuration instead." },
			footer = { "", "Example:", "  ./touchpoint schedules remove nightly-eu" })
	static final class Remove extends Named {

		@Override
		public Integer call() {
			return parent.withSchedules((schedules, out) -> {
				schedules.remove(name);
				out.println("Schedule " + name + " removed.");
				return TouchpointCli.OK;
			}, spec);
		}
	}

	@Command(name = "next", mixinStandardHelpOptions = true,
			description = "The next fire times of a schedule (or of every schedule) and the business date each will process.",
			footer = { "", "Examples:", "  ./touchpoint schedules next nightly-eu --count 3", "  ./touchpoint schedules next --json" })
	static final class Next implements Callable<Integer> {

		@ParentCommand
		private SchedulesCommand parent;

		@Spec
		private CommandSpec spec;

		@Parameters(index = "0", arity = "0..1", paramLabel = "NAME", description = "Schedule name (default: all)")
		private @Nullable String name;

		@Option(names = "--count", defaultValue = "5", description = "How many fire times (default: ${DEFAULT-VALUE})")
		private int count;

		@Option(names = "--after", description = "From this instant (ISO-8601, default: now)")
		private @Nullable Instant after;

		@Option(names = "--json", description = "Print JSON")
		private boolean json;

		@Override
		public Integer call() {
			return parent.withSchedules((schedules, out) -> {
				java.util.List<String> names = name != null ? java.util.List.of(name)
						: schedules.list().stream().map(e -> e.schedule().name()).toList();
				java.util.List<java.util.List<Object>> rows = new ArrayList<>();
				for (String n : names) {
					Schedules.Entry entry = schedules.get(n);
					for (Schedules.Fire fire : schedules.next(n, count, after == null ? Instant.now() : after)) {
						rows.add(Arrays.asList(n, fire.at().toOffsetDateTime().toString().replace('T', ' '),
								fire.at().getZone().getId(), fire.businessDate().toString(), entry.paused() ? "paused" : "active"));
					}
				}
				out.print(TableFormat.render(json ? "json" : "table",
						java.util.List.of("schedule", "fire_time", "zone", "business_date", "state"), rows));
				return TouchpointCli.OK;
			}, spec);
		}
	}
}
