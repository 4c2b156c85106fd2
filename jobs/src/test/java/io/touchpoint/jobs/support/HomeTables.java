package io.touchpoint.jobs.support;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Every warehouse table of a home folder (all tenants) as sorted text rows, read with the CLI's {@code query} in
 * one statement, without the columns that differ between two runs of the same files by construction (batch
 * ids, staged keys, computation and load times, generated ids). Two homes that ran the same nights must give
 * equal results, whatever crashed and was restarted in between. Includes the load ledger (one row per staged
 * file: table, rows, money, rows inserted), so a file loaded twice shows.
 */
public final class HomeTables {

	/** Scratch and bookkeeping tables that are not results. */
	private static final Set<String> SKIPPED_TABLES = Set.of("tp_schema_history", "tp_warehouse_migrations", "rollup_scope");

	private static final Set<String> VARYING = Set.of("batch_id", "staged_file", "staged_key", "computed_at", "loaded_at",
			"quarantined_at", "quarantine_id", "rebuilt_at", "rollup_state.updated_at");

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private final Map<String, List<String>> columns;

	private final String select;

	private HomeTables(Map<String, List<String>> columns) {
		this.columns = columns;
		this.select = columns.entrySet().stream()
			.map(table -> "SELECT '" + table.getKey() + "' AS t, CONCAT_WS('|', " + table.getValue().stream()
				.map(column -> "COALESCE(CAST(`" + column + "` AS CHAR), '(null)')")
				.collect(Collectors.joining(", ")) + ") AS r FROM `" + table.getKey() + "`")
			.collect(Collectors.joining(" UNION ALL ")) + " ORDER BY t, r";
	}

	/** The tables and compared columns of a home's warehouse schema (every home of one build has the same). */
	public static HomeTables describe(Path home) {
		Map<String, List<String>> columns = new TreeMap<>();
		for (JsonNode row : query(home, "SELECT TABLE_NAME AS t, COLUMN_NAME AS c FROM information_schema.COLUMNS "
				+ "WHERE TABLE_SCHEMA = DATABASE() ORDER BY TABLE_NAME, ORDINAL_POSITION")) {
			String table = row.get("t").asString();
			String column = row.get("c").asString();
			if (!SKIPPED_TABLES.contains(table) && !VARYING.contains(column) && !VARYING.contains(table + "." + column)) {
				columns.computeIfAbsent(table, t -> new ArrayList<>()).add(column);
			}
		}
		return new HomeTables(columns);
	}

	/** The tables of the home's warehouse, by name, each as its sorted rows (one query). */
	public Map<String, List<String>> of(Path home) {
		Map<String, List<String>> tables = new TreeMap<>();
		columns.keySet().forEach(table -> tables.put(table, new ArrayList<>()));
		String homeText = home.toAbsolutePath().normalize().toString();
		for (JsonNode row : query(home, select)) {
			// a path under the home (none is expected) would differ between two homes: compare it relative
			tables.get(row.get("t").asString()).add(row.get("r").asString().replace(homeText, "<home>"));
		}
		return tables;
	}

	/** Row counts per table, for readable assertion messages and the report. */
	public static Map<String, Integer> counts(Map<String, List<String>> tables) {
		Map<String, Integer> counts = new LinkedHashMap<>();
		tables.forEach((table, rows) -> counts.put(table, rows.size()));
		return counts;
	}

	private static JsonNode query(Path home, String sql) {
		InProcessCli.Result result = InProcessCli.run("--home", home.toString(), "query", "--format", "json", sql);
		if (result.code() != 0) {
			throw new AssertionError("query on " + home + " failed: " + result);
		}
		return JSON.readTree(result.out());
	}

	/** Stops any MariaDB server still running on a home under {@code root} (one a killed JVM left behind). */
	public static void stopServersUnder(Path root) {
		String marker = "--basedir=" + root.toAbsolutePath().normalize();
		ProcessHandle.allProcesses()
			.filter(process -> process.info().commandLine().map(line -> line.contains(marker)).orElse(false))
			.forEach(process -> {
				process.destroyForcibly();
				process.onExit().join();
			});
	}
}
