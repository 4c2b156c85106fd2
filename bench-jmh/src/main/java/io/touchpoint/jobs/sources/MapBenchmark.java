package io.touchpoint.jobs.sources;

import java.util.List;
import java.util.concurrent.TimeUnit;

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
import io.touchpoint.readers.csv.CsvRecord;
import io.touchpoint.writers.staging.StagedRow;

/**
 * Map, one export record per operation: the source's real mapper ({@code tags}: HubSpot contacts, the
 * {@code bench --shape tags} path; {@code purchases}: Stripe payments; {@code touchpoints}: Segment tracks)
 * from a read {@link CsvRecord} to its canonical rows (timestamps, money, e-mail and contact id included).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class MapBenchmark {

	/** Records per invocation. */
	public static final int ROWS = 10_000;

	@Param({ "tags", "purchases", "touchpoints" })
	public BenchShape shape;

	private SourceMapper mapper;

	private CsvRecord[] records;

	@Setup
	public void setUp() {
		Exports.Export export = Exports.generate(shape, ROWS);
		mapper = export.mapper();
		records = export.records().toArray(new CsvRecord[0]);
	}

	/** Returns the records mapped. */
	@Benchmark
	@OperationsPerInvocation(ROWS)
	public int map(Blackhole blackhole) {
		for (CsvRecord record : records) {
			List<StagedRow> rows = mapper.map(record, Exports.CONTEXT);
			blackhole.consume(rows);
		}
		return records.length;
	}
}
