package io.touchpoint.jobs.cli;

import java.time.LocalDate;
import java.util.List;
import java.util.concurrent.Callable;

import org.jspecify.annotations.Nullable;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

import io.touchpoint.jobs.config.TouchpointProperties;
import io.touchpoint.jobs.executions.JobRuns;
import io.touchpoint.jobs.executions.Reruns;
import io.touchpoint.jobs.ingest.IngestParameters;
import io.touchpoint.jobs.model.Identifiers;
import io.touchpoint.jobs.nightly.NightlyJobConfiguration;
import io.touchpoint.jobs.nightly.RerunSteps;
import io.touchpoint.jobs.schedule.DefaultInbox;

/**
 * {@code touchpoint run nightly --tenant T --date D [--inbox URI]}, a backfill {@code --from D --to D}, or
 * some steps of a completed night again ({@code --only STEP}, {@code --from-step STEP}).
 */
@Command(name = "run", mixinStandardHelpOptions = true,
		description = { "Run a job for one tenant and business date, to its end.",
				"A night that completed is refused; a night that failed is restarted from its failed step.",
				"With --only or --from-step, steps of a night that completed run again (a 'rerun' job of their own)." },
		footer = { "", "Examples:", "  ./touchpoint run nightly --tenant acme --date 2026-11-19",
				"  ./touchpoint run nightly --tenant acme --date 2026-11-19 --inbox s3://exports/inbox/acme/2026-11-19",
				"  ./touchpoint run nightly --tenant acme --from 2026-01-01 --to 2026-03-31     # backfill the API sources",
				"  ./touchpoint run nightly --tenant acme --date 2026-11-19 --only rollup       # the night's rollups again",
				"  ./touchpoint run nightly --tenant acme --date 2026-11-19 --from-step load   # load, reconcile, rollup, report",
				"", "The default inbox is touchpoint.ingest.inbox ({tenant} and {date} are replaced), else <home>/inbox/{tenant}/{date}.",
				"A backfill (--from/--to) fetches the tenant's API sources over those days, whatever their cursors say,",
				"and leaves the live cursors where they are; it reads no inbox (re-run a night's files with --date or import).",
				"", "Steps of a completed night that can run again (--only, --from-step), and those that cannot:",
				"  " + RerunSteps.LOAD, "  " + RerunSteps.RECONCILE, "  " + RerunSteps.ROLLUP, "  " + RerunSteps.REPORT,
				"  " + RerunSteps.FETCH, "  " + RerunSteps.FETCH_API, "  " + RerunSteps.NORMALIZE, "  " + RerunSteps.STAGE,
				"A re-run waits for no one: it is refused while a nightly run of the tenant runs, and blocks one while it runs.",
				"It works on the night's batch and computes what the night computed: after re-running an older night's",
				"rollup, run the latest night's rollup again (or touchpoint rollup rebuild) to bring the tenant's tables to today.",
				"", "Exit codes: 0 completed, 1 failed (restart it: touchpoint restart ID), 2 usage error or refused launch",
				"(a step that cannot run again, a night not completed, a run of the tenant in progress)." })
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
	private @Nullable LocalDate date;

	@Option(names = "--from", description = "Backfill: the first day, YYYY-MM-DD (with --to)")
	private @Nullable LocalDate from;

	@Option(names = "--to", description = "Backfill: the last day, YYYY-MM-DD (with --from)")
	private @Nullable LocalDate to;

	@Option(names = "--inbox", paramLabel = "URI",
			description = "Where the exports are: a folder or s3://bucket/prefix, laid out as {inbox}/{source}/...")
	private @Nullable String inbox;

	@Option(names = "--only", paramLabel = "STEP",
			description = "Run only this step of the completed night again: load, reconcile, rollup or report")
	private @Nullable String only;

	@Option(names = "--from-step", paramLabel = "STEP",
			description = "Run this step of the completed night again, and the re-runnable steps after it")
	private @Nullable String fromStep;

	@Override
	public Integer call() {
		if (!NightlyJobConfiguration.NIGHTLY.equals(job)) {
			throw new IllegalArgumentException("Unknown job '" + job + "': `run` knows nightly (use `import` for one-off files)");
		}
		Identifiers.tenant(tenant);
		if (only != null || fromStep != null) {
			return rerun();
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

	/** --only / --from-step: the steps are checked before anything starts. */
	private int rerun() {
		if (only != null && fromStep != null) {
			throw new IllegalArgumentException("Give either --only or --from-step, not both");
		}
		if (date == null || from != null || to != null || inbox != null) {
			throw new IllegalArgumentException("--only and --from-step take the night's --date, and neither --from, --to nor "
					+ "--inbox: they work on the files the night already loaded");
		}
		List<String> steps = only != null ? RerunSteps.only(only) : RerunSteps.from(fromStep);
		try (Session session = root.session(true)) {
			JobExecution execution = session.bean(Reruns.class).rerun(tenant, date, steps);
			spec.commandLine().getOut().println(Printer.oneLine(execution) + "\n  re-ran " + String.join(", ", steps)
					+ " of the night of " + date);
			return execution.getStatus() == BatchStatus.COMPLETED ? TouchpointCli.OK : TouchpointCli.FAILED;
		}
	}
}
