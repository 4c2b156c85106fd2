package io.touchpoint.jobs.support;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;

/**
 * The Touchpoint CLI in a real separate JVM (this test JVM's java and class path), with its stdout and stderr
 * read line by line by a thread. A test can have it killed with SIGKILL ({@code destroyForcibly} on Linux) the
 * moment it prints the n-th line matching a predicate: a point counted in the run's own progress, not a delay.
 */
public final class ChildCli {

	private final Process process;

	private final List<String> lines = new ArrayList<>();

	/** Set, under the {@code lines} lock, when the child's output has ended (it exited or closed it). */
	private boolean outputEnded;

	private final Thread reader;

	private volatile String killedAt;

	private ChildCli(Process process, Predicate<String> killOn, int nth) {
		this.process = process;
		AtomicInteger seen = new AtomicInteger();
		this.reader = new Thread(() -> read(killOn, nth, seen), "child-cli-output");
		this.reader.setDaemon(true);
		this.reader.start();
	}

	/** Runs {@code args} with these extra environment variables, to its end. */
	public static ChildCli run(Map<String, String> environment, String... args) {
		return start(environment, line -> false, 0, args);
	}

	/** Starts {@code args}; SIGKILL right after the child prints the {@code nth} line that {@code killOn} accepts. */
	public static ChildCli start(Map<String, String> environment, Predicate<String> killOn, int nth, String... args) {
		List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
				"-Xmx512m", "-cp", System.getProperty("java.class.path"), "io.touchpoint.jobs.TouchpointApplication"));
		command.addAll(List.of(args));
		ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
		builder.environment().putAll(environment);
		try {
			return new ChildCli(builder.start(), killOn, nth);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private void read(Predicate<String> killOn, int nth, AtomicInteger seen) {
		var output = new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8);
		try (BufferedReader in = new BufferedReader(output)) {
			for (String line = in.readLine(); line != null; line = in.readLine()) {
				synchronized (lines) {
					lines.add(line);
					lines.notifyAll();
				}
				if (killedAt == null && killOn.test(line) && seen.incrementAndGet() == nth) {
					process.destroyForcibly();
					killedAt = line;
				}
			}
		}
		catch (IOException ex) {
			synchronized (lines) {
				lines.add("(output ended: " + ex.getMessage() + ")");
			}
		}
		finally {
			synchronized (lines) {
				outputEnded = true;
				lines.notifyAll();
			}
		}
	}

	/** Waits for the child to end (a hang guard, not a wait for time) and for its output to be read; its exit code. */
	public int exitCode(long minutes) throws InterruptedException {
		if (!process.waitFor(minutes, TimeUnit.MINUTES)) {
			process.destroyForcibly();
			throw new AssertionError("the child did not end within " + minutes + " min; its output:\n" + output());
		}
		reader.join(TimeUnit.SECONDS.toMillis(30));
		return process.exitValue();
	}

	/**
	 * Waits until the child prints a line {@code wanted} accepts, woken by each line it prints; throws with its
	 * output if its output ends first or {@code limit} (a hang guard) passes.
	 */
	public void awaitLine(Predicate<String> wanted, java.time.Duration limit) throws InterruptedException {
		long deadline = System.nanoTime() + limit.toNanos();
		synchronized (lines) {
			while (lines.stream().noneMatch(wanted)) {
				long left = deadline - System.nanoTime();
				if (outputEnded || left <= 0) {
					throw new AssertionError((outputEnded ? "the child ended" : "the child did not print it within " + limit)
							+ " before the line the test waits for; its output:\n" + String.join("\n", lines));
				}
				lines.wait(TimeUnit.NANOSECONDS.toMillis(left) + 1);
			}
		}
	}

	/** The child's process (its pid, to signal it). */
	public Process process() {
		return process;
	}

	/** The line after which the child was killed, or null if it was not. */
	public String killedAt() {
		return killedAt;
	}

	public List<String> lines() {
		synchronized (lines) {
			return List.copyOf(lines);
		}
	}

	public String output() {
		return String.join("\n", lines());
	}
}
