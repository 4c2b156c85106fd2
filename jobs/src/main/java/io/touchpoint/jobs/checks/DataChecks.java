package io.touchpoint.jobs.checks;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

import javax.sql.DataSource;

import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.JdbcTemplate;

import io.touchpoint.jobs.checks.CheckProperties.Action;
import io.touchpoint.jobs.checks.CheckResult.Outcome;
import io.touchpoint.jobs.config.Durations;

/**
 * Measures one night's batch per source in the warehouse and judges it against the trailing nights
 * recorded in {@link DataCheckStore}: rows loaded, share quarantined, money sum per currency, and the
 * age of the newest event at the end of the business date. The sources checked are those the batch read
 * files or pages of and those checked on any of the trailing nights (a source that delivered nothing
 * tonight counts 0 rows). Warehouse times are UTC.
 */
public class DataChecks {

	/** The tables with rows per source, and their event-time column (null: the table has none). */
	private static final Map<String, String> ROW_TABLES = new java.util.LinkedHashMap<>();

	static {
		ROW_TABLES.put("contacts", "updated_at");
		ROW_TABLES.put("contact_identities", null);
		ROW_TABLES.put("purchases", "occurred_at");
		ROW_TABLES.put("refunds", "occurred_at");
		ROW_TABLES.put("tag_applications", "occurred_at");
		ROW_TABLES.put("tag_snapshots", "observed_at");
		ROW_TABLES.put("touchpoints", "occurred_at");
		ROW_TABLES.put("campaigns", null);
		ROW_TABLES.put("ad_spend", null);
	}

	private static final java.time.format.DateTimeFormatter TIME = java.time.format.DateTimeFormatter
		.ofPattern("yyyy-MM-dd HH:mm:ss", java.util.Locale.ROOT);

	private static final List<String> MONEY_TABLES = List.of("purchases", "refunds", "ad_spend");

	private final JdbcTemplate warehouse;

	private final JdbcTemplate metadata;

	private final DataCheckStore store;

	private final SourceSchemas schemas;

	public DataChecks(DataSource warehouse, DataSource metadata, DataCheckStore store, SourceSchemas schemas) {
		this.warehouse = new JdbcTemplate(warehouse);
		this.metadata = new JdbcTemplate(metadata);
		this.store = store;
		this.schemas = schemas;
	}

	/** What the batch holds for one source. */
	record Measures(long rows, long quarantined, Map<String, Long> money, @Nullable LocalDateTime newestEvent) {
	}

	/**
	 * Every check of every source of the batch, judged by {@code properties}; {@code endOfDate} is the end
	 * of the business date in the tenant's zone (freshness is measured there, so a night run late or again
	 * judges the same).
	 */
	public List<CheckResult> run(CheckProperties properties, String tenant, LocalDate date, String batchId,
			Instant endOfDate) {
		LocalDate from = date.minusDays(properties.rowCount().nights());
		Set<String> sources = new TreeSet<>(metadata.queryForList(
				"SELECT DISTINCT source FROM tp_inbox_files WHERE batch_id = ?", String.class, batchId));
		sources.addAll(store.sources(tenant, from, date));
		Map<String, Measures> measures = measure(tenant, batchId);
		sources.addAll(measures.keySet());
		Set<String> accepted = store.accepted(batchId);
		Map<String, String> schemaChanges = schemas.changesOn(tenant, date);
		List<CheckResult> results = new ArrayList<>();
		for (String source : sources) {
			Measures m = measures.getOrDefault(source, new Measures(0, 0, Map.of(), null));
			List<CheckResult> checks = new ArrayList<>();
			checks.add(rowCount(properties.rowCount(), tenant, source, date, from, m.rows()));
			checks.add(quarantine(properties.quarantine(), source, m));
			Set<String> currencies = new TreeSet<>(m.money().keySet());
			currencies.addAll(store.subjects(tenant, source, CheckResult.MONEY, from, date));
			for (String currency : currencies) {
				checks.add(money(properties, tenant, source, currency, date, from, m.money().getOrDefault(currency, 0L)));
			}
			checks.add(freshness(properties, tenant, source, date, endOfDate, m.newestEvent()));
			if (schemaChanges.containsKey(source)) {
				// the night's header changes (touchpoint.sources.schema-policy): a note that warns
				checks.add(new CheckResult(source, CheckResult.SCHEMA, "", null, null, null, null, Outcome.WARN, Action.WARN,
						"columns changed: " + schemaChanges.get(source)));
			}
			for (CheckResult check : checks) {
				results.add(check.outcome() == Outcome.FAIL && accepted.contains(DataCheckStore.key(check))
						? new CheckResult(check.source(), check.check(), check.subject(), check.measured(), check.low(),
								check.high(), check.newestEvent(), Outcome.ACCEPTED, check.action(),
								check.message() + " (accepted)")
						: check);
			}
		}
		return results;
	}

