package io.touchpoint.jobs.embedded;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import io.touchpoint.jobs.support.ChildCli;
import io.touchpoint.jobs.support.InProcessCli;
import io.touchpoint.jobs.support.ResidentHome;

/**
 * The embedded default as a deployment runs: a home with demo data and a resident stack ({@code touchpoint up} in a
 * JVM of its own), attacked the ways a security review tried. Read-only is held by the database's grants, not only
 * by the statement check: every hostile input goes through {@code touchpoint query} and, bypassing the check, straight
 * to the reader account; after each, every table of both schemas has the same rows (count and checksum), the server's
 * settings are unchanged, and no file exists where it tried to write. docs/reliability.md lists each outcome.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class EmbeddedStackSecurityIntegrationTests {

	static Path dir;

	static Path home;

	static Path writes;

	static ResidentHome stack;

	@BeforeAll
	static void demoHomeWithAResidentStack() throws Exception {
		dir = Files.createTempDirectory(Files.createDirectories(Path.of("target").toAbsolutePath()), "security");
		home = dir.resolve("home");
		writes = Files.createDirectories(dir.resolve("writes"));
		InProcessCli.Result demo = InProcessCli.run("--home", home.toString(), "demo", "--contacts", "20", "--days", "1");
		assertThat(demo.code()).as(demo.toString()).isZero();
		stack = ResidentHome.start(home, line -> line.startsWith("Other commands on this home now attach"), "up");
	}

	@AfterAll
	static void down() throws Exception {
		if (stack != null) {
			InProcessCli.run("--home", home.toString(), "down");
			stack.process().exitCode(3);
		}
	}

	/** Where a hostile statement goes through touchpoint query: refused by the check, by the database, stopped, or run. */
	enum Via {
		CHECK, DATABASE, TIMEOUT, RUNS
	}

	/** Straight to the reader account: denied by its grants, an error of another kind, or run (changing nothing). */
	enum Direct {
		DENIED, ERROR, RUNS
	}

	record Hostile(String sql, Via via, String message, Direct direct) {
	}

	static List<Hostile> corpus() {
		String out = writes.resolve("out.txt").toString();
		String dump = writes.resolve("dump.bin").toString();
		String log = writes.resolve("general.log").toString();
		return List.of(
				// executable comments: the review's table replacement and server settings
				new Hostile("/*!CREATE OR REPLACE TABLE purchases AS*/ SELECT 1 AS gone", Via.CHECK, "executable comments", Direct.DENIED),
				new Hostile("/*M!CREATE OR REPLACE TABLE purchases AS*/ SELECT 1 AS gone", Via.CHECK, "executable comments", Direct.DENIED),
				new Hostile("/*!50000 DROP TABLE purchases*/", Via.CHECK, "executable comments", Direct.DENIED),
				new Hostile("SELECT 1 /*!, (SELECT 1) ; DROP TABLE purchases */", Via.CHECK, "executable comments", Direct.ERROR),
				new Hostile("/*!SET GLOBAL general_log_file='" + log + "'*/", Via.CHECK, "executable comments", Direct.DENIED),
				new Hostile("SET GLOBAL general_log_file='" + log + "'", Via.CHECK, "not SET", Direct.DENIED),
				new Hostile("SET GLOBAL general_log = 1", Via.CHECK, "not SET", Direct.DENIED),
				// server files, spelled every way
				new Hostile("select 1 into/**/outfile '" + out + "'", Via.CHECK, "INTO", Direct.DENIED),
				new Hostile("SELECT * FROM purchases INTO OUTFILE '" + out + "'", Via.CHECK, "INTO", Direct.DENIED),
				new Hostile("select 1 InTo\n\tOuTfIlE '" + out + "'", Via.CHECK, "INTO", Direct.DENIED),
				new Hostile("SELECT 1 INTO DUMPFILE '" + dump + "'", Via.CHECK, "INTO", Direct.DENIED),
				new Hostile("(SELECT 1) INTO -- c\nDUMPFILE '" + dump + "'", Via.CHECK, "INTO", Direct.DENIED),
				new Hostile("SELECT 'x' INTO @v", Via.CHECK, "INTO", Direct.RUNS),
				new Hostile("SELECT LOAD_FILE('/etc/passwd') AS f", Via.CHECK, "LOAD_FILE", Direct.RUNS),
				new Hostile("SELECT load_file/**/('/etc/passwd') AS f", Via.CHECK, "LOAD_FILE", Direct.RUNS),
				new Hostile("LOAD DATA LOCAL INFILE '/etc/passwd' INTO TABLE purchases", Via.CHECK, "not LOAD", Direct.DENIED),
				// more than one statement
				new Hostile("SELECT 1; DROP TABLE purchases", Via.CHECK, "one statement", Direct.DENIED),
				new Hostile("SELECT 1 -- ;\n; DELETE FROM purchases", Via.CHECK, "one statement", Direct.DENIED),
				new Hostile("SELECT '\\'' ; TRUNCATE purchases", Via.CHECK, "one statement", Direct.DENIED),
				// writes and DDL
				new Hostile("DELETE FROM purchases", Via.CHECK, "not DELETE", Direct.DENIED),
				new Hostile("UPDATE purchases SET amount_minor = 0", Via.CHECK, "not UPDATE", Direct.DENIED),
				new Hostile("INSERT INTO purchases SELECT * FROM purchases", Via.CHECK, "not INSERT", Direct.DENIED),
				new Hostile("WITH t AS (SELECT 1) DELETE FROM purchases", Via.CHECK, "only end in a SELECT", Direct.ERROR),
				new Hostile("CREATE TABLE evil AS SELECT 1 AS x", Via.CHECK, "not CREATE", Direct.DENIED),
				new Hostile("TRUNCATE TABLE purchases", Via.CHECK, "not TRUNCATE", Direct.DENIED),
				new Hostile("GRANT ALL ON *.* TO reader@'127.0.0.1'", Via.CHECK, "not GRANT", Direct.DENIED),
				// other statement kinds
				new Hostile("CALL mysql.AddGeometryColumn('', 'touchpoint', 'purchases', 'g', 0)", Via.CHECK, "not CALL", Direct.DENIED),
				new Hostile("HANDLER purchases OPEN", Via.CHECK, "not HANDLER", Direct.RUNS),
				new Hostile("DO SLEEP(0)", Via.CHECK, "not DO", Direct.RUNS),
				new Hostile("SET STATEMENT max_statement_time = 0 FOR SELECT 1", Via.CHECK, "not SET", Direct.RUNS),
				// locking reads
				new Hostile("SELECT * FROM purchases FOR UPDATE", Via.CHECK, "locking read", Direct.RUNS),
				new Hostile("SELECT * FROM purchases LOCK IN SHARE MODE", Via.CHECK, "locking read", Direct.RUNS),
				// reads the check lets through: the grants decide
				new Hostile("SELECT * FROM touchpoint_meta.BATCH_JOB_EXECUTION", Via.DATABASE, "refused it", Direct.DENIED),
				new Hostile("SELECT User, Password FROM mysql.user", Via.DATABASE, "refused it", Direct.DENIED),
				new Hostile("SHOW GRANTS", Via.RUNS, "", Direct.RUNS),
				new Hostile("SELECT SLEEP(100)", Via.TIMEOUT, "longer than --timeout 2s", Direct.ERROR),
				new Hostile("CREATE DATABASE test_evil", Via.CHECK, "not CREATE", Direct.DENIED),
				new Hostile("CREATE TABLE test.evil (x INT)", Via.CHECK, "not CREATE", Direct.DENIED));
	}

	@Test
	@Order(1)
	void everyHostileQueryIsRefusedOrHarmlessThroughTheCommandAndStraightToTheReaderAccount() throws Exception {
		// given the state of every table and of the server's log settings
		Map<String, String> before = state();
		List<String> table = new ArrayList<>();
		List<String> unexpected = new ArrayList<>();
		for (Hostile hostile : corpus()) {
			// when it goes through touchpoint query
			InProcessCli.Result result = InProcessCli.run("--home", home.toString(), "query", "--timeout", "2s", hostile.sql());
			// then the command ends as expected, with a message saying why
			if (hostile.via() == Via.RUNS) {
				assertThat(result.code()).as(hostile.sql() + "\n" + result).isZero();
			}
			else {
				assertThat(result.code()).as(hostile.sql() + "\n" + result).isEqualTo(2);
				assertThat(result.err()).as(hostile.sql()).contains(hostile.message());
			}
			assertThat(state()).as("after touchpoint query " + hostile.sql()).isEqualTo(before);
			assertNothingWritten(hostile);

			// and straight to the reader account, without the check (several statements allowed)
			Direct direct = direct(hostile.sql());
			if (direct != hostile.direct()) {
				unexpected.add(hostile.sql() + ": as the reader " + direct + ", expected " + hostile.direct());
			}
			assertThat(state()).as("after, as the reader, " + hostile.sql()).isEqualTo(before);
			assertNothingWritten(hostile);
			table.add("| `" + hostile.sql().replace("\n", "\\n").replace("\t", "\\t").replace("|", "\\|")
				.replace(writes.toString(), "<dir>") + "` | " + hostile.via() + " | " + direct + " |");
		}
		Files.write(Path.of("target/hostile-query-corpus.md"), table);
		assertThat(unexpected).isEmpty();
		assertThat(corpus()).hasSizeGreaterThanOrEqualTo(25);
	}

	@Test
	@Order(2)
	void loadFileReturnsNothingToTheReaderAndTheReaderSeesOnlyTheWarehouse() throws Exception {
		try (Connection reader = stack.reader(""); Statement statement = reader.createStatement()) {
			try (ResultSet rs = statement.executeQuery("SELECT LOAD_FILE('/etc/passwd')")) {
				rs.next();
				assertThat(rs.getString(1)).as("LOAD_FILE without the FILE privilege").isNull();
			}
			try (ResultSet rs = statement.executeQuery("SHOW GRANTS")) {
				List<String> grants = new ArrayList<>();
				while (rs.next()) {
					grants.add(rs.getString(1));
				}
				// one login grant without privileges, and SELECT on the warehouse schema
				assertThat(grants).hasSize(2);
				assertThat(grants.get(0)).startsWith("GRANT USAGE ON *.* TO `reader`@");
				assertThat(grants.get(1)).startsWith("GRANT SELECT ON `touchpoint`.* TO `reader`@");
			}
			try (ResultSet rs = statement.executeQuery("SELECT COUNT(*) FROM purchases")) {
				rs.next();
				assertThat(rs.getLong(1)).isPositive();
			}
		}
	}

	@Test
	@Order(3)
	void anotherOsAccountCannotReachTheDatabaseByTcpOrSocketNorReadTheCredentials() throws Exception {
		assumeThat(System.getProperty("user.name")).as("setpriv needs root to act as another user").isEqualTo("root");
		assumeThat(Path.of("/usr/bin/setpriv")).as("setpriv (util-linux)").exists();
		// given the probe and the driver where the nobody account can read them
		Path probe = Files.createDirectories(dir.resolve("probe"));
		Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
		Files.setPosixFilePermissions(probe, PosixFilePermissions.fromString("rwxr-xr-x"));
		try (var in = getClass().getResourceAsStream("/nobody-probe/NobodyProbe.java")) {
			Files.copy(in, probe.resolve("NobodyProbe.java"));
		}
		Path driver = probe.resolve("driver.jar");
		Files.copy(Path.of(org.mariadb.jdbc.Driver.class.getProtectionDomain().getCodeSource().getLocation().toURI()), driver);
		for (Path file : List.of(probe.resolve("NobodyProbe.java"), driver)) {
			Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));
		}
		// when it runs as nobody
		Process process = new ProcessBuilder("/usr/bin/setpriv", "--reuid=65534", "--regid=65534", "--clear-groups",
				Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-XX:-UsePerfData", "-Duser.home=/tmp",
				"-cp", driver.toString(), probe.resolve("NobodyProbe.java").toString(), String.valueOf(stack.port()),
				stack.stackFile().getProperty("database.socket"), home.resolve("credentials.properties").toString())
			.redirectErrorStream(true)
			.start();
		String output = new String(process.getInputStream().readAllBytes());
		assertThat(process.waitFor(2, TimeUnit.MINUTES)).isTrue();
		// then every password-less account is refused over TCP (1045 access denied, 1698 socket-only root)
		assertThat(output).as(output).contains("tcp 'root': refused", "tcp 'touchpoint': refused", "tcp 'reader': refused",
				"tcp 'nobody': refused", "tcp '': refused");
		assertThat(output).as(output).doesNotContain("CONNECTED", "READ");
		// the socket and the credentials lie in the owner-only home
		assertThat(output).as(output).contains("socket: refused (Permission denied)", "credentials: refused (AccessDeniedException)");
	}

	@Test
	@Order(4)
	void twoCommandsAtOnceOnTheResidentStackBothSucceed() throws Exception {
		ChildCli executions = ChildCli.run(Map.of(), "--home", home.toString(), "executions");
		ChildCli report = ChildCli.run(Map.of(), "--home", home.toString(), "report", "ltv", "--tenant", "acme");
		assertThat(executions.exitCode(5)).as(executions.output()).isZero();
		assertThat(report.exitCode(5)).as(report.output()).isZero();
		assertThat(executions.output()).contains("nightly  acme").contains("COMPLETED");
		assertThat(executions.output()).doesNotContain("Embedded MariaDB on port"); // attached, started nothing
	}

	@Test
	@Order(5)
	void homeFilesAreOwnerOnly() throws Exception {
		for (Path path : List.of(home, home.resolve("run"), home.resolve("mariadb"), home.resolve("mariadb/files"))) {
			assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(path))).as(path.toString()).isEqualTo("rwx------");
		}
		for (Path path : List.of(home.resolve("credentials.properties"), home.resolve("reader.cnf"), home.resolve(
				"run/stack.properties"))) {
			assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(path))).as(path.toString()).isEqualTo("rw-------");
		}
		assertThat(stack.stackFile().getProperty("database.socket")).startsWith(home.toString());
		assertThat(Files.readString(home.resolve("credentials.properties"))).doesNotContain("password=\n");
		assertThat(String.join("\n", stack.process().lines())).doesNotContain(stack.credentials().getProperty("owner.password"),
				stack.credentials().getProperty("reader.password"), stack.credentials().getProperty("s3.secret-key"));
	}

	private static Direct direct(String sql) throws Exception {
		try (Connection reader = stack.reader("&allowMultiQueries=true&allowLocalInfile=true");
				Statement statement = reader.createStatement()) {
			statement.setQueryTimeout(2);
			try {
				statement.execute(sql);
				return Direct.RUNS;
			}
			catch (SQLException ex) {
				return List.of(1044, 1045, 1142, 1143, 1227, 1370).contains(ex.getErrorCode()) ? Direct.DENIED : Direct.ERROR;
			}
		}
	}

	private static void assertNothingWritten(Hostile hostile) throws IOException {
		try (var files = Files.list(writes)) {
			assertThat(files.toList()).as("files written by " + hostile.sql()).isEmpty();
		}
	}

	/** Each table of both schemas (row count and checksum), each account's grants and the server's log settings. */
	private static Map<String, String> state() throws Exception {
		Map<String, String> state = new TreeMap<>();
		try (Connection owner = stack.owner("touchpoint"); Statement statement = owner.createStatement()) {
			List<String> tables = new ArrayList<>();
			try (ResultSet rs = statement.executeQuery("SELECT CONCAT(TABLE_SCHEMA, '.', TABLE_NAME) FROM information_schema.TABLES "
					+ "WHERE TABLE_SCHEMA IN ('touchpoint', 'touchpoint_meta') ORDER BY 1")) {
				while (rs.next()) {
					tables.add(rs.getString(1));
				}
			}
			for (String table : tables) {
				try (ResultSet rs = statement.executeQuery("CHECKSUM TABLE " + table)) {
					rs.next();
					String checksum = rs.getString(2);
					try (ResultSet count = statement.executeQuery("SELECT COUNT(*) FROM " + table)) {
						count.next();
						state.put(table, count.getLong(1) + " rows, checksum " + checksum);
					}
				}
			}
			try (ResultSet rs = statement.executeQuery("SELECT @@global.general_log, @@global.general_log_file, "
					+ "@@global.secure_file_priv, @@global.max_statement_time")) {
				rs.next();
				state.put("server", rs.getString(1) + " " + rs.getString(2) + " " + rs.getString(3) + " " + rs.getString(4));
			}
		}
		return state;
	}
}
