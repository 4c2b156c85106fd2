package io.touchpoint.jobs.cli;

import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

import io.touchpoint.jobs.config.InvalidConfigurationException;
import io.touchpoint.jobs.config.WarehouseDialect;
import io.touchpoint.jobs.model.CanonicalTables;
import io.touchpoint.writers.load.singlestore.PipelineError;
import io.touchpoint.writers.load.singlestore.SingleStorePipelines;

/**
 * {@code touchpoint pipelines status|errors|reload-file}: watch and repair the SingleStore pipelines
 * that load staged files. Only for a SingleStore warehouse.
 */
@Command(name = "pipelines", mixinStandardHelpOptions = true,
		description = { "Watch and repair the SingleStore pipelines that load the staged files (one per table, named "
				+ "tp_<table>). Only for a SingleStore warehouse (touchpoint.warehouse.url=jdbc:singlestore:...)." },
		subcommands = { PipelinesCommand.Status.class, PipelinesCommand.Errors.class, PipelinesCommand.ReloadFile.class },
		footer = { "", "Examples:", "  ./touchpoint pipelines status", "  ./touchpoint pipelines errors --limit 50",
				"  ./touchpoint pipelines reload-file staging/purchases/tenant=acme/date=2024-03-05/batch=b7/part-00001.csv.gz" })
final class PipelinesCommand {

	@ParentCommand
	TouchpointCli root;

	@Command(name = "status", mixinStandardHelpOptions = true,
			description = "Each pipeline's state (Running, Stopped, Error) and how many files it has Loaded, Unloaded or Skipped.",
			footer = { "", "Example:", "  ./touchpoint pipelines status" })
	static final class Status implements Callable<Integer> {

		@ParentCommand
		private PipelinesCommand parent;

		@Spec
		private CommandSpec spec;

		@Override
		public Integer call() {
			try (Session session = parent.root.session(true)) {
				List<SingleStorePipelines.PipelineStatus> pipelines = pipelines(session).status();
				var out = spec.commandLine().getOut();
				if (pipelines.isEmpty()) {
					out.println("No pipelines in this database: run `touchpoint init` to create them.");
				}
				out.printf("%-28s %-9s %s%n", "pipeline", "state", "files");
				for (SingleStorePipelines.PipelineStatus status : pipelines) {
					out.printf("%-28s %-9s %s%n", status.pipeline(), status.state(), files(status.files()));
				}
				return TouchpointCli.OK;
			}
		}

		private static String files(Map<String, Long> files) {
			if (files.isEmpty()) {
				return "none";
			}
			StringBuilder text = new StringBuilder();
			files.forEach((state, count) -> text.append(text.length() == 0 ? "" : ", ").append(count).append(' ').append(state));
			return text.toString();
		}
	}

	@Command(name = "errors", mixinStandardHelpOptions = true,
			description = { "The latest pipeline errors SingleStore still holds (information_schema.PIPELINES_ERRORS), then "
					+ "the errors the load step copied into pipeline_errors before they expire." },
			footer = { "", "Examples:", "  ./touchpoint pipelines errors", "  ./touchpoint pipelines errors --limit 100" })
	static final class Errors implements Callable<Integer> {

		@ParentCommand
		private PipelinesCommand parent;

		@Spec
		private CommandSpec spec;

		@Option(names = "--limit", defaultValue = "20", paramLabel = "N",
				description = "Most errors of each kind (default ${DEFAULT-VALUE})")
		private int limit;

		@Override
		public Integer call() {
			try (Session session = parent.root.session(true)) {
				SingleStorePipelines pipelines = pipelines(session);
				var out = spec.commandLine().getOut();
				print(out, "In information_schema.PIPELINES_ERRORS (newest first):", pipelines.recentErrors(limit));
				print(out, "Copied into pipeline_errors by failed loads (newest first):", pipelines.copiedErrors(limit));
				return TouchpointCli.OK;
			}
		}

		private static void print(java.io.PrintWriter out, String title, List<PipelineError> errors) {
			out.println(title);
			if (errors.isEmpty()) {
				out.println("  none");
			}
			for (PipelineError error : errors) {
				out.println("  " + error.pipeline() + " " + (error.file() == null || error.file().isBlank() ? "(no file)"
						: error.file()) + ": " + error.describe());
			}
		}
	}

	@Command(name = "reload-file", mixinStandardHelpOptions = true,
			description = { "Load one staged file again: delete its rows (tables that are not upserted) and its "
					+ "load_ledger row, then ALTER PIPELINE ... DROP FILE so its pipeline loads it on the next batch. "
					+ "Use it after fixing a Skipped file or a table. Safe to run again.",
					"Then restart the execution that loads the file; its reconcile step checks the result." },
			footer = { "", "Example:",
					"  ./touchpoint pipelines reload-file staging/purchases/tenant=acme/date=2024-03-05/batch=b7/part-00001.csv.gz" })
	static final class ReloadFile implements Callable<Integer> {

		@ParentCommand
		private PipelinesCommand parent;

		@Spec
		private CommandSpec spec;

		@Parameters(index = "0", paramLabel = "KEY", description = "The staged part's key, as in its manifest")
		private String key;

		@Override
		public Integer call() {
			try (Session session = parent.root.session(true)) {
				String done = pipelines(session).reloadFile(session.endpoints().bucket(), key, CanonicalTables.all());
				spec.commandLine().getOut().println(done.substring(0, 1).toUpperCase(java.util.Locale.ROOT) + done.substring(1));
				return TouchpointCli.OK;
			}
		}
	}

	static SingleStorePipelines pipelines(Session session) {
		if (WarehouseDialect.of(session.endpoints()) != WarehouseDialect.SINGLESTORE) {
			throw new InvalidConfigurationException("touchpoint pipelines needs a SingleStore warehouse "
					+ "(touchpoint.warehouse.url=jdbc:singlestore:...). This warehouse is MariaDB/MySQL: it loads staged files "
					+ "with LOAD DATA and has no pipelines; see `touchpoint execution ID` for load failures.");
		}
		return session.bean(SingleStorePipelines.class);
	}
}
