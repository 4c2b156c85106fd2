package io.touchpoint.jobs.cli;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

import org.springframework.batch.core.job.JobExecution;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;
import tools.jackson.databind.json.JsonMapper;

import io.touchpoint.jobs.executions.ExecutionQueries;
import io.touchpoint.jobs.executions.ExecutionQueries.StepLine;
import io.touchpoint.jobs.report.TableFormat;

/** {@code touchpoint execution ID}: one execution's steps, counts, durations and error. */
@Command(name = "execution", mixinStandardHelpOptions = true,
		description = "Show one execution: its steps with read/write/filter/skip counts, durations and the error.",
		footer = { "", "Example:", "  ./touchpoint execution 7" })
final class ExecutionCommand implements Callable<Integer> {

	@ParentCommand
	private TouchpointCli root;

	@Spec
	private CommandSpec spec;

	@Parameters(index = "0", paramLabel = "ID", description = "Job execution id")
	private long id;

	@Option(names = "--json", description = "Print JSON")
	private boolean json;

	@Override
	public Integer call() {
		try (Session session = root.session(true)) {
			ExecutionQueries queries = session.bean(ExecutionQueries.class);
			JobExecution execution = queries.execution(id);
			if (execution == null) {
				throw new IllegalArgumentException("No execution " + id + " (see touchpoint executions)");
			}
			List<StepLine> steps = queries.steps(execution);
			var parameters = execution.getJobParameters();
			String error = steps.stream().map(StepLine::error).filter(java.util.Objects::nonNull).findFirst().orElse(null);
			var out = spec.commandLine().getOut();
			List<io.touchpoint.jobs.checks.DataCheckStore.Stored> checks = session
				.bean(io.touchpoint.jobs.checks.DataCheckStore.class)
				.forExecution(execution.getId());
			if (json) {
				Map<String, Object> object = new LinkedHashMap<>();
				object.put("id", execution.getId());
				object.put("job", execution.getJobInstance().getJobName());
				object.put("tenant", parameters.getString("tenant"));
				object.put("date", String.valueOf(parameters.getLocalDate("date")));
				object.put("status", execution.getStatus().name());
				object.put("error", error);
				object.put("steps", steps);
				object.put("checks", checks.stream().map(c -> c.result()).toList());
				out.println(JsonMapper.builder().build().writerWithDefaultPrettyPrinter().writeValueAsString(object));
				return TouchpointCli.OK;
			}
			out.printf("Execution %d: %s for tenant %s on %s — %s (%s)%n", execution.getId(),
					execution.getJobInstance().getJobName(), parameters.getString("tenant"), parameters.getLocalDate("date"),
					execution.getStatus(), Printer.seconds(execution.getStartTime(), execution.getEndTime()));
			List<List<Object>> rows = new ArrayList<>();
			for (StepLine step : steps) {
				rows.add(java.util.Arrays.asList(step.name(), step.status(), step.read(), step.written(), step.filtered(),
						step.skipped(), String.format("%.1f s", step.duration().toMillis() / 1000.0),
						step.error() != null ? step.error() : step.summary()));
			}
			out.print(TableFormat.table(List.of("step", "status", "read", "written", "filtered", "quarantined", "duration",
					"notes"), rows));
			if (!checks.isEmpty()) {
				out.println();
				out.println("Data checks:");
				out.print(ChecksCommand.table(checks));
			}
			if (error != null) {
				out.println();
				out.println("Error: " + TouchpointCli.redact(error));
				out.println("Fix the cause, then: ./touchpoint restart " + execution.getId());
			}
			return TouchpointCli.OK;
		}
	}
}
