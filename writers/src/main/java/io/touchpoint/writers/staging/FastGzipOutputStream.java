package io.touchpoint.writers.staging;

import java.io.IOException;
import java.io.OutputStream;
import java.util.zip.Deflater;
import java.util.zip.GZIPOutputStream;

/**
 * A gzip stream compressing at level 1 (fastest): staging parts are written once and read once,
 * so speed matters more than size.
 */
final class FastGzipOutputStream extends GZIPOutputStream {

	FastGzipOutputStream(OutputStream out) throws IOException {
		super(out, 64 * 1024);
		def.setLevel(Deflater.BEST_SPEED);
	}
}
