package io.touchpoint.readers.text;

import java.io.Closeable;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.Objects;
import java.util.zip.ZipException;

import io.touchpoint.readers.IoSupplier;
import io.touchpoint.readers.MalformedFileException;

/**
 * Reads the physical lines of a file one by one, numbering them, for the record readers.
 *
 * <p>Lines end with LF, CRLF or a lone CR; the last line may have no terminator. The reader
 * appends each line with its terminator to a caller's buffer, so a record spanning several lines
 * keeps its exact text, and stops appending once a size limit is reached, so a runaway record
 * cannot exhaust memory. Problems with the bytes themselves become a
 * {@link MalformedFileException} naming the file and line: bytes that are not valid in the
 * charset, and a truncated or corrupt gzip stream.
 */
public final class NumberedLineReader implements Closeable {

	/** What {@link #appendLine(StringBuilder, int)} found. */
	public enum Status {
		/** A line was appended; see {@link #lineNumber()} and {@link #terminatorLength()}. */
		LINE,
		/** The end of the file: nothing was appended. */
		END,
		/** The line would make the buffer longer than the limit; the file cannot be read further. */
		TOO_LONG
	}

	private static final int BUFFER_CHARS = 16 * 1024;
	private static final String REEXPORT = "re-export the file or replace it in the inbox, then restart the execution";

	private final String file;
	private final Reader reader;
	private final Charset charset;
	private final char[] buffer = new char[BUFFER_CHARS];
	private int position;
	private int limit;
	private boolean endOfInput;
	private long lineNumber;
	private int terminatorLength;
	private long renumberAfter = -1;
	private long renumberOffset;

	/**
	 * @param file    the display name of the file, for messages
	 * @param reader  the decoded characters, typically from {@link TextDecoding#strictReader}
	 * @param charset the charset being decoded, for messages
	 */
	public NumberedLineReader(String file, Reader reader, Charset charset) {
		this.file = Objects.requireNonNull(file, "file");
		this.reader = Objects.requireNonNull(reader, "reader");
		this.charset = Objects.requireNonNull(charset, "charset");
	}

	/**
	 * Opens a file for line reading: gzip is decompressed when the bytes say so, and the text is
	 * decoded strictly in {@code charset}.
	 *
	 * @throws IOException            when the file cannot be opened
	 * @throws MalformedFileException when the gzip header is truncated or corrupt
	 */
	public static NumberedLineReader open(String file, IoSupplier<InputStream> opener, Charset charset)
			throws IOException {
		return open(file, opener, charset, false);
	}

	/**
	 * Like {@link #open(String, IoSupplier, Charset)}; with {@code detect}, {@code charset} is only the
	 * declared encoding and {@link EncodingDetector} chooses from the file's first bytes.
	 */
	public static NumberedLineReader open(String file, IoSupplier<InputStream> opener, Charset charset, boolean detect)
			throws IOException {
		InputStream raw = opener.get();
		if (raw == null) {
			throw new IOException(file + ": the opener returned no stream");
		}
		try {
			InputStream bytes = TextDecoding.decompressIfGzip(raw);
			Charset actual = charset;
			if (detect) {
				bytes = EncodingDetector.markable(bytes);
				actual = EncodingDetector.detect(bytes, charset);
				if (!actual.equals(charset)) {
					org.slf4j.LoggerFactory.getLogger(NumberedLineReader.class).info(
							"{}: read as {} (declared {}), as its first bytes show", file, actual, charset);
				}
			}
			return new NumberedLineReader(file, TextDecoding.strictReader(bytes, actual), actual);
		}
		catch (UncheckedIOException e) {
			closeQuietly(raw, e);
			IOException cause = e.getCause();
			if (cause instanceof EOFException || cause instanceof ZipException) {
				throw new MalformedFileException(file, 0, "the gzip stream is truncated or corrupt before the first"
						+ " line (" + cause.getMessage() + "); " + REEXPORT, cause);
			}
			throw cause;
		}
	}

