package io.touchpoint.jobs.model;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.infra.Blackhole;

import io.touchpoint.jobs.bench.BenchShape;
import io.touchpoint.jobs.bench.Exports;
import io.touchpoint.readers.csv.CsvRecord;

/**
 * Money, one amount per operation: {@link Money#toMinor} over the amounts of the generated Stripe export
 * ({@code Amount}, {@code Amount Refunded}, {@code Fee}: {@code 49.00}, {@code 0.00}, {@code 0.85}, in
 * lower-case {@code usd}), one in eight replaced by another export form (JPY {@code 1200}, KWD {@code 0.125},
 * a signed {@code -3.5} EUR); {@code currencyAndMinor} adds the {@link Money#currency} check a mapper makes
 * before each amount.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class MoneyBenchmark {

	/** Amounts per invocation. */
	public static final int AMOUNTS = 1_024;

	private static final String[][] OTHER_FORMS = { { "1200", "jpy" }, { "0.125", "kwd" }, { "-3.5", "eur" },
			{ "+19.90", "gbp" } };

	private static final String[] COLUMNS = { "Amount", "Amount Refunded", "Fee" };

	private String[] amounts;

	private String[] codes;

	private String[] currencies;

	@Setup
	public void setUp() {
		List<CsvRecord> records = Exports.generate(BenchShape.purchases, AMOUNTS).records();
		List<String[]> pairs = new ArrayList<>();
		for (int i = 0; pairs.size() < AMOUNTS; i++) {
			CsvRecord record = records.get(i / COLUMNS.length);
			pairs.add(i % 8 == 7 ? OTHER_FORMS[i / 8 % OTHER_FORMS.length]
					: new String[] { record.get(COLUMNS[i % COLUMNS.length]), record.get("Currency") });
		}
		amounts = pairs.stream().map(pair -> pair[0]).toArray(String[]::new);
		codes = pairs.stream().map(pair -> pair[1]).toArray(String[]::new);
		currencies = pairs.stream().map(pair -> Money.currency(pair[1])).toArray(String[]::new);
	}

	@Benchmark
	@OperationsPerInvocation(AMOUNTS)
	public int toMinor(Blackhole blackhole) {
		for (int i = 0; i < amounts.length; i++) {
			blackhole.consume(Money.toMinor(amounts[i], currencies[i]));
		}
		return amounts.length;
	}

	@Benchmark
	@OperationsPerInvocation(AMOUNTS)
	public int currencyAndMinor(Blackhole blackhole) {
		for (int i = 0; i < amounts.length; i++) {
			blackhole.consume(Money.toMinor(amounts[i], Money.currency(codes[i])));
		}
		return amounts.length;
	}
}
