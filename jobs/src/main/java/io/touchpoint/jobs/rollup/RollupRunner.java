package io.touchpoint.jobs.rollup;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import javax.sql.DataSource;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.jdbc.support.JdbcTransactionManager;
import org.springframework.stereotype.Component;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

import io.touchpoint.jobs.config.Endpoints;
import io.touchpoint.jobs.config.InvalidConfigurationException;
import io.touchpoint.jobs.config.WarehouseDataSource;
import io.touchpoint.jobs.config.WarehouseDialect;
import io.touchpoint.jobs.schema.SqlStatements;

/**
 * Computes a tenant's rollups from {@code sql/rollups/NN_<table>.sql}, in file-name order, in one
 * warehouse transaction, so readers see either the old or the new numbers.
 * <p>
 * A file marked {@code -- scope: contact} computes per-contact rows for the contacts in
 * {@code rollup_scope}: an incremental run fills the scope with the contacts a batch touched
 * ({@code scope/batch.sql}) and replaces only their rows; a rebuild fills it with every contact
 * ({@code scope/tenant.sql}) and replaces all the tenant's rows. A file marked {@code -- scope: tenant}
 * aggregates those per-contact tables (no fact scans) and always replaces the tenant's rows. A file marked
 * {@code -- scope: delta} keeps a tenant-level table that is a sum over contacts up to date by differences:
 * its statements after {@code -- phase: footprint} add {@code :sign} times each scoped contact's share to a
 * work table, and run twice in an incremental run, with {@code :sign = -1} right after the scope (before any
 * per-contact table is replaced) and with {@code :sign = 1} in the file's turn; its statements after
 * {@code -- phase: apply} then add the work table to the rollup table, or to {@code rollup_sum_*} tables the
 * rollup table is recomputed from. A rebuild empties those tables and runs only the second half. A file
 * marked {@code -- scope: visitor} (sessions) deletes the rows of the visitors it recomputes itself: the
 * contacts in {@code rollup_scope} and the anonymous visitors the batch touched; a rebuild empties its table.
 * <p>
 * A run whose time zone, session timeout or rollup SQL differs from the tenant's last rebuild
 * ({@code rollup_state}) rebuilds. Statements see {@code :rebuild} (1 or 0), so a per-contact file can
 * reach its scope's facts by key in an incremental run and in one pass in a rebuild,
 * {@code :sessionTimeoutSeconds}, and {@code :pairTop} (how many touchpoints {@code touchpoint_pair_value}
 * pairs).
 * <p>
 * Funnels ({@link FunnelProperties}) reach the SQL as data: each run replaces the tenant's
 * {@code funnel_definitions} rows with the configured steps, and a statement naming {@code :step} runs once per
 * step number from 2 to the longest funnel's, so a funnel's steps are computed in order without a loop in SQL.
 * <p>
 * A file may hold several statements (separated by a {@code ;} ending a line): the first ones fill
 * {@code rollup_work_*} tables that later statements and files read by key, where a common table
 * expression would be evaluated once per reference and joined without an index; the last one writes
 * the file's table. The tenant's work rows are deleted before and after the run, in its transaction.
 * <p>
 * With {@code touchpoint.rollups.threads} K above 1 the scope is committed first, then the per-contact files run on
 * K connections at once, each in its own transaction over the contacts whose {@code MOD(CRC32(contact_id), K)} is
 * its range ({@code scope/range.sql}): its scope and work tables are temporary tables of its connection, its rows go
 * to {@code rollup_next_*}, and a range that fails runs again alone. One transaction then moves every range's rows
 * into the per-contact tables and runs the other files as above, so readers still see the old or the new numbers.
 */
@Component
public class RollupRunner {

	private static final Logger log = LoggerFactory.getLogger(RollupRunner.class);

	private static final Pattern NAME = Pattern.compile("\\d+_([a-z_]+)\\.sql");

	private static final String FOOTPRINT = "-- phase: footprint";

	private static final String APPLY = "-- phase: apply";

	private static final Pattern WORK_TABLE = Pattern.compile("INSERT INTO (rollup_work_[a-z_]+)");

	private static final Pattern EACH_STEP = Pattern.compile(":step\\b");

	private static final Pattern SUM_TABLE = Pattern.compile("INSERT INTO (rollup_sum_[a-z_]+)");

	/** The prefix of a range's temporary scope and work tables. */
	private static final String RANGE = "range_";

