package io.touchpoint.jobs.cli;

import java.util.concurrent.Callable;

import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;

import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import io.touchpoint.jobs.executions.JobRuns;

/** {@code touchpoint restart ID}: resume a failed execution from its failed step. */
@Command(name = "restart", mixinStandardHelpOptions = true,
		description = { "Restart a failed or stopped execution from its failed step and chunk.",
				"Files already staged are not staged again and files already loaded are skipped, so nothing is lost or doubled.",
				"On the embedded default, an execution left 'STARTED' by a killed process is first marked failed." },
		footer = { "", "Example:", "  ./touchpoint executions --status FAILED", "  ./touchpoint restart 7" })
final class RestartCommand implements Callable<Integer> {

	@ParentCommand
	private TouchpointCli root;

	@Spec
	private CommandSpec spec;

	@Parameters(index = "0", paramLabel = "ID", description = "Job execution id (see touchpoint executions)")
	private long id;

	@Override
	public Integer call() {
		try (Session session = root.session(true)) {
			JobExecution execution = session.bean(JobRuns.class).restart(id);
			spec.commandLine().getOut().println(Printer.oneLine(execution));
			return execution.getStatus() == BatchStatus.COMPLETED ? TouchpointCli.OK : TouchpointCli.FAILED;
		}
	}
}
