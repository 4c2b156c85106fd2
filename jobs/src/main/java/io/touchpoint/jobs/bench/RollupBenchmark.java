package io.touchpoint.jobs.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

import javax.sql.DataSource;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.io.ClassPathResource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Component;

import io.touchpoint.jobs.config.WarehouseDataSource;
import io.touchpoint.jobs.model.CanonicalTables;
import io.touchpoint.jobs.rollup.RollupRunner;
import io.touchpoint.jobs.schema.SqlStatements;
import io.touchpoint.writers.load.StagedFileLoader;

/**
 * {@code touchpoint bench --rollups-only}: how long the rollups take at a size the export path would need
 * hours to produce. Inserts synthetic facts for N tag applications, with contacts, touchpoints, purchases
 * and refunds in proportion ({@code bench/rollup-facts.sql} says the ratios), straight into the embedded
 * warehouse as a new tenant, times a full rebuild ({@code touchpoint rollup rebuild}), then adds a batch of
 * 1% more of every fact and times the incremental run a nightly job makes for it.
 */
@Component
public class RollupBenchmark {

	private static final Logger log = LoggerFactory.getLogger(RollupBenchmark.class);

	private final NamedParameterJdbcTemplate jdbc;

	private final RollupRunner rollups;

	private final StagedFileLoader loader;

	private final Clock clock;

	public RollupBenchmark(@WarehouseDataSource DataSource warehouse, RollupRunner rollups, StagedFileLoader loader) {
		this.jdbc = new NamedParameterJdbcTemplate(warehouse);
		this.rollups = rollups;
		this.loader = loader;
		this.clock = Clock.systemUTC();
	}

	/**
	 * Facts in the tenant's warehouse tables, and the two rollup runs' times and results; {@code *TableSeconds}
	 * is each rollup table's share of a run.
	 */
	public record Result(String tenant, long tagApplications, Map<String, Long> facts, double generateSeconds,
			double rebuildSeconds, Map<String, Integer> rebuildRows, Map<String, Double> rebuildTableSeconds,
			long incrementTagApplications, double incrementalSeconds, int incrementalContacts,
			Map<String, Double> incrementalTableSeconds) {

		/** The result as the aligned table the CLI prints. */
		public String table() {
			StringBuilder out = new StringBuilder();
			out.append(String.format("%-24s %s%n", "tenant", tenant));
			facts.forEach((table, rows) -> out.append(String.format("%-24s %,d rows%n", table, rows)));
			out.append(String.format("%-24s %.1f s%n", "generate (SQL)", generateSeconds));
			out.append(String.format("%-24s %.1f s, %,d contacts%n", "rollup rebuild", rebuildSeconds,
					rebuildRows.getOrDefault("contact_value", 0)));
			out.append(String.format("%-24s %s%n", "", slowest(rebuildTableSeconds)));
			out.append(String.format("%-24s %.1f s, %,d contacts touched by %,d new tag applications (+1%%)%n",
					"incremental batch", incrementalSeconds, incrementalContacts, incrementTagApplications));
			out.append(String.format("%-24s %s%n", "", slowest(incrementalTableSeconds)));
			return out.toString();
		}

		private static String slowest(Map<String, Double> tableSeconds) {
			return tableSeconds.entrySet()
				.stream()
				.sorted(Map.Entry.<String, Double>comparingByValue().reversed())
				.limit(5)
				.map(entry -> String.format(Locale.ROOT, "%s %.1f s", entry.getKey(), entry.getValue()))
				.collect(Collectors.joining(", ", "slowest: ", ""));
		}
	}

