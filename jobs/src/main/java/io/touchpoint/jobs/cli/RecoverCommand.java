package io.touchpoint.jobs.cli;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Callable;

import org.springframework.batch.core.job.JobExecution;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

import io.touchpoint.jobs.executions.JobRuns;
import io.touchpoint.jobs.report.TableFormat;

/** {@code touchpoint recover [ID...]}: mark executions left running by a dead process FAILED. */
@Command(name = "recover", mixinStandardHelpOptions = true,
		description = { "Mark executions that a killed process or a dead node left STARTED (or STOPPING) as FAILED,",
				"with Spring Batch's recovery, so that touchpoint restart ID continues them from their failed step.",
				"Without IDs it lists the executions marked running; with --all it recovers every one of them.",
				"Only recover runs whose process is really gone: a live run that is recovered would be run twice." },
		footer = { "", "Examples:", "  ./touchpoint recover                 # what is marked running",
				"  ./touchpoint recover 42 && ./touchpoint restart 42", "  ./touchpoint recover --all --json",
				"", "Exit codes: 0 done, 1 failed, 2 no such execution or not running." })
final class RecoverCommand implements Callable<Integer> {

	@ParentCommand
	private TouchpointCli root;

	@Spec
	private CommandSpec spec;

	@Parameters(arity = "0..*", paramLabel = "ID", description = "Job execution ids")
	private List<Long> ids = new ArrayList<>();

	@Option(names = "--all", description = "Recover every execution marked running")
	private boolean all;

	@Option(names = "--json", description = "Print JSON")
	private boolean json;

	@Override
	public Integer call() {
		try (Session session = root.session(true)) {
			JobRuns runs = session.bean(JobRuns.class);
			List<Long> targets = new ArrayList<>(ids);
			if (all) {
				runs.running().forEach(e -> targets.add(e.getId()));
			}
			List<List<Object>> rows = new ArrayList<>();
			if (targets.isEmpty()) {
				for (JobExecution e : runs.running()) {
					rows.add(row(e, "running (recover " + e.getId() + " if its process is gone)"));
				}
			}
			for (Long id : targets) {
				JobExecution recovered = runs.recover(id);
				rows.add(row(recovered, "recovered; restart with touchpoint restart " + id));
			}
			spec.commandLine().getOut().print(rows.isEmpty() && !json ? "No execution is marked running.\n"
					: TableFormat.render(json ? "json" : "table", List.of("id", "job", "tenant", "date", "status", "note"), rows));
			return TouchpointCli.OK;
		}
	}

	private static List<Object> row(JobExecution e, String note) {
		return Arrays.asList(e.getId(), e.getJobInstance().getJobName(), e.getJobParameters().getString("tenant"),
				String.valueOf(e.getJobParameters().getLocalDate("date")), e.getStatus().name(), note);
	}
}
