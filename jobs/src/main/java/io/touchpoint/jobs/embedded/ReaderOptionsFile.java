package io.touchpoint.jobs.embedded;

import java.io.IOException;
import java.nio.file.Path;

/**
 * {@code <home>/reader.cnf}: a MySQL/MariaDB client option file (owner-only) that connects the {@code mariadb}
 * or {@code mysql} client to a resident stack's warehouse as the SELECT-only reader, so analysts run
 * {@code mariadb --defaults-extra-file=<home>/reader.cnf} without a password on the command line.
 */
public final class ReaderOptionsFile {

	static final String FILE = "reader.cnf";

	private ReaderOptionsFile() {
	}

	static void write(Path home, ResidentStack stack, EmbeddedCredentials credentials) throws IOException {
		OwnerOnly.write(home.resolve(FILE), """
				# touchpoint's read-only account on the resident stack of this home (written by touchpoint up)
				[client]
				user=%s
				password=%s
				host=127.0.0.1
				port=%d
				database=%s
				""".formatted(EmbeddedCredentials.READER, credentials.readerPassword(), stack.databasePort(),
				EmbeddedStack.WAREHOUSE_DB));
	}

	/** The path of the option file in {@code home}. */
	public static Path of(Path home) {
		return home.resolve(FILE);
	}
}