	/** The prefix of the tables a range writes its per-contact rows to, moved in at the end of the run. */
	private static final String NEXT = "rollup_next_";

	/** How many times a range runs before the run fails. */
	static final int RANGE_ATTEMPTS = 3;

	/** The window end of a rebuild without one: every contact counts. */
	public static final Instant NO_WINDOW_END = Instant.parse("9999-12-31T00:00:00Z");

	private final NamedParameterJdbcTemplate jdbc;

	private final TransactionTemplate transaction;

	private final RollupProperties properties;

	private final RollupProperties.TenantSettings tenants;

	private final List<Rollup> rollups;

	private final String batchScope;

	private final String tenantScope;

	private final String digest;

	private final List<String> workTables;

	private final FunnelProperties funnels;

	private final TransactionTemplate rangeTransaction;

	private final String rangeScope;

	/** rollup_scope and the work tables of the per-contact files: temporary tables of each range's connection. */
	private final List<String> rangeTables;

	/** The per-contact files' work tables that later files read: a range copies its rows of them. */
	private final List<String> carriedOut;

	/** The names a range's statements read and write under other names (see {@link #inRange}). */
	private final Pattern rangeNames;

	private volatile RangeListener listener = new RangeListener() {
	};

	/** A runner without funnels ({@code funnel_steps} stays empty). */
	public RollupRunner(DataSource warehouse, RollupProperties properties, RollupProperties.TenantSettings tenants) {
		this(warehouse, properties, tenants, FunnelProperties.none());
	}

	/**
	 * The runner of the configured warehouse. On SingleStore {@code touchpoint.rollups.threads} must be 1: the ranges
	 * drop their temporary tables inside the transaction that wrote them, which SingleStore refuses.
	 */
	@Autowired
	public RollupRunner(@WarehouseDataSource DataSource warehouse, RollupProperties properties,
			RollupProperties.TenantSettings tenants, FunnelProperties funnels, Endpoints endpoints) {
		this(warehouse, properties, tenants, funnels);
		if (properties.threads() > 1 && WarehouseDialect.of(endpoints) == WarehouseDialect.SINGLESTORE) {
			throw new InvalidConfigurationException("touchpoint.rollups.threads is " + properties.threads()
					+ ", but a SingleStore warehouse runs rollups on one connection: its ranges would drop their temporary "
					+ "tables inside the transaction that wrote them, which SingleStore refuses. Set touchpoint.rollups.threads=1 "
					+ "(docs/rollups.md).");
		}
	}

	/** A runner of a MySQL or MariaDB warehouse. */
	public RollupRunner(DataSource warehouse, RollupProperties properties, RollupProperties.TenantSettings tenants,
			FunnelProperties funnels) {
		this.funnels = funnels;
		this.jdbc = new NamedParameterJdbcTemplate(warehouse);
		JdbcTransactionManager transactions = new JdbcTransactionManager(warehouse);
		this.transaction = new TransactionTemplate(transactions);
		// a range's reads of the per-contact tables it shares with the other ranges take no locks
		this.rangeTransaction = new TransactionTemplate(transactions);
		this.rangeTransaction.setIsolationLevel(TransactionDefinition.ISOLATION_READ_COMMITTED);
		this.properties = properties;
		this.tenants = tenants;
		this.rollups = load();
		this.batchScope = text("sql/rollups/scope/batch.sql");
		this.tenantScope = text("sql/rollups/scope/tenant.sql");
		this.digest = digest(rollups, batchScope, tenantScope);
		this.workTables = workTables(rollups);
		this.rangeScope = text("sql/rollups/scope/range.sql");
		List<Rollup> perContact = rollups.stream().filter(rollup -> rollup.scope() == Scope.CONTACT).toList();
		List<String> contactWork = workTables(perContact);
		this.rangeTables = java.util.stream.Stream.concat(java.util.stream.Stream.of("rollup_scope"), contactWork.stream())
			.toList();
		this.carriedOut = contactWork.stream()
			.filter(table -> rollups.stream()
				.anyMatch(rollup -> rollup.scope() != Scope.CONTACT && Pattern.compile("\\b" + table + "\\b").matcher(rollup.sql()).find()))
			.toList();
		List<String> renamed = new ArrayList<>(rangeTables);
		perContact.forEach(rollup -> renamed.add(rollup.table()));
		this.rangeNames = Pattern.compile("\\b(" + String.join("|", renamed) + ")\\b");
	}

