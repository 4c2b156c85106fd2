package io.touchpoint.writers.testing;

import java.time.Instant;
import java.util.List;

import io.touchpoint.writers.load.LoadTable;
import io.touchpoint.writers.staging.CsvRowEncoder;
import io.touchpoint.writers.staging.StagedRow;

/** A test row of a {@code purchases} staging table: the writers never know about purchases themselves. */
public record PurchaseRow(String tenantId, String batchId, String orderId, long amountMinor, String note,
		Instant purchasedAt) implements StagedRow {

	/** The columns a part fills, in the order {@link #writeCsv} writes them (tenant and batch are set by the loader). */
	public static final List<String> COLUMNS =
			List.of("tenant_id", "batch_id", "order_id", "amount_minor", "note", "purchased_at");

	/** DDL of the target table: an auto-increment id outside the CSV, a unique order per tenant. */
	public static final String DDL = "CREATE TABLE purchases (id BIGINT AUTO_INCREMENT PRIMARY KEY,"
			+ " tenant_id VARCHAR(64) NOT NULL, batch_id VARCHAR(64) NOT NULL, order_id VARCHAR(64) NOT NULL,"
			+ " amount_minor BIGINT NOT NULL, note VARCHAR(40) NULL, purchased_at TIMESTAMP(6) NOT NULL,"
			+ " staged_file VARCHAR(512) NOT NULL, UNIQUE KEY uq_order (tenant_id, order_id))"
			+ " DEFAULT CHARSET = utf8mb4";

	/** DDL of the quarantine target table. */
	public static final String QUARANTINE_DDL = "CREATE TABLE quarantine (id BIGINT AUTO_INCREMENT PRIMARY KEY,"
			+ " tenant_id VARCHAR(64) NOT NULL, batch_id VARCHAR(64) NOT NULL, source VARCHAR(64) NOT NULL,"
			+ " file VARCHAR(512) NULL, line BIGINT NOT NULL, reason VARCHAR(1000) NOT NULL, raw_text MEDIUMTEXT NULL,"
			+ " quarantined_at TIMESTAMP(6) NOT NULL, staged_file VARCHAR(512) NOT NULL) DEFAULT CHARSET = utf8mb4";

	public static PurchaseRow of(String batchId, String orderId, long amountMinor) {
		return new PurchaseRow("acme", batchId, orderId, amountMinor, "note " + orderId,
				Instant.parse("2024-03-05T10:11:12.5Z"));
	}

	public static LoadTable append() {
		return LoadTable.append("purchases", COLUMNS, "amount_minor");
	}

	public static LoadTable ignoreDuplicates() {
		return LoadTable.ignoreDuplicates("purchases", COLUMNS, "amount_minor");
	}

	@Override
	public String table() {
		return "purchases";
	}

	@Override
	public long moneyMinor() {
		return amountMinor;
	}

	@Override
	public void writeCsv(CsvRowEncoder out) {
		out.string(orderId).number(amountMinor).string(note).timestamp(purchasedAt);
	}
}
