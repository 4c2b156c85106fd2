package io.touchpoint.readers.text;

import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.UnmappableCharacterException;
import java.util.Arrays;
import java.util.Objects;

import org.jspecify.annotations.Nullable;

/**
 * A reader that decodes with {@link CodingErrorAction#REPORT}: invalid bytes raise a
 * {@link CharacterCodingException} instead of turning into U+FFFD.
 *
 * <p>Unlike {@link java.io.InputStreamReader}, the characters decoded before an invalid byte are
 * returned first and the exception is thrown by the next read, so a caller counting lines knows
 * exactly on which line (and column) the bad byte is. A UTF-8 byte-order mark at the start is
 * skipped, and so is a decoded U+FEFF as the very first character.
 */
final class StrictDecodingReader extends Reader {

	private static final int BUFFER_BYTES = 16 * 1024;

	private final InputStream in;
	private final Charset charset;
	private final CharsetDecoder decoder;
	private final ByteBuffer bytes = ByteBuffer.allocate(BUFFER_BYTES).flip();
	private boolean started;
	private boolean firstCharSeen;
	private boolean endOfInput;
	private boolean finished;
	private @Nullable CharacterCodingException pending;

	StrictDecodingReader(InputStream in, Charset charset) {
		this.in = Objects.requireNonNull(in, "in");
		this.charset = Objects.requireNonNull(charset, "charset");
		this.decoder = charset.newDecoder()
			.onMalformedInput(CodingErrorAction.REPORT)
			.onUnmappableCharacter(CodingErrorAction.REPORT);
	}

	@Override
	public int read(char[] cbuf, int off, int len) throws IOException {
		Objects.checkFromIndexSize(off, len, cbuf.length);
		if (len == 0) {
			return 0;
		}
		if (pending != null) {
			throw pending;
		}
		if (!started) {
			start();
		}
		while (true) {
			int n = decodeInto(cbuf, off, len);
			if (n <= 0 || firstCharSeen) {
				return n;
			}
			firstCharSeen = true;
			if (cbuf[off] != '\uFEFF') {
				return n;
			}
			System.arraycopy(cbuf, off + 1, cbuf, off, n - 1);
			if (n > 1) {
				return n - 1;
			}
		}
	}

	private int decodeInto(char[] cbuf, int off, int len) throws IOException {
		if (finished) {
			return -1;
		}
		CharBuffer out = CharBuffer.wrap(cbuf, off, len);
		while (true) {
			CoderResult result = decoder.decode(bytes, out, endOfInput);
			if (result.isError()) {
				pending = error(result);
				if (out.position() > off) {
					break;
				}
				throw pending;
			}
			if (result.isOverflow() || out.position() > off) {
				break;
			}
			if (endOfInput) {
				if (decoder.flush(out).isOverflow()) {
					break;
				}
				finished = true;
				break;
			}
			fill();
		}
		int n = out.position() - off;
		return n == 0 && finished ? -1 : n;
	}

	private void start() throws IOException {
		started = true;
		while (!endOfInput && bytes.remaining() < 3) {
			fill();
		}
		if (bytes.remaining() >= 3 && (bytes.get(0) & 0xFF) == 0xEF && (bytes.get(1) & 0xFF) == 0xBB
				&& (bytes.get(2) & 0xFF) == 0xBF) {
			bytes.position(3);
		}
	}

	private void fill() throws IOException {
		bytes.compact();
		int n = in.read(bytes.array(), bytes.arrayOffset() + bytes.position(), bytes.remaining());
		if (n < 0) {
			endOfInput = true;
		}
		else {
			bytes.position(bytes.position() + n);
		}
		bytes.flip();
	}

	private CharacterCodingException error(CoderResult result) {
		int length = Math.min(result.length(), bytes.remaining());
		byte[] bad = Arrays.copyOfRange(bytes.array(), bytes.arrayOffset() + bytes.position(),
				bytes.arrayOffset() + bytes.position() + length);
		if (result.isUnmappable()) {
			return new UnmappableCharacterException(result.length());
		}
		return new InvalidBytesException(bad, charset);
	}

	@Override
	public void close() throws IOException {
		in.close();
	}
}
