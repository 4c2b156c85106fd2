package io.touchpoint.readers.csv;

import java.util.Arrays;

/**
 * RFC 4180 field splitting, shared by the record joiner and the splitter so both agree on where
 * quoted fields start and end.
 *
 * <p>A field is quoted when its first character is {@code "}; inside it, {@code ""} is a quote and
 * separators and line breaks are data. A quote in the middle of an unquoted field is kept as a
 * literal character, and characters after a closing quote up to the next separator are kept
 * too ({@code "ab"c} reads as {@code abc}): lenient like spreadsheet programs, so a stray quote
 * does not swallow the rest of the file.
 *
 * <p>The rules are the four-state machine of {@link #next(int, char)}. Rather than step it once
 * per character, {@link #scan} jumps from quote to quote and {@link #split} from separator to
 * separator (or quote to quote inside a quoted field) with {@code indexOf}, taking substrings; they
 * reach the same state and the same values as stepping it would.
 */
final class Rfc4180 {

	static final char QUOTE = '"';

	private static final String QUOTE_TEXT = "\"";

	private static final int FIELD_START = 0;
	private static final int UNQUOTED = 1;
	static final int QUOTED = 2;
	private static final int QUOTE_IN_QUOTED = 3;

	/** Fields a split starts with room for; a wider record grows the array. */
	private static final int INITIAL_FIELDS = 16;

	private final char separator;
	private int state = FIELD_START;

	Rfc4180(char separator) {
		this.separator = separator;
	}

	/** Starts a new record. */
	void reset() {
		state = FIELD_START;
	}

	/** Whether the text scanned so far ends inside a quoted field. */
	boolean insideQuotes() {
		return state == QUOTED;
	}

	/** The exact state (0 field start, 1 unquoted, 2 quoted, 3 quote in quoted), for tests. */
	int state() {
		return state;
	}

	/**
	 * Advances the quote state over {@code text[from, to)}.
	 *
	 * <p>Only quotes can open or close a quoted field. Inside one, every other character leaves
	 * the state as it is; outside, the state after any other character depends on that character
	 * alone (a separator starts a field, anything else is unquoted text). So the scan jumps to the
	 * next quote and looks only at the character before it.
	 */
	void scan(CharSequence text, int from, int to) {
		int s = state;
		int i = from;
		while (i < to) {
			int quote = indexOfQuote(text, i, to);
			int runEnd = quote < 0 ? to : quote;
			if (s != QUOTED && runEnd > i) {
				s = text.charAt(runEnd - 1) == separator ? FIELD_START : UNQUOTED;
			}
			if (quote < 0) {
				break;
			}
			s = next(s, QUOTE);
			i = quote + 1;
		}
		state = s;
	}

	/** The state after character {@code c} in state {@code s} (one step of the machine). */
	int next(int s, char c) {
		switch (s) {
			case FIELD_START :
				return c == QUOTE ? QUOTED : c == separator ? FIELD_START : UNQUOTED;
			case UNQUOTED :
				return c == separator ? FIELD_START : UNQUOTED;
			case QUOTED :
				return c == QUOTE ? QUOTE_IN_QUOTED : QUOTED;
			default :
				return c == QUOTE ? QUOTED : c == separator ? FIELD_START : UNQUOTED;
		}
	}

	/** The first quote in {@code text[from, to)}, or -1; the reader's buffer is a StringBuilder. */
	private static int indexOfQuote(CharSequence text, int from, int to) {
		int at;
		if (text instanceof StringBuilder builder) {
			at = builder.indexOf(QUOTE_TEXT, from);
		}
		else if (text instanceof String string) {
			at = string.indexOf(QUOTE, from);
		}
		else {
			at = from;
			while (at < to && text.charAt(at) != QUOTE) {
				at++;
			}
		}
		return at < to ? at : -1;
	}

	/** Splits one complete logical record into its field values. */
	static String[] split(String record, char separator) {
		String[] fields = new String[INITIAL_FIELDS];
		int count = 0;
		int start = 0;
		while (true) {
			if (count == fields.length) {
				fields = Arrays.copyOf(fields, count * 2);
			}
			int end;
			if (start < record.length() && record.charAt(start) == QUOTE) {
				end = splitQuoted(record, separator, start + 1, fields, count);
			}
			else {
				end = record.indexOf(separator, start);
				fields[count] = record.substring(start, end < 0 ? record.length() : end);
			}
			count++;
			if (end < 0) {
				return count == fields.length ? fields : Arrays.copyOf(fields, count);
			}
			start = end + 1;
		}
	}

	/**
	 * Reads the quoted field whose text starts at {@code from} (after its opening quote) into
	 * {@code fields[index]}; returns the separator ending it, or -1 when it ends the record. A
	 * field closed right before a separator or the end is a substring; one with {@code ""} or text
	 * after its closing quote is built.
	 */
	private static int splitQuoted(String record, char separator, int from, String[] fields, int index) {
		int close = record.indexOf(QUOTE, from);
		if (close < 0) {
			fields[index] = record.substring(from);
			return -1;
		}
		int after = close + 1;
		if (after == record.length()) {
			fields[index] = record.substring(from, close);
			return -1;
		}
		char c = record.charAt(after);
		// The quote test comes first, as in the machine: a quote after the closing one is a doubled quote.
		if (c == QUOTE || c != separator) {
			return buildQuoted(record, separator, from, close, fields, index);
		}
		fields[index] = record.substring(from, close);
		return after;
	}

	/** The slow half of {@link #splitQuoted}: {@code close} is a quote that is doubled or followed by text. */
	private static int buildQuoted(String record, char separator, int from, int close, String[] fields, int index) {
		StringBuilder value = new StringBuilder(close - from + 16);
		int at = from;
		while (true) {
			value.append(record, at, close);
			int after = close + 1;
			if (after == record.length()) {
				fields[index] = value.toString();
				return -1;
			}
			if (record.charAt(after) != QUOTE) {
				// Lenient: what follows the closing quote, up to the next separator, is kept as unquoted text.
				int end = record.indexOf(separator, after);
				value.append(record, after, end < 0 ? record.length() : end);
				fields[index] = value.toString();
				return end;
			}
			value.append(QUOTE);
			at = after + 1;
			close = record.indexOf(QUOTE, at);
			if (close < 0) {
				value.append(record, at, record.length());
				fields[index] = value.toString();
				return -1;
			}
		}
	}
}
