package io.touchpoint.jobs.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;
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
		Process demo = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp",
				System.getProperty("java.class.path"), "io.touchpoint.jobs.TouchpointApplication", "--home",
				interrupted.toString(), "demo", "--contacts", "30", "--verbose") // the log on the console: its "fetch b3-"
			.redirectErrorStream(true)
			.start();
		Output output = Output.drain(demo, "fetch b3-");
		assertThat(output.seen().await(3, TimeUnit.MINUTES)).as("the third night started:\n%s", output).isTrue();

		// when
		demo.destroy();

		// then
		assertThat(demo.waitFor(60, TimeUnit.SECONDS)).as("the JVM exits after SIGTERM").isTrue();
		assertThat(ProcessHandle.allProcesses()
			.filter(p -> p.info().commandLine().orElse("").contains(interrupted.resolve("mariadb").toString()))
			.toList()).as("no MariaDB server left running").isEmpty();
		try (HomeLock lock = HomeLock.tryAcquire(interrupted)) {
			assertThat(lock).isNotNull();
		}

		// when the demo runs again, and once more on a home that was never interrupted
		Result again = cli("--home", interrupted.toString(), "demo", "--contacts", "30");
		assertThat(again.code()).as(again.toString()).isZero();
		Path clean = dir.resolve("clean");
		Result cleanDemo = cli("--home", clean.toString(), "demo", "--contacts", "30");
		assertThat(cleanDemo.code()).as(cleanDemo.toString()).isZero();

		// then both homes hold the same data
		String afterInterruption = cli("--home", interrupted.toString(), "query", "--format", "csv", TOTALS).out();
		String neverInterrupted = cli("--home", clean.toString(), "query", "--format", "csv", TOTALS).out();
		assertThat(afterInterruption).isEqualTo(neverInterrupted).contains("purchases,money");
		assertThat(cli("--home", interrupted.toString(), "executions", "--status", "FAILED").out())
			.as("the interrupted night left a failed execution, then completed").contains("nightly");
	}

	/** Everything the child prints, read by a thread; {@code seen} opens when a line contains the text. */
	private record Output(StringBuffer text, CountDownLatch seen) {

		static Output drain(Process process, String awaited) {
			Output output = new Output(new StringBuffer(), new CountDownLatch(1));
			Thread reader = new Thread(() -> {
				try (BufferedReader lines = new BufferedReader(new InputStreamReader(process.getInputStream()))) {
					for (String line = lines.readLine(); line != null; line = lines.readLine()) {
						output.text().append(line).append('\n');
						if (line.contains(awaited)) {
							output.seen().countDown();
						}
					}
				}
				catch (IOException ex) {
					output.text().append("(output ended: ").append(ex.getMessage()).append(")\n");
				}
			}, "demo-output");
			reader.setDaemon(true);
			reader.start();
			return output;
		}

		@Override
		public String toString() {
			return text.toString();
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
