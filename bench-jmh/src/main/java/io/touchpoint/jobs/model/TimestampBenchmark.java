package io.touchpoint.jobs.model;

import java.time.ZoneOffset;
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

/**
 * Timestamps, one value per operation, in the form each generated export writes them: {@code tags}
 * HubSpot's {@code Last Modified Date} ({@code 2026-11-21 05:33}), {@code purchases} Stripe's
 * {@code Created date (UTC)} ({@code 2026-11-21 13:45:10}), {@code touchpoints} Segment's {@code timestamp}
 * ({@code 2026-11-21T13:45:10.123Z}). {@code fixed} is {@link Timestamps#parse(String)}, which takes the
 * hand-written {@link FixedTimestamps} path for these forms; {@code javaTime} is the java.time fallback
 * ({@link Timestamps#general}) over the same values, so the ratio of the two is what the fast path saves.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class TimestampBenchmark {

	/** Values per invocation. */
	public static final int VALUES = 1_024;

	@Param({ "tags", "purchases", "touchpoints" })
	public BenchShape shape;

	private String[] values;

	@Setup
	public void setUp() {
		String column = switch (shape) {
			case tags -> "Last Modified Date";
			case purchases -> "Created date (UTC)";
			case touchpoints -> "timestamp";
			case mixed -> throw new IllegalArgumentException("one source at a time");
		};
		List<CsvRecord> records = Exports.generate(shape, VALUES).records();
		values = records.stream().map(record -> record.get(column)).toArray(String[]::new);
	}

	@Benchmark
	@OperationsPerInvocation(VALUES)
	public int fixed(Blackhole blackhole) {
		for (String value : values) {
			blackhole.consume(Timestamps.parse(value));
		}
		return values.length;
	}

	@Benchmark
	@OperationsPerInvocation(VALUES)
	public int javaTime(Blackhole blackhole) {
		for (String value : values) {
			blackhole.consume(Timestamps.general(value, ZoneOffset.UTC, value));
		}
		return values.length;
	}

	/** The values one invocation parses. */
	public String[] values() {
		return values.clone();
	}
}
