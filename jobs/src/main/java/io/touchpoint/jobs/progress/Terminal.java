package io.touchpoint.jobs.progress;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Supplier;

import org.jspecify.annotations.Nullable;

/**
 * Whether stderr is a terminal, for {@code touchpoint.progress.mode=auto}. Java has no direct test: on
 * JDK 17 to 21, {@link System#console()} is null when stdin or stdout is redirected; on Linux,
 * {@code /proc/self/fd/2} says where stderr goes ({@code /dev/pts/N} or {@code /dev/ttyN} for a terminal),
 * which catches {@code 2>file}. Elsewhere the console alone decides.
 */
public final class Terminal {

	private Terminal() {
	}

	/** This process's stderr. */
	public static boolean stderrIsTerminal() {
		return stderrIsTerminal(System::console, Path.of("/proc/self/fd/2"));
	}

	/**
	 * With {@code console} (null when stdin or stdout is redirected) and {@code stderrLink}, the link that
	 * names the file stderr writes to (absent where there is no {@code /proc}).
	 */
	static boolean stderrIsTerminal(Supplier<@Nullable Object> console, Path stderrLink) {
		if (console.get() == null) {
			return false;
		}
		String target;
		try {
			target = Files.readSymbolicLink(stderrLink).toString();
		}
		catch (IOException | UnsupportedOperationException | SecurityException ex) {
			return true;
		}
		return target.startsWith("/dev/pts/") || target.startsWith("/dev/tty");
	}
}
