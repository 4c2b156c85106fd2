package io.touchpoint.jobs.support;

import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Map;
import java.util.Properties;
import java.util.function.Predicate;

/**
 * A home whose resident stack runs in a separate JVM ({@code touchpoint up} or {@code scheduler}), with what a
 * test needs to look at it from outside: the port and socket it published, and connections as its accounts, with
 * the passwords read from the home's owner-only credentials file as its owner would.
 */
public final class ResidentHome {

	private final Path home;

	private final ChildCli process;

	private ResidentHome(Path home, ChildCli process) {
		this.home = home;
		this.process = process;
	}

	/** Runs {@code touchpoint --home HOME <args>} and waits until a line {@code ready} accepts has been printed. */
	public static ResidentHome start(Path home, Predicate<String> ready, String... args) throws InterruptedException {
		String[] all = new String[args.length + 2];
		all[0] = "--home";
		all[1] = home.toString();
		System.arraycopy(args, 0, all, 2, args.length);
		ChildCli process = ChildCli.start(Map.of(), line -> false, 0, all);
		process.awaitLine(ready, java.time.Duration.ofMinutes(4)); // a hang guard, not a wait for time
		return new ResidentHome(home, process);
	}

	public ChildCli process() {
		return process;
	}

	public Properties stackFile() throws Exception {
		return properties(home.resolve("run/stack.properties"));
	}

	public Properties credentials() throws Exception {
		return properties(home.resolve("credentials.properties"));
	}

	public int port() throws Exception {
		return Integer.parseInt(stackFile().getProperty("database.port"));
	}

	/** A connection to {@code schema} as the owner account the jobs use. */
	public Connection owner(String schema) throws Exception {
		return connect(schema, credentials().getProperty("owner.user"), credentials().getProperty("owner.password"), "");
	}

	/** A connection to the warehouse as the SELECT-only reader, with extra driver options ({@code &a=b}). */
	public Connection reader(String options) throws Exception {
		return connect("touchpoint", credentials().getProperty("reader.user"), credentials().getProperty("reader.password"),
				options);
	}

	private Connection connect(String schema, String user, String password, String options) throws Exception {
		try {
			return DriverManager.getConnection("jdbc:mariadb://127.0.0.1:" + port() + "/" + schema + "?user=" + user
					+ "&password=" + password + options);
		}
		catch (SQLException ex) {
			throw new AssertionError("cannot connect as " + user + ": " + ex.getMessage(), ex);
		}
	}

	private static Properties properties(Path file) throws Exception {
		Properties properties = new Properties();
		properties.load(new StringReader(Files.readString(file)));
		return properties;
	}
}
