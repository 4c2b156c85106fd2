package io.touchpoint.jobs.sources.api;

import java.time.Instant;
import java.util.List;

import javax.sql.DataSource;

import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * The cursors of API streams ({@code tp_source_cursors}, with every change in
 * {@code tp_source_cursor_history}) and each batch's fetch progress ({@code tp_api_fetches}), in the
 * metadata database. Callers run these in their step's transaction.
 */
@Component
public class CursorStore {

	private final JdbcTemplate jdbc;

	public CursorStore(DataSource metadataDataSource) {
		this.jdbc = new JdbcTemplate(metadataDataSource);
	}

	/** A live cursor: records before {@code value} have been loaded. */
	public record Cursor(String tenantId, String source, String stream, Instant value, String batchId,
			java.sql.Timestamp updatedAt) {
	}

	/** One change of a cursor. */
	public record Change(long id, String stream, String oldValue, String newValue, String reason, String batchId,
			java.sql.Timestamp changedAt) {
	}

	/** One stream's fetch within a batch: its window, and how far its pagination got. */
	public record Fetch(String batchId, String tenantId, String source, String stream, Instant from, Instant to,
			boolean backfill, int pages, long records, int requests, String nextToken, boolean done) {
	}

	public @Nullable Instant cursor(String tenant, String source, String stream) {
		List<String> values = jdbc.queryForList("SELECT cursor_value FROM tp_source_cursors WHERE tenant_id = ? AND "
				+ "source = ? AND stream = ?", String.class, tenant, source, stream);
		return values.isEmpty() ? null : Instant.parse(values.get(0));
	}

	public List<Cursor> cursors(String tenant, String source) {
		return jdbc.query("SELECT tenant_id, source, stream, cursor_value, batch_id, updated_at FROM tp_source_cursors "
				+ "WHERE tenant_id = ? AND (? IS NULL OR source = ?) ORDER BY source, stream",
				(rs, i) -> new Cursor(rs.getString(1), rs.getString(2), rs.getString(3), Instant.parse(rs.getString(4)),
						rs.getString(5), rs.getTimestamp(6)), tenant, source, source);
	}

	public List<Change> history(String tenant, String source, int limit) {
		return jdbc.query("SELECT history_id, stream, old_value, new_value, reason, batch_id, changed_at FROM "
				+ "tp_source_cursor_history WHERE tenant_id = ? AND source = ? ORDER BY history_id DESC LIMIT ?",
				(rs, i) -> new Change(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5),
						rs.getString(6), rs.getTimestamp(7)), tenant, source, limit);
	}

	/** Sets a cursor and records why; returns the value it had (null if none). */
	public @Nullable Instant set(String tenant, String source, String stream, Instant value, String reason, String batchId) {
		Instant old = cursor(tenant, source, stream);
		if (old == null) {
			jdbc.update("INSERT INTO tp_source_cursors (tenant_id, source, stream, cursor_value, batch_id) VALUES (?, ?, ?, ?, ?)",
					tenant, source, stream, value.toString(), batchId);
		}
		else {
			jdbc.update("UPDATE tp_source_cursors SET cursor_value = ?, batch_id = ?, updated_at = CURRENT_TIMESTAMP(6) "
					+ "WHERE tenant_id = ? AND source = ? AND stream = ?", value.toString(), batchId, tenant, source, stream);
		}
		jdbc.update("INSERT INTO tp_source_cursor_history (tenant_id, source, stream, old_value, new_value, reason, batch_id) "
				+ "VALUES (?, ?, ?, ?, ?, ?, ?)", tenant, source, stream, old == null ? null : old.toString(), value.toString(),
				reason, batchId);
		return old;
	}

	/** The batch's stream fetches, in fetch order. */
	public List<Fetch> fetches(String batchId) {
		return jdbc.query("SELECT batch_id, tenant_id, source, stream, window_from, window_to, backfill, pages, records, "
				+ "requests, next_token, done FROM tp_api_fetches WHERE batch_id = ? ORDER BY source, stream",
				(rs, i) -> new Fetch(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
						Instant.parse(rs.getString(5)), Instant.parse(rs.getString(6)), rs.getBoolean(7), rs.getInt(8),
						rs.getLong(9), rs.getInt(10), rs.getString(11), rs.getBoolean(12)), batchId);
	}

	/** Plans a stream's fetch for the batch; a stream already planned (a restart) keeps its window. */
	public void plan(String batchId, String tenant, String source, String stream, Instant from, Instant to,
			boolean backfill) {
		jdbc.update("INSERT IGNORE INTO tp_api_fetches (batch_id, tenant_id, source, stream, window_from, window_to, "
				+ "backfill, done) VALUES (?, ?, ?, ?, ?, ?, ?, ?)", batchId, tenant, source, stream, from.toString(),
				to.toString(), backfill ? 1 : 0, from.isBefore(to) ? 0 : 1);
	}

	/** Records a landed page: the stream's page count, records, requests and next token (none: done). */
	public void pageLanded(String batchId, String source, String stream, int records, int requests, @Nullable String nextToken) {
		jdbc.update("UPDATE tp_api_fetches SET pages = pages + 1, records = records + ?, requests = requests + ?, "
				+ "next_token = ?, done = ? WHERE batch_id = ? AND source = ? AND stream = ?", records, requests, nextToken,
				nextToken == null ? 1 : 0, batchId, source, stream);
	}

	/** Requests the batch made to a source so far (its earlier executions included). */
	public int requestsUsed(String batchId, String source) {
		Integer used = jdbc.queryForObject("SELECT COALESCE(SUM(requests), 0) FROM tp_api_fetches WHERE batch_id = ? AND source = ?",
				Integer.class, batchId, source);
		return used == null ? 0 : used;
	}

	/**
	 * After the batch reconciled: each live (not backfill) stream's cursor moves to the end of the window
	 * the batch fetched, never backwards.
	 *
	 * @return the number of cursors moved
	 */
	public int advance(String batchId) {
		int moved = 0;
		for (Fetch fetch : fetches(batchId)) {
			if (fetch.backfill() || !fetch.done()) {
				continue;
			}
			Instant current = cursor(fetch.tenantId(), fetch.source(), fetch.stream());
			if (current == null || current.isBefore(fetch.to())) {
				set(fetch.tenantId(), fetch.source(), fetch.stream(), fetch.to(), "batch " + batchId + " loaded "
						+ fetch.records() + " record(s) of [" + fetch.from() + ", " + fetch.to() + ")", batchId);
				moved++;
			}
		}
		return moved;
	}
}