	/**
	 * What a test sees of a run on several connections: each range's start (it may throw, to fail that attempt) and
	 * the moment every range has committed its rows, before they are moved in.
	 */
	interface RangeListener {

		default void started(int range, int attempt) {
		}

		default void computed(String tenantId) {
		}
	}

	void listener(RangeListener listener) {
		this.listener = listener;
	}

	/**
	 * What a run did: whether it rebuilt, how many contacts it recomputed, rows written per table, and the time
	 * each table took (its delete and statements; the scope under {@code rollup_scope}).
	 */
	public record Result(boolean rebuilt, int contacts, Map<String, Integer> written, Map<String, Duration> took) {
	}

	/** The tenant's effective rollup settings. */
	public RollupProperties.Effective settings(String tenantId) {
		return properties.forTenant(tenants, tenantId);
	}

	/** The end of business date {@code date} in the tenant's time zone: the window end of that night's rollups. */
	public Instant endOf(String tenantId, java.time.LocalDate date) {
		return date.plusDays(1).atStartOfDay(settings(tenantId).timeZone()).toInstant();
	}

	/** Recomputes every rollup of the tenant from all its facts. */
	public Result rebuild(String tenantId, Instant windowEnd) {
		return run(tenantId, null, windowEnd);
	}

	/**
	 * Recomputes what batch {@code batchId} touched: the per-contact rows of the contacts it names, then
	 * the tenant-level tables. Equal to {@link #rebuild} once every loaded batch has been rolled up.
	 */
	public Result incremental(String tenantId, String batchId, Instant windowEnd) {
		return run(tenantId, batchId, windowEnd);
	}

	private Result run(String tenantId, @Nullable String batchId, Instant windowEnd) {
		RollupProperties.Effective settings = settings(tenantId);
		Map<String, Object> params = new HashMap<>();
		params.put("tenantId", tenantId);
		params.put("batchId", batchId);
		params.put("windowEnd", TimeZoneOffsets.sql(windowEnd));
		params.put("counted", settings.touchpoints().sql());
		params.put("reportingCurrency", settings.reportingCurrency());
		params.put("sessionTimeoutSeconds", properties.sessionTimeout().toSeconds());
		params.put("pairTop", properties.pairTop());
		String state = "time-zone=" + settings.timeZone().getId() + ";session-timeout=" + properties.sessionTimeout().toSeconds();
		Map<String, Duration> took = new LinkedHashMap<>();
		if (properties.threads() == 1) {
			return transaction.execute(status -> {
				boolean rebuild = begin(tenantId, batchId, settings, state, params, took);
				return finish(tenantId, batchId, state, rebuild, params, took, null);
			});
		}
		boolean rebuild = transaction.execute(status -> begin(tenantId, batchId, settings, state, params, took));
		long started = System.nanoTime();
		Map<String, Duration> ranged = ranges(tenantId, params, properties.threads());
		took.put("rollup_ranges", Duration.ofNanos(System.nanoTime() - started));
		listener.computed(tenantId);
		Result result = transaction.execute(status -> finish(tenantId, batchId, state, rebuild, params, took, ranged));
		// the rows moved in and the work rows are emptied after the move commits, which keeps that transaction short;
		// what a run leaves there (it stopped, or this failed) the next run's start empties first
		try {
			transaction.executeWithoutResult(status -> clearWork(params));
		}
		catch (DataAccessException ex) {
			log.warn("rollups for tenant {} are committed, but emptying their work rows failed ({}); the next run of the "
					+ "tenant empties them first", tenantId, ex.getMostSpecificCause().getMessage());
		}
		return result;
	}

	/**
	 * Decides whether the run rebuilds, writes the tenant's time-zone offsets and funnels, empties its work rows and
	 * fills {@code rollup_scope}; whether it rebuilds. On several connections this is committed before the ranges
	 * start, so they read the scope and the offsets.
	 */
	private boolean begin(String tenantId, String batchId, RollupProperties.Effective settings, String state,
			Map<String, Object> params, Map<String, Duration> took) {
		boolean rebuild = batchId == null || !upToDate(tenantId, state);
		params.put("rebuild", rebuild ? 1 : 0);
		writeOffsets(tenantId, settings);
		writeFunnels(tenantId);
		clearWork(params);
		long started = System.nanoTime();
		params.put("contacts", jdbc.update(rebuild ? tenantScope : batchScope, params));
		took.put("rollup_scope", Duration.ofNanos(System.nanoTime() - started));
		return rebuild;
	}

