package io.touchpoint.writers.staging;

import java.util.List;
import java.util.Objects;

import javax.sql.DataSource;

import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;

/**
 * The ledger of committed work parts, table {@code tp_work_parts} in the metadata database.
 *
 * <p>{@link #register} runs on the caller's transaction (through {@link JdbcTemplate}, which joins
 * a Spring-managed transaction on the same {@link DataSource}): registered inside a chunk
 * transaction, a part becomes visible exactly when its chunk commits, and a rolled-back chunk
 * leaves its uploaded part unregistered, so it is never published. The table's DDL is owned by the
 * jobs module.
 */
public final class WorkPartLedger {

	private static final RowMapper<WorkPart> WORK_PART = (rs, n) -> new WorkPart(
			rs.getString("table_name"), rs.getString("work_key"), rs.getLong("row_count"),
			rs.getLong("money_minor"), rs.getString("sha256"));

	private final JdbcTemplate jdbc;

	/** A ledger over the metadata database: the same DataSource as the chunk transaction manager. */
	public WorkPartLedger(DataSource metadata) {
		this(new JdbcTemplate(Objects.requireNonNull(metadata, "metadata DataSource")));
	}

	/** A ledger using {@code jdbc}, whose DataSource must be the chunk transaction's. */
	public WorkPartLedger(JdbcTemplate jdbc) {
		this.jdbc = Objects.requireNonNull(jdbc, "jdbc");
	}

	/** Registers one uploaded work part, on the caller's transaction. */
	public void register(String batchId, String table, String workKey, long rows, long moneyMinor, String sha256) {
		try {
			jdbc.update("INSERT INTO tp_work_parts (batch_id, table_name, work_key, row_count, money_minor, sha256)"
					+ " VALUES (?, ?, ?, ?, ?, ?)", batchId, table, workKey, rows, moneyMinor, sha256);
		}
		catch (DataAccessException e) {
			throw new StagingException("could not register work part " + workKey + " of table " + table
					+ " for batch " + batchId + " in tp_work_parts: " + e.getMostSpecificCause().getMessage()
					+ "; check that the metadata database is reachable and migrated, then restart the execution", e);
		}
	}

	/** The committed work parts of a batch, all tables, in registration (part_id) order. */
	public List<WorkPart> parts(String batchId) {
		return jdbc.query("SELECT table_name, work_key, row_count, money_minor, sha256 FROM tp_work_parts"
				+ " WHERE batch_id = ? ORDER BY part_id", WORK_PART, batchId);
	}

	/** The committed work parts of one table of a batch, in registration (part_id) order. */
	public List<WorkPart> parts(String batchId, String table) {
		return jdbc.query("SELECT table_name, work_key, row_count, money_minor, sha256 FROM tp_work_parts"
				+ " WHERE batch_id = ? AND table_name = ? ORDER BY part_id", WORK_PART, batchId, table);
	}
}
