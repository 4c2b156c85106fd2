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

/** {@code touchpoint run nightly --tenant T --date D [--inbox URI]}. */
@Command(name = "run", mixinStandardHelpOptions = true,
		description = { "Run a job for one tenant and business date, to its end.",
				"A night that completed is refused; a night that failed is restarted from its failed step." },
		footer = { "", "Examples:", "  ./touchpoint run nightly --tenant acme --date 2026-11-19",
				"  ./touchpoint run nightly --tenant acme --date 2026-11-19 --inbox s3://exports/inbox/acme/2026-11-19",
				"", "The default inbox is touchpoint.ingest.inbox ({tenant} and {date} are replaced), else <home>/inbox/{tenant}/{date}." })
final class RunCommand implements Callable<Integer> {

	@ParentCommand
	private TouchpointCli root;

	@Spec
	private CommandSpec spec;

	@Parameters(index = "0", paramLabel = "JOB", description = "The job to run: nightly")
	private String job;

	@Option(names = "--tenant", required = true, description = "Tenant id")
	private String tenant;

	@Option(names = "--date", required = true, description = "Business date, YYYY-MM-DD")
	private LocalDate date;

	@Option(names = "--inbox", paramLabel = "URI", description = "Where the exports are: a folder or s3://bucket/prefix, laid out as {inbox}/{source}/...")
	private String inbox;

	@Override
	public Integer call() {
		if (!NightlyJobConfiguration.NIGHTLY.equals(job)) {
			throw new IllegalArgumentException("Unknown job '" + job + "': `run` knows nightly (use `import` for one-off files)");
		}
		try (Session session = root.session(true)) {
			String location = inbox != null ? inbox : defaultInbox(session.bean(TouchpointProperties.class));
			JobExecution execution = session.bean(JobRuns.class).start(job, IngestParameters.nightly(tenant, date, location));
			spec.commandLine().getOut().println(Printer.oneLine(execution));
			return execution.getStatus() == BatchStatus.COMPLETED ? TouchpointCli.OK : TouchpointCli.FAILED;
		}
	}

	private String defaultInbox(TouchpointProperties properties) {
		String template = properties.ingest().inbox();
		if (template == null || template.isBlank()) {
			return properties.home().resolve("inbox").resolve(tenant).resolve(date.toString()).toAbsolutePath().toString();
		}
		return template.replace("{tenant}", tenant).replace("{date}", date.toString());
	}
}
