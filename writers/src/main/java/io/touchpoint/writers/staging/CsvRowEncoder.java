package io.touchpoint.writers.staging;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.Objects;

import org.jspecify.annotations.Nullable;

/**
 * Writes staging CSV rows, UTF-8 encoded, into an {@link OutputStream}.
 *
 * <p>The format is the one that MariaDB, MySQL and SingleStore read back exactly with
 * {@code LOAD DATA ... CHARACTER SET utf8mb4 } {@link #LOAD_DATA_FORMAT}: fields are separated by
 * {@code ,} and rows end with {@code \n}; strings are always enclosed in {@code "} with {@code \}
 * written as {@code \\} and {@code "} as {@code \"} (newlines and carriage returns are kept as they
 * are inside the quotes); SQL {@code NULL} is the unquoted {@code \N}, so a null string and an empty
 * string stay distinct; numbers are plain decimals; timestamps are UTC {@code yyyy-MM-dd HH:mm:ss}
 * followed by the microseconds in their shortest exact form ({@code .5} for 500,000, nothing for 0), and
 * dates {@code yyyy-MM-dd}.
 *
 * <p>Characters are encoded straight into an internal buffer (no per-field string building);
 * call {@link #flush()} before closing the underlying stream. Staged rows repeat many strings at the
 * same field position from one row to the next (tenant, batch, source, the source reference shared by
 * all rows of one record), so for each of the first {@value #CACHED_FIELDS} positions the encoder keeps
 * the last short string written there with its encoded bytes, and copies those bytes when the next row
 * has an equal string there. Not thread-safe.
 */
public final class CsvRowEncoder {

	/** The {@code LOAD DATA} clause that reads this encoder's output, as SQL text. */
	public static final String LOAD_DATA_FORMAT =
			"FIELDS TERMINATED BY ',' OPTIONALLY ENCLOSED BY '\"' ESCAPED BY '\\\\' LINES TERMINATED BY '\\n'";

	private static final int BUFFER_SIZE = 16 * 1024;
	/** UTF-8 bytes escaped per room check: escaped, they take at most twice as many, which fits the buffer. */
	private static final int WINDOW = BUFFER_SIZE / 2;
	/** Field positions per row whose last string (and its encoded bytes) is kept for the next row. */
	static final int CACHED_FIELDS = 32;
	/** The longest string kept, in chars; room for its bytes (at most 3 per char) is ensured at once. */
	static final int CACHED_CHARS = 256;
	private static final int CACHED_BYTES = 3 * CACHED_CHARS + 2;
	private static final long SECONDS_PER_DAY = 86_400;
	private static final long DAYS_PER_CYCLE = 146_097;
	private static final long DAYS_0000_TO_1970 = DAYS_PER_CYCLE * 5L - (30L * 365L + 7L);
	private static final byte[] NULL = { '\\', 'N' };
	private static final byte[] MIN_LONG = Long.toString(Long.MIN_VALUE).getBytes(StandardCharsets.US_ASCII);

	private final OutputStream out;
	private final byte[] buffer = new byte[BUFFER_SIZE];
	private final byte[] digits = new byte[20];
	private final String[] cachedValues = new String[CACHED_FIELDS];
	/** Where each slot's bytes start in the buffer, or -1 when they are in its array (or it has none). */
	private final int[] cachedStarts = new int[CACHED_FIELDS];
	private final int[] cachedLengths = new int[CACHED_FIELDS];
	private final byte[][] cachedBytes = new byte[CACHED_FIELDS][];
	private int position;
	private boolean rowOpen;
	/** The index of the field last written in the open row. */
	private int field;
	private long rows;

	/** Creates an encoder writing into {@code out}; the caller owns (and closes) the stream. */
	public CsvRowEncoder(OutputStream out) {
		this.out = Objects.requireNonNull(out, "out");
		Arrays.fill(cachedStarts, -1);
	}

	/** Writes a string field, always enclosed in quotes; {@code null} is written as {@code \N}. */
	public CsvRowEncoder string(@Nullable String value) {
		separator();
		if (value == null) {
			put(NULL);
			return this;
		}
		int length = value.length();
		int slot = field;
		if (length > CACHED_CHARS || slot >= CACHED_FIELDS) {
			quotedInWindows(value);
		}
		else if (isCached(slot, value, length)) {
			putCached(slot);
		}
		else {
			quotedAndCached(slot, value, length);
		}
		return this;
	}

	private boolean isCached(int slot, String value, int length) {
		String cached = cachedValues[slot];
		return cached == value || cached != null && cached.length() == length && cached.equals(value);
	}

	/** Writes the slot's bytes, from the buffer if they are still there, else from the slot's array. */
	private void putCached(int slot) {
		int count = cachedLengths[slot];
		ensure(count); // first, as draining moves the slot's bytes into its array
		int start = cachedStarts[slot];
		System.arraycopy(start < 0 ? cachedBytes[slot] : buffer, Math.max(start, 0), buffer, position, count);
		position += count;
	}

