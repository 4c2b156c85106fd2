package io.touchpoint.jobs.cli;

import java.util.List;
import java.util.concurrent.Callable;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import io.touchpoint.jobs.schema.SchemaMigrator;

/** {@code touchpoint init}: applies the numbered DDL to the configured databases. */
@Command(name = "init", mixinStandardHelpOptions = true,
		description = { "Create or upgrade the schema: Spring Batch's tables and Touchpoint's bookkeeping in the metadata "
				+ "database, the canonical and rollup tables in the warehouse. Safe to run again.",
				"The embedded default does this by itself." },
		footer = { "", "Examples:", "  TOUCHPOINT_WAREHOUSE_URL=jdbc:mariadb://db:3306/touchpoint ./touchpoint init",
				"  ./touchpoint init --print" })
final class InitCommand implements Callable<Integer> {

	@ParentCommand
	private TouchpointCli root;

	@Spec
	private CommandSpec spec;

	@Option(names = "--print", description = "Print the DDL instead of running it")
	private boolean print;

	@Override
	public Integer call() {
		try (Session session = root.session(false)) {
			SchemaMigrator migrator = session.bean(SchemaMigrator.class);
			var out = spec.commandLine().getOut();
			if (print) {
				out.print(migrator.script());
				return TouchpointCli.OK;
			}
			List<String> applied = migrator.migrate();
			out.println(applied.isEmpty() ? "Schema is up to date." : "Applied: " + String.join(", ", applied));
			return TouchpointCli.OK;
		}
	}
}
