package io.touchpoint.writers.reconcile;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;

import javax.sql.DataSource;

import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.JdbcTemplate;

import io.touchpoint.writers.load.LoadTable;
import io.touchpoint.writers.staging.Manifest;
import io.touchpoint.writers.staging.ManifestPart;

/**
 * Checks that a loaded batch is complete: manifests, load ledger and target tables agree.
 *
 * <p>Every manifest part must have a {@code load_ledger} row with the same row count and money
 * sum; for tables that are not merged, the rows of the batch in the target table, counted by
 * {@code staged_file}, must equal the ledger's {@code rows_inserted} per part (a part that inserted
 * nothing may be absent), and no rows of the batch may come from a file outside the manifest, except rows
 * derived after the load, whose {@value #DERIVED} ledger row names them with as many rows inserted.
 * Merged tables are checked against the ledger only, since a merge updates rows in place.
 */
public final class BatchReconciler {

	/**
	 * The ledger key prefix of rows a batch derives after its load from rows it loaded (no staged file, no
	 * manifest); their {@code staged_file} is the key.
	 */
	public static final String DERIVED = "derived/";

	private final JdbcTemplate jdbc;

	public BatchReconciler(DataSource warehouse) {
		this.jdbc = new JdbcTemplate(Objects.requireNonNull(warehouse, "warehouse DataSource"));
	}

	/** Reconciles one batch of one tenant; never throws for a mismatch, it reports it. */
	public ReconciliationReport reconcile(String tenantId, String batchId, Collection<Manifest> manifests,
			Map<String, LoadTable> tables) {
		Map<String, LedgerRow> ledger = new HashMap<>();
		jdbc.query("SELECT staged_key, table_name, row_count, money_minor, rows_inserted FROM load_ledger"
				+ " WHERE tenant_id = ? AND batch_id = ?", rs -> {
					ledger.put(rs.getString(1), new LedgerRow(rs.getString(2), rs.getLong(3), rs.getLong(4),
							rs.getLong(5)));
				}, tenantId, batchId);
		List<ReconciliationReport.TableCheck> checks = new ArrayList<>();
		List<String> problems = new ArrayList<>();
		Set<String> manifestKeys = new HashSet<>();
		for (Manifest manifest : manifests) {
			for (ManifestPart part : manifest.parts()) {
				manifestKeys.add(part.key());
			}
		}
		for (Manifest manifest : manifests) {
			checks.add(check(tenantId, batchId, manifest, tables.get(manifest.table()), ledger, problems));
		}
		new TreeMap<>(ledger).forEach((key, row) -> {
			if (!manifestKeys.contains(key) && !key.startsWith(DERIVED)) {
				problems.add("Table " + row.table() + ": " + key + " is in the load ledger of batch " + batchId
						+ " but in none of its manifests; the batch was loaded from another publication.");
			}
		});
		return new ReconciliationReport(checks, problems);
	}

	private ReconciliationReport.TableCheck check(String tenantId, String batchId, Manifest manifest,
			LoadTable loadTable, Map<String, LedgerRow> ledger, List<String> problems) {
		String table = manifest.table();
		long loadedRows = 0;
		long loadedMoney = 0;
		long ledgerInserted = 0;
		for (ManifestPart part : manifest.parts()) {
			LedgerRow row = ledger.get(part.key());
			if (row == null) {
				problems.add("Table " + table + ": " + part.key() + " is in the manifest but has no load_ledger row"
						+ " for batch " + batchId + "; it was never loaded: restart the load step.");
				continue;
			}
			loadedRows += row.rows();
			loadedMoney += row.money();
			ledgerInserted += row.inserted();
			if (!table.equals(row.table())) {
				problems.add("Table " + table + ": " + part.key() + " was loaded into table " + row.table()
						+ " according to the load ledger.");
			}
			if (row.rows() != part.rows() || row.money() != part.moneyMinor()) {
				problems.add("Table " + table + ": " + part.key() + " has " + part.rows() + " rows / money "
						+ part.moneyMinor() + " in its manifest but the load ledger recorded " + row.rows()
						+ " rows / money " + row.money() + ".");
			}
		}
		long insertedRows = ledgerInserted;
		if (loadTable == null) {
			problems.add("Table " + table + ": batch " + batchId + " has a manifest for it but no load table"
					+ " describes it, so its rows were not counted.");
		}
		else if (loadTable.mode() != LoadTable.Mode.MERGE) {
			insertedRows = countRows(tenantId, batchId, manifest, loadTable, ledger, problems);
		}
		return new ReconciliationReport.TableCheck(table, manifest.parts().size(), manifest.rows(), loadedRows,
				insertedRows, manifest.moneyMinor(), loadedMoney);
	}

	private long countRows(String tenantId, String batchId, Manifest manifest, LoadTable loadTable,
			Map<String, LedgerRow> ledger, List<String> problems) {
		String table = manifest.table();
		Map<String, Long> counts = new LinkedHashMap<>();
		try {
			jdbc.query("SELECT staged_file, COUNT(*) FROM " + loadTable.name()
					+ " WHERE tenant_id = ? AND batch_id = ? GROUP BY staged_file ORDER BY staged_file",
					rs -> {
						counts.put(rs.getString(1), rs.getLong(2));
					}, tenantId, batchId);
		}
		catch (DataAccessException e) {
			problems.add("Table " + table + ": could not count the rows of batch " + batchId + ": "
					+ e.getMostSpecificCause().getMessage() + ".");
			return 0;
		}
		long found = 0;
		Set<String> keys = new HashSet<>();
		for (ManifestPart part : manifest.parts()) {
			keys.add(part.key());
			long actual = counts.getOrDefault(part.key(), 0L);
			found += actual;
			LedgerRow row = ledger.get(part.key());
			if (row != null && row.inserted() != actual) {
				problems.add("Table " + table + ": " + part.key() + " has " + actual + " rows in the table but the"
						+ " load ledger says " + row.inserted() + " were inserted; rows were deleted or added"
						+ " after the load.");
			}
		}
		counts.forEach((key, count) -> {
			// rows a batch derived after its load (tag changes of snapshot listings) have a ledger row of their own
			LedgerRow derived = key == null ? null : ledger.get(key);
			boolean recorded = key != null && key.startsWith(DERIVED) && derived != null && derived.table().equals(table)
					&& derived.inserted() == count;
			if (!keys.contains(key) && !recorded) {
				problems.add("Table " + table + ": " + count + " rows of batch " + batchId + " come from "
						+ (key == null ? "no staged file" : key) + ", which is not in the manifest.");
			}
		});
		return found;
	}

	private record LedgerRow(String table, long rows, long money, long inserted) {
	}
}