	/**
	 * Appends the next physical line, with its terminator, to {@code into}.
	 *
	 * @param into     where to append
	 * @param maxChars the length {@code into} may reach; a line that would go past it is not
	 *                 appended (only part of it may be) and {@link Status#TOO_LONG} is returned
	 * @return {@link Status#LINE}, {@link Status#END} when there are no more lines, or
	 *         {@link Status#TOO_LONG}
	 * @throws MalformedFileException when the bytes are not valid in the charset, or the gzip
	 *                                stream is truncated or corrupt
	 * @throws IOException            when reading fails otherwise
	 */
	public Status appendLine(StringBuilder into, int maxChars) throws IOException {
		long current = lineNumber + 1 + (lineNumber == renumberAfter ? renumberOffset : 0);
		int lineStart = into.length();
		boolean any = false;
		while (true) {
			if (position == limit && !fill(current, into.length() - lineStart + 1, lineNumber)) {
				if (!any) {
					terminatorLength = 0;
					return Status.END;
				}
				lineNumber = current;
				terminatorLength = 0;
				return Status.LINE;
			}
			any = true;
			int end = position;
			while (end < limit && buffer[end] != '\n' && buffer[end] != '\r') {
				end++;
			}
			int chunk = end - position;
			if (chunk > 0) {
				if ((long) into.length() + chunk > maxChars) {
					lineNumber = current;
					terminatorLength = 0;
					return Status.TOO_LONG;
				}
				into.append(buffer, position, chunk);
				position = end;
			}
			if (end == limit) {
				continue;
			}
			char terminator = buffer[position++];
			into.append(terminator);
			terminatorLength = 1;
			if (terminator == '\r' && (position < limit || fill(current + 1, 1, current)) && buffer[position] == '\n') {
				position++;
				into.append('\n');
				terminatorLength = 2;
			}
			lineNumber = current;
			return Status.LINE;
		}
	}

	/**
	 * Numbers the line after line {@code afterLine} as line {@code fileLine}, and the following ones from
	 * there: for a stream made of a file's first lines (its header) and then a range of its records cut from
	 * further on, so that the records, and any error in them, keep the file's line numbers.
	 */
	public void numberLinesAfter(long afterLine, long fileLine) {
		if (afterLine < 0 || fileLine <= afterLine) {
			throw new IllegalArgumentException("line " + fileLine + " cannot follow line " + afterLine);
		}
		renumberAfter = afterLine;
		renumberOffset = fileLine - afterLine - 1;
	}

	/** The number of the last line appended (1-based); 0 before the first. */
	public long lineNumber() {
		return lineNumber;
	}

	/** The length of the last appended line's terminator: 0 (end of file), 1 (LF or CR) or 2 (CRLF). */
	public int terminatorLength() {
		return terminatorLength;
	}

	/** The display name of the file. */
	public String file() {
		return file;
	}

	@Override
	public void close() throws IOException {
		reader.close();
	}

	/**
	 * Refills the buffer; false at the end of input.
	 *
	 * @param line         the line being read, for a decoding error
	 * @param column       the column being read, for a decoding error
	 * @param lastComplete the last complete line, for a gzip error
	 */
	private boolean fill(long line, long column, long lastComplete) throws IOException {
		if (endOfInput) {
			return false;
		}
		int n;
		try {
			do {
				n = reader.read(buffer, 0, buffer.length);
			}
			while (n == 0);
		}
		catch (CharacterCodingException e) {
			throw new MalformedFileException(file, line, encodingProblem(e, column), e);
		}
		catch (EOFException | ZipException e) {
			String where = lastComplete > 0 ? "after line " + lastComplete : "before the end of the first line";
			throw new MalformedFileException(file, lastComplete, "the gzip stream is truncated or corrupt " + where
					+ " (" + e.getMessage() + "); " + REEXPORT, e);
		}
		if (n < 0) {
			endOfInput = true;
			position = 0;
			limit = 0;
			return false;
		}
		position = 0;
		limit = n;
		return true;
	}

	private String encodingProblem(CharacterCodingException e, long column) {
		String name = charset.name();
		StringBuilder message = new StringBuilder("bytes that are not valid ").append(name);
		if (e instanceof InvalidBytesException invalid) {
			message.append(" (").append(invalid.hex()).append(" at column ").append(column);
			if (charset.equals(StandardCharsets.UTF_8) && invalid.firstByte() >= 0x80) {
				message.append("; the file looks like ")
					.append(invalid.firstByte() < 0xA0 ? "Windows-1252" : "ISO-8859-1");
			}
			message.append(')');
		}
		else {
			message.append(" (column ").append(column).append(')');
		}
		return message.append("; re-export it as ").append(name)
			.append(", or declare the source's encoding, then restart").toString();
	}

	private static void closeQuietly(InputStream in, Exception failure) {
		try {
			in.close();
		}
		catch (IOException e) {
			failure.addSuppressed(e);
		}
	}
}