	/**
	 * Replaces the per-contact rows of the scope and then every tenant-level table, in the caller's transaction. The
	 * per-contact files run here, or, when {@code ranged} holds their times, their rows computed by the ranges are
	 * moved in from {@code rollup_next_*}.
	 */
	private Result finish(String tenantId, String batchId, String state, boolean rebuild, Map<String, Object> params,
			Map<String, Duration> took, Map<String, Duration> ranged) {
		long started;
		Map<String, Duration> before = new HashMap<>();
		if (!rebuild) {
			for (Rollup rollup : rollups) {
				started = System.nanoTime();
				execute(rollup, rollup.footprint(), signed(params, -1));
				before.put(rollup.table(), Duration.ofNanos(System.nanoTime() - started));
			}
		}
		Map<String, Integer> written = new LinkedHashMap<>();
		for (Rollup rollup : rollups) {
			started = System.nanoTime();
			if (rollup.scope() == Scope.CONTACT && !rebuild) {
				jdbc.update("DELETE FROM " + rollup.table() + " WHERE tenant_id = :tenantId AND contact_id IN "
						+ "(SELECT contact_id FROM rollup_scope WHERE tenant_id = :tenantId)", params);
			}
			else if ((rollup.scope() != Scope.DELTA && rollup.scope() != Scope.VISITOR) || rebuild) {
				jdbc.update("DELETE FROM " + rollup.table() + " WHERE tenant_id = :tenantId", params);
				for (String sums : rollup.sums()) {
					jdbc.update("DELETE FROM " + sums + " WHERE tenant_id = :tenantId", params);
				}
			}
			if (rollup.scope() == Scope.CONTACT && ranged != null) {
				written.put(rollup.table(), jdbc.update("INSERT INTO " + rollup.table() + " SELECT * FROM " + NEXT
						+ rollup.table() + " WHERE tenant_id = :tenantId", params));
				Duration moved = Duration.ofNanos(System.nanoTime() - started);
				log.debug("{} moved in from {}{}: {} rows in {} ms", rollup.table(), NEXT, rollup.table(),
						written.get(rollup.table()), moved.toMillis());
				took.put(rollup.table(), moved.plus(ranged.getOrDefault(rollup.table(), Duration.ZERO)));
				continue;
			}
			execute(rollup, rollup.footprint(), signed(params, 1));
			written.put(rollup.table(), execute(rollup, rollup.statements(), params));
			took.put(rollup.table(), Duration.ofNanos(System.nanoTime() - started)
				.plus(before.getOrDefault(rollup.table(), Duration.ZERO)));
		}
		if (ranged == null) {
			clearWork(params);
		}
		recordState(tenantId, state, rebuild, params);
		int contacts = (Integer) params.get("contacts");
		log.info("rollups for tenant {} ({}, {} contacts): {} rows; {}", tenantId,
				rebuild ? "rebuild" : "batch " + batchId, contacts, written, seconds(took));
		return new Result(rebuild, contacts, written, Collections.unmodifiableMap(took));
	}

	/**
	 * Runs the per-contact files on {@code ranges} connections at once, range {@code r} for the scope's contacts
	 * whose hash is {@code r} modulo {@code ranges}, each in its own transaction into {@code rollup_next_*}; a
	 * range that fails runs again alone, up to {@value #RANGE_ATTEMPTS} times. The longest time each file took in
	 * a range.
	 */
	private Map<String, Duration> ranges(String tenantId, Map<String, Object> params, int ranges) {
		ExecutorService pool = Executors.newFixedThreadPool(ranges, runnable -> {
			Thread thread = new Thread(runnable, "rollup-range-" + tenantId);
			thread.setDaemon(true);
			return thread;
		});
		try {
			List<Future<Map<String, Duration>>> futures = new ArrayList<>();
			for (int range = 0; range < ranges; range++) {
				int r = range;
				futures.add(pool.submit(() -> range(tenantId, params, r, ranges)));
			}
			Map<String, Duration> longest = new HashMap<>();
			RuntimeException failed = null;
			for (Future<Map<String, Duration>> future : futures) {
				try {
					future.get().forEach((table, took) -> longest.merge(table, took, (a, b) -> a.compareTo(b) >= 0 ? a : b));
				}
				catch (ExecutionException ex) {
					failed = failed != null ? failed
							: ex.getCause() instanceof RuntimeException runtime ? runtime
							: new IllegalStateException(ex.getCause());
				}
				catch (InterruptedException ex) {
					Thread.currentThread().interrupt();
					throw new IllegalStateException("Interrupted while the rollup ranges of tenant " + tenantId + " ran", ex);
				}
			}
			if (failed != null) {
				throw failed;
			}
			return longest;
		}
		finally {
			pool.shutdown();
		}
	}

