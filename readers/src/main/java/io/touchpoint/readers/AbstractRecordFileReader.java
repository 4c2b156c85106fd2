package io.touchpoint.readers;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.Charset;
import java.util.Objects;

import org.jspecify.annotations.Nullable;
import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.batch.infrastructure.item.ItemStreamException;
import org.springframework.batch.infrastructure.item.ItemStreamReader;

import io.touchpoint.readers.text.NumberedLineReader;

/**
 * The restartable part of a reader that turns a text file into records: opening, counting,
 * restarting and closing, and cutting the file into the text of its records.
 *
 * <p>The input is gunzipped when it starts with the gzip magic bytes and decoded strictly in the
 * given charset (see {@link NumberedLineReader}). A record is one line unless
 * {@link #recordContinues(CharSequence, int, int)} says it goes on; blank records are skipped. A
 * subclass turns the text of each record into a {@link SourceRecord} in
 * {@link #toRecord(String, long)}, throwing a {@link MalformedRecordException} for a bad one.
 * A record longer than {@link #setMaxRecordChars(int)} throws a {@link MalformedFileException}.
 *
 * <p>Restart: {@link #update(ExecutionContext)} saves under {@code name + ".records"} how many
 * records were returned or thrown as malformed so far. {@link #open(ExecutionContext)} with a
 * saved count reads the file again from the start and discards that many records, which is
 * simple and exact as long as the file is unchanged.
 *
 * @param <T> the records read
 */
public abstract class AbstractRecordFileReader<T extends SourceRecord> implements ItemStreamReader<T>, NamedStream {

	/** The default limit on one record's length, in characters. */
	public static final int DEFAULT_MAX_RECORD_CHARS = 10_000_000;

	private static final String RECORDS = "records";

	private final String source;
	private final String file;
	private final IoSupplier<InputStream> opener;
	private final Charset charset;
	private final StringBuilder buffer = new StringBuilder();
	private int maxRecordChars = DEFAULT_MAX_RECORD_CHARS;
	private boolean detectEncoding;
	private long renumberAfter = -1;
	private long renumberAs;
	private String name;
	private @Nullable NumberedLineReader lines;
	private long records;
	private long recordLine;
	private boolean opened;
	private boolean closed;

	/**
	 * The limit on a record's length starts at {@link #DEFAULT_MAX_RECORD_CHARS}; a subclass taking
	 * another sets it with {@link #setMaxRecordChars(int)} after checking its own arguments.
	 *
	 * @param name    the default name, the prefix of the keys in the {@code ExecutionContext}
	 * @param source  the source the file belongs to
	 * @param file    the display name of the file (inbox-relative path)
	 * @param opener  opens the raw bytes; called again on every {@link #open(ExecutionContext)}
	 * @param charset the file's encoding
	 */
	protected AbstractRecordFileReader(String name, String source, String file, IoSupplier<InputStream> opener,
			Charset charset) {
		this.name = name;
		this.source = Objects.requireNonNull(source, "source");
		this.file = Objects.requireNonNull(file, "file");
		this.opener = Objects.requireNonNull(opener, "opener");
		this.charset = Objects.requireNonNull(charset, "charset");
	}

	/** Sets the longest record accepted, in characters (default 10,000,000). */
	public void setMaxRecordChars(int maxRecordChars) {
		if (maxRecordChars < 1) {
			throw new IllegalArgumentException("maxRecordChars must be positive");
		}
		this.maxRecordChars = maxRecordChars;
	}

	/**
	 * With {@code true}, the charset given to the constructor is only the declared one and the file's
	 * first bytes decide (see {@link io.touchpoint.readers.text.EncodingDetector}); off by default.
	 */
	public void setDetectEncoding(boolean detectEncoding) {
		this.detectEncoding = detectEncoding;
	}

	/**
	 * Reads a stream made of the file's first {@code afterLine} lines (its header) followed by a range of its
	 * records cut further on, whose first line is the file's line {@code fileLine}: records and errors keep
	 * the file's line numbers (see {@link NumberedLineReader#numberLinesAfter(long, long)}).
	 */
	public void numberLinesAfter(long afterLine, long fileLine) {
		if (afterLine < 0 || fileLine <= afterLine) {
			throw new IllegalArgumentException("line " + fileLine + " cannot follow line " + afterLine);
		}
		this.renumberAfter = afterLine;
		this.renumberAs = fileLine;
	}

	@Override
	public void setName(String name) {
		this.name = Objects.requireNonNull(name, "name");
	}

	@Override
	public String getName() {
		return name;
	}

	/** The display name of the file. */
	public String file() {
		return file;
	}

