package io.touchpoint.jobs.cli;

import java.util.List;
import java.util.concurrent.Callable;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.datasource.DriverManagerDataSource;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

import io.touchpoint.jobs.config.Endpoints;
import io.touchpoint.jobs.config.InfrastructureConfiguration;
import io.touchpoint.jobs.config.SingleStoreProperties;
import io.touchpoint.jobs.config.TouchpointProperties;
import io.touchpoint.jobs.config.WarehouseDialect;
import io.touchpoint.jobs.load.LoadConfiguration;
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
				"  ./touchpoint init --repair    (after a failed script's partial changes were undone)",
				"  ./touchpoint init --print --touchpoint.warehouse.url=jdbc:singlestore://s2:3306/touchpoint \\",
				"      --touchpoint.metadata.url=jdbc:mariadb://db:3306/touchpoint_meta --touchpoint.s3.bucket=acme-staging",
				"    (prints the SingleStore DDL and pipeline statements, credentials masked, from the configuration alone: no "
						+ "database needs to be reachable)" })
final class InitCommand implements Callable<Integer> {

	@ParentCommand
	private TouchpointCli root;

	@Spec
	private CommandSpec spec;

	@Option(names = "--print", description = "Print the DDL (and for SingleStore the pipeline statements, credentials "
			+ "masked) instead of running it; connects to nothing")
	private boolean print;

	@Option(names = "--repair", description = "After a script failed and its partial changes were undone by hand: clear "
			+ "the failed record from the migration history, then migrate (the failed script runs again)")
	private boolean repair;

	/** What {@code --print} needs: the settings, and no database, S3 or embedded server. */
	@Configuration(proxyBeanMethods = false)
	@EnableConfigurationProperties({ TouchpointProperties.class, SingleStoreProperties.class })
	static class PrintSettings {
	}

	@Override
	public Integer call() {
		if (print) {
			return print();
		}
		// the embedded default migrates as its stack opens: it reads the same property to repair first
		try (Session session = root.session(false, repair ? List.of("touchpoint.schema.repair=true") : List.of())) {
			SchemaMigrator migrator = session.bean(SchemaMigrator.class);
			var out = spec.commandLine().getOut();
			if (repair && !session.endpoints().embedded()) {
				List<String> cleared = migrator.repair();
				out.println(cleared.isEmpty() ? "No failed script recorded." : "Cleared the failed record of " + String.join(", ", cleared)
						+ ".");
			}
			boolean singlestore = WarehouseDialect.of(session.endpoints()) == WarehouseDialect.SINGLESTORE;
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

	/**
	 * The statements {@code init} would run, from the configuration alone: they are read before any server is
	 * reachable. The warehouse URL picks the dialect (none: the embedded default, MariaDB).
	 */
	private int print() {
		try (var context = root.configuration(PrintSettings.class)) {
			TouchpointProperties properties = context.getBean(TouchpointProperties.class);
			String url = properties.warehouse().url();
			WarehouseDialect dialect = WarehouseDialect.of(url);
			String metadata = properties.metadata().url() == null ? url : properties.metadata().url();
			InfrastructureConfiguration.requireMysqlMetadata(metadata);
			var out = spec.commandLine().getOut();
			out.print(new SchemaMigrator(null, null, dialect.folder()).script());
			if (dialect == WarehouseDialect.SINGLESTORE) {
				Endpoints endpoints = new Endpoints(properties.warehouse(), properties.metadata(),
						InfrastructureConfiguration.s3Endpoint(properties.s3()),
						properties.s3().region(), properties.s3().bucket(), properties.s3().pathStyle(), null, false);
				// statements only: the data source is never connected to
				var pipelines = new SingleStorePipelines(new DriverManagerDataSource(url), LoadConfiguration
					.pipelineSettings(context.getBean(SingleStoreProperties.class), endpoints), statement -> {});
				out.println("-- pipelines (CREATE PIPELINE IF NOT EXISTS; credentials masked)");
				for (String statement : pipelines.script(endpoints.bucket(), CanonicalTables.all().values())) {
					out.println(statement.startsWith("--") ? statement : statement + ";");
				}
			}
			return TouchpointCli.OK;
		}
	}

	private static SingleStorePipelines pipelines(Session session) {
		return session.bean(SingleStorePipelines.class);
	}
}