	/** Writes a quoted string of at most {@link #CACHED_CHARS} chars and makes it the slot's string. */
	private void quotedAndCached(int slot, String value, int length) {
		ensure(3 * length + 2); // at once, so its bytes are contiguous in the buffer
		int start = position;
		buffer[position++] = '"';
		byte[] utf8 = value.getBytes(StandardCharsets.UTF_8);
		putEscaped(utf8, 0, utf8.length);
		buffer[position++] = '"';
		cachedValues[slot] = value;
		cachedStarts[slot] = start;
		cachedLengths[slot] = position - start;
	}

	/** Writes a quoted string of any length, checking room once per window of bytes. */
	private void quotedInWindows(String value) {
		byte[] utf8 = value.getBytes(StandardCharsets.UTF_8);
		ensure(1);
		buffer[position++] = '"';
		for (int from = 0; from < utf8.length; from += WINDOW) {
			int to = Math.min(utf8.length, from + WINDOW);
			ensure(2 * (to - from));
			putEscaped(utf8, from, to);
		}
		ensure(1);
		buffer[position++] = '"';
	}

	/**
	 * Writes {@code utf8[from, to)} with {@code "} and {@code \\} escaped, into room the caller ensured (at most
	 * two bytes per byte). The UTF-8 bytes come from {@link String#getBytes}, a copy for the Latin-1 strings most
	 * fields are, with {@code ?} for a lone surrogate; neither escaped byte occurs inside a multi-byte sequence.
	 */
	private void putEscaped(byte[] utf8, int from, int to) {
		byte[] b = buffer;
		int p = position;
		int copied = from;
		for (int i = from; i < to; i++) {
			byte c = utf8[i];
			if (c == '"' || c == '\\') {
				System.arraycopy(utf8, copied, b, p, i - copied);
				p += i - copied;
				b[p++] = '\\';
				copied = i;
			}
		}
		System.arraycopy(utf8, copied, b, p, to - copied);
		position = p + to - copied;
	}

	/**
	 * Copies the bytes of the cached strings still in the buffer into their slots' arrays, before the buffer
	 * is reused: once per drain rather than once per new string, as most strings never repeat before it.
	 */
	private void keepCachedBytes() {
		for (int slot = 0; slot < CACHED_FIELDS; slot++) {
			int start = cachedStarts[slot];
			if (start >= 0) {
				int count = cachedLengths[slot];
				byte[] bytes = cachedBytes[slot];
				if (bytes == null || bytes.length < count) {
					bytes = new byte[Math.min(CACHED_BYTES, Math.max(count, bytes == null ? 32 : 2 * bytes.length))];
					cachedBytes[slot] = bytes;
				}
				System.arraycopy(buffer, start, bytes, 0, count);
				cachedStarts[slot] = -1;
			}
		}
	}

	/** Writes an integer field. */
	public CsvRowEncoder number(long value) {
		separator();
		writeLong(value);
		return this;
	}

	/** Writes an integer field; {@code null} is written as {@code \N}. */
	public CsvRowEncoder nullableNumber(@Nullable Long value) {
		separator();
		if (value == null) {
			put(NULL);
		}
		else {
			writeLong(value);
		}
		return this;
	}

	/**
	 * Writes a timestamp field as UTC {@code yyyy-MM-dd HH:mm:ss}, then its microseconds (the instant truncated
	 * to microseconds) without trailing zeros: {@code 10:11:12.5}, {@code 10:11:12.000001}, and no fraction at all
	 * for a whole second, which a {@code DATETIME(6)} or {@code TIMESTAMP(6)} column reads back exactly;
	 * {@code null} is written as {@code \N}.
	 *
	 * @throws IllegalArgumentException if the year is outside 0000..9999
	 */
	public CsvRowEncoder timestamp(@Nullable Instant value) {
		separator();
		if (value == null) {
			put(NULL);
			return this;
		}
		long epochSecond = value.getEpochSecond();
		long epochDay = Math.floorDiv(epochSecond, SECONDS_PER_DAY);
		int secondOfDay = (int) Math.floorMod(epochSecond, SECONDS_PER_DAY);
		writeCivilDate(epochDay, value);
		ensure(16);
		buffer[position++] = ' ';
		padded(secondOfDay / 3600, 2);
		buffer[position++] = ':';
		padded(secondOfDay / 60 % 60, 2);
		buffer[position++] = ':';
		padded(secondOfDay % 60, 2);
		int micros = value.getNano() / 1000;
		if (micros != 0) {
			int width = 6;
			while (micros % 10 == 0) {
				micros /= 10;
				width--;
			}
			buffer[position++] = '.';
			padded(micros, width);
		}
		return this;
	}

