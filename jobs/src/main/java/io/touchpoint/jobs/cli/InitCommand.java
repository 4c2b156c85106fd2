package io.touchpoint.jobs.cli;

import java.util.List;
import java.util.concurrent.Callable;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import io.touchpoint.jobs.config.WarehouseDialect;
import io.touchpoint.jobs.model.CanonicalTables;
import io.touchpoint.jobs.schema.SchemaMigrator;
import io.touchpoint.writers.load.singlestore.SingleStorePipelines;

/** {@code touchpoint init}: applies the numbered DDL to the configured databases. */
@Command(name = "init", mixinStandardHelpOptions = true,
		description = { "Create or upgrade the schema: Spring Batch's tables and Touchpoint's bookkeeping in the metadata "
				+ "database, the canonical and rollup tables in the warehouse. Safe to run again.",
				"With a SingleStore warehouse (jdbc:singlestore:) it also creates one pipeline per loaded table, or "
						+ "brings an existing one to the current S3 CONFIG and CREDENTIALS with ALTER PIPELINE (never "
						+ "dropped and recreated: that would load every file again).",
				"The embedded default does this by itself." },
		footer = { "", "Examples:", "  TOUCHPOINT_WAREHOUSE_URL=jdbc:mariadb://db:3306/touchpoint ./touchpoint init",
				"  ./touchpoint init --print",
				"  ./touchpoint init --print --touchpoint.warehouse.url=jdbc:singlestore://s2:3306/touchpoint \\",
				"      --touchpoint.metadata.url=jdbc:mariadb://db:3306/touchpoint_meta --touchpoint.s3.bucket=acme-staging",
				"    (prints the SingleStore DDL and pipeline statements, credentials masked, without connecting to SingleStore)" })
final class InitCommand implements Callable<Integer> {

	@ParentCommand
	private TouchpointCli root;

	@Spec
	private CommandSpec spec;

	@Option(names = "--print", description = "Print the DDL (and for SingleStore the pipeline statements, credentials "
			+ "masked) instead of running it")
	private boolean print;

	@Override
	public Integer call() {
		try (Session session = root.session(false)) {
			SchemaMigrator migrator = session.bean(SchemaMigrator.class);
			var out = spec.commandLine().getOut();
			boolean singlestore = WarehouseDialect.of(session.endpoints()) == WarehouseDialect.SINGLESTORE;
			if (print) {
				out.print(migrator.script());
				if (singlestore) {
					out.println("-- pipelines (CREATE PIPELINE IF NOT EXISTS; credentials masked)");
					for (String statement : pipelines(session).script(session.endpoints().bucket(), CanonicalTables.all().values())) {
						out.println(statement.startsWith("--") ? statement : statement + ";");
					}
				}
				return TouchpointCli.OK;
			}
			List<String> applied = migrator.migrate();
			out.println(applied.isEmpty() ? "Schema is up to date." : "Applied: " + String.join(", ", applied));
			if (singlestore) {
				for (String done : pipelines(session).createOrAlter(session.endpoints().bucket(), CanonicalTables.all().values())) {
					out.println(done.substring(0, 1).toUpperCase(java.util.Locale.ROOT) + done.substring(1) + ".");
				}
			}
			return TouchpointCli.OK;
		}
	}

	private static SingleStorePipelines pipelines(Session session) {
		return session.bean(SingleStorePipelines.class);
	}
}
