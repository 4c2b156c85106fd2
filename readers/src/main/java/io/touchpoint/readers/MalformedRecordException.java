package io.touchpoint.readers;

import java.util.Objects;

/**
 * One record that cannot be read (wrong number of fields, a line that is not JSON, ...).
 *
 * <p>It is skippable: the reader has already moved past the record, so the next {@code read()}
 * returns the record after it. A step configured to skip this exception records the rejected
 * record with its file, line and raw text and carries on.
 */
public class MalformedRecordException extends RuntimeException {

	private static final long serialVersionUID = 1L;

	private final String source;
	private final String file;
	private final long line;
	private final String rawText;
	private final String reason;

	/**
	 * @param source  the source the file belongs to
	 * @param file    the display name of the file (inbox-relative path)
	 * @param line    the 1-based line on which the record starts
	 * @param rawText the record's original text
	 * @param reason  what is wrong with the record, in a few words
	 */
	public MalformedRecordException(String source, String file, long line, String rawText, String reason) {
		super(file + " line " + line + ": " + reason);
		this.source = source;
		this.file = file;
		this.line = line;
		this.rawText = rawText;
		this.reason = Objects.requireNonNull(reason, "reason");
	}

	/** A malformed-record exception for the given record. */
	public static MalformedRecordException of(SourceRecord record, String reason) {
		return new MalformedRecordException(record.source(), record.file(), record.line(), record.rawText(), reason);
	}

	public String source() {
		return source;
	}

	public String file() {
		return file;
	}

	public long line() {
		return line;
	}

	public String rawText() {
		return rawText;
	}

	public String reason() {
		return reason;
	}
}
