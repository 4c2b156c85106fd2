package io.touchpoint.jobs.cli;

import java.util.concurrent.Callable;

import org.springframework.batch.core.job.JobExecution;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

import io.touchpoint.jobs.executions.JobRuns;

/** {@code touchpoint abandon ID}: give up a stopped or failed execution for good. */
@Command(name = "abandon", mixinStandardHelpOptions = true,
		description = { "Mark a stopped or failed execution ABANDONED: it is never restarted. Rows it already loaded stay",
				"loaded. Spring Batch then refuses to restart its run (job, tenant, date); use this for a night you will",
				"never process, not to retry one (for that: touchpoint restart ID)." },
		footer = { "", "Example:", "  ./touchpoint abandon 42",
				"", "Exit codes: 0 abandoned, 1 failed, 2 no such execution, completed, or still running." })
final class AbandonCommand implements Callable<Integer> {

	@ParentCommand
	private TouchpointCli root;

	@Spec
	private CommandSpec spec;

	@Parameters(index = "0", paramLabel = "ID", description = "Job execution id")
	private long id;

	@Override
	public Integer call() {
		try (Session session = root.session(true)) {
			JobExecution execution = session.bean(JobRuns.class).abandon(id);
			spec.commandLine().getOut().println("Execution " + id + " is " + execution.getStatus() + ".");
			return TouchpointCli.OK;
		}
	}
}
