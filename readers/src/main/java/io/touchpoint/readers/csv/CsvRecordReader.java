package io.touchpoint.readers.csv;

import io.touchpoint.readers.IoSupplier;
import io.touchpoint.readers.MalformedFileException;
import io.touchpoint.readers.MalformedRecordException;
import io.touchpoint.readers.NamedStream;
import io.touchpoint.readers.text.NumberedLineReader;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.Charset;
import java.util.Objects;
import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.batch.infrastructure.item.ItemStreamException;
import org.springframework.batch.infrastructure.item.ItemStreamReader;

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
public class CsvRecordReader implements ItemStreamReader<CsvRecord>, NamedStream {

    /** The default limit on one record's length, in characters. */
    public static final int DEFAULT_MAX_RECORD_CHARS = 10_000_000;

    private static final String RECORDS = "records";

    private final String source;
    private final String file;
    private final IoSupplier<InputStream> opener;
    private final Charset charset;
    private final char separator;
    private final StringBuilder buffer = new StringBuilder();
    private final Rfc4180 quotes;
    private int maxRecordChars;
    private String name = "csv";
    private NumberedLineReader lines;
    private CsvHeader header;
    private long records;
    private long recordLine;
    private boolean closed;

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
        this.source = Objects.requireNonNull(source, "source");
        this.file = Objects.requireNonNull(file, "file");
        this.opener = Objects.requireNonNull(opener, "opener");
        this.charset = Objects.requireNonNull(charset, "charset");
        if (separator == Rfc4180.QUOTE || separator == '\n' || separator == '\r') {
            throw new IllegalArgumentException("the CSV separator cannot be a quote or a line break");
        }
        this.separator = separator;
        this.quotes = new Rfc4180(separator);
        setMaxRecordChars(maxRecordChars);
    }

    /** Sets the longest record accepted, in characters (default 10,000,000). */
    public void setMaxRecordChars(int maxRecordChars) {
        if (maxRecordChars < 1) {
            throw new IllegalArgumentException("maxRecordChars must be positive");
        }
        this.maxRecordChars = maxRecordChars;
    }

    @Override
    public void setName(String name) {
        this.name = Objects.requireNonNull(name, "name");
    }

    @Override
    public String getName() {
        return name;
    }

    /** The header; read by {@link #open(ExecutionContext)} or the first {@link #read()}. */
    public CsvHeader header() {
        if (header == null && lines == null && !closed) {
            open(new ExecutionContext());
        }
        return header;
    }

    /** The display name of the file. */
    public String file() {
        return file;
    }

    /**
     * Opens the file, reads the header and, when {@code executionContext} holds a saved count,
     * discards that many records.
     */
    @Override
    public void open(ExecutionContext executionContext) throws ItemStreamException {
        closeLines();
        closed = false;
        header = null;
        records = 0;
        try {
            lines = NumberedLineReader.open(file, opener, charset);
            String names = nextRecord();
            if (names == null) {
                throw new MalformedFileException(file, 0, "the file is empty (no header line); re-export the file"
                        + " or replace it in the inbox, then restart the execution");
            }
            header = CsvHeader.of(file, recordLine, Rfc4180.split(names, separator));
            long saved = executionContext.getLong(key(), 0L);
            while (records < saved) {
                if (nextRecord() == null) {
                    throw new MalformedFileException(file, 0, "the restart position says " + saved + " records were"
                            + " already read but the file has only " + records + "; the file changed since the"
                            + " failed run: put the original back, or start a new execution");
                }
                records++;
            }
        } catch (IOException e) {
            closeLines();
            throw new ItemStreamException(file + ": could not open the file (" + e + "); check that it is still"
                    + " in the inbox and readable, then restart", e);
        } catch (RuntimeException e) {
            closeLines();
            throw e;
        }
    }

    /**
     * The next record, or null at the end of the file.
     *
     * @throws MalformedRecordException when the record's field count differs from the header's
     * @throws MalformedFileException   when the file cannot be read further
     */
    @Override
    public CsvRecord read() throws IOException {
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
        String[] values = Rfc4180.split(text, separator);
        if (values.length != header.size()) {
            throw new MalformedRecordException(source, file, recordLine, text,
                    "expected " + header.size() + " fields, found " + values.length);
        }
        return new CsvRecord(source, file, recordLine, text, header, values);
    }

    /** Saves the number of records read so far under {@code name + ".records"}. */
    @Override
    public void update(ExecutionContext executionContext) throws ItemStreamException {
        if (header != null) {
            executionContext.putLong(key(), records);
        }
    }

    @Override
    public void close() throws ItemStreamException {
        closeLines();
        closed = true;
    }

    private String key() {
        return name + "." + RECORDS;
    }

    /** The next non-blank logical record without its final terminator, or null at the end. */
    private String nextRecord() throws IOException {
        buffer.setLength(0);
        quotes.reset();
        while (true) {
            int before = buffer.length();
            NumberedLineReader.Status status = lines.appendLine(buffer, maxRecordChars);
            if (status == NumberedLineReader.Status.END) {
                if (before == 0) {
                    return null;
                }
                throw new MalformedFileException(file, recordLine, "a quoted field opened in the record starting on"
                        + " this line is never closed (the file ends inside quotes); fix the quoting or re-export"
                        + " the file, then restart the execution");
            }
            if (before == 0) {
                recordLine = lines.lineNumber();
            }
            if (status == NumberedLineReader.Status.TOO_LONG) {
                buffer.setLength(0);
                throw new MalformedFileException(file, recordLine, "the record starting on this line is longer than "
                        + maxRecordChars + " characters, usually because a quote is never closed; fix the file or"
                        + " re-export it, then restart the execution");
            }
            int end = buffer.length() - lines.terminatorLength();
            quotes.scan(buffer, before, end);
            if (quotes.insideQuotes()) {
                continue;
            }
            buffer.setLength(end);
            if (before == 0 && isBlank(buffer)) {
                buffer.setLength(0);
                quotes.reset();
                continue;
            }
            return buffer.toString();
        }
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
        if (lines == null) {
            return;
        }
        try {
            lines.close();
        } catch (IOException e) {
            throw new ItemStreamException(file + ": could not close the file (" + e + ")", e);
        } finally {
            lines = null;
        }
    }
}
