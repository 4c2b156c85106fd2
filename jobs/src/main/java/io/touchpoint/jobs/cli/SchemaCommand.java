package io.touchpoint.jobs.cli;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Callable;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

import io.touchpoint.jobs.checks.SourceSchemas;
import io.touchpoint.jobs.report.TableFormat;

/** {@code touchpoint schema show|accept}: the columns a tenant's file sources had, and accepting a change. */
@Command(name = "schema", mixinStandardHelpOptions = true,
		description = { "The columns each file source's files had, per stream (the file name without digits), with the night "
				+ "each was first and last seen.",
				"Under touchpoint.sources.schema-policy=freeze or discard, a file that adds or drops columns is held back "
						+ "until its change is accepted." },
		subcommands = { SchemaCommand.Show.class, SchemaCommand.Accept.class },
		footer = { "", "Examples:", "  ./touchpoint schema show --tenant acme --source stripe",
				"  ./touchpoint schema accept --tenant acme --source stripe && ./touchpoint restart 42" })
final class SchemaCommand {

	@ParentCommand
	private TouchpointCli root;

	@Command(name = "show", mixinStandardHelpOptions = true, description = "Show the recorded columns of a tenant's sources.")
	static final class Show implements Callable<Integer> {

		@ParentCommand
		private SchemaCommand parent;

		@Spec
		private CommandSpec spec;

		@Mixin
		private TenantScope scope;

		@Override
		public Integer call() {
			try (Session session = parent.root.session(true)) {
				scope.requireKnownTenant(session);
				List<List<Object>> rows = new ArrayList<>();
				for (SourceSchemas.Column c : session.bean(SourceSchemas.class).columns(scope.tenant(), scope.source())) {
					rows.add(Arrays.asList(c.stream(), c.column(), c.status(), c.firstSeen().toString(),
							c.lastSeen().toString(), c.changedOn() == null ? "" : c.changedOn().toString(), c.firstFile()));
				}
				var out = spec.commandLine().getOut();
				if (rows.isEmpty()) {
					out.println("No columns recorded for " + scope.describe()
							+ ": they are recorded when a night reads a CSV file of the source.");
				}
				else {
					out.print(TableFormat.table(List.of("source/stream", "column", "status", "first seen", "last seen",
							"changed", "first file"), rows));
				}
				return TouchpointCli.OK;
			}
		}
	}

	@Command(name = "accept", mixinStandardHelpOptions = true,
			description = "Accept a source's held-back column changes: pending columns become active, gone ones dropped.")
	static final class Accept implements Callable<Integer> {

		@ParentCommand
		private SchemaCommand parent;

		@Spec
		private CommandSpec spec;

		@Mixin
		private TenantScope.OneSource scope;

		@Override
		public Integer call() {
			String tenant = scope.tenant();
			String source = scope.source();
			try (Session session = parent.root.session(true)) {
				int accepted = session.bean(SourceSchemas.class).accept(tenant, source, LocalDate.now());
				var out = spec.commandLine().getOut();
				out.println(accepted == 0 ? "Nothing to accept: no held-back column change for tenant " + tenant
						+ " and source " + source + " (see touchpoint schema show --tenant " + tenant + ")"
						: "Accepted " + accepted + " column change(s) of tenant " + tenant + "'s source " + source
								+ ". Restart the held-back execution to read its files again: ./touchpoint restart ID");
				return TouchpointCli.OK;
			}
		}
	}
}
