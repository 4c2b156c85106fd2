package io.touchpoint.jobs.embedded;

import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Properties;

import org.jspecify.annotations.Nullable;

/**
 * The embedded default's secrets, made at random when the database's accounts are created and kept in
 * {@code <home>/credentials.properties} (mode 0600, in the owner-only home): the password of the owner
 * account the jobs use ({@value #OWNER}: every privilege on the warehouse and metadata schemas, nothing
 * global), of the {@value #READER} account ({@code SELECT} on the warehouse schema only, used by
 * {@code touchpoint query} and analysts' SQL tools), and the S3 server's secret key. {@link #toString()}
 * shows no secret.
 */
public record EmbeddedCredentials(String ownerPassword, String readerPassword, String s3Secret) {

	public static final String OWNER = "touchpoint";

	public static final String READER = "reader";

	public static final String S3_ACCESS_KEY = "touchpoint";

	static final String FILE = "credentials.properties";

	/** New random secrets (128 bits each). */
	static EmbeddedCredentials random() {
		SecureRandom random = new SecureRandom();
		return new EmbeddedCredentials(secret(random), secret(random), secret(random));
	}

	private static String secret(SecureRandom random) {
		byte[] bytes = new byte[16];
		random.nextBytes(bytes);
		return HexFormat.of().formatHex(bytes);
	}

	/** The credentials kept in {@code home}, or null when there are none (a new home, or one made by an older release). */
	static @Nullable EmbeddedCredentials load(Path home) {
		Path file = home.resolve(FILE);
		if (!Files.isRegularFile(file)) {
			return null;
		}
		try {
			Properties properties = new Properties();
			properties.load(new StringReader(Files.readString(file)));
			String owner = properties.getProperty("owner.password");
			String reader = properties.getProperty("reader.password");
			String s3 = properties.getProperty("s3.secret-key");
			return owner == null || reader == null || s3 == null ? null : new EmbeddedCredentials(owner, reader, s3);
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot read " + file + " (" + ex.getMessage() + "): it must be readable by "
					+ "the user that runs touchpoint", ex);
		}
	}

	/** Keeps these credentials in {@code home}, owner-only. */
	void save(Path home) throws IOException {
		OwnerOnly.write(home.resolve(FILE), """
				# The embedded default's accounts (created by touchpoint; owner-only). Delete this file with the stack
				# stopped to create the accounts again with new passwords.
				owner.user=%s
				owner.password=%s
				reader.user=%s
				reader.password=%s
				s3.access-key=%s
				s3.secret-key=%s
				""".formatted(OWNER, ownerPassword, READER, readerPassword, S3_ACCESS_KEY, s3Secret));
	}

	@Override
	public String toString() {
		return "EmbeddedCredentials[****]";
	}
}
