package io.touchpoint.jobs.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.infra.Blackhole;

import io.touchpoint.jobs.model.MoneyBenchmark;
import io.touchpoint.jobs.model.TimestampBenchmark;
import io.touchpoint.jobs.sources.MapBenchmark;
import io.touchpoint.readers.csv.ParseBenchmark;
import io.touchpoint.writers.staging.WriteBenchmark;

/**
 * The benchmarks report rows per second only if each invocation handles exactly the rows its
 * {@link OperationsPerInvocation} says: every benchmark method, at every parameter value, is run once here
 * and its returned row count compared with that number.
 */
class BenchmarkInvocationTests {

	static final Blackhole BLACKHOLE = new Blackhole(
			"Today's password is swordfish. I understand instantiating Blackholes directly is dangerous.");

	@Test
	void everyInvocationHandlesAsManyRowsAsItCountsAsOperations() throws Exception {
		List<String> checked = new ArrayList<>();
		for (Class<?> type : List.of(ParseBenchmark.class, MapBenchmark.class, MoneyBenchmark.class,
				TimestampBenchmark.class, WriteBenchmark.class)) {
			for (String shape : shapes(type)) {
				Object benchmark = setUp(type, shape);
				for (Method method : type.getMethods()) {
					if (method.isAnnotationPresent(Benchmark.class)) {
						Object rows = method.getParameterCount() == 0 ? method.invoke(benchmark)
								: method.invoke(benchmark, BLACKHOLE);
						assertThat(rows).as(type.getSimpleName() + "." + method.getName() + " " + shape)
							.isEqualTo(method.getAnnotation(OperationsPerInvocation.class).value());
						checked.add(type.getSimpleName() + "." + method.getName());
					}
				}
			}
		}
		assertThat(checked).contains("ParseBenchmark.reader", "ParseBenchmark.split", "ParseBenchmark.openCsv",
				"MapBenchmark.map",
				"MoneyBenchmark.toMinor", "MoneyBenchmark.currencyAndMinor", "TimestampBenchmark.fixed",
				"TimestampBenchmark.javaTime", "WriteBenchmark.encode", "WriteBenchmark.encodeGzip",
				"WriteBenchmark.gzipFloor");
	}

	/** The benchmark's {@code shape} parameter values, or one run without parameters. */
	private static List<String> shapes(Class<?> type) {
		for (Field field : type.getFields()) {
			if (field.isAnnotationPresent(Param.class)) {
				return List.of(field.getAnnotation(Param.class).value());
			}
		}
		return List.of("");
	}

	static <T> T setUp(Class<T> type, String shape) throws Exception {
		T benchmark = type.getConstructor().newInstance();
		if (!shape.isEmpty()) {
			type.getField("shape").set(benchmark, BenchShape.valueOf(shape));
		}
		for (Method method : type.getMethods()) {
			if (method.isAnnotationPresent(Setup.class)) {
				method.invoke(benchmark);
			}
		}
		return benchmark;
	}
}
