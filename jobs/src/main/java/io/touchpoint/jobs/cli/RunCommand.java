package io.touchpoint.jobs.cli;

import java.time.LocalDate;
import java.util.concurrent.Callable;

import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import io.touchpoint.jobs.config.TouchpointProperties;
import io.touchpoint.jobs.executions.JobRuns;
import io.touchpoint.jobs.ingest.IngestParameters;
import io.touchpoint.jobs.ingest.NightlyJobConfiguration;
import io.touchpoint.jobs.schedule.DefaultInbox;

/** {@code touchpoint run nightly --tenant T --date D [--inbox URI]}, or a backfill {@code --from D --to D}. */
@Command(name = "run", mixinStandardHelpOptions = true,
		description = { "Run a job for one tenant and business date, to its end.",
				"A night that completed is refused; a night that failed is restarted from its failed step." },
		footer = { "", "Examples:", "  ./touchpoint run nightly --tenant acme --date 2026-11-19",
				"  ./touchpoint run nightly --tenant acme --date 2026-11-19 --inbox s3://exports/inbox/acme/2026-11-19",
				"  ./touchpoint run nightly --tenant acme --from 2026-01-01 --to 2026-03-31     # backfill the API sources",
				"", "The default inbox is touchpoint.ingest.inbox ({tenant} and {date} are replaced), else <home>/inbox/{tenant}/{date}.",
				"A backfill (--from/--to) fetches the tenant's API sources over those days, whatever their cursors say,",
				"and leaves the live cursors where they are; it reads no inbox (re-run a night's files with --date or import)." })
final class RunCommand implements Callable<Integer> {

	@ParentCommand
	private TouchpointCli root;

	@Spec
	private CommandSpec spec;

	@Parameters(index = "0", paramLabel = "JOB", description = "The job to run: nightly")
	private String job;

	@Option(names = "--tenant", required = true, description = "Tenant id")
	private String tenant;

	@Option(names = "--date", description = "Business date, YYYY-MM-DD")
	private LocalDate date;

	@Option(names = "--from", description = "Backfill: the first day, YYYY-MM-DD (with --to)")
	private LocalDate from;

	@Option(names = "--to", description = "Backfill: the last day, YYYY-MM-DD (with --from)")
	private LocalDate to;

	@Option(names = "--inbox", paramLabel = "URI", description = "Where the exports are: a folder or s3://bucket/prefix, laid out as {inbox}/{source}/...")
	private String inbox;

	@Override
	public Integer call() {
		if (!NightlyJobConfiguration.NIGHTLY.equals(job)) {
			throw new IllegalArgumentException("Unknown job '" + job + "': `run` knows nightly (use `import` for one-off files)");
		}
		boolean backfill = from != null || to != null;
		if (backfill && (from == null || to == null || date != null || inbox != null)) {
			throw new IllegalArgumentException("A backfill takes both --from and --to, and neither --date nor --inbox");
		}
		if (!backfill && date == null) {
			throw new IllegalArgumentException("Give the night to run with --date YYYY-MM-DD (or a backfill with --from and --to)");
		}
		if (backfill && from.isAfter(to)) {
			throw new IllegalArgumentException("--from " + from + " is after --to " + to);
		}
		try (Session session = root.session(true)) {
			var parameters = backfill ? IngestParameters.backfill(tenant, from, to)
					: IngestParameters.nightly(tenant, date, inbox != null ? inbox
							: DefaultInbox.of(session.bean(TouchpointProperties.class), tenant, date));
			JobExecution execution = session.bean(JobRuns.class).start(job, parameters);
			spec.commandLine().getOut().println(Printer.oneLine(execution));
			return execution.getStatus() == BatchStatus.COMPLETED ? TouchpointCli.OK : TouchpointCli.FAILED;
		}
	}
}
