package io.touchpoint.jobs.cli;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.Callable;

import javax.sql.DataSource;

import org.jspecify.annotations.Nullable;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.jdbc.core.JdbcTemplate;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

import io.touchpoint.jobs.executions.ExecutionQueries;
import io.touchpoint.jobs.executions.KnownTenants;
import io.touchpoint.jobs.ingest.BatchContext;
import io.touchpoint.jobs.report.TableFormat;

/** {@code touchpoint quarantine list|show}: the records a run set aside, with where they came from and why. */
@Command(name = "quarantine", mixinStandardHelpOptions = true,
		description = { "Inspect quarantined records: bad input a run set aside instead of loading, with its source, "
				+ "file, line, reason and raw text. Nothing is dropped silently." },
		subcommands = { QuarantineCommand.List.class, QuarantineCommand.Show.class },
		footer = { "", "Examples:", "  ./touchpoint quarantine list --tenant acme", "  ./touchpoint quarantine list --execution 7",
				"  ./touchpoint quarantine show 12" })
final class QuarantineCommand {

	@ParentCommand
	private TouchpointCli root;

	@Command(name = "list", mixinStandardHelpOptions = true, description = "List quarantined records, newest first.")
	static final class List implements Callable<Integer> {

		@ParentCommand
		private QuarantineCommand parent;

		@Spec
		private CommandSpec spec;

		@Option(names = "--tenant", description = "Only this tenant")
		private @Nullable String tenant;

		@Option(names = "--execution", paramLabel = "ID", description = "Only the batch of this job execution")
		private @Nullable Long execution;

		@Option(names = "--source", description = "Only this source")
		private @Nullable String source;

		@Option(names = "--limit", defaultValue = "100", description = "At most this many (default: ${DEFAULT-VALUE})")
		private int limit;

		@Option(names = "--json", description = "Print JSON")
		private boolean json;

		@Override
		public Integer call() {
			try (Session session = parent.root.session(true)) {
				StringBuilder sql = new StringBuilder("SELECT quarantine_id, tenant_id, batch_id, source, file, line, reason "
						+ "FROM quarantine WHERE 1 = 1");
				java.util.List<Object> args = new ArrayList<>();
				if (tenant != null) {
					session.bean(KnownTenants.class).require(tenant);
					sql.append(" AND tenant_id = ?");
					args.add(tenant);
				}
				if (source != null) {
					sql.append(" AND source = ?");
					args.add(source);
				}
				if (execution != null) {
					sql.append(" AND batch_id = ?");
					args.add(batchOf(session, execution));
				}
				sql.append(" ORDER BY quarantine_id DESC LIMIT ?");
				args.add(limit);
				java.util.List<java.util.List<Object>> rows = new ArrayList<>();
				warehouse(session).query(sql.toString(), rs -> {
					rows.add(Arrays.asList(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5),
							rs.getLong(6), rs.getString(7)));
				}, args.toArray());
				var columns = java.util.List.of("id", "tenant", "batch", "source", "file", "line", "reason");
				spec.commandLine().getOut().print(rows.isEmpty() && !json ? "No quarantined records.\n"
						: TableFormat.render(json ? "json" : "table", columns, rows));
				return TouchpointCli.OK;
			}
		}
	}

	@Command(name = "show", mixinStandardHelpOptions = true, description = "Show one quarantined record whole, raw text included.")
	static final class Show implements Callable<Integer> {

		@ParentCommand
		private QuarantineCommand parent;

		@Spec
		private CommandSpec spec;

		@Parameters(index = "0", paramLabel = "ID", description = "Quarantine id (see quarantine list)")
		private long id;

		@Override
		public Integer call() {
			try (Session session = parent.root.session(true)) {
				java.util.List<Map<String, Object>> found = warehouse(session).queryForList(
						"SELECT quarantine_id, tenant_id, batch_id, source, file, line, reason, quarantined_at, staged_file, "
								+ "raw_text FROM quarantine WHERE quarantine_id = ?", id);
				if (found.isEmpty()) {
					throw new IllegalArgumentException("No quarantined record " + id + " (see touchpoint quarantine list)");
				}
				var out = spec.commandLine().getOut();
				found.get(0).forEach((column, value) -> {
					if (!column.equals("raw_text")) {
						out.printf("%-15s %s%n", column, value == null ? null : TableFormat.printable(value.toString()));
					}
				});
				out.println("raw_text:");
				Object raw = found.get(0).get("raw_text");
				out.println(raw == null ? null : TableFormat.printable(raw.toString()));
				return TouchpointCli.OK;
			}
		}
	}

	private static JdbcTemplate warehouse(Session session) {
		return new JdbcTemplate(session.bean("warehouseDataSource", DataSource.class));
	}

	private static String batchOf(Session session, long executionId) {
		JobExecution execution = session.bean(ExecutionQueries.class).execution(executionId);
		if (execution == null || !execution.getExecutionContext().containsKey(BatchContext.BATCH_ID)) {
			throw new IllegalArgumentException("No batch for execution " + executionId + " (see touchpoint executions)");
		}
		return execution.getExecutionContext().getString(BatchContext.BATCH_ID);
	}
}
