package io.touchpoint.readers.csv;

import java.io.IOException;
import java.util.List;
import java.util.concurrent.TimeUnit;

import com.opencsv.RFC4180Parser;
import com.opencsv.RFC4180ParserBuilder;
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
import org.springframework.batch.infrastructure.item.ExecutionContext;

import io.touchpoint.jobs.bench.BenchShape;
import io.touchpoint.jobs.bench.Exports;

/**
 * Parse, one export record per operation: {@code reader} is {@link CsvRecordReader} over the export's bytes
 * in memory (UTF-8 decoding, line joining, the RFC 4180 split, one {@link CsvRecord} each), as the normalize
 * step reads a file; {@code split} is {@link Rfc4180#split} alone over the same lines, and {@code openCsv} OpenCSV's
 * RFC 4180 parser ({@code RFC4180Parser.parseLine}) over them, the library the readers could split with instead
 * (it is not used: {@code OpenCsvReadingTests} shows the records it reads otherwise; docs/performance.md the figures).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class ParseBenchmark {

	/** Records per invocation. */
	public static final int ROWS = 10_000;

	@Param({ "tags", "purchases", "touchpoints" })
	public BenchShape shape;

	private Exports.Export export;

	private String[] lines;

	private final RFC4180Parser openCsv = new RFC4180ParserBuilder().withSeparator(',').build();

	@Setup
	public void setUp() {
		export = Exports.generate(shape, ROWS);
		List<String> data = export.lines();
		lines = data.toArray(new String[0]);
	}

	@Benchmark
	@OperationsPerInvocation(ROWS)
	public int reader(Blackhole blackhole) throws IOException {
		CsvRecordReader reader = export.reader();
		reader.open(new ExecutionContext());
		int rows = 0;
		try {
			for (CsvRecord record = reader.read(); record != null; record = reader.read()) {
				blackhole.consume(record);
				rows++;
			}
		}
		finally {
			reader.close();
		}
		return rows;
	}

	@Benchmark
	@OperationsPerInvocation(ROWS)
	public int split(Blackhole blackhole) {
		for (String line : lines) {
			blackhole.consume(Rfc4180.split(line, ','));
		}
		return lines.length;
	}

	@Benchmark
	@OperationsPerInvocation(ROWS)
	public int openCsv(Blackhole blackhole) throws IOException {
		for (String line : lines) {
			blackhole.consume(openCsv.parseLine(line));
		}
		return lines.length;
	}
}
