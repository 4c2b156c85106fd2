package io.touchpoint.jobs.cli;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

import javax.sql.DataSource;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import io.touchpoint.jobs.report.TableFormat;

/** {@code touchpoint query "SQL"}: a read-only query on the warehouse. */
@Command(name = "query", mixinStandardHelpOptions = true,
		description = { "Run one read-only SQL query on the warehouse and print the rows.",
				"Only SELECT, WITH, SHOW, DESCRIBE and EXPLAIN are accepted, and they run in a READ ONLY transaction "
						+ "that is rolled back." },
		footer = { "", "Examples:", "  ./touchpoint query \"SELECT tenant_id, COUNT(*) FROM purchases GROUP BY tenant_id\"",
				"  ./touchpoint query --format csv \"SELECT * FROM quarantine\"" })
final class QueryCommand implements Callable<Integer> {

	@ParentCommand
	private TouchpointCli root;

	@Spec
	private CommandSpec spec;

	@Parameters(index = "0", paramLabel = "SQL", description = "The query")
	private String sql;

	@Option(names = "--format", defaultValue = "table", description = "table, csv or json (default: ${DEFAULT-VALUE})")
	private String format;

	@Option(names = "--max-rows", defaultValue = "10000", description = "At most this many rows (default: ${DEFAULT-VALUE})")
	private int maxRows;

	@Override
	public Integer call() throws SQLException {
		if (!List.of("table", "csv", "json").contains(format)) {
			throw new IllegalArgumentException("--format must be table, csv or json");
		}
		ReadOnlySql.check(sql);
		try (Session session = root.session(true)) {
			DataSource warehouse = session.bean("warehouseDataSource", DataSource.class);
			try (Connection connection = warehouse.getConnection()) {
				connection.setAutoCommit(false);
				try (Statement statement = connection.createStatement()) {
					statement.execute("SET TRANSACTION READ ONLY");
					statement.setMaxRows(maxRows);
					List<String> columns = new ArrayList<>();
					List<List<Object>> rows = new ArrayList<>();
					boolean hasRows;
					try {
						hasRows = statement.execute(sql);
					}
					catch (SQLException ex) {
						if (ex.getErrorCode() == 1792) {
							throw new IllegalArgumentException("touchpoint query is read-only: the statement tried to write. "
									+ "Use the jobs to change data.");
						}
						throw new IllegalArgumentException("The query failed: " + ex.getMessage());
					}
					finally {
						connection.rollback();
					}
					if (!hasRows) {
						throw new IllegalArgumentException("touchpoint query is read-only and takes a SELECT (or SHOW/DESCRIBE).");
					}
					try (ResultSet rs = statement.getResultSet()) {
						ResultSetMetaData meta = rs.getMetaData();
						for (int i = 1; i <= meta.getColumnCount(); i++) {
							columns.add(meta.getColumnLabel(i));
						}
						while (rs.next()) {
							List<Object> row = new ArrayList<>();
							for (int i = 1; i <= columns.size(); i++) {
								row.add(rs.getObject(i));
							}
							rows.add(row);
						}
					}
					spec.commandLine().getOut().print(TableFormat.render(format, columns, rows));
					if (format.equals("table")) {
						spec.commandLine().getOut().println("(" + rows.size() + " row" + (rows.size() == 1 ? "" : "s") + ")");
					}
				}
			}
			return TouchpointCli.OK;
		}
	}
}