	private Map<String, Duration> range(String tenantId, Map<String, Object> params, int range, int ranges) {
		for (int attempt = 1;; attempt++) {
			int tried = attempt;
			try {
				return rangeTransaction.execute(status -> computeRange(params, range, ranges, tried));
			}
			catch (RuntimeException ex) {
				if (attempt == RANGE_ATTEMPTS) {
					throw new RollupException("The rollups of tenant " + tenantId + " failed in contact range " + range
							+ " of " + ranges + " " + RANGE_ATTEMPTS + " times (the warehouse failed under them: " + ex.getMessage()
							+ "); no rollup table changed. Fix the warehouse and run the rollups again.", ex);
				}
				log.warn("rollups for tenant {}: contact range {} of {} failed (attempt {} of {}), running it again: {}",
						tenantId, range, ranges, attempt, RANGE_ATTEMPTS, ex.getMessage());
			}
		}
	}

	/**
	 * One range, in its own transaction on its own connection: the range's contacts go to a temporary
	 * {@code rollup_scope} of the connection, the work tables are temporary too, and the per-contact rows go to
	 * {@code rollup_next_*} (the statements read those names instead). The statements reach their contacts' facts
	 * by key ({@code :rebuild} 0) also in a rebuild, where one pass over the tenant's facts would read every range's.
	 * Work rows that later files read are copied to their permanent tables.
	 */
	private Map<String, Duration> computeRange(Map<String, Object> params, int range, int ranges, int attempt) {
		Map<String, Object> ranged = new HashMap<>(params);
		ranged.put("rebuild", 0);
		ranged.put("ranges", ranges);
		ranged.put("range", range);
		Map<String, Duration> took = new LinkedHashMap<>();
		dropRangeTables();
		try {
			for (String table : rangeTables) {
				jdbc.update("CREATE TEMPORARY TABLE " + RANGE + table + " LIKE " + table, Map.of());
			}
			listener.started(range, attempt);
			jdbc.update(rangeScope, ranged);
			for (Rollup rollup : rollups) {
				if (rollup.scope() == Scope.CONTACT) {
					long started = System.nanoTime();
					execute(rollup, inRange(rollup.statements()), ranged);
					took.put(rollup.table(), Duration.ofNanos(System.nanoTime() - started));
				}
			}
			for (String table : carriedOut) {
				jdbc.update("INSERT INTO " + table + " SELECT * FROM " + RANGE + table, Map.of());
			}
			return took;
		}
		finally {
			dropRangeTables();
		}
	}

	private void dropRangeTables() {
		for (String table : rangeTables) {
			jdbc.update("DROP TEMPORARY TABLE IF EXISTS " + RANGE + table, Map.of());
		}
	}

	/** The statements with the range's tables: its temporary scope and work tables, and rollup_next_*. */
	private List<String> inRange(List<String> statements) {
		return statements.stream().map(sql -> rangeNames.matcher(sql).replaceAll(match -> {
			String table = match.group(1);
			return rangeTables.contains(table) ? RANGE + table : NEXT + table;
		})).toList();
	}

	/**
	 * Runs the statements in order; the rows the last one wrote. A statement naming {@code :step} runs once for each
	 * funnel step number from 2 to the longest funnel's, in order.
	 */
	private int execute(Rollup rollup, List<String> statements, Map<String, Object> params) {
		int rows = 0;
		for (int i = 0; i < statements.size(); i++) {
			long started = System.nanoTime();
			if (EACH_STEP.matcher(statements.get(i)).find()) {
				Map<String, Object> stepped = new HashMap<>(params);
				for (int step = 2; step <= funnels.longest(); step++) {
					stepped.put("step", step);
					rows = jdbc.update(statements.get(i), stepped);
				}
				continue;
			}
			rows = jdbc.update(statements.get(i), params);
			log.debug("{} statement {} of {}: {} rows in {} ms", rollup.table(), i + 1, statements.size(), rows,
					(System.nanoTime() - started) / 1_000_000);
		}
		return rows;
	}

