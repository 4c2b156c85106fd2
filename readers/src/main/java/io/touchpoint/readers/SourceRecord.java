package io.touchpoint.readers;

/**
 * One raw record read from an inbox file, together with where it came from.
 *
 * <p>{@link #file()} is the display name of the file (its inbox-relative path, for example
 * {@code stripe/unified_payments.csv}), {@link #line()} the 1-based physical line on which the
 * record starts, and {@link #rawText()} the record's original text without its line terminator
 * (a CSV record keeps its embedded newlines). These are what error messages and reject tables
 * need to point a person at the exact spot in the file.
 */
public interface SourceRecord {

	/** The source the file belongs to: the first folder under the inbox root. */
	String source();

	/** The display name of the file: its inbox-relative path with {@code /} separators. */
	String file();

	/** The 1-based physical line on which the record starts. */
	long line();

	/** The record's original text, without the final line terminator. */
	String rawText();
}
