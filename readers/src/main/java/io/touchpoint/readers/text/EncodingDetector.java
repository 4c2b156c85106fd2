package io.touchpoint.readers.text;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;

/**
 * Tells a file's encoding from its first 64 KiB, for exports whose encoding depends on who exported
 * them (a Salesforce org set to UTF-8, a CSV saved by Excel in Windows-1252):
 * <ol>
 * <li>a byte-order mark decides: UTF-8, or UTF-16 (either byte order);</li>
 * <li>text with valid UTF-8 multi-byte sequences is UTF-8, even when invalid bytes follow (a damaged
 * UTF-8 file then fails on the line that holds them, instead of being misread throughout);</li>
 * <li>text whose high bytes never form UTF-8 is single-byte: the declared charset when it is one
 * (ISO-8859-1), else Windows-1252, the superset Excel and most Western exports write;</li>
 * <li>plain ASCII is read in the declared charset (every one of them reads it the same).</li>
 * </ol>
 * Decoding stays strict: bytes not valid in the chosen charset fail the file naming the line.
 */
public final class EncodingDetector {

	/** How much of the file the decision is made on. */
	public static final int SAMPLE_BYTES = 64 * 1024;

	public static final Charset WINDOWS_1252 = Charset.forName("windows-1252");

	private EncodingDetector() {
	}

	/** The detected charset of a stream, which is left positioned at its start (it must support mark). */
	public static Charset detect(InputStream in, Charset declared) throws IOException {
		if (!in.markSupported()) {
			throw new IllegalArgumentException("the stream must support mark/reset; wrap it in a BufferedInputStream");
		}
		in.mark(SAMPLE_BYTES + 1);
		byte[] sample = new byte[SAMPLE_BYTES];
		int length = 0;
		try {
			int n;
			while (length < SAMPLE_BYTES && (n = in.read(sample, length, SAMPLE_BYTES - length)) > 0) {
				length += n;
			}
		}
		catch (java.io.EOFException | java.util.zip.ZipException damaged) {
			// a truncated or corrupt gzip stream: decide on what came before; reading the file
			// fails again at the same place, where the line is known
		}
		in.reset();
		return detect(sample, length, declared);
	}

	/** A stream that supports mark over the sample size. */
	public static InputStream markable(InputStream in) {
		return in instanceof BufferedInputStream ? in : new BufferedInputStream(in, SAMPLE_BYTES + 1);
	}

	/** The charset of a sample of a file's first bytes. */
	public static Charset detect(byte[] sample, int length, Charset declared) {
		if (length >= 3 && (sample[0] & 0xFF) == 0xEF && (sample[1] & 0xFF) == 0xBB && (sample[2] & 0xFF) == 0xBF) {
			return StandardCharsets.UTF_8;
		}
		if (length >= 2 && (((sample[0] & 0xFF) == 0xFF && (sample[1] & 0xFF) == 0xFE)
				|| ((sample[0] & 0xFF) == 0xFE && (sample[1] & 0xFF) == 0xFF))) {
			return StandardCharsets.UTF_16;
		}
		int validMultiByte = 0;
		int invalid = 0;
		int i = 0;
		while (i < length) {
			int b = sample[i] & 0xFF;
			if (b < 0x80) {
				i++;
				continue;
			}
			int extra = b >= 0xC2 && b <= 0xDF ? 1 : b >= 0xE0 && b <= 0xEF ? 2 : b >= 0xF0 && b <= 0xF4 ? 3 : -1;
			if (extra < 0) {
				invalid++;
				i++;
				continue;
			}
			boolean ok = true;
			int available = Math.min(extra, length - 1 - i);
			for (int k = 1; k <= available; k++) {
				if ((sample[i + k] & 0xC0) != 0x80) {
					ok = false;
					break;
				}
			}
			if (ok && available < extra) {
				break; // a sequence cut by the end of the sample
			}
			if (ok) {
				validMultiByte++;
				i += extra + 1;
			}
			else {
				invalid++;
				i++;
			}
		}
		if (validMultiByte > 0) {
			return StandardCharsets.UTF_8;
		}
		if (invalid == 0) {
			return declared;
		}
		return isSingleByte(declared) ? declared : WINDOWS_1252;
	}

	private static boolean isSingleByte(Charset charset) {
		return charset.equals(StandardCharsets.ISO_8859_1) || charset.equals(WINDOWS_1252)
				|| charset.equals(StandardCharsets.US_ASCII);
	}
}