	public Result run(long tagApplications) {
		if (tagApplications < 1000) {
			throw new IllegalArgumentException("--rows must be at least 1000 for --rollups-only");
		}
		String tenant = "rollbench_" + clock.millis();
		Sizes base = Sizes.of(tagApplications, 1);
		Sizes increment = Sizes.of(tagApplications / 100, 1 + base.contacts);
		Instant start = clock.instant();
		generate(tenant, "bench-base", base, base.contacts);
		double generated = seconds(start);
		log.info("bench: {} facts generated in {} s; rebuilding its rollups", tenant, generated);

		Instant rebuildStart = clock.instant();
		RollupRunner.Result rebuilt = rollups.rebuild(tenant, RollupRunner.NO_WINDOW_END);
		double rebuildSeconds = seconds(rebuildStart);

		generate(tenant, "bench-increment", increment.after(base), base.contacts + increment.contacts);
		Instant incrementalStart = clock.instant();
		RollupRunner.Result incremental = rollups.incremental(tenant, "bench-increment", RollupRunner.NO_WINDOW_END);
		double incrementalSeconds = seconds(incrementalStart);
		return new Result(tenant, tagApplications, facts(tenant), generated, rebuildSeconds, rebuilt.written(),
				tableSeconds(rebuilt), increment.tags, incrementalSeconds, incremental.contacts(),
				tableSeconds(incremental));
	}

	private void generate(String tenant, String batch, Sizes sizes, long contacts) {
		String script = script().replace("${c0}", Long.toString(sizes.firstContact))
			.replace("${c1}", Long.toString(sizes.firstContact + sizes.contacts - 1))
			.replace("${t0}", Long.toString(sizes.firstTag))
			.replace("${t1}", Long.toString(sizes.firstTag + sizes.tags - 1))
			.replace("${e0}", Long.toString(sizes.firstTouch))
			.replace("${e1}", Long.toString(sizes.firstTouch + sizes.touches - 1))
			.replace("${p0}", Long.toString(sizes.firstPurchase))
			.replace("${p1}", Long.toString(sizes.firstPurchase + sizes.purchases - 1))
			.replace("${contacts}", Long.toString(contacts));
		Map<String, Object> params = Map.of("tenantId", tenant, "batchId", batch);
		for (String statement : SqlStatements.split(script)) {
			jdbc.update(statement, params);
		}
		// as the load step does after its parts, so the rollups plan with the facts' statistics
		loader.refreshStatistics(CanonicalTables.all().values());
	}

	private static Map<String, Double> tableSeconds(RollupRunner.Result run) {
		Map<String, Double> seconds = new LinkedHashMap<>();
		run.took().forEach((table, took) -> seconds.put(table, took.toMillis() / 1000.0));
		return seconds;
	}

	private Map<String, Long> facts(String tenant) {
		Map<String, Long> facts = new LinkedHashMap<>();
		for (String table : new String[] { "tag_applications", "contacts", "contact_identities", "touchpoints",
				"purchases", "refunds", "ad_spend", "contact_touchpoints" }) {
			facts.put(table, jdbc.queryForObject("SELECT COUNT(*) FROM " + table + " WHERE tenant_id = :tenantId",
					Map.of("tenantId", tenant), Long.class));
		}
		return facts;
	}

	private static String script() {
		try {
			return new ClassPathResource("bench/rollup-facts.sql").getContentAsString(StandardCharsets.UTF_8);
		}
		catch (IOException ex) {
			throw new IllegalStateException("Cannot read bench/rollup-facts.sql from the classpath", ex);
		}
	}

	private double seconds(Instant since) {
		return Duration.between(since, clock.instant()).toMillis() / 1000.0;
	}

	/** How many of each fact, and the first sequence number of each (ids continue across batches). */
	private record Sizes(long tags, long contacts, long touches, long purchases, long firstTag, long firstContact,
			long firstTouch, long firstPurchase) {

		static Sizes of(long tags, long firstContact) {
			return new Sizes(tags, Math.max(1, tags / 2), Math.max(1, tags / 2), Math.max(1, tags / 10), 1, firstContact,
					1, 1);
		}

		/** This batch's ids start after the base's. */
		Sizes after(Sizes base) {
			return new Sizes(tags, contacts, touches, purchases, base.tags + 1, base.contacts + 1, base.touches + 1,
					base.purchases + 1);
		}
	}
}
