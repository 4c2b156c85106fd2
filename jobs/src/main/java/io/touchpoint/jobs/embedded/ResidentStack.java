package io.touchpoint.jobs.embedded;

import java.io.IOException;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Properties;

import org.jspecify.annotations.Nullable;

/**
 * Where a resident stack ({@code touchpoint up}, or {@code touchpoint scheduler} on the embedded default) serves:
 * {@code <home>/run/stack.properties}, owner-only, written once both servers accept connections and deleted when
 * the stack stops ({@code brokerPort} is 0 when it serves no message broker). Other commands on the home read it to attach instead of starting servers of their own; the
 * secrets stay in {@link EmbeddedCredentials}. A file whose process is gone (killed with SIGKILL) is ignored.
 */
public record ResidentStack(long pid, int databasePort, Path socket, int s3Port, Instant started, int brokerPort) {

	static final String FILE = "run/stack.properties";

	/** The resident stack of {@code home} whose process is alive. */
	public static @Nullable ResidentStack read(Path home) {
		Path file = home.resolve(FILE);
		try {
			if (!Files.isRegularFile(file)) {
				return null;
			}
			Properties properties = new Properties();
			properties.load(new StringReader(Files.readString(file)));
			ResidentStack stack = new ResidentStack(Long.parseLong(properties.getProperty("pid")),
					Integer.parseInt(properties.getProperty("database.port")), Path.of(properties.getProperty("database.socket")),
					Integer.parseInt(properties.getProperty("s3.port")), Instant.parse(properties.getProperty("started")),
					Integer.parseInt(properties.getProperty("broker.port", "0")));
			return ProcessHandle.of(stack.pid()).map(ProcessHandle::isAlive).orElse(false) ? stack : null;
		}
		catch (IOException | RuntimeException ex) {
			return null; // being written, or left half-written by a killed process: not a stack to attach to
		}
	}

	void write(Path home) throws IOException {
		OwnerOnly.folder(home.resolve("run"));
		OwnerOnly.write(home.resolve(FILE), """
				# The resident stack serving this home (touchpoint up / scheduler); removed when it stops.
				pid=%d
				database.port=%d
				database.socket=%s
				s3.port=%d
				started=%s
				broker.port=%d
				""".formatted(pid, databasePort, socket.toString().replace("\\", "\\\\"), s3Port, started, brokerPort));
	}

	static void delete(Path home) {
		try {
			Files.deleteIfExists(home.resolve(FILE));
		}
		catch (IOException ex) {
			// a stale file is ignored by readers once its process is gone
		}
	}

	/** The JDBC URL of a schema on this stack's database (TCP on the loopback address). */
	public String jdbcUrl(String schema) {
		return "jdbc:mariadb://127.0.0.1:" + databasePort + "/" + schema;
	}
}
