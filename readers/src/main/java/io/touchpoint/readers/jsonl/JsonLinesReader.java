package io.touchpoint.readers.jsonl;

import io.touchpoint.readers.IoSupplier;
import io.touchpoint.readers.MalformedFileException;
import io.touchpoint.readers.MalformedRecordException;
import io.touchpoint.readers.NamedStream;
import io.touchpoint.readers.text.NumberedLineReader;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.Charset;
import java.util.Locale;
import java.util.Objects;
import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.batch.infrastructure.item.ItemStreamException;
import org.springframework.batch.infrastructure.item.ItemStreamReader;
import tools.jackson.core.JacksonException;
import tools.jackson.core.TokenStreamLocation;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads a JSON-lines file: one JSON object per line.
 *
 * <p>The input is gunzipped when it starts with the gzip magic bytes and decoded strictly in the
 * given charset; blank lines are skipped. A line that is not a JSON object throws a
 * {@link MalformedRecordException} (skippable; the next {@code read()} returns the next line).
 * Bytes invalid in the charset, a truncated gzip stream or a line longer than
 * {@link #setMaxRecordChars(int)} throw a {@link MalformedFileException} naming the file and
 * line.
 *
 * <p>Restart: {@link #update(ExecutionContext)} saves under {@code name + ".records"} how many
 * records were returned or thrown as malformed; {@link #open(ExecutionContext)} reads the file
 * again from the start and discards that many non-blank lines.
 */
public class JsonLinesReader implements ItemStreamReader<JsonRecord>, NamedStream {

    /** The default limit on one line's length, in characters. */
    public static final int DEFAULT_MAX_RECORD_CHARS = 10_000_000;

    private static final int MAX_DETAIL_CHARS = 150;

    private static final JsonMapper MAPPER = JsonMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .build();

    private final String source;
    private final String file;
    private final IoSupplier<InputStream> opener;
    private final Charset charset;
    private final StringBuilder buffer = new StringBuilder();
    private int maxRecordChars;
    private String name = "jsonl";
    private NumberedLineReader lines;
    private long records;
    private boolean opened;
    private boolean closed;

    /**
     * @param source  the source the file belongs to
     * @param file    the display name of the file (inbox-relative path)
     * @param opener  opens the raw bytes; called again on every {@link #open(ExecutionContext)}
     * @param charset the file's encoding
     */
    public JsonLinesReader(String source, String file, IoSupplier<InputStream> opener, Charset charset) {
        this(source, file, opener, charset, DEFAULT_MAX_RECORD_CHARS);
    }

    /**
     * @param source         the source the file belongs to
     * @param file           the display name of the file (inbox-relative path)
     * @param opener         opens the raw bytes; called again on every open
     * @param charset        the file's encoding
     * @param maxRecordChars the longest line accepted, in characters
     */
    public JsonLinesReader(String source, String file, IoSupplier<InputStream> opener, Charset charset,
            int maxRecordChars) {
        this.source = Objects.requireNonNull(source, "source");
        this.file = Objects.requireNonNull(file, "file");
        this.opener = Objects.requireNonNull(opener, "opener");
        this.charset = Objects.requireNonNull(charset, "charset");
        setMaxRecordChars(maxRecordChars);
    }

    /** Sets the longest line accepted, in characters (default 10,000,000). */
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

    /** The display name of the file. */
    public String file() {
        return file;
    }

    /** Opens the file and, when {@code executionContext} holds a saved count, discards that many records. */
    @Override
    public void open(ExecutionContext executionContext) throws ItemStreamException {
        closeLines();
        closed = false;
        records = 0;
        try {
            lines = NumberedLineReader.open(file, opener, charset);
            long saved = executionContext.getLong(key(), 0L);
            while (records < saved) {
                if (nextLine() == null) {
                    throw new MalformedFileException(file, 0, "the restart position says " + saved + " records were"
                            + " already read but the file has only " + records + "; the file changed since the"
                            + " failed run: put the original back, or start a new execution");
                }
                records++;
            }
            opened = true;
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
     * @throws MalformedRecordException when the line is not a JSON object
     * @throws MalformedFileException   when the file cannot be read further
     */
    @Override
    public JsonRecord read() throws IOException {
        if (lines == null) {
            if (closed) {
                throw new IllegalStateException(file + ": the reader is closed; open it before reading");
            }
            open(new ExecutionContext());
        }
        String text = nextLine();
        if (text == null) {
            return null;
        }
        records++;
        long line = lines.lineNumber();
        JsonNode node;
        try {
            node = MAPPER.readTree(text);
        } catch (JacksonException e) {
            throw new MalformedRecordException(source, file, line, text, "not a JSON object: " + describe(e));
        }
        if (node == null || !node.isObject()) {
            String found = node == null || node.isMissingNode() ? "nothing" : node.getNodeType().name().toLowerCase(Locale.ROOT);
            throw new MalformedRecordException(source, file, line, text, "not a JSON object: found " + found);
        }
        return new JsonRecord(source, file, line, text, node);
    }

    /** Saves the number of records read so far under {@code name + ".records"}. */
    @Override
    public void update(ExecutionContext executionContext) throws ItemStreamException {
        if (opened) {
            executionContext.putLong(key(), records);
        }
    }

    @Override
    public void close() throws ItemStreamException {
        closeLines();
        closed = true;
    }

    private String key() {
        return name + ".records";
    }

    /** The next non-blank line without its terminator, or null at the end. */
    private String nextLine() throws IOException {
        while (true) {
            buffer.setLength(0);
            NumberedLineReader.Status status = lines.appendLine(buffer, maxRecordChars);
            if (status == NumberedLineReader.Status.END) {
                return null;
            }
            if (status == NumberedLineReader.Status.TOO_LONG) {
                buffer.setLength(0);
                throw new MalformedFileException(file, lines.lineNumber(), "the line is longer than " + maxRecordChars
                        + " characters; fix the file or re-export it with one record per line, then restart the"
                        + " execution");
            }
            buffer.setLength(buffer.length() - lines.terminatorLength());
            String line = buffer.toString();
            if (!line.isBlank()) {
                return line;
            }
        }
    }

    private static String describe(JacksonException e) {
        String message = e.getOriginalMessage();
        if (message == null || message.isBlank()) {
            message = e.getClass().getSimpleName();
        }
        int newline = message.indexOf('\n');
        if (newline >= 0) {
            message = message.substring(0, newline);
        }
        if (message.length() > MAX_DETAIL_CHARS) {
            message = message.substring(0, MAX_DETAIL_CHARS) + "...";
        }
        TokenStreamLocation location = e.getLocation();
        if (location != null && location.getColumnNr() > 0) {
            message = message + " (column " + location.getColumnNr() + ")";
        }
        return message;
    }

    private void closeLines() {
        opened = false;
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
