package io.touchpoint.readers;

/**
 * A stream whose restart keys in the {@code ExecutionContext} are prefixed by a name.
 *
 * <p>Two readers in one step must have different names, or their saved positions overwrite each
 * other. {@link MultiFileRecordReader} names its per-file readers through this interface; the
 * readers of this module ({@code CsvRecordReader}, {@code JsonLinesReader}) implement it.
 */
public interface NamedStream {

	/** Sets the prefix of this stream's keys in the {@code ExecutionContext}. */
	void setName(String name);

	/** The prefix of this stream's keys in the {@code ExecutionContext}. */
	String getName();
}
