package io.touchpoint.readers.inbox;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An inbox in a local folder: {@code {root}/{source}/...}.
 *
 * <p>A missing root is not an error: {@link #list()} returns nothing and logs where it looked.
 * Hidden folders are not walked. Symbolic links to files are listed; links to folders are not
 * followed.
 */
public final class LocalInbox implements Inbox {

	private static final Logger log = LoggerFactory.getLogger(LocalInbox.class);

	private final Path root;

	/** An inbox rooted at the given folder. */
	public LocalInbox(Path root) {
		this.root = root.toAbsolutePath().normalize();
	}

	/** The absolute, normalized root folder. */
	public Path root() {
		return root;
	}

	@Override
	public List<InboxFile> list() {
		if (!Files.isDirectory(root)) {
			log.warn("The inbox folder {} does not exist; there are no files to read", root);
			return List.of();
		}
		List<InboxFile> files = new ArrayList<>();
		try {
			Files.walkFileTree(root, new SimpleFileVisitor<>() {
				@Override
				public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
					Path name = dir.getFileName();
					boolean hidden = !dir.equals(root) && name != null && name.toString().startsWith(".");
					return hidden ? FileVisitResult.SKIP_SUBTREE : FileVisitResult.CONTINUE;
				}

				@Override
				public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
					String relative = relativePath(file);
					InboxPaths.requireSafe(relative, file.toString());
					if (Files.isRegularFile(file) && InboxPaths.isListed(relative)) {
						files.add(new InboxFile(InboxPaths.sourceOf(relative), relative, file.toUri().toString(),
								Files.size(file)));
					}
					return FileVisitResult.CONTINUE;
				}
			});
		}
		catch (IOException e) {
			throw new UncheckedIOException("could not list the inbox folder " + root + ": " + e.getMessage()
					+ "; check that it is readable, then restart", e);
		}
		files.sort(Comparator.comparing(InboxFile::path));
		return List.copyOf(files);
	}

	@Override
	public InputStream open(InboxFile file) throws IOException {
		InboxPaths.requireSafe(file.path(), file.path());
		Path resolved = root.resolve(file.path()).normalize();
		if (!resolved.startsWith(root)) {
			throw new IllegalArgumentException("inbox entry '" + file.path() + "' is outside the inbox " + root);
		}
		return Files.newInputStream(resolved);
	}

	@Override
	public String describe() {
		return Files.isDirectory(root) ? "local folder " + root : "local folder " + root + " (it does not exist)";
	}

	@Override
	public String toString() {
		return describe();
	}

	private String relativePath(Path file) {
		Path relative = root.relativize(file);
		List<String> names = new ArrayList<>();
		relative.forEach(p -> names.add(p.toString()));
		return String.join("/", names);
	}
}
