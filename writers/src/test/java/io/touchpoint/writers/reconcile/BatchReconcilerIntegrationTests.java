package io.touchpoint.writers.reconcile;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import javax.sql.DataSource;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.batch.infrastructure.item.Chunk;
import org.springframework.jdbc.core.JdbcTemplate;

import io.touchpoint.writers.load.LoadTable;
import io.touchpoint.writers.load.mysql.MysqlLoadDataLoader;
import io.touchpoint.writers.quarantine.QuarantineBuffer;
import io.touchpoint.writers.quarantine.QuarantineRow;
import io.touchpoint.writers.staging.Manifest;
import io.touchpoint.writers.staging.ManifestPart;
import io.touchpoint.writers.staging.StagePublisher;
import io.touchpoint.writers.staging.StagingLocation;
import io.touchpoint.writers.staging.StagingPartWriter;
import io.touchpoint.writers.staging.WorkPartLedger;
import io.touchpoint.writers.testing.PurchaseRow;
import io.touchpoint.writers.testing.TestInfra;

/** Runs write, publish and load for real, then reconciles. */
class BatchReconcilerIntegrationTests {

	private final DataSource dataSource = TestInfra.dataSource();
	private final JdbcTemplate jdbc = new JdbcTemplate(dataSource);
	private final Map<String, LoadTable> tables = Map.of(
			"purchases", PurchaseRow.append(), "quarantine", QuarantineRow.loadTable());
	private final BatchReconciler reconciler = new BatchReconciler(dataSource);
	private final MysqlLoadDataLoader loader = new MysqlLoadDataLoader(dataSource, TestInfra.s3());
	private String bucket;
	private Map<String, Manifest> manifests;

	@BeforeEach
	void writeAndPublishABatch() {
		TestInfra.recreate(dataSource, "tp_work_parts", TestInfra.WORK_PARTS_DDL);
		TestInfra.recreate(dataSource, "load_ledger", TestInfra.LOAD_LEDGER_DDL);
		TestInfra.recreate(dataSource, "purchases", PurchaseRow.DDL);
		TestInfra.recreate(dataSource, "quarantine", PurchaseRow.QUARANTINE_DDL);
		bucket = TestInfra.newBucket();
		StagingLocation location = new StagingLocation(bucket, "acme", LocalDate.of(2024, 3, 5), "b9");
		WorkPartLedger ledger = new WorkPartLedger(dataSource);
		QuarantineBuffer quarantine = new QuarantineBuffer();
		quarantine.add(new QuarantineRow("acme", "b9", "pos", "in/a.csv", 4, "amount is not a number",
				"o9;12,5x;\"weird\"", Instant.parse("2024-03-05T10:00:00Z")));
		new StagingPartWriter(TestInfra.s3(), location, ledger, 2, quarantine).write(new Chunk<>(List.of(
				List.of(PurchaseRow.of("b9", "o1", 100), PurchaseRow.of("b9", "o2", 250)),
				List.of(PurchaseRow.of("b9", "o3", 1000)))));
		manifests = new StagePublisher(TestInfra.s3(), ledger).publish(location, List.of("purchases", "quarantine"));
	}

	@Test
	void goodBatchReconciles() {
		loadAll();

		ReconciliationReport report = reconciler.reconcile("acme", "b9", manifests.values(), tables);

		assertThat(report.problems()).isEmpty();
		assertThat(report.ok()).isTrue();
		assertThat(report.tables()).containsExactly(
				new ReconciliationReport.TableCheck("purchases", 2, 3, 3, 3, 1350, 1350),
				new ReconciliationReport.TableCheck("quarantine", 1, 1, 1, 1, 0, 0));
		assertThat(jdbc.queryForObject("SELECT raw_text FROM quarantine", String.class)).isEqualTo("o9;12,5x;\"weird\"");
	}

	@Test
	void deletedRowIsReportedNamingTableAndKey() {
		loadAll();
		ManifestPart firstPart = manifests.get("purchases").parts().get(0);
		jdbc.update("DELETE FROM purchases WHERE order_id = 'o1'");

		ReconciliationReport report = reconciler.reconcile("acme", "b9", manifests.values(), tables);

		assertThat(report.ok()).isFalse();
		assertThat(report.problems()).containsExactly("Table purchases: " + firstPart.key() + " has 1 rows in the"
				+ " table but the load ledger says 2 were inserted; rows were deleted or added after the load.");
		assertThat(report.tables().get(0).insertedRows()).isEqualTo(2);
	}

	@Test
	void partThatWasNeverLoadedIsReported() {
		ManifestPart secondPart = manifests.get("purchases").parts().get(1);
		load("purchases", manifests.get("purchases").parts().get(0));
		load("quarantine", manifests.get("quarantine").parts().get(0));

		ReconciliationReport report = reconciler.reconcile("acme", "b9", manifests.values(), tables);

		assertThat(report.problems()).containsExactly("Table purchases: " + secondPart.key() + " is in the manifest"
				+ " but has no load_ledger row for batch b9; it was never loaded: restart the load step.");
	}

	@Test
	void ledgerNumbersThatDifferFromTheManifestAreReported() {
		loadAll();
		ManifestPart firstPart = manifests.get("purchases").parts().get(0);
		jdbc.update("UPDATE load_ledger SET money_minor = 999 WHERE staged_key = ?", firstPart.key());

		ReconciliationReport report = reconciler.reconcile("acme", "b9", manifests.values(), tables);

		assertThat(report.problems()).containsExactly("Table purchases: " + firstPart.key() + " has 2 rows / money"
				+ " 350 in its manifest but the load ledger recorded 2 rows / money 999.");
	}

	@Test
	void rowsDerivedAfterTheLoadReconcileWhenTheirLedgerRowAccountsForThemAndNotOtherwise() {
		// given the batch loaded, then one row derived from it under a derived/ ledger row of its own
		loadAll();
		String derived = BatchReconciler.DERIVED + "purchases/tenant=acme/batch=b9";
		jdbc.update("INSERT INTO purchases (tenant_id, batch_id, order_id, amount_minor, purchased_at, staged_file)"
				+ " VALUES ('acme', 'b9', 'o-derived', 0, '2024-03-05 10:00:00', ?)", derived);
		jdbc.update("INSERT INTO load_ledger (staged_key, tenant_id, batch_id, table_name, row_count, money_minor,"
				+ " rows_inserted, loaded_at) VALUES (?, 'acme', 'b9', 'purchases', 1, 0, 1, CURRENT_TIMESTAMP(6))",
				derived);

		// when / then
		assertThat(reconciler.reconcile("acme", "b9", manifests.values(), tables).problems()).isEmpty();

		// and a second derived row its ledger row does not account for is reported
		jdbc.update("INSERT INTO purchases (tenant_id, batch_id, order_id, amount_minor, purchased_at, staged_file)"
				+ " VALUES ('acme', 'b9', 'o-extra', 0, '2024-03-05 10:00:00', ?)", derived);
		assertThat(reconciler.reconcile("acme", "b9", manifests.values(), tables).problems()).containsExactly(
				"Table purchases: 2 rows of batch b9 come from " + derived + ", which is not in the manifest.");
	}

	private void loadAll() {
		manifests.values().forEach(m -> m.parts().forEach(part -> load(m.table(), part)));
	}

	private void load(String table, ManifestPart part) {
		loader.load(bucket, part, tables.get(table), "acme", "b9");
	}
}
