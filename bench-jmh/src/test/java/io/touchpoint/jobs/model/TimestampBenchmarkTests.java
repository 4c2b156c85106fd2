package io.touchpoint.jobs.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.ZoneOffset;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import io.touchpoint.jobs.bench.BenchShape;

/** The two timestamp benchmarks compare the fast path with java.time on the same values and answers. */
class TimestampBenchmarkTests {

	@ParameterizedTest
	@EnumSource(value = BenchShape.class, names = { "tags", "purchases", "touchpoints" })
	void everyExportValueTakesTheFastPathAndJavaTimeReadsTheSameInstant(BenchShape shape) {
		TimestampBenchmark benchmark = new TimestampBenchmark();
		benchmark.shape = shape;
		benchmark.setUp();

		for (String value : benchmark.values()) {
			assertThat(FixedTimestamps.parse(value, ZoneOffset.UTC)).as(value)
				.isNotNull()
				.isEqualTo(Timestamps.general(value, ZoneOffset.UTC, value));
		}
	}
}
