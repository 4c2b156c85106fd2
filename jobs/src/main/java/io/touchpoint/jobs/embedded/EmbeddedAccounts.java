package io.touchpoint.jobs.embedded;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Creates the embedded database's accounts, on a new home and on a home made by a release that ran the server
 * without grant tables. The statements go into an owner-only init file that the server runs once, at the start
 * that needs them, before it accepts a connection (MariaDB's {@code --init-file}); then:
 * <ul>
 * <li>the warehouse and metadata schemas are created if missing (an older home keeps its data);</li>
 * <li>every account except {@code root@localhost}, MariaDB's internal {@code mariadb.sys} and the {@code PUBLIC}
 * role is removed with its grants (the installer's anonymous and TCP root accounts, and whatever an older release
 * left), {@code PUBLIC} loses the installer's grants on {@code test} databases, and {@code root@localhost}
 * authenticates by {@code unix_socket} only: no password reaches it, over TCP or otherwise;</li>
 * <li>{@value EmbeddedCredentials#OWNER} gets every privilege on the two schemas and nothing global (no FILE,
 * PROCESS, SUPER, no GRANT OPTION); {@value EmbeddedCredentials#READER} gets SELECT on the warehouse schema
 * only. Each exists for {@code 127.0.0.1} (TCP) and {@code localhost} (the socket).</li>
 * </ul>
 * Every statement may run again: a start that dies before the passwords are saved creates the accounts anew on the
 * next start.
 */
final class EmbeddedAccounts {

	private static final Logger log = LoggerFactory.getLogger(EmbeddedAccounts.class);

	private static final List<String> HOSTS = List.of("127.0.0.1", "localhost");

	private static final String KEPT = "User = 'mariadb.sys' OR User = 'PUBLIC' OR (User = 'root' AND Host = 'localhost')";

	static final String INIT_FILE = "accounts.sql";

	private EmbeddedAccounts() {
	}

	/** Writes the statements to an owner-only file in {@code folder}, for {@code --init-file}; one statement a line. */
	static Path initFile(Path folder, EmbeddedCredentials credentials) throws IOException {
		log.info("Creating the embedded database's accounts (owner '{}', reader '{}')", EmbeddedCredentials.OWNER,
				EmbeddedCredentials.READER);
		Path file = folder.resolve(INIT_FILE);
		OwnerOnly.write(file, String.join(";\n", statements(credentials)) + ";\n");
		return file;
	}

	/** Checks that the owner account the init file created answers, then deletes the file (it holds passwords). */
	static void verify(Path initFile, String url, EmbeddedCredentials credentials) throws IOException {
		try (Connection connection = DriverManager.getConnection(url, EmbeddedCredentials.OWNER, credentials.ownerPassword())) {
			connection.isValid(5);
		}
		catch (SQLException ex) {
			throw new IllegalStateException("the database did not create its accounts (" + ex.getMessage() + "); see the "
					+ "server's messages in the log", ex);
		}
		finally {
			Files.deleteIfExists(initFile);
		}
	}

	static List<String> statements(EmbeddedCredentials credentials) {
		List<String> sql = new ArrayList<>();
		for (String schema : List.of(EmbeddedStack.WAREHOUSE_DB, EmbeddedStack.METADATA_DB)) {
			sql.add("CREATE DATABASE IF NOT EXISTS " + schema + " CHARACTER SET utf8mb4 COLLATE utf8mb4_bin");
		}
		// the grant tables are edited directly because an init file runs no loop over the accounts to drop
		sql.add("DELETE FROM mysql.global_priv WHERE NOT (" + KEPT + ")");
		for (String table : List.of("db", "tables_priv", "columns_priv", "procs_priv", "proxies_priv", "roles_mapping")) {
			sql.add("DELETE FROM mysql." + table + " WHERE NOT (User = 'mariadb.sys' OR (User = 'root' AND Host = 'localhost'))");
		}
		sql.add("FLUSH PRIVILEGES");
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
		return "'" + user + "'@'" + host + "'";
	}
}
