package io.touchpoint.readers.inbox;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

import org.jspecify.annotations.Nullable;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * Where source files arrive: a local folder or an S3 prefix, laid out as
 * {@code {root}/{source}/...}.
 *
 * <p>{@link #list()} returns every regular file under a source folder, sorted by path; files
 * directly in the root, hidden files and folders (name starting with {@code .}) and S3 directory
 * markers are ignored. A path with a {@code ..} segment or a backslash is refused with an
 * {@link IllegalArgumentException} naming it. {@link #open(InboxFile)} returns the raw bytes,
 * without decompressing.
 */
public interface Inbox {

	/** Every file under a source folder, sorted by {@link InboxFile#path()}. */
	List<InboxFile> list();

	/** Opens the raw bytes of a listed file (no decompression). */
	InputStream open(InboxFile file) throws IOException;

	/**
	 * Opens the raw bytes of a listed file from byte {@code from} on (a range of a file read on its own); by
	 * default by skipping the bytes before it.
	 */
	default InputStream open(InboxFile file, long from) throws IOException {
		InputStream in = open(file);
		try {
			in.skipNBytes(from);
		}
		catch (IOException | RuntimeException e) {
			in.close();
			throw e;
		}
		return in;
	}

	/** Where this inbox looks, for messages: a folder path or an {@code s3://} location. */
	String describe();

	/**
	 * The inbox at a location: a local folder path, a {@code file:} URI or
	 * {@code s3://bucket/prefix}.
	 *
	 * @param location where the inbox is
	 * @param s3       the client for an {@code s3://} location; not needed for a local one
	 */
	static Inbox of(@Nullable String location, @Nullable S3Client s3) {
		if (location == null || location.isBlank()) {
			throw new IllegalArgumentException("the inbox location is empty; set it to a folder, a file: URI"
					+ " or s3://bucket/prefix");
		}
		String trimmed = location.trim();
		String lower = trimmed.toLowerCase(Locale.ROOT);
		if (lower.startsWith("s3://")) {
			if (s3 == null) {
				throw new IllegalArgumentException("the inbox " + trimmed + " is on S3 but no S3 client was given;"
						+ " configure S3 access, then restart");
			}
			return S3Inbox.at(s3, trimmed);
		}
		if (lower.startsWith("file:")) {
			return new LocalInbox(Path.of(URI.create(trimmed)));
		}
		if (lower.matches("^[a-z][a-z0-9+.-]*://.*")) {
			throw new IllegalArgumentException("the inbox location '" + trimmed + "' has an unsupported scheme;"
					+ " use a folder path, a file: URI or s3://bucket/prefix");
		}
		return new LocalInbox(Path.of(trimmed));
	}
}