	private static Map<String, Object> signed(Map<String, Object> params, int sign) {
		Map<String, Object> signed = new HashMap<>(params);
		signed.put("sign", sign);
		return signed;
	}

	/**
	 * Empties the tenant's rows of rollup_scope, of every work table the rollup files fill, and of the
	 * {@code rollup_next_*} tables of the per-contact files (rows a run on several connections left when it failed).
	 */
	private void clearWork(Map<String, Object> params) {
		jdbc.update("DELETE FROM rollup_scope WHERE tenant_id = :tenantId", params);
		for (String table : workTables) {
			jdbc.update("DELETE FROM " + table + " WHERE tenant_id = :tenantId", params);
		}
		for (Rollup rollup : rollups) {
			if (rollup.scope() == Scope.CONTACT) {
				jdbc.update("DELETE FROM " + NEXT + rollup.table() + " WHERE tenant_id = :tenantId", params);
			}
		}
	}

	private boolean upToDate(String tenantId, String state) {
		List<Map<String, Object>> rows = jdbc.queryForList(
				"SELECT settings, sql_digest FROM rollup_state WHERE tenant_id = :tenantId", Map.of("tenantId", tenantId));
		return rows.size() == 1 && state.equals(rows.get(0).get("settings")) && digest.equals(rows.get(0).get("sql_digest"));
	}

	private void recordState(String tenantId, String state, boolean rebuilt, Map<String, Object> params) {
		Map<String, Object> values = new HashMap<>(params);
		values.put("settings", state);
		values.put("digest", digest);
		if (rebuilt) {
			jdbc.update("DELETE FROM rollup_state WHERE tenant_id = :tenantId", values);
			jdbc.update("INSERT INTO rollup_state (tenant_id, settings, sql_digest, rebuilt_at, updated_at) "
					+ "VALUES (:tenantId, :settings, :digest, CURRENT_TIMESTAMP(6), CURRENT_TIMESTAMP(6))", values);
		}
		else {
			jdbc.update("UPDATE rollup_state SET updated_at = CURRENT_TIMESTAMP(6) WHERE tenant_id = :tenantId", values);
		}
	}

	/**
	 * Replaces the tenant's rows of {@code funnel_definitions} with the configured funnels (touchpoint.funnels.*),
	 * one row per step, so {@code 17_funnel_steps.sql} joins them.
	 */
	private void writeFunnels(String tenantId) {
		jdbc.update("DELETE FROM funnel_definitions WHERE tenant_id = :tenantId", Map.of("tenantId", tenantId));
		List<Map<String, Object>> rows = new ArrayList<>();
		funnels.steps().forEach((funnel, steps) -> steps.forEach(step -> rows.add(Map.of("tenantId", tenantId, "funnel",
				funnel, "number", step.number(), "step", step.text(), "kind", step.kind(), "name", step.name(), "window",
				funnels.funnels().get(funnel).window().toSeconds()))));
		jdbc.batchUpdate("INSERT INTO funnel_definitions (tenant_id, funnel, step_number, step, kind, name, window_seconds) "
				+ "VALUES (:tenantId, :funnel, :number, :step, :kind, :name, :window)", rows.toArray(Map[]::new));
	}

	private void writeOffsets(String tenantId, RollupProperties.Effective settings) {
		String zone = settings.timeZone().getId();
		Integer other = jdbc.queryForObject("SELECT COUNT(*) FROM tenant_time_zone_offsets WHERE tenant_id = :tenantId "
				+ "AND time_zone <> :zone", Map.of("tenantId", tenantId, "zone", zone), Integer.class);
		Integer any = jdbc.queryForObject("SELECT COUNT(*) FROM tenant_time_zone_offsets WHERE tenant_id = :tenantId",
				Map.of("tenantId", tenantId), Integer.class);
		if (other == 0 && any > 0) {
			return;
		}
		jdbc.update("DELETE FROM tenant_time_zone_offsets WHERE tenant_id = :tenantId", Map.of("tenantId", tenantId));
		var rows = TimeZoneOffsets.periods(settings.timeZone())
			.stream()
			.map(p -> Map.<String, Object>of("tenantId", tenantId, "from", p.validFrom(), "to", p.validTo(), "offset",
					p.offsetSeconds(), "zone", zone))
			.toArray(Map[]::new);
		jdbc.batchUpdate("INSERT INTO tenant_time_zone_offsets (tenant_id, valid_from, valid_to, offset_seconds, time_zone) "
				+ "VALUES (:tenantId, :from, :to, :offset, :zone)", rows);
	}

