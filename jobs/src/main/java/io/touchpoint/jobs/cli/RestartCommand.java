package io.touchpoint.jobs.cli;

import java.util.concurrent.Callable;

import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import io.touchpoint.jobs.executions.JobRuns;
import io.touchpoint.jobs.report.TableFormat;

/** {@code touchpoint restart ID}: resume a failed execution from its failed step. */
@Command(name = "restart", mixinStandardHelpOptions = true,
		description = { "Restart a failed or stopped execution from its failed step and chunk.",
				"Files already staged are not staged again and files already loaded are skipped, so nothing is lost or doubled.",
				"On the embedded default, an execution left 'STARTED' by a killed process is first marked failed." },
		footer = { "", "Example:", "  ./touchpoint executions --status FAILED", "  ./touchpoint restart 7 --dry-run", "  ./touchpoint restart 7",
				"", "Exit codes: 0 completed (or the dry run printed), 1 failed again, 2 refused (unknown, completed, abandoned,",
				"not the latest execution of its run, or another run of the job for the tenant is in progress)." })
final class RestartCommand implements Callable<Integer> {

	@ParentCommand
	private TouchpointCli root;

	@Spec
	private CommandSpec spec;

	@Parameters(index = "0", paramLabel = "ID", description = "Job execution id (see touchpoint executions)")
	private long id;

	@Option(names = "--dry-run", description = "Show what the restart would do to each step, and do nothing")
	private boolean dryRun;

	@Option(names = "--json", description = "With --dry-run: print JSON")
	private boolean json;

	@Override
	public Integer call() {
		try (Session session = root.session(true)) {
			if (dryRun) {
				var plan = session.bean(JobRuns.class).planRestart(id);
				java.util.List<java.util.List<Object>> rows = new java.util.ArrayList<>();
				plan.forEach(p -> rows.add(java.util.List.of(p.step(), p.action(), p.detail())));
				spec.commandLine().getOut().print((json ? "" : "Restart of execution " + id + " would:\n")
						+ TableFormat.render(json ? "json" : "table", java.util.List.of("step", "action", "detail"), rows));
				return TouchpointCli.OK;
			}
			JobExecution execution = session.bean(JobRuns.class).restart(id);
			spec.commandLine().getOut().println(Printer.oneLine(execution));
			return execution.getStatus() == BatchStatus.COMPLETED ? TouchpointCli.OK : TouchpointCli.FAILED;
		}
	}
}
