package io.touchpoint.jobs.bench;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.RandomAccessFile;
import java.io.SequenceInputStream;
import java.nio.channels.Channels;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.zip.Deflater;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;

import org.springframework.batch.infrastructure.item.ExecutionContext;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.GetObjectRequest;

import io.touchpoint.jobs.model.CanonicalTables;
import io.touchpoint.readers.csv.CsvRecordReader;
import io.touchpoint.writers.load.LoadTable;
import io.touchpoint.writers.staging.Manifest;
import io.touchpoint.writers.staging.ManifestPart;
import io.touchpoint.writers.staging.StagingLocation;

/**
 * The floor of the stage path: the export's bytes read by our bare CSV reader ({@link CsvRecordReader},
 * no mapping) while the same bytes go through a bare gzip level-1 stream into a discarding sink. With K
 * threads each file is cut into K slices at line boundaries (the generated exports have no line break
 * inside a quoted field), each slice read with the file's header.
 */
final class StageFloor {

	private StageFloor() {
	}

	record Result(int threads, long rows, long bytes, double seconds) {
	}

	/**
	 * The floor of writing what the stage path writes: the batch's staged rows, uncompressed part by part
	 * (not timed), through a bare gzip level-1 stream into a discarding sink (timed), on one thread. The
	 * stage path must compress its output, which is several times its input for most sources (every staged
	 * row repeats tenant, batch, ids and full timestamps), so this, not the read floor, is most of its cost.
	 */
	static Result gzipStaged(S3Client s3, StagingLocation location) throws IOException {
		long rows = 0;
		long bytes = 0;
		long nanos = 0;
		for (LoadTable table : CanonicalTables.all().values()) {
			Manifest manifest = Manifest.read(s3, location.bucket(), location.manifestKey(table.name()));
			for (ManifestPart part : manifest.parts()) {
				byte[] csv;
				try (InputStream in = new GZIPInputStream(s3.getObject(
						GetObjectRequest.builder().bucket(location.bucket()).key(part.key()).build()), 64 * 1024)) {
					csv = in.readAllBytes();
				}
				long start = System.nanoTime();
				try (GZIPOutputStream gzip = fastGzip(OutputStream.nullOutputStream())) {
					gzip.write(csv);
				}
				nanos += System.nanoTime() - start;
				rows += part.rows();
				bytes += csv.length;
			}
		}
		return new Result(1, rows, bytes, nanos / 1e9);
	}

	private static GZIPOutputStream fastGzip(OutputStream out) throws IOException {
		return new GZIPOutputStream(out, 64 * 1024) {
			{
				def.setLevel(Deflater.BEST_SPEED);
			}
		};
	}

	static Result measure(List<Path> files, int threads) throws Exception {
		List<List<Slice>> perThread = new ArrayList<>();
		for (int t = 0; t < threads; t++) {
			perThread.add(new ArrayList<>());
		}
		long bytes = 0;
		for (Path file : files) {
			List<Slice> slices = slices(file, threads);
			for (int t = 0; t < slices.size(); t++) {
				perThread.get(t).add(slices.get(t));
			}
			bytes += Files.size(file);
		}
		ExecutorService pool = Executors.newFixedThreadPool(threads);
		try {
			long start = System.nanoTime();
			List<Future<Long>> results = new ArrayList<>();
			for (List<Slice> slices : perThread) {
				results.add(pool.submit(() -> readAndCompress(slices)));
			}
			long rows = 0;
			for (Future<Long> result : results) {
				rows += result.get();
			}
			return new Result(threads, rows, bytes, (System.nanoTime() - start) / 1e9);
		}
		finally {
			pool.shutdownNow();
		}
	}

	private static long readAndCompress(List<Slice> slices) throws IOException {
		long rows = 0;
		for (Slice slice : slices) {
			try (GZIPOutputStream gzip = fastGzip(OutputStream.nullOutputStream())) {
				CsvRecordReader reader = new CsvRecordReader("bench", slice.file().getFileName().toString(),
						() -> new Tee(slice.open(), gzip), StandardCharsets.UTF_8, ',');
				reader.open(new ExecutionContext());
				try {
					while (reader.read() != null) {
						rows++;
					}
				}
				finally {
					reader.close();
				}
			}
		}
		return rows;
	}

	/** Byte range [from, to) of a file, read after the file's header line (unless it starts at 0). */
	private record Slice(Path file, byte[] header, long from, long to) {

		InputStream open() throws IOException {
			RandomAccessFile raf = new RandomAccessFile(file.toFile(), "r");
			raf.seek(from);
			InputStream range = new Limited(Channels.newInputStream(raf.getChannel()), to - from);
			return from == 0 ? range : new SequenceInputStream(new java.io.ByteArrayInputStream(header), range);
		}
	}

	private static List<Slice> slices(Path file, int count) throws IOException {
		long size = Files.size(file);
		List<Slice> slices = new ArrayList<>();
		try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "r")) {
			String headerLine = raf.readLine();
			byte[] header = (headerLine + "\n").getBytes(StandardCharsets.ISO_8859_1);
			long from = 0;
			for (int i = 1; i <= count; i++) {
				long to = size;
				if (i < count) {
					raf.seek(Math.max(from, size * i / count));
					raf.readLine();
					to = raf.getFilePointer();
				}
				slices.add(new Slice(file, header, from, to));
				from = to;
			}
		}
		return slices;
	}

	/** Passes reads through and copies every byte read to a sink. */
	private static final class Tee extends FilterInputStream {

		private final OutputStream copy;

		Tee(InputStream in, OutputStream copy) {
			super(in);
			this.copy = copy;
		}

		@Override
		public int read() throws IOException {
			int b = super.read();
			if (b >= 0) {
				copy.write(b);
			}
			return b;
		}

		@Override
		public int read(byte[] buffer, int offset, int length) throws IOException {
			int n = super.read(buffer, offset, length);
			if (n > 0) {
				copy.write(buffer, offset, n);
			}
			return n;
		}
	}

	/** At most {@code remaining} bytes of a stream. */
	private static final class Limited extends FilterInputStream {

		private long remaining;

		Limited(InputStream in, long remaining) {
			super(in);
			this.remaining = remaining;
		}

		@Override
		public int read() throws IOException {
			if (remaining <= 0) {
				return -1;
			}
			int b = super.read();
			remaining -= b < 0 ? 0 : 1;
			return b;
		}

		@Override
		public int read(byte[] buffer, int offset, int length) throws IOException {
			if (remaining <= 0) {
				return -1;
			}
			int n = super.read(buffer, offset, (int) Math.min(length, remaining));
			remaining -= Math.max(n, 0);
			return n;
		}
	}
}
