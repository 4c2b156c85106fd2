package io.touchpoint.jobs.embedded;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An exclusive OS file lock on {@code <home>/touchpoint.lock}, so that two processes never run the
 * embedded servers on one data folder. {@link EmbeddedStack#open} tries it, attaches to a resident stack
 * its holder serves, or waits up to a deadline and refuses with {@link #inUse}, which names the holder. The OS
 * releases the lock when the holder dies, even on SIGKILL.
 */
public final class HomeLock implements AutoCloseable {

	private static final Logger log = LoggerFactory.getLogger(HomeLock.class);

	private final FileChannel channel;

	private final @Nullable FileLock lock;

	private HomeLock(FileChannel channel, FileLock lock) {
		this.channel = channel;
		this.lock = lock;
	}

	/** Takes the lock if it is free at once, else returns null. */
	public static @Nullable HomeLock tryAcquire(Path home) {
		Path file = home.resolve("touchpoint.lock");
		try {
			Files.createDirectories(home);
			FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ,
					StandardOpenOption.WRITE);
			FileLock lock = tryLock(channel);
			if (lock == null) {
				channel.close();
				return null;
			}
			String owner = ProcessHandle.current().pid() + " since " + Instant.now() + "\n";
			channel.truncate(0);
			channel.write(ByteBuffer.wrap(owner.getBytes(StandardCharsets.UTF_8)), 0);
			channel.force(false);
			return new HomeLock(channel, lock);
		}
		catch (IOException ex) {
			throw new IllegalStateException("Cannot lock the home folder " + home.toAbsolutePath() + ": " + ex.getMessage(), ex);
		}
	}

	/** The refusal when the lock stayed held: names the holder. */
	public static HomeInUseException inUse(Path home) {
		String holder;
		try {
			holder = Files.readString(home.resolve("touchpoint.lock")).trim();
		}
		catch (IOException ex) {
			holder = "?";
		}
		return new HomeInUseException("Another touchpoint process (pid " + holder + ") is using the home folder "
				+ home.toAbsolutePath() + " and serves no resident stack. Wait for it to finish, use another --home, or "
				+ "keep a stack running with touchpoint up so that commands share it.");
	}

	/** Sleeps a quarter of a second between tries. */
	static void pause(Path home) {
		try {
			Thread.sleep(250);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new HomeInUseException("Interrupted while waiting for the home folder " + home.toAbsolutePath());
		}
	}

	private static @Nullable FileLock tryLock(FileChannel channel) throws IOException {
		try {
			return channel.tryLock();
		}
		catch (java.nio.channels.OverlappingFileLockException ex) {
			return null; // held by this same JVM
		}
	}

	@Override
	public void close() {
		try {
			lock.release();
			channel.close();
		}
		catch (IOException ex) {
			log.debug("Releasing the home lock failed", ex);
		}
	}

	/** The home folder is locked by another live process. */
	public static final class HomeInUseException extends RuntimeException {

		public HomeInUseException(String message) {
			super(message);
		}
	}
}
