package io.touchpoint.readers.csv;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Where records start in a CSV file's bytes, for cutting the file into byte ranges that each hold whole
 * records. One scan from the first byte follows the quotes as {@link CsvRecordReader} does, so a line break
 * inside a quoted field never ends a record, and counts lines as the reader does (LF, CRLF or a lone CR), so
 * a range read on its own can keep the file's line numbers.
 *
 * <p>Only for uncompressed files in an encoding where the quote, the separator, CR and LF are single bytes
 * that no other character contains: ASCII and its supersets (UTF-8, ISO-8859-1, Windows-1252), with an ASCII
 * separator. The header is the first record with a byte other than ASCII white space, as the reader skips
 * blank lines before it.
 */
public final class CsvRecordBoundaries {

	/** A record start: its byte offset and the 1-based line there. */
	public record Cut(long offset, long line) {
	}

	/**
	 * The scan of one file.
	 *
	 * @param header the start of the first record after the header (the end of the file when there is none)
	 * @param cuts   for each target offset, the first record start at or after both it and {@code header}, or
	 *               the end of the file
	 * @param length the file's length in bytes
	 */
	public record Result(Cut header, List<Cut> cuts, long length) {
	}

	private static final int BUFFER = 64 * 1024;

	private CsvRecordBoundaries() {
	}

	/**
	 * Scans the file to its end.
	 *
	 * @param in        the file's bytes, from its first byte; not closed
	 * @param separator the field separator, an ASCII character
	 * @param targets   byte offsets to find the next record start for, in ascending order
	 */
	public static Result scan(InputStream in, char separator, long[] targets) throws IOException {
		if (separator >= 0x80) {
			throw new IllegalArgumentException("only an ASCII separator can be found in the bytes of a file");
		}
		for (int i = 1; i < targets.length; i++) {
			if (targets[i] < targets[i - 1]) {
				throw new IllegalArgumentException("the targets must be in ascending order: " + Arrays.toString(targets));
			}
		}
		Rfc4180 machine = new Rfc4180(separator);
		List<Cut> cuts = new ArrayList<>(targets.length);
		Cut header = null;
		byte[] buffer = new byte[BUFFER];
		long base = 0;
		long line = 1;
		int state = 0;
		boolean blank = true;
		boolean crPending = false;
		int n;
		while ((n = in.read(buffer)) >= 0) {
			for (int i = 0; i < n; i++) {
				int b = buffer[i] & 0xFF;
				if (crPending) {
					crPending = false;
					long end = base + i + (b == '\n' ? 1 : 0);
					line++;
					if (state != Rfc4180.QUOTED) {
						state = 0;
						header = recordEnds(header, blank, end, line, targets, cuts);
						blank = true;
					}
					if (b == '\n') {
						continue;
					}
				}
				if (b == '\r') {
					crPending = true;
				}
				else if (b == '\n') {
					line++;
					if (state != Rfc4180.QUOTED) {
						state = 0;
						header = recordEnds(header, blank, base + i + 1, line, targets, cuts);
						blank = true;
					}
				}
				else {
					state = machine.next(state, (char) b);
					if (blank && !(b == ' ' || (b >= 0x09 && b <= 0x0D) || (b >= 0x1C && b <= 0x1F))) {
						blank = false;
					}
				}
			}
			base += n;
		}
		if (crPending) {
			line++;
			if (state != Rfc4180.QUOTED) {
				header = recordEnds(header, blank, base, line, targets, cuts);
			}
		}
		Cut end = new Cut(base, line);
		if (header == null) {
			header = end;
		}
		while (cuts.size() < targets.length) {
			cuts.add(end);
		}
		return new Result(header, List.copyOf(cuts), base);
	}

	/** A record ended at {@code offset}, where line {@code line} starts; returns the header's end once known. */
	private static Cut recordEnds(Cut header, boolean blank, long offset, long line, long[] targets, List<Cut> cuts) {
		if (header == null) {
			if (blank) {
				return null;
			}
			header = new Cut(offset, line);
		}
		while (cuts.size() < targets.length && targets[cuts.size()] <= offset) {
			cuts.add(new Cut(offset, line));
		}
		return header;
	}
}
