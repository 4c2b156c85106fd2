package io.touchpoint.jobs.embedded;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An exclusive OS file lock on {@code <home>/touchpoint.lock}, so that two processes never run the
 * embedded servers on one data folder. A second process waits up to a deadline, then refuses with a
 * message naming the holder. The OS releases the lock when the holder dies, even on SIGKILL.
 */
public final class HomeLock implements AutoCloseable {

	private static final Logger log = LoggerFactory.getLogger(HomeLock.class);

	private final FileChannel channel;

	private final FileLock lock;

	private HomeLock(FileChannel channel, FileLock lock) {
		this.channel = channel;
		this.lock = lock;
	}

	/** Takes the lock, waiting up to {@code wait}; throws {@link HomeInUseException} if still held. */
	public static HomeLock acquire(Path home, Duration wait) {
		try {
			Files.createDirectories(home);
			Path file = home.resolve("touchpoint.lock");
			FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ,
					StandardOpenOption.WRITE);
			Instant deadline = Instant.now().plus(wait);
			boolean announced = false;
			while (true) {
				FileLock lock = tryLock(channel);
				if (lock != null) {
					String owner = ProcessHandle.current().pid() + " since " + Instant.now() + "\n";
					channel.truncate(0);
					channel.write(ByteBuffer.wrap(owner.getBytes(StandardCharsets.UTF_8)), 0);
					channel.force(false);
					return new HomeLock(channel, lock);
				}
				if (Instant.now().isAfter(deadline)) {
					String holder = Files.readString(file).trim();
					channel.close();
					throw new HomeInUseException("Another touchpoint process (pid " + holder + ") is using the home folder "
							+ home.toAbsolutePath() + ". Wait for it to finish, or use another --home.");
				}
				if (!announced) {
					log.warn("Home folder {} is in use by another touchpoint process; waiting up to {} s", home.toAbsolutePath(),
							wait.toSeconds());
					announced = true;
				}
				Thread.sleep(250);
			}
		}
		catch (IOException ex) {
			throw new IllegalStateException("Cannot lock the home folder " + home.toAbsolutePath() + ": " + ex.getMessage(), ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new HomeInUseException("Interrupted while waiting for the home folder " + home.toAbsolutePath());
		}
	}

	private static FileLock tryLock(FileChannel channel) throws IOException {
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