	private CheckResult rowCount(CheckProperties.RowCount settings, String tenant, String source, LocalDate date,
			LocalDate from, long rows) {
		List<Double> history = store.history(tenant, source, CheckResult.ROW_COUNT, "", from, date);
		if (history.size() < settings.minNights()) {
			return new CheckResult(source, CheckResult.ROW_COUNT, "", (double) rows, null, null, null, Outcome.SKIP,
					settings.action(), rows + " row(s); " + history.size() + " of the " + settings.minNights()
							+ " earlier night(s) needed to compare with");
		}
		double mean = mean(history);
		double low = settings.low() * mean;
		double high = settings.high() * mean;
		boolean inside = rows >= low && rows <= high;
		return new CheckResult(source, CheckResult.ROW_COUNT, "", (double) rows, low, high, null,
				inside ? Outcome.PASS : outcome(settings.action()), settings.action(),
				rows + " row(s) against a mean of " + CheckResult.number(mean) + " over the last " + history.size()
						+ " night(s)");
	}

	private static CheckResult quarantine(CheckProperties.Quarantine settings, String source, Measures m) {
		long total = m.quarantined() + m.rows();
		if (total == 0) {
			return new CheckResult(source, CheckResult.QUARANTINE, "", null, null, settings.maxShare(), null, Outcome.SKIP,
					settings.action(), "nothing read tonight");
		}
		double share = (double) m.quarantined() / total;
		return new CheckResult(source, CheckResult.QUARANTINE, "", share, null, settings.maxShare(), null,
				share <= settings.maxShare() ? Outcome.PASS : outcome(settings.action()), settings.action(),
				m.quarantined() + " record(s) quarantined beside " + m.rows() + " row(s) loaded");
	}

	private CheckResult money(CheckProperties properties, String tenant, String source, String currency, LocalDate date,
			LocalDate from, long sum) {
		CheckProperties.Money settings = properties.money();
		List<Double> history = store.history(tenant, source, CheckResult.MONEY, currency, from, date);
		double mean = history.isEmpty() ? 0 : mean(history);
		if (history.size() < properties.rowCount().minNights() || mean == 0) {
			return new CheckResult(source, CheckResult.MONEY, currency, (double) sum, null, null, null, Outcome.SKIP,
					settings.action(), sum + " minor units; " + history.size() + " of the "
							+ properties.rowCount().minNights() + " earlier night(s) needed to compare with");
		}
		double a = mean * (1 - settings.maxChange());
		double b = mean * (1 + settings.maxChange());
		double low = Math.min(a, b);
		double high = Math.max(a, b);
		boolean inside = sum >= low && sum <= high;
		return new CheckResult(source, CheckResult.MONEY, currency, (double) sum, low, high, null,
				inside ? Outcome.PASS : outcome(settings.action()), settings.action(),
				sum + " minor units of " + currency + " against a mean of " + CheckResult.number(mean) + " over the last "
						+ history.size() + " night(s)");
	}

