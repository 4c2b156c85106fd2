package io.touchpoint.jobs.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.touchpoint.jobs.embedded.HomeLock;

/**
 * SIGTERM (what Ctrl-C and a service manager send) in the middle of {@code touchpoint demo}, in a real
 * separate JVM: both embedded servers stop, the home lock is released, and the next {@code demo}
 * finishes the interrupted night so that the home ends equal to one whose demo was never interrupted.
 */
class GracefulShutdownIntegrationTests {

	private static final String TOTALS = "SELECT (SELECT COUNT(*) FROM purchases) AS purchases, "
			+ "(SELECT SUM(amount_minor) FROM purchases) AS money, (SELECT COUNT(*) FROM tag_applications) AS tags, "
			+ "(SELECT COUNT(*) FROM touchpoints) AS touches, (SELECT COUNT(*) FROM quarantine) AS quarantined, "
			+ "(SELECT COUNT(*) FROM contacts) AS contacts, (SELECT SUM(lift_minor) FROM touchpoint_value) AS lift";

	@Test
	void sigtermStopsTheServersAndTheNextDemoFinishesTheNightExactlyOnce(@TempDir Path dir) throws Exception {
		// given a demo running in its own JVM
		Path interrupted = dir.resolve("interrupted");
		Path log = dir.resolve("demo.log");
		Process demo = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp",
				System.getProperty("java.class.path"), "io.touchpoint.jobs.TouchpointApplication", "--home",
				interrupted.toString(), "demo", "--contacts", "30")
			.redirectErrorStream(true)
			.redirectOutput(log.toFile())
			.start();
		waitFor(log, "fetch b3-", Duration.ofMinutes(3));

		// when
		demo.destroy();

		// then
		assertThat(demo.waitFor(60, TimeUnit.SECONDS)).as("the JVM exits after SIGTERM").isTrue();
		assertThat(ProcessHandle.allProcesses()
			.filter(p -> p.info().commandLine().orElse("").contains(interrupted.resolve("mariadb").toString()))
			.toList()).as("no MariaDB server left running").isEmpty();
		try (HomeLock lock = HomeLock.acquire(interrupted, Duration.ZERO)) {
			assertThat(lock).isNotNull();
		}

		// when the demo runs again, and once more on a home that was never interrupted
		assertThat(cli("--home", interrupted.toString(), "demo", "--contacts", "30").code()).isZero();
		Path clean = dir.resolve("clean");
		assertThat(cli("--home", clean.toString(), "demo", "--contacts", "30").code()).isZero();

		// then both homes hold the same data
		String afterInterruption = cli("--home", interrupted.toString(), "query", "--format", "csv", TOTALS).out();
		String neverInterrupted = cli("--home", clean.toString(), "query", "--format", "csv", TOTALS).out();
		assertThat(afterInterruption).isEqualTo(neverInterrupted).contains("purchases,money");
		assertThat(cli("--home", interrupted.toString(), "executions", "--status", "FAILED").out())
			.as("the interrupted night left a failed execution, then completed").contains("nightly");
	}

	private static void waitFor(Path log, String text, Duration timeout) throws Exception {
		Instant deadline = Instant.now().plus(timeout);
		while (!(Files.exists(log) && Files.readString(log).contains(text))) {
			if (Instant.now().isAfter(deadline)) {
				throw new AssertionError("'" + text + "' never appeared in the demo's output:\n" + Files.readString(log));
			}
			Thread.sleep(50);
		}
	}

	private static Result cli(String... args) {
		StringWriter out = new StringWriter();
		StringWriter err = new StringWriter();
		int code = TouchpointCli.commandLine(new PrintWriter(out, true), new PrintWriter(err, true)).execute(args);
		return new Result(code, out.toString(), err.toString());
	}

	record Result(int code, String out, String err) {
		@Override
		public String toString() {
			return "exit " + code + "\n" + out + err;
		}
	}

}