	/**
	 * Writes a date field as {@code yyyy-MM-dd}; {@code null} is written as {@code \N}.
	 *
	 * @throws IllegalArgumentException if the year is outside 0000..9999
	 */
	public CsvRowEncoder date(@Nullable LocalDate value) {
		separator();
		if (value == null) {
			put(NULL);
			return this;
		}
		writeDate(value.getYear(), value.getMonthValue(), value.getDayOfMonth(), value);
		return this;
	}

	/**
	 * Ends the current row with {@code \n}. Does nothing when no field was written since the last
	 * {@code endRow()}, so a row that already ended itself is never ended twice.
	 */
	public CsvRowEncoder endRow() {
		if (rowOpen) {
			ensure(1);
			buffer[position++] = '\n';
			rowOpen = false;
			rows++;
		}
		return this;
	}

	/** The number of rows ended so far. */
	public long rows() {
		return rows;
	}

	/** Writes the buffered bytes to the underlying stream and flushes it. */
	public void flush() {
		try {
			drainBuffer();
			out.flush();
		}
		catch (IOException e) {
			throw new UncheckedIOException("could not write staging CSV: " + e.getMessage(), e);
		}
	}

	private void separator() {
		if (rowOpen) {
			ensure(1);
			buffer[position++] = ',';
			field++;
		}
		else {
			rowOpen = true;
			field = 0;
		}
	}

	/**
	 * Writes the proleptic Gregorian date of an epoch day, computed without {@code java.time} objects (the
	 * algorithm of {@code LocalDate.ofEpochDay}, in 400-year cycles from 0000-03-01).
	 */
	private void writeCivilDate(long epochDay, Object value) {
		long zeroDay = epochDay + DAYS_0000_TO_1970 - 60;
		long adjust = 0;
		if (zeroDay < 0) {
			long adjustCycles = (zeroDay + 1) / DAYS_PER_CYCLE - 1;
			adjust = adjustCycles * 400;
			zeroDay += -adjustCycles * DAYS_PER_CYCLE;
		}
		long yearEstimate = (400 * zeroDay + 591) / DAYS_PER_CYCLE;
		long doyEstimate = zeroDay - (365 * yearEstimate + yearEstimate / 4 - yearEstimate / 100 + yearEstimate / 400);
		if (doyEstimate < 0) {
			yearEstimate--;
			doyEstimate = zeroDay - (365 * yearEstimate + yearEstimate / 4 - yearEstimate / 100 + yearEstimate / 400);
		}
		yearEstimate += adjust;
		int marchDoy0 = (int) doyEstimate;
		int marchMonth0 = (marchDoy0 * 5 + 2) / 153;
		int month = (marchMonth0 + 2) % 12 + 1;
		int day = marchDoy0 - (marchMonth0 * 306 + 5) / 10 + 1;
		yearEstimate += marchMonth0 / 10;
		writeDate(yearEstimate < 0 || yearEstimate > 9999 ? -1 : (int) yearEstimate, month, day, value);
	}

	private void writeDate(int year, int month, int day, Object value) {
		if (year < 0 || year > 9999) {
			throw new IllegalArgumentException("cannot stage " + value
					+ ": the year must be between 0000 and 9999 for the warehouse to read it back");
		}
		ensure(10);
		padded(year, 4);
		buffer[position++] = '-';
		padded(month, 2);
		buffer[position++] = '-';
		padded(day, 2);
	}

	/** Writes a non-negative value left-padded with zeros to {@code width} digits (caller ensured room). */
	private void padded(int value, int width) {
		for (int i = position + width - 1; i >= position; i--) {
			buffer[i] = (byte) ('0' + value % 10);
			value /= 10;
		}
		position += width;
	}

	private void writeLong(long value) {
		if (value == Long.MIN_VALUE) {
			put(MIN_LONG);
			return;
		}
		ensure(20);
		if (value < 0) {
			buffer[position++] = '-';
			value = -value;
		}
		int count = 0;
		do {
			digits[count++] = (byte) ('0' + (int) (value % 10));
			value /= 10;
		}
		while (value != 0);
		while (count > 0) {
			buffer[position++] = digits[--count];
		}
	}

	private void put(byte[] bytes) {
		ensure(bytes.length);
		System.arraycopy(bytes, 0, buffer, position, bytes.length);
		position += bytes.length;
	}

	private void ensure(int room) {
		if (position + room > buffer.length) {
			try {
				drainBuffer();
			}
			catch (IOException e) {
				throw new UncheckedIOException("could not write staging CSV: " + e.getMessage(), e);
			}
		}
	}

	private void drainBuffer() throws IOException {
		if (position > 0) {
			keepCachedBytes();
			out.write(buffer, 0, position);
			position = 0;
		}
	}
}
