package io.touchpoint.writers.reconcile;

import java.util.List;

/**
 * What reconciling one batch found: per-table totals and the problems, one sentence each.
 *
 * <p>The batch reconciles when there are no problems ({@link #ok()}); the caller decides whether
 * to fail.
 */
public record ReconciliationReport(List<TableCheck> tables, List<String> problems) {

	public ReconciliationReport {
		tables = List.copyOf(tables);
		problems = List.copyOf(problems);
	}

	/** True when manifests, load ledger and tables agree. */
	public boolean ok() {
		return problems.isEmpty();
	}

	/**
	 * Totals of one table: {@code files} parts in the manifest holding {@code manifestRows} rows and
	 * {@code manifestMoney}; the load ledger recorded {@code loadedRows} rows and {@code loadedMoney}
	 * for those parts; {@code insertedRows} rows of those parts are in the target table (for merged
	 * tables: the rows the ledger says were merged).
	 */
	public record TableCheck(String table, int files, long manifestRows, long loadedRows, long insertedRows,
			long manifestMoney, long loadedMoney) {
	}
}
