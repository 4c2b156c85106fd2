package io.touchpoint.readers;

import org.jspecify.annotations.Nullable;

/**
 * A whole file that cannot be read: bytes that are not valid in the declared encoding, a
 * truncated gzip stream, a quote that is never closed, a broken header.
 *
 * <p>It is not skippable: the step fails and the message tells the person what to do, usually
 * "re-export the file or replace it in the inbox, then restart the execution". The message
 * starts with the file's display name and, when known, the line.
 */
public class MalformedFileException extends RuntimeException {

	private static final long serialVersionUID = 1L;

	private final String file;
	private final long line;
	private final String reason;

	/**
	 * @param file    the display name of the file (inbox-relative path)
	 * @param line    the 1-based line where the problem is, or 0 when it is not tied to a line
	 * @param message what is wrong and what to do about it
	 */
	public MalformedFileException(String file, long line, String message) {
		this(file, line, message, null);
	}

	/**
	 * @param file    the display name of the file (inbox-relative path)
	 * @param line    the 1-based line where the problem is, or 0 when it is not tied to a line
	 * @param message what is wrong and what to do about it
	 * @param cause   the underlying exception
	 */
	public MalformedFileException(String file, long line, String message, @Nullable Throwable cause) {
		super(file + (line > 0 ? " line " + line : "") + ": " + message, cause);
		this.file = file;
		this.line = line;
		this.reason = message;
	}

	public String file() {
		return file;
	}

	/** The 1-based line where the problem is, or 0 when it is not tied to a line. */
	public long line() {
		return line;
	}

	/** The message without the file and line prefix. */
	public String reason() {
		return reason;
	}
}
