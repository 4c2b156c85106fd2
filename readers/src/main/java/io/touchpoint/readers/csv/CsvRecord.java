package io.touchpoint.readers.csv;

import java.util.Objects;

import org.jspecify.annotations.Nullable;

import io.touchpoint.readers.SourceRecord;

/**
 * One CSV record: its values, the header that names them, and where it is in the file.
 *
 * <p>{@link #rawText()} is the logical record as it was in the file, embedded line breaks
 * included and the final terminator excluded; {@link #line()} is the line on which it starts.
 * Values are not trimmed: a mapping decides what blank means.
 */
public final class CsvRecord implements SourceRecord {

	private final String source;
	private final String file;
	private final long line;
	private final String rawText;
	private final CsvHeader header;
	private final String[] values;

	/**
	 * @param source  the source the file belongs to
	 * @param file    the display name of the file
	 * @param line    the line on which the record starts
	 * @param rawText the record's original text
	 * @param header  the file's header
	 * @param values  the field values, one per header column
	 */
	public CsvRecord(String source, String file, long line, String rawText, CsvHeader header, String[] values) {
		this(source, file, line, rawText, header, values.clone(), true);
	}

	/** For the reader, which hands over an array it never touches again: no copy. */
	CsvRecord(String source, String file, long line, String rawText, CsvHeader header, String[] values,
			boolean owned) {
		this.source = source;
		this.file = file;
		this.line = line;
		this.rawText = rawText;
		this.header = Objects.requireNonNull(header, "header");
		this.values = values;
	}

	/** The value of the column, or null when the header has no such column. */
	public @Nullable String get(String column) {
		int index = header.indexOf(column);
		return index < 0 || index >= values.length ? null : values[index];
	}

	/** The value at a 0-based index. */
	public String get(int index) {
		return values[index];
	}

	/** Whether the header has the column. */
	public boolean has(String column) {
		return header.indexOf(column) >= 0;
	}

	public CsvHeader header() {
		return header;
	}

	/** A copy of the field values, in file order. */
	public String[] values() {
		return values.clone();
	}

	@Override
	public String source() {
		return source;
	}

	@Override
	public String file() {
		return file;
	}

	@Override
	public long line() {
		return line;
	}

	@Override
	public String rawText() {
		return rawText;
	}

	@Override
	public String toString() {
		return file + " line " + line + ": " + rawText;
	}
}
