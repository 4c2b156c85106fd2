package io.touchpoint.jobs.cli;

import java.util.concurrent.Callable;

import org.springframework.batch.core.job.JobExecution;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

import io.touchpoint.jobs.executions.JobRuns;

/** {@code touchpoint stop ID}: ask a running execution to stop at its next chunk boundary. */
@Command(name = "stop", mixinStandardHelpOptions = true,
		description = { "Ask a running execution to stop. It is marked STOPPING in the metadata database; the process",
				"running it (on any node) stops at the next chunk boundary and marks it STOPPED. Restart it later with",
				"touchpoint restart ID, or give it up with touchpoint abandon ID." },
		footer = { "", "Example:", "  ./touchpoint executions --status STARTED", "  ./touchpoint stop 42",
				"", "Exit codes: 0 stop requested, 1 failed, 2 no such execution or not running." })
final class StopCommand implements Callable<Integer> {

	@ParentCommand
	private TouchpointCli root;

	@Spec
	private CommandSpec spec;

	@Parameters(index = "0", paramLabel = "ID", description = "Job execution id")
	private long id;

	@Override
	public Integer call() {
		try (Session session = root.session(true)) {
			JobExecution execution = session.bean(JobRuns.class).stop(id);
			spec.commandLine().getOut().println("Execution " + id + " is " + execution.getStatus()
					+ "; it stops at its next chunk boundary (watch: touchpoint execution " + id + ").");
			return TouchpointCli.OK;
		}
	}
}