	private CheckResult freshness(CheckProperties properties, String tenant, String source, LocalDate date,
			Instant endOfDate, @Nullable LocalDateTime tonight) {
		LocalDateTime before = store.newestEventBefore(tenant, source, date);
		LocalDateTime newest = tonight == null ? before
				: before == null || tonight.isAfter(before) ? tonight : before;
		Duration limit = properties.freshness();
		Action action = properties.freshnessAction();
		if (newest == null) {
			return new CheckResult(source, CheckResult.FRESHNESS, "", null, null, seconds(limit), null, Outcome.SKIP, action,
					"no event time seen yet");
		}
		Duration age = Duration.between(newest.toInstant(ZoneOffset.UTC), endOfDate);
		String text = "newest event " + TIME.format(newest) + " UTC, "
				+ Durations.text(age.isNegative() ? Duration.ZERO : age) + " before the end of " + date;
		if (limit == null || limit.isZero()) {
			return new CheckResult(source, CheckResult.FRESHNESS, "", (double) age.toSeconds(), null, null, newest,
					Outcome.SKIP, action, text + " (touchpoint.checks.freshness is not set)");
		}
		return new CheckResult(source, CheckResult.FRESHNESS, "", (double) age.toSeconds(), null, seconds(limit), newest,
				age.compareTo(limit) <= 0 ? Outcome.PASS : outcome(action), action,
				text + "; at most " + Durations.text(limit) + " allowed");
	}

	/** Rows, quarantined records, money per currency and the newest event time, per source of the batch. */
	Map<String, Measures> measure(String tenant, String batchId) {
		Map<String, long[]> counts = new TreeMap<>();
		Map<String, Map<String, Long>> money = new TreeMap<>();
		Map<String, LocalDateTime> newest = new TreeMap<>();
		for (Map.Entry<String, String> table : ROW_TABLES.entrySet()) {
			String time = table.getValue() == null ? "NULL" : "MAX(" + table.getValue() + ")";
			warehouse.query("SELECT source, COUNT(*), " + time + " FROM " + table.getKey()
					+ " WHERE tenant_id = ? AND batch_id = ? GROUP BY source", rs -> {
						counts.computeIfAbsent(rs.getString(1), s -> new long[2])[0] += rs.getLong(2);
						LocalDateTime at = rs.getObject(3, LocalDateTime.class);
						if (at != null) {
							newest.merge(rs.getString(1), at, (x, y) -> x.isAfter(y) ? x : y);
						}
					}, tenant, batchId);
		}
		// a day of ad spend is known once the day has ended
		warehouse.query("SELECT source, MAX(spend_date) FROM ad_spend WHERE tenant_id = ? AND batch_id = ? GROUP BY source",
				rs -> {
					java.sql.Date day = rs.getDate(2);
					if (day != null) {
						newest.merge(rs.getString(1), day.toLocalDate().plusDays(1).atStartOfDay(),
								(x, y) -> x.isAfter(y) ? x : y);
					}
				}, tenant, batchId);
		warehouse.query("SELECT source, COUNT(*) FROM quarantine WHERE tenant_id = ? AND batch_id = ? GROUP BY source",
				rs -> {
					counts.computeIfAbsent(rs.getString(1), s -> new long[2])[1] += rs.getLong(2);
				}, tenant, batchId);
		for (String table : MONEY_TABLES) {
			warehouse.query("SELECT source, currency, SUM(amount_minor) FROM " + table
					+ " WHERE tenant_id = ? AND batch_id = ? GROUP BY source, currency", rs -> {
						money.computeIfAbsent(rs.getString(1), s -> new TreeMap<>()).merge(rs.getString(2), rs.getLong(3),
								Long::sum);
					}, tenant, batchId);
		}
		Map<String, Measures> measures = new TreeMap<>();
		for (Map.Entry<String, long[]> entry : counts.entrySet()) {
			measures.put(entry.getKey(), new Measures(entry.getValue()[0], entry.getValue()[1],
					money.getOrDefault(entry.getKey(), Map.of()), newest.get(entry.getKey())));
		}
		return measures;
	}

	private static Outcome outcome(Action action) {
		return action == Action.FAIL ? Outcome.FAIL : Outcome.WARN;
	}

	private static double mean(List<Double> values) {
		return values.stream().mapToDouble(Double::doubleValue).average().orElse(0);
	}

	private static @Nullable Double seconds(@Nullable Duration duration) {
		return duration == null ? null : (double) duration.toSeconds();
	}
}
