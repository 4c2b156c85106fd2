package io.touchpoint.readers.csv;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.Charset;

import org.jspecify.annotations.Nullable;
import org.springframework.batch.infrastructure.item.ExecutionContext;

import io.touchpoint.readers.AbstractRecordFileReader;
import io.touchpoint.readers.IoSupplier;
import io.touchpoint.readers.MalformedFileException;
import io.touchpoint.readers.MalformedRecordException;

/**
 * Reads an RFC 4180 CSV file record by record, keeping each record's start line and raw text.
 *
 * <p>The input is gunzipped when it starts with the gzip magic bytes and decoded strictly in the
 * given charset. The first record is the header. A quoted field may contain separators,
 * {@code ""} for a quote, and line breaks (LF, CRLF or CR), so one record can span several
 * lines. Blank lines are skipped.
 *
 * <p>Errors: a record whose field count differs from the header's throws a
 * {@link MalformedRecordException} (skippable; the next {@code read()} returns the next record).
 * A file that cannot be read — no header, bytes invalid in the charset, a truncated gzip
 * stream, a quote never closed, a record longer than {@link #setMaxRecordChars(int)} — throws a
 * {@link MalformedFileException} naming the file and line.
 *
 * <p>Restart: {@link #update(ExecutionContext)} saves under {@code name + ".records"} how many
 * records were returned or thrown as malformed so far (the header and blank lines not counted).
 * {@link #open(ExecutionContext)} with a saved count reads the file again from the start and
 * discards that many records, which is simple and exact as long as the file is unchanged.
 */
public class CsvRecordReader extends AbstractRecordFileReader<CsvRecord> {

	private final char separator;
	private final Rfc4180 quotes;
	private @Nullable CsvHeader header;

	/**
	 * @param source    the source the file belongs to
	 * @param file      the display name of the file (inbox-relative path)
	 * @param opener    opens the raw bytes; called again on every {@link #open(ExecutionContext)}
	 * @param charset   the file's encoding
	 * @param separator the field separator, usually {@code ','}
	 */
	public CsvRecordReader(String source, String file, IoSupplier<InputStream> opener, Charset charset,
			char separator) {
		this(source, file, opener, charset, separator, DEFAULT_MAX_RECORD_CHARS);
	}

	/**
	 * @param source         the source the file belongs to
	 * @param file           the display name of the file (inbox-relative path)
	 * @param opener         opens the raw bytes; called again on every open
	 * @param charset        the file's encoding
	 * @param separator      the field separator, usually {@code ','}
	 * @param maxRecordChars the longest record accepted, in characters
	 */
	public CsvRecordReader(String source, String file, IoSupplier<InputStream> opener, Charset charset,
			char separator, int maxRecordChars) {
		super("csv", source, file, opener, charset);
		if (separator == Rfc4180.QUOTE || separator == '\n' || separator == '\r') {
			throw new IllegalArgumentException("the CSV separator cannot be a quote or a line break");
		}
		this.separator = separator;
		this.quotes = new Rfc4180(separator);
		setMaxRecordChars(maxRecordChars);
	}

	/** The header; read by {@link #open(ExecutionContext)} or the first {@link #read()}. */
	public CsvHeader header() {
		if (header == null && awaitsOpen()) {
			open(new ExecutionContext());
		}
		return header;
	}

	/**
	 * Splits the record into its values.
	 *
	 * @throws MalformedRecordException when the record's field count differs from the header's
	 */
	@Override
	protected CsvRecord toRecord(String text, long line) {
		String[] values = Rfc4180.split(text, separator);
		if (values.length != header.size()) {
			throw new MalformedRecordException(source(), file(), line, text,
					"expected " + header.size() + " fields, found " + values.length);
		}
		return new CsvRecord(source(), file(), line, text, header, values, true);
	}

	/** A record goes on while a quoted field is open. */
	@Override
	protected boolean recordContinues(CharSequence record, int lineStart, int lineEnd) {
		if (lineStart == 0) {
			quotes.reset();
		}
		quotes.scan(record, lineStart, lineEnd);
		return quotes.insideQuotes();
	}

	@Override
	protected String tooLongReason(int maxRecordChars) {
		return "the record starting on this line is longer than " + maxRecordChars + " characters, usually because"
				+ " a quote is never closed; fix the file or re-export it, then restart the execution";
	}

	@Override
	protected String unfinishedReason() {
		return "a quoted field opened in the record starting on this line is never closed (the file ends inside"
				+ " quotes); fix the quoting or re-export the file, then restart the execution";
	}

	@Override
	protected void forgetPreamble() {
		header = null;
	}

	/** Reads the header: the first non-blank record. */
	@Override
	protected void readPreamble() throws IOException {
		String names = nextRecord();
		if (names == null) {
			throw new MalformedFileException(file(), 0, "the file is empty (no header line); re-export the file"
					+ " or replace it in the inbox, then restart the execution");
		}
		header = CsvHeader.of(file(), recordLine(), Rfc4180.split(names, separator));
	}

	/** The count is saved once the header is read, even after a failed restart or a close. */
	@Override
	protected boolean hasPosition() {
		return header != null;
	}
}
