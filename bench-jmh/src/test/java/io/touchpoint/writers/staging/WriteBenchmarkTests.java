package io.touchpoint.writers.staging;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPInputStream;

import org.junit.jupiter.api.Test;
import org.openjdk.jmh.infra.Blackhole;

import io.touchpoint.jobs.bench.BenchShape;

/** The gzip floor compresses exactly the bytes the staging path encodes and compresses. */
class WriteBenchmarkTests {

	private static final Blackhole BLACKHOLE = new Blackhole(
			"Today's password is swordfish. I understand instantiating Blackholes directly is dangerous.");

	@Test
	void floorAndStagingPathCompressTheSameRows() throws IOException {
		WriteBenchmark benchmark = new WriteBenchmark();
		benchmark.shape = BenchShape.tags;
		benchmark.setUp();
		List<ByteArrayOutputStream> staged = new ArrayList<>();
		List<ByteArrayOutputStream> floor = new ArrayList<>();

		benchmark.encodeGzipInto(part -> add(staged), BLACKHOLE);
		benchmark.gzipFloorInto(part -> add(floor));

		byte[][] encoded = benchmark.encodedParts();
		assertThat(staged).hasSameSizeAs(encoded).hasSameSizeAs(floor);
		long lines = 0;
		for (int i = 0; i < encoded.length; i++) {
			assertThat(gunzip(staged.get(i))).isEqualTo(encoded[i]);
			assertThat(gunzip(floor.get(i))).isEqualTo(encoded[i]);
			for (byte b : encoded[i]) {
				lines += b == '\n' ? 1 : 0;
			}
		}
		assertThat(lines).isEqualTo(WriteBenchmark.ROWS);
	}

	private static ByteArrayOutputStream add(List<ByteArrayOutputStream> sinks) {
		ByteArrayOutputStream sink = new ByteArrayOutputStream();
		sinks.add(sink);
		return sink;
	}

	private static byte[] gunzip(ByteArrayOutputStream compressed) throws IOException {
		try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(compressed.toByteArray()))) {
			return in.readAllBytes();
		}
	}
}
