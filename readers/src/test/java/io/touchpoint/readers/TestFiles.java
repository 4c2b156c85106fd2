package io.touchpoint.readers;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.zip.GZIPOutputStream;

/** Builds test inputs in memory. */
public final class TestFiles {

	private TestFiles() {
	}

	/** The UTF-8 bytes of the text. */
	public static byte[] utf8(String text) {
		return text.getBytes(StandardCharsets.UTF_8);
	}

	/** The concatenation of byte arrays. */
	public static byte[] concat(byte[]... parts) {
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		for (byte[] part : parts) {
			out.writeBytes(part);
		}
		return out.toByteArray();
	}

	/** The gzip compression of the bytes. */
	public static byte[] gzip(byte[] bytes) {
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		try (GZIPOutputStream gzip = new GZIPOutputStream(out)) {
			gzip.write(bytes);
		}
		catch (IOException e) {
			throw new UncheckedIOException(e);
		}
		return out.toByteArray();
	}

	/** The first half of the bytes. */
	public static byte[] firstHalf(byte[] bytes) {
		return Arrays.copyOf(bytes, bytes.length / 2);
	}

	/** An opener returning a fresh stream over the bytes on every call. */
	public static IoSupplier<InputStream> opener(byte[] bytes) {
		return () -> new ByteArrayInputStream(bytes);
	}

	/** An opener that counts how often it was called. */
	public static IoSupplier<InputStream> countingOpener(byte[] bytes, AtomicInteger calls) {
		return () -> {
			calls.incrementAndGet();
			return new ByteArrayInputStream(bytes);
		};
	}
}
