package io.touchpoint.jobs.embedded;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;

/**
 * Owner-only folders and files of the embedded default, enforced by the file system: folders 0700, files
 * 0600, written under a temporary name and moved into place so a reader never sees half a file.
 */
final class OwnerOnly {

	static final Set<PosixFilePermission> FOLDER = PosixFilePermissions.fromString("rwx------");

	static final Set<PosixFilePermission> FILE = PosixFilePermissions.fromString("rw-------");

	private OwnerOnly() {
	}

	/** Creates {@code folder} (and its parents) if needed and makes it owner-only. */
	static Path folder(Path folder) throws IOException {
		Files.createDirectories(folder);
		Files.setPosixFilePermissions(folder, FOLDER);
		return folder;
	}

	/** Writes {@code text} to {@code file}, readable and writable by its owner only. */
	static void write(Path file, String text) throws IOException {
		Path temporary = file.resolveSibling(file.getFileName() + ".tmp");
		Files.deleteIfExists(temporary);
		Files.createFile(temporary, PosixFilePermissions.asFileAttribute(FILE));
		Files.writeString(temporary, text, StandardCharsets.UTF_8);
		Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
	}
}
