package io.touchpoint.readers.csv;

import java.util.ArrayList;
import java.util.List;

/**
 * RFC 4180 field splitting, shared by the record joiner and the splitter so both agree on where
 * quoted fields start and end.
 *
 * <p>A field is quoted when its first character is {@code "}; inside it, {@code ""} is a quote and
 * separators and line breaks are data. A quote in the middle of an unquoted field is kept as a
 * literal character, and characters after a closing quote up to the next separator are kept
 * too ({@code "ab"c} reads as {@code abc}): lenient like spreadsheet programs, so a stray quote
 * does not swallow the rest of the file.
 */
final class Rfc4180 {

    static final char QUOTE = '"';

    private static final int FIELD_START = 0;
    private static final int UNQUOTED = 1;
    private static final int QUOTED = 2;
    private static final int QUOTE_IN_QUOTED = 3;

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

    /** Advances the quote state over {@code text[from, to)}. */
    void scan(CharSequence text, int from, int to) {
        int s = state;
        for (int i = from; i < to; i++) {
            s = next(s, text.charAt(i));
        }
        state = s;
    }

    private int next(int s, char c) {
        switch (s) {
            case FIELD_START:
                return c == QUOTE ? QUOTED : c == separator ? FIELD_START : UNQUOTED;
            case UNQUOTED:
                return c == separator ? FIELD_START : UNQUOTED;
            case QUOTED:
                return c == QUOTE ? QUOTE_IN_QUOTED : QUOTED;
            default:
                return c == QUOTE ? QUOTED : c == separator ? FIELD_START : UNQUOTED;
        }
    }

    /** Splits one complete logical record into its field values. */
    static String[] split(String record, char separator) {
        if (record.indexOf(QUOTE) < 0) {
            return splitUnquoted(record, separator);
        }
        List<String> fields = new ArrayList<>();
        StringBuilder value = new StringBuilder();
        int s = FIELD_START;
        for (int i = 0; i < record.length(); i++) {
            char c = record.charAt(i);
            switch (s) {
                case FIELD_START:
                    if (c == QUOTE) {
                        s = QUOTED;
                    } else if (c == separator) {
                        fields.add("");
                    } else {
                        value.append(c);
                        s = UNQUOTED;
                    }
                    break;
                case UNQUOTED:
                    if (c == separator) {
                        fields.add(value.toString());
                        value.setLength(0);
                        s = FIELD_START;
                    } else {
                        value.append(c);
                    }
                    break;
                case QUOTED:
                    if (c == QUOTE) {
                        s = QUOTE_IN_QUOTED;
                    } else {
                        value.append(c);
                    }
                    break;
                default:
                    if (c == QUOTE) {
                        value.append(QUOTE);
                        s = QUOTED;
                    } else if (c == separator) {
                        fields.add(value.toString());
                        value.setLength(0);
                        s = FIELD_START;
                    } else {
                        value.append(c);
                        s = UNQUOTED;
                    }
                    break;
            }
        }
        fields.add(value.toString());
        return fields.toArray(new String[0]);
    }

    /** A record without any quote: its fields are the text between separators, as the state machine reads them. */
    private static String[] splitUnquoted(String record, char separator) {
        int count = 1;
        for (int at = record.indexOf(separator); at >= 0; at = record.indexOf(separator, at + 1)) {
            count++;
        }
        String[] fields = new String[count];
        int start = 0;
        for (int i = 0; i < count - 1; i++) {
            int end = record.indexOf(separator, start);
            fields[i] = record.substring(start, end);
            start = end + 1;
        }
        fields[count - 1] = record.substring(start);
        return fields;
    }
}
