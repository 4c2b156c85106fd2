package io.touchpoint.jobs.cli;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

import io.touchpoint.jobs.config.InvalidConfigurationException;
import io.touchpoint.jobs.embedded.EmbeddedCredentials;
import io.touchpoint.jobs.embedded.EmbeddedLibraries;
import io.touchpoint.jobs.embedded.EmbeddedStack;
import io.touchpoint.jobs.embedded.ReaderOptionsFile;
import io.touchpoint.jobs.embedded.ResidentStack;

/** {@code touchpoint up}: the embedded default as a resident stack that every other command attaches to. */
@Command(name = "up", mixinStandardHelpOptions = true,
		description = { "Start the embedded MariaDB and S3 servers on the home and keep them until SIGTERM, Ctrl-C or",
				"touchpoint down. Every other command on the home attaches to them instead of starting its own,",
				"so commands answer in a few seconds and several can run at once (two runs of one night are still",
				"refused). It prints the JDBC URL, a mariadb client command for the read-only account, and the",
				"S3 endpoint; the passwords stay in <home>/credentials.properties (owner-only)." },
		footer = { "", "Examples:", "  ./touchpoint up &                 # then, in the same or another shell:",
				"  ./touchpoint executions", "  ./touchpoint down",
				"", "touchpoint scheduler on the embedded default keeps a resident stack too.",
				"", "Exit codes: 143 (SIGTERM, touchpoint down) or 130 (Ctrl-C) once both servers have stopped, 1 failed to",
				"start, 2 a stack already runs on the home or a warehouse is configured (nothing to start)." })
final class UpCommand implements Callable<Integer> {

	@ParentCommand
	private TouchpointCli root;

	@Spec
	private CommandSpec spec;

	@Override
	public Integer call() throws InterruptedException {
		EmbeddedLibraries.require("touchpoint up serves the embedded default");
		Path home = root.home().toAbsolutePath().normalize();
		ResidentStack running = ResidentStack.read(home);
		if (running != null) {
			throw new InvalidConfigurationException("A resident stack already runs on " + home + " (pid " + running.pid()
					+ ", database " + running.jdbcUrl(EmbeddedStack.WAREHOUSE_DB) + "). Stop it with touchpoint down.");
		}
		try (Session session = root.session(true, List.of("touchpoint.embedded.resident=true"))) {
			EmbeddedStack stack = session.beanIfAny(EmbeddedStack.class);
			if (stack == null) {
				throw new InvalidConfigurationException("touchpoint up serves the embedded default, and touchpoint.warehouse.url "
						+ "is set: there is nothing to start. Commands use the configured databases directly.");
			}
			ResidentStack where = stack.resident();
			if (where == null) {
				throw new InvalidConfigurationException("A resident stack already runs on " + home + ": stop it with touchpoint down.");
			}
			print(spec.commandLine().getOut(), home, where, session.endpoints().bucket());
			session.awaitClose();
			return TouchpointCli.OK;
		}
	}

	static void print(PrintWriter out, Path home, ResidentStack where, String bucket) {
		Path credentials = home.resolve("credentials.properties");
		Path client = home.resolve("mariadb/base/bin/mariadb");
		out.println("Touchpoint stack up on " + home + " (pid " + where.pid() + "); stop it with Ctrl-C, SIGTERM or "
				+ "touchpoint down.");
		out.println("  warehouse  " + where.jdbcUrl(EmbeddedStack.WAREHOUSE_DB) + "  (jobs: user '" + EmbeddedCredentials.OWNER
				+ "'; read-only: user '" + EmbeddedCredentials.READER + "', SELECT on this schema only)");
		out.println("  analysts   " + (Files.isExecutable(client) ? client : "mariadb") + " --defaults-extra-file="
				+ ReaderOptionsFile.of(home) + "   (the read-only account)");
		out.println("  S3         http://127.0.0.1:" + where.s3Port() + "  bucket " + bucket + ", access key "
				+ EmbeddedCredentials.S3_ACCESS_KEY);
		if (where.brokerPort() > 0) {
			out.println("  broker     tcp://127.0.0.1:" + where.brokerPort() + "  (Artemis, user 'touchpoint': normalize partitions for "
					+ "touchpoint worker)");
		}
		out.println("  secrets    " + credentials + " (owner-only; never printed)");
		out.println("Other commands on this home now attach to this stack.");
		out.flush();
	}
}
