package io.touchpoint.jobs.ingest.partition;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

/** At most {@code limit} bytes of a stream, then its end; closing it closes the stream. */
final class RangeInputStream extends FilterInputStream {

	private long left;

	RangeInputStream(InputStream in, long limit) {
		super(in);
		this.left = limit;
	}

	@Override
	public int read() throws IOException {
		if (left <= 0) {
			return -1;
		}
		int b = super.read();
		if (b >= 0) {
			left--;
		}
		return b;
	}

	@Override
	public int read(byte[] buffer, int offset, int length) throws IOException {
		if (left <= 0) {
			return length == 0 ? 0 : -1;
		}
		int n = super.read(buffer, offset, (int) Math.min(length, left));
		if (n > 0) {
			left -= n;
		}
		return n;
	}

	@Override
	public long skip(long n) throws IOException {
		long skipped = super.skip(Math.min(n, left));
		left -= Math.max(0, skipped);
		return skipped;
	}

	@Override
	public int available() throws IOException {
		return (int) Math.min(super.available(), left);
	}

	@Override
	public boolean markSupported() {
		return false;
	}
}
