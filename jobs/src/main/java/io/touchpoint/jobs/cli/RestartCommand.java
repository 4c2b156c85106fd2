package io.touchpoint.jobs.cli;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;
import tools.jackson.databind.json.JsonMapper;

import io.touchpoint.jobs.executions.JobRuns;
import io.touchpoint.jobs.executions.RestartPreview;
import io.touchpoint.jobs.ingest.BatchFiles;
import io.touchpoint.jobs.report.TableFormat;

/** {@code touchpoint restart ID}: resume a failed execution from its failed step. */
@Command(name = "restart", mixinStandardHelpOptions = true,
		description = { "Restart a failed or stopped execution from its failed step and chunk.",
				"Files already staged are not staged again and files already loaded are skipped, so nothing is lost or doubled.",
				"On the embedded default, an execution left 'STARTED' by a killed process is first marked failed.",
				"--dry-run shows each step's plan (skip / resume with its committed chunks and saved reader position / run),",
				"the batch's staged files the restart skips (already in the load ledger) or loads, with their rows, when",
				"stage, load or reconcile will run, and normalize's input files with the line it resumes at." },
		footer = { "", "Example:", "  ./touchpoint executions --status FAILED", "  ./touchpoint restart 7 --dry-run",
				"  ./touchpoint restart 7 --dry-run --json", "  ./touchpoint restart 7",
				"", "Exit codes: 0 completed (or the dry run printed), 1 failed again, 2 refused (unknown, completed, abandoned,",
				"not the latest execution of its run, or another run of the job for the tenant is in progress)." })
final class RestartCommand implements Callable<Integer> {

	@ParentCommand
	private TouchpointCli root;

	@Spec
	private CommandSpec spec;

	@Parameters(index = "0", paramLabel = "ID", description = "Job execution id (see touchpoint executions)")
	private long id;

	@Option(names = "--dry-run", description = "Show what the restart would do to each step and file, and do nothing")
	private boolean dryRun;

	@Option(names = "--json", description = "With --dry-run: print JSON")
	private boolean json;

	@Override
	public Integer call() {
		try (Session session = root.session(true)) {
			if (dryRun) {
				RestartPreview.Preview preview = session.bean(RestartPreview.class).preview(id);
				spec.commandLine().getOut().print(json ? json(preview) : text(preview));
				return TouchpointCli.OK;
			}
			JobExecution execution = session.bean(JobRuns.class).restart(id);
			spec.commandLine().getOut().println(Printer.oneLine(execution));
			return execution.getStatus() == BatchStatus.COMPLETED ? TouchpointCli.OK : TouchpointCli.FAILED;
		}
	}

	/** The plan per step, then the staged files and normalize's input files when those steps will run. */
	static String text(RestartPreview.Preview preview) {
		StringBuilder out = new StringBuilder("Restart of execution " + preview.execution() + " would:\n");
		List<List<Object>> steps = new ArrayList<>();
		preview.steps().forEach(step -> steps.add(List.of(step.step(), step.action(), step.detail())));
		out.append(TableFormat.table(List.of("step", "action", "detail"), steps));
		if (!preview.stagedFiles().isEmpty()) {
			out.append('\n').append(stagedSummary(preview)).append(":\n");
			List<List<Object>> rows = new ArrayList<>();
			for (BatchFiles.StagedFile file : preview.stagedFiles()) {
				rows.add(List.of(file.table(), file.key().substring(file.key().lastIndexOf('/') + 1), file.rows(), file.action(),
						file.detail()));
			}
			out.append(TableFormat.table(List.of("table", "file", "rows", "action", "detail"), rows));
		}
		if (!preview.inputFiles().isEmpty()) {
			out.append("\nInput files of normalize:\n");
			List<List<Object>> rows = new ArrayList<>();
			for (BatchFiles.InputFile file : preview.inputFiles()) {
				rows.add(List.of(file.path(), file.bytes(), file.action(), file.detail()));
			}
			out.append(TableFormat.table(List.of("file", "bytes", "action", "detail"), rows));
		}
		return out.toString();
	}

	/** "Staged files of batch b7-1a2b3c (3 to skip, 17 to load: 24 rows), each under s3://.../batch=b7-1a2b3c/". */
	private static String stagedSummary(RestartPreview.Preview preview) {
		long skip = preview.stagedFiles().stream().filter(f -> f.action().equals("skip")).count();
		var toLoad = preview.stagedFiles().stream().filter(f -> !f.action().equals("skip")).toList();
		String key = preview.stagedFiles().get(0).key();
		String table = preview.stagedFiles().get(0).table();
		return "Staged files of batch " + preview.batch() + " (" + skip + " to skip, already loaded; " + toLoad.size()
				+ " to load: " + toLoad.stream().mapToLong(BatchFiles.StagedFile::rows).sum() + " rows), each under "
				+ key.substring(0, key.lastIndexOf('/') + 1).replace("/" + table + "/", "/<table>/");
	}

	static String json(RestartPreview.Preview preview) {
		Map<String, Object> object = new LinkedHashMap<>();
		object.put("execution", preview.execution());
		object.put("batch", preview.batch());
		object.put("steps", preview.steps());
		object.put("stagedFiles", preview.stagedFiles());
		object.put("inputFiles", preview.inputFiles());
		return JsonMapper.builder().build().writerWithDefaultPrettyPrinter().writeValueAsString(object) + "\n";
	}
}
