package io.touchpoint.readers.inbox;

import java.util.Objects;

/**
 * One file waiting in an inbox.
 *
 * <p>{@code source} is the first folder under the inbox root (for example {@code stripe}),
 * {@code path} the inbox-relative path with {@code /} separators (for example
 * {@code stripe/2026/unified_payments.csv.gz}; it is also the file's display name in messages),
 * {@code uri} an absolute {@code file:} URI or {@code s3://bucket/key}, and {@code size} the
 * size in bytes as listed.
 *
 * @param source the first path segment under the inbox root
 * @param path   the inbox-relative path, {@code /}-separated
 * @param uri    an absolute {@code file:} URI or {@code s3://bucket/key}
 * @param size   the size in bytes
 */
public record InboxFile(String source, String path, String uri, long size) {

	public InboxFile {
		Objects.requireNonNull(source, "source");
		Objects.requireNonNull(path, "path");
		Objects.requireNonNull(uri, "uri");
	}

	/** The file name: the last segment of {@link #path()}. */
	public String name() {
		return path.substring(path.lastIndexOf('/') + 1);
	}
}
