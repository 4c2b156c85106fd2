package io.touchpoint.writers.staging;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.IntFunction;
import java.util.zip.Deflater;
import java.util.zip.GZIPOutputStream;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.infra.Blackhole;

import io.touchpoint.jobs.bench.BenchShape;
import io.touchpoint.jobs.bench.Exports;

/**
 * Write, one staged (canonical) row per operation: the rows the source's mapper makes of the generated
 * export, one part per table as the staging writer cuts them, each written as {@code StagingPartWriter}
 * writes a part: {@link CsvRowEncoder} into {@link FastGzipOutputStream} (gzip level 1) into a discarding
 * sink ({@code encodeGzip}). Beside it, the encoder alone ({@code encode}) and the floor: the same encoded
 * bytes through a plain {@link GZIPOutputStream} at level 1 with the same buffer ({@code gzipFloor}).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class WriteBenchmark {

	/** Staged rows per invocation. */
	public static final int ROWS = 20_000;

	@Param({ "tags", "purchases", "touchpoints" })
	public BenchShape shape;

	private List<List<StagedRow>> parts;

	private byte[][] encoded;

	@Setup
	public void setUp() {
		List<StagedRow> rows = Exports.generate(shape, ROWS).stagedRows().subList(0, ROWS);
		Map<String, List<StagedRow>> byTable = new LinkedHashMap<>();
		for (StagedRow row : rows) {
			byTable.computeIfAbsent(row.table(), table -> new ArrayList<>()).add(row);
		}
		parts = List.copyOf(byTable.values());
		encoded = new byte[parts.size()][];
		for (int i = 0; i < parts.size(); i++) {
			ByteArrayOutputStream bytes = new ByteArrayOutputStream();
			encode(parts.get(i), bytes);
			encoded[i] = bytes.toByteArray();
		}
	}

	@Benchmark
	@OperationsPerInvocation(ROWS)
	public int encode(Blackhole blackhole) {
		int rows = 0;
		for (List<StagedRow> part : parts) {
			blackhole.consume(encode(part, OutputStream.nullOutputStream()));
			rows += part.size();
		}
		return rows;
	}

	@Benchmark
	@OperationsPerInvocation(ROWS)
	public int encodeGzip(Blackhole blackhole) throws IOException {
		return encodeGzipInto(part -> OutputStream.nullOutputStream(), blackhole); // a closed one refuses writes
	}

	@Benchmark
	@OperationsPerInvocation(ROWS)
	public int gzipFloor() throws IOException {
		return gzipFloorInto(part -> OutputStream.nullOutputStream());
	}

	/** {@code encodeGzip} into the sink {@code sinks} gives for each part (by index); returns the rows written. */
	public int encodeGzipInto(IntFunction<OutputStream> sinks, Blackhole blackhole) throws IOException {
		int rows = 0;
		for (int i = 0; i < parts.size(); i++) {
			try (FastGzipOutputStream gzip = new FastGzipOutputStream(sinks.apply(i))) {
				blackhole.consume(encode(parts.get(i), gzip));
			}
			rows += parts.get(i).size();
		}
		return rows;
	}

	/** {@code gzipFloor} into the sink {@code sinks} gives for each part (by index); returns the rows written. */
	public int gzipFloorInto(IntFunction<OutputStream> sinks) throws IOException {
		int rows = 0;
		for (int i = 0; i < parts.size(); i++) {
			try (GZIPOutputStream gzip = levelOne(sinks.apply(i))) {
				gzip.write(encoded[i]);
			}
			rows += parts.get(i).size();
		}
		return rows;
	}

	/** Each part's rows as the encoder writes them, uncompressed: what both gzip paths compress. */
	public byte[][] encodedParts() {
		return encoded.clone();
	}

	/** Writes a part's rows and returns their money total, as the staging writer does. */
	private static long encode(List<StagedRow> part, OutputStream out) {
		CsvRowEncoder encoder = new CsvRowEncoder(out);
		long money = 0;
		for (StagedRow row : part) {
			row.writeCsv(encoder);
			encoder.endRow();
			money = Math.addExact(money, row.moneyMinor());
		}
		encoder.flush();
		return money;
	}

	private static GZIPOutputStream levelOne(OutputStream out) throws IOException {
		return new GZIPOutputStream(out, 64 * 1024) {
			{
				def.setLevel(Deflater.BEST_SPEED);
			}
		};
	}
}
