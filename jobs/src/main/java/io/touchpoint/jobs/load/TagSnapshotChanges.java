package io.touchpoint.jobs.load;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import javax.sql.DataSource;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.io.ClassPathResource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.jdbc.support.JdbcTransactionManager;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

import io.touchpoint.jobs.config.Endpoints;
import io.touchpoint.jobs.config.LockConflicts;
import io.touchpoint.jobs.config.WarehouseDataSource;
import io.touchpoint.jobs.config.WarehouseDialect;
import io.touchpoint.jobs.schema.SqlStatements;
import io.touchpoint.writers.reconcile.BatchReconciler;

/**
 * Turns the tag listings a batch loaded from snapshot sources ({@code tag_snapshots}) into the tag
 * applications and removals they mean ({@code sql/<dialect>/derive/tag_snapshots.sql}), once per batch: the rows
 * and a {@code load_ledger} row named {@code derived/tag_snapshots/tenant=T/batch=B/tag_applications} are
 * written in one transaction, and a batch whose ledger row exists is skipped, so a restarted load derives
 * nothing twice. The file's statements run in order on the transaction's one connection (the MySQL/MariaDB file
 * computes its sets into temporary tables of that connection); the rows written are those of its
 * {@code INSERT INTO tag_applications} statements.
 * Runs after every part of the batch is loaded and before its rollup.
 */
@Component
public class TagSnapshotChanges {

	private static final Logger log = LoggerFactory.getLogger(TagSnapshotChanges.class);

	private static final String WRITES = "INSERT INTO tag_applications";

	private final List<String> statements;

	private final NamedParameterJdbcTemplate jdbc;

	private final TransactionTemplate transaction;

	@Autowired
	public TagSnapshotChanges(@WarehouseDataSource DataSource warehouse, Endpoints endpoints) {
		this(warehouse, WarehouseDialect.of(endpoints));
	}

	/** Derives with the statements of {@code dialect} on the warehouse {@code warehouse}. */
	public TagSnapshotChanges(DataSource warehouse, WarehouseDialect dialect) {
		this.statements = read("sql/" + dialect.folder() + "/derive/tag_snapshots.sql");
		this.jdbc = new NamedParameterJdbcTemplate(warehouse);
		this.transaction = new TransactionTemplate(new JdbcTransactionManager(warehouse));
	}

	/** The tag applications and removals written for the batch; 0 when it was derived before. */
	public int derive(String tenantId, String batchId) {
		String key = BatchReconciler.DERIVED + "tag_snapshots/tenant=" + tenantId + "/batch=" + batchId
				+ "/tag_applications";
		Map<String, Object> params = Map.of("tenantId", tenantId, "batchId", batchId, "derivedFile", key);
		// INSERT ... SELECT locks what it reads, so another tenant's load can deadlock with it: run it again then
		Integer written = LockConflicts.retry("deriving the tag snapshots of batch " + batchId, () -> transaction.execute(status -> {
			Integer done = jdbc.queryForObject("SELECT COUNT(*) FROM load_ledger WHERE staged_key = :derivedFile", params,
					Integer.class);
			if (done != null && done > 0) {
				return 0;
			}
			int rows = 0;
			for (String statement : statements) {
				int updated = jdbc.update(statement, params);
				if (statement.startsWith(WRITES)) {
					rows += updated;
				}
			}
			jdbc.update("INSERT INTO load_ledger (staged_key, tenant_id, batch_id, table_name, row_count, money_minor, "
					+ "rows_inserted, loaded_at) VALUES (:derivedFile, :tenantId, :batchId, 'tag_applications', :rows, 0, "
					+ ":rows, CURRENT_TIMESTAMP(6))", with(params, rows));
			return rows;
		}));
		if (written != null && written > 0) {
			log.info("tag snapshots of batch {}: {} tag application(s) and removal(s)", batchId, written);
		}
		return written == null ? 0 : written;
	}

	private static Map<String, Object> with(Map<String, Object> params, int rows) {
		Map<String, Object> all = new HashMap<>(params);
		all.put("rows", rows);
		return all;
	}

	private static List<String> read(String path) {
		try (InputStream in = new ClassPathResource(path).getInputStream()) {
			return SqlStatements.split(new String(in.readAllBytes(), StandardCharsets.UTF_8));
		}
		catch (IOException ex) {
			throw new IllegalStateException("Missing " + path + " on the classpath", ex);
		}
	}
}
