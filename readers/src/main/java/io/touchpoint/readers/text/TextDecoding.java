package io.touchpoint.readers.text;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.Charset;
import java.util.zip.GZIPInputStream;

/**
 * Turns the raw bytes of an inbox file into characters, refusing to guess.
 *
 * <p>{@link #decompressIfGzip(InputStream)} recognises gzip by its magic bytes {@code 1f 8b}, not
 * by the file name. {@link #strictReader(InputStream, Charset)} decodes with errors reported:
 * bytes that are not valid in the charset raise a
 * {@link java.nio.charset.MalformedInputException} instead of silently becoming U+FFFD, and a
 * UTF-8 byte-order mark is skipped.
 */
public final class TextDecoding {

	private static final int GZIP_BUFFER = 64 * 1024;

	private TextDecoding() {
	}

	/**
	 * The decompressed stream when {@code in} starts with the gzip magic bytes, otherwise the
	 * same bytes unchanged. A truncated gzip header raises an {@link UncheckedIOException} whose
	 * cause is an {@link java.io.EOFException}.
	 */
	public static InputStream decompressIfGzip(InputStream in) {
		try {
			InputStream buffered = in.markSupported() ? in : new BufferedInputStream(in, GZIP_BUFFER);
			buffered.mark(2);
			int first = buffered.read();
			int second = first < 0 ? -1 : buffered.read();
			buffered.reset();
			if (first == 0x1f && second == 0x8b) {
				return new GZIPInputStream(buffered, GZIP_BUFFER);
			}
			return buffered;
		}
		catch (IOException e) {
			throw new UncheckedIOException(e);
		}
	}

	/**
	 * A reader that decodes {@code in} strictly: invalid bytes raise a
	 * {@link java.nio.charset.CharacterCodingException} on the read that reaches them, after the
	 * characters before them have been returned. A leading UTF-8 byte-order mark is skipped.
	 */
	public static Reader strictReader(InputStream in, Charset charset) {
		return new StrictDecodingReader(in, charset);
	}
}
