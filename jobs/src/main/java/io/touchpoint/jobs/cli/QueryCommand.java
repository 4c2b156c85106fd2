package io.touchpoint.jobs.cli;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.SQLTimeoutException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import java.util.concurrent.Callable;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

import io.touchpoint.jobs.config.Durations;
import io.touchpoint.jobs.config.InvalidConfigurationException;
import io.touchpoint.jobs.config.TouchpointProperties;
import io.touchpoint.jobs.config.WarehouseDialect;
import io.touchpoint.jobs.report.TableFormat;

/**
 * {@code touchpoint query "SQL"}: one read-only query on the warehouse. Read-only is enforced by the database:
 * the query runs as an account with SELECT on the warehouse schema only (the embedded default's reader, or
 * {@code touchpoint.query.username}), never as the jobs' owner account; a statement check refuses what is plainly
 * not one read first, and a time limit stops a query that runs too long.
 */
@Command(name = "query", mixinStandardHelpOptions = true,
		description = { "Run one read-only SQL query on the warehouse and print the rows.",
				"It runs as a SELECT-only database account (the embedded default's 'reader'; on your own warehouse,",
				"touchpoint.query.username and .password), so it can change nothing. One SELECT, WITH, SHOW, DESCRIBE",
				"or EXPLAIN statement is accepted; executable comments, INTO, LOAD_FILE and locking reads are refused.",
				"It is stopped after --timeout." },
		footer = { "", "Examples:", "  ./touchpoint query \"SELECT tenant_id, COUNT(*) FROM purchases GROUP BY tenant_id\"",
				"  ./touchpoint query --format csv \"SELECT * FROM quarantine\" > quarantine.csv",
				"  ./touchpoint query --timeout 5m \"SELECT ...\"",
				"", "Exit codes: 0 rows printed, 1 the query failed, 2 refused (not one read, denied, timed out)." })
final class QueryCommand implements Callable<Integer> {

	@ParentCommand
	private TouchpointCli root;

	@Spec
	private CommandSpec spec;

	@Parameters(index = "0", paramLabel = "SQL", description = "The query")
	private String sql;

	@Option(names = "--format", defaultValue = "table",
			description = "${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE})")
	private OutputFormat format;

	@Option(names = "--max-rows", defaultValue = "10000", description = "At most this many rows (default: ${DEFAULT-VALUE})")
	private int maxRows;

	@Option(names = "--timeout", defaultValue = "60s", paramLabel = "DURATION",
			description = "Stop the query after this long: 90s, 5m (default: ${DEFAULT-VALUE})")
	private String timeout;

	@Override
	public Integer call() throws SQLException {
		Duration limit = Since.duration(timeout, "--timeout");
		ReadOnlySql.check(sql);
		try (Session session = root.session(true)) {
			TouchpointProperties.Database reader = session.endpoints().reader();
			if (reader == null) {
				throw new InvalidConfigurationException("touchpoint query runs as a read-only account, and none is configured. "
						+ "Create one with SELECT on the warehouse only, e.g. CREATE USER 'tp_query'@'%' IDENTIFIED BY '...'; "
						+ "GRANT SELECT ON <warehouse schema>.* TO 'tp_query'@'%'; then set touchpoint.query.username and "
						+ "touchpoint.query.password (or TOUCHPOINT_QUERY_USERNAME / TOUCHPOINT_QUERY_PASSWORD).");
			}
			try (Connection connection = connect(reader, limit)) {
				List<String> columns = new ArrayList<>();
				List<List<Object>> rows = new ArrayList<>();
				try (Statement statement = connection.createStatement()) {
					limitTime(connection, reader, limit);
					statement.setQueryTimeout((int) Math.max(1, limit.toSeconds()));
					statement.setMaxRows(maxRows);
					boolean hasRows;
					try {
						hasRows = statement.execute(sql);
					}
					catch (SQLException ex) {
						throw explained(ex, reader, limit);
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
				}
				spec.commandLine().getOut().print(TableFormat.render(format.name(), columns, rows));
				if (format == OutputFormat.table) {
					spec.commandLine().getOut().println("(" + rows.size() + " row" + (rows.size() == 1 ? "" : "s") + ")");
				}
			}
			return TouchpointCli.OK;
		}
	}

	/** A connection of the read-only account, in a READ ONLY transaction that is rolled back. */
	private static Connection connect(TouchpointProperties.Database reader, Duration limit) throws SQLException {
		Properties properties = new Properties();
		properties.setProperty("user", reader.username());
		if (reader.password() != null) {
			properties.setProperty("password", reader.password());
		}
		properties.setProperty("connectTimeout", String.valueOf(reader.connectTimeout().toMillis()));
		// the reply may take the whole time limit; past it, the server has stopped the statement
		properties.setProperty("socketTimeout", String.valueOf(limit.plusSeconds(30).toMillis()));
		properties.setProperty("allowLocalInfile", "false");
		properties.setProperty("allowMultiQueries", "false");
		Connection connection;
		try {
			connection = DriverManager.getConnection(reader.url(), properties);
		}
		catch (SQLException ex) {
			throw new InvalidConfigurationException("Cannot connect to the warehouse as the read-only account '"
					+ reader.username() + "': " + ex.getMessage() + ". Check touchpoint.query.username and .password (the "
					+ "embedded default keeps its reader's password in <home>/credentials.properties).");
		}
		try {
			connection.setReadOnly(true);
			connection.setAutoCommit(false);
			return connection;
		}
		catch (SQLException ex) {
			connection.close();
			throw ex;
		}
	}

	/** The server's own statement time limit, where the dialect has one (the JDBC query timeout applies too). */
	private static void limitTime(Connection connection, TouchpointProperties.Database reader, Duration limit)
			throws SQLException {
		if (WarehouseDialect.of(reader.url()) == WarehouseDialect.SINGLESTORE) {
			return;
		}
		boolean mariadb = connection.getMetaData().getDatabaseProductVersion().toLowerCase(Locale.ROOT).contains("mariadb");
		try (Statement statement = connection.createStatement()) {
			statement.execute(mariadb ? "SET SESSION max_statement_time = " + limit.toMillis() / 1000.0
					: "SET SESSION MAX_EXECUTION_TIME = " + limit.toMillis());
			statement.execute("SET TRANSACTION READ ONLY");
		}
	}

	/** A failed query as a message: refused by the account's grants, stopped by the time limit, or the server's error. */
	private static RuntimeException explained(SQLException ex, TouchpointProperties.Database reader, Duration limit) {
		int code = ex.getErrorCode();
		if (ex instanceof SQLTimeoutException || code == 1969 || code == 3024 || code == 1317) {
			return new IllegalArgumentException("The query ran longer than --timeout " + Durations.text(limit)
					+ " and was stopped. Narrow it, or give it more time with --timeout.");
		}
		if (code == 1792 || code == 1142 || code == 1143 || code == 1044 || code == 1045 || code == 1227 || code == 1370
				|| code == 1290) {
			return new IllegalArgumentException("touchpoint query is read-only: the database refused it for the read-only "
					+ "account '" + reader.username() + "' (" + ex.getMessage() + ").");
		}
		return new IllegalArgumentException("The query failed: " + ex.getMessage());
	}
}