	/**
	 * Opens the file, reads what precedes the records ({@link #readPreamble()}) and, when
	 * {@code executionContext} holds a saved count, discards that many records.
	 */
	@Override
	public void open(ExecutionContext executionContext) throws ItemStreamException {
		closeLines();
		closed = false;
		records = 0;
		forgetPreamble();
		try {
			lines = NumberedLineReader.open(file, opener, charset, detectEncoding);
			if (renumberAfter >= 0) {
				lines.numberLinesAfter(renumberAfter, renumberAs);
			}
			readPreamble();
			long saved = executionContext.getLong(key(), 0L);
			while (records < saved) {
				if (nextRecord() == null) {
					throw new MalformedFileException(file, 0, "the restart position says " + saved + " records were"
							+ " already read but the file has only " + records + "; the file changed since the"
							+ " failed run: put the original back, or start a new execution");
				}
				records++;
			}
			opened = true;
		}
		catch (IOException e) {
			closeLines();
			throw new ItemStreamException(file + ": could not open the file (" + e + "); check that it is still"
					+ " in the inbox and readable, then restart", e);
		}
		catch (RuntimeException e) {
			closeLines();
			throw e;
		}
	}

	/**
	 * The next record, or null at the end of the file; opens the file first when it is not open.
	 *
	 * @throws MalformedRecordException when the record is malformed
	 * @throws MalformedFileException   when the file cannot be read further
	 */
	@Override
	public @Nullable T read() throws IOException {
		if (lines == null) {
			if (closed) {
				throw new IllegalStateException(file + ": the reader is closed; open it before reading");
			}
			open(new ExecutionContext());
		}
		String text = nextRecord();
		if (text == null) {
			return null;
		}
		records++;
		return toRecord(text, recordLine);
	}

	/** Saves the number of records read so far under {@code name + ".records"}. */
	@Override
	public void update(ExecutionContext executionContext) throws ItemStreamException {
		if (hasPosition()) {
			executionContext.putLong(key(), records);
		}
	}

	@Override
	public void close() throws ItemStreamException {
		closeLines();
		closed = true;
	}

	/** The source the file belongs to. */
	protected final String source() {
		return source;
	}

	/** Whether the file is neither open nor closed, so that the first {@link #read()} opens it. */
	protected final boolean awaitsOpen() {
		return lines == null && !closed;
	}

	/**
	 * Turns the text of a record into a record.
	 *
	 * @param text the record's text without its final terminator; never blank
	 * @param line the 1-based line on which the record starts
	 * @throws MalformedRecordException when the record is malformed
	 */
	protected abstract T toRecord(String text, long line);

	/**
	 * Whether the record goes on at the next line. The line just appended is
	 * {@code record[lineStart, lineEnd)}, without its terminator; {@code lineStart} is 0 on a
	 * record's first line. By default a record is one line.
	 */
	protected boolean recordContinues(CharSequence record, int lineStart, int lineEnd) {
		return false;
	}

	/** What a record longer than {@code maxRecordChars} fails the file with, after the file and line. */
	protected abstract String tooLongReason(int maxRecordChars);

	/** What a file ending inside a record (see {@link #recordContinues}) fails with, after the file and line. */
	protected String unfinishedReason() {
		return "the record starting on this line is not finished at the end of the file; fix the file or re-export"
				+ " it, then restart the execution";
	}

	/** Forgets what the last {@link #readPreamble()} read; called before the file is opened again. */
	protected void forgetPreamble() {
	}

	/** Reads what precedes the records (a header) with {@link #nextRecord()}; by default nothing. */
	protected void readPreamble() throws IOException {
	}

	/** Whether {@link #update(ExecutionContext)} saves the count; by default while the file is open. */
	protected boolean hasPosition() {
		return opened;
	}

	/** The next non-blank record without its final terminator, or null at the end. */
	protected final @Nullable String nextRecord() throws IOException {
		buffer.setLength(0);
		while (true) {
			int before = buffer.length();
			NumberedLineReader.Status status = lines.appendLine(buffer, maxRecordChars);
			if (status == NumberedLineReader.Status.END) {
				if (before == 0) {
					return null;
				}
				throw new MalformedFileException(file, recordLine, unfinishedReason());
			}
			if (before == 0) {
				recordLine = lines.lineNumber();
			}
			if (status == NumberedLineReader.Status.TOO_LONG) {
				buffer.setLength(0);
				throw new MalformedFileException(file, recordLine, tooLongReason(maxRecordChars));
			}
			int end = buffer.length() - lines.terminatorLength();
			if (recordContinues(buffer, before, end)) {
				continue;
			}
			buffer.setLength(end);
			if (before == 0 && isBlank(buffer)) {
				buffer.setLength(0);
				continue;
			}
			return buffer.toString();
		}
	}

	/** The 1-based line on which the record last returned by {@link #nextRecord()} starts. */
	protected final long recordLine() {
		return recordLine;
	}

	private String key() {
		return name + "." + RECORDS;
	}

	private static boolean isBlank(CharSequence text) {
		for (int i = 0; i < text.length(); i++) {
			if (!Character.isWhitespace(text.charAt(i))) {
				return false;
			}
		}
		return true;
	}

	private void closeLines() {
		opened = false;
		if (lines == null) {
			return;
		}
		try {
			lines.close();
		}
		catch (IOException e) {
			throw new ItemStreamException(file + ": could not close the file (" + e + ")", e);
		}
		finally {
			lines = null;
		}
	}
}
