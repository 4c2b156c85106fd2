package io.touchpoint.jobs.support;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Every canonical and rollup table of one tenant as sorted text rows, without the columns that differ
 * between two tenants or batches by construction (tenant, batch, staged file, derived contact id,
 * computation times). Two runs over the same files must give equal snapshots.
 */
public final class WarehouseSnapshot {

	public static final List<String> TABLES = List.of("contacts", "contact_identities", "purchases", "refunds",
			"tag_applications", "touchpoints", "ad_spend", "quarantine", "contact_value", "touchpoint_value");

	private static final Set<String> VARYING = Set.of("tenant_id", "batch_id", "staged_file", "computed_at", "contact_id",
			"alias_contact_id", "quarantined_at", "quarantine_id", "loaded_at", "version_key");

	private WarehouseSnapshot() {
	}

	public static Map<String, List<String>> of(JdbcTemplate jdbc, String tenant) {
		Map<String, List<String>> snapshot = new LinkedHashMap<>();
		for (String table : TABLES) {
			List<String> columns = jdbc.queryForList("SELECT COLUMN_NAME FROM information_schema.COLUMNS WHERE TABLE_SCHEMA = "
					+ "DATABASE() AND TABLE_NAME = ? ORDER BY ORDINAL_POSITION", String.class, table)
				.stream()
				.filter(column -> !VARYING.contains(column))
				.toList();
			List<String> rows = new ArrayList<>(jdbc.query("SELECT " + String.join(", ", columns) + " FROM " + table
					+ " WHERE tenant_id = ?", (rs, i) -> {
						List<String> values = new ArrayList<>();
						for (int c = 1; c <= columns.size(); c++) {
							values.add(String.valueOf(rs.getObject(c)));
						}
						return String.join("|", values);
					}, tenant));
			rows.sort(null);
			snapshot.put(table, rows);
		}
		return snapshot;
	}

	/** Row counts per table, for readable assertion messages. */
	public static Map<String, Integer> counts(Map<String, List<String>> snapshot) {
		return snapshot.entrySet().stream()
			.collect(Collectors.toMap(Map.Entry::getKey, e -> e.getValue().size(), (a, b) -> a, LinkedHashMap::new));
	}
}