	/** "table 1.2 s, ..." for the log, slowest first. */
	static String seconds(Map<String, Duration> took) {
		return took.entrySet()
			.stream()
			.sorted(Map.Entry.<String, Duration>comparingByValue().reversed())
			.map(entry -> String.format(Locale.ROOT, "%s %.1f s", entry.getKey(), entry.getValue().toMillis() / 1000.0))
			.collect(Collectors.joining(", "));
	}

	private static List<Rollup> load() {
		try {
			Resource[] files = new PathMatchingResourcePatternResolver().getResources("classpath*:sql/rollups/*.sql");
			return Arrays.stream(files)
				.sorted(Comparator.comparing(Resource::getFilename))
				.map(RollupRunner::rollup)
				.toList();
		}
		catch (IOException ex) {
			throw new IllegalStateException("Cannot list sql/rollups/ on the classpath: " + ex.getMessage(), ex);
		}
	}

	private static Rollup rollup(Resource file) {
		Matcher matcher = NAME.matcher(file.getFilename());
		if (!matcher.matches()) {
			throw new IllegalStateException("Rollup files are named NN_<table>.sql: " + file.getFilename());
		}
		String sql = read(file);
		Scope scope = Arrays.stream(Scope.values())
			.filter(candidate -> sql.startsWith("-- scope: " + candidate.name().toLowerCase(Locale.ROOT) + "\n"))
			.findFirst()
			.orElseThrow(() -> new IllegalStateException(
					file.getFilename() + " must start with '-- scope: contact', '-- scope: tenant', '-- scope: delta' or "
							+ "'-- scope: visitor'"));
		int footprint = sql.indexOf("\n" + FOOTPRINT + "\n");
		int apply = sql.indexOf("\n" + APPLY + "\n");
		if ((scope == Scope.DELTA) != (footprint > 0 && apply > footprint)) {
			throw new IllegalStateException(file.getFilename() + ": a file has the lines '" + FOOTPRINT + "' and then '"
					+ APPLY + "' if and only if it is '-- scope: delta'");
		}
		if (scope != Scope.DELTA) {
			return new Rollup(matcher.group(1), sql, List.of(), SqlStatements.split(sql), scope, List.of());
		}
		List<String> sums = SUM_TABLE.matcher(sql).results().map(match -> match.group(1)).distinct().toList();
		return new Rollup(matcher.group(1), sql, SqlStatements.split(sql.substring(footprint, apply)),
				SqlStatements.split(sql.substring(apply)), scope, sums);
	}

	private static String text(String path) {
		return read(new PathMatchingResourcePatternResolver().getResource("classpath:" + path));
	}

	private static String read(Resource file) {
		try {
			return new String(file.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
		}
		catch (IOException ex) {
			throw new IllegalStateException("Cannot read " + file.getFilename(), ex);
		}
	}

	private static String digest(List<Rollup> rollups, String... more) {
		try {
			MessageDigest sha = MessageDigest.getInstance("SHA-256");
			rollups.forEach(rollup -> sha.update(rollup.sql().getBytes(StandardCharsets.UTF_8)));
			Arrays.stream(more).forEach(sql -> sha.update(sql.getBytes(StandardCharsets.UTF_8)));
			return HexFormat.of().formatHex(sha.digest());
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static List<String> workTables(List<Rollup> rollups) {
		return rollups.stream()
			.flatMap(rollup -> WORK_TABLE.matcher(rollup.sql()).results().map(match -> match.group(1)))
			.distinct()
			.toList();
	}

	/** What a rollup file recomputes: see the class comment. */
	private enum Scope {
		CONTACT, TENANT, DELTA, VISITOR
	}

	/**
	 * A rollup file: its footprint statements (delta files only), then the statements of its turn; and the
	 * {@code rollup_sum_*} tables a delta file keeps its sums in (emptied with the table on a rebuild).
	 */
	private record Rollup(String table, String sql, List<String> footprint, List<String> statements, Scope scope,
			List<String> sums) {
	}
}
