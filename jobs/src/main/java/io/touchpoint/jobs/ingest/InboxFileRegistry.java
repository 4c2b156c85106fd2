package io.touchpoint.jobs.ingest;

import java.util.List;

import javax.sql.DataSource;

import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import io.touchpoint.readers.inbox.InboxFile;

/**
 * The inbox files each batch read, by content hash ({@code tp_inbox_files} in the metadata database).
 * A file whose content a loaded batch of the same tenant already ingested is marked as a duplicate and
 * not read again, so the same export dropped twice is counted once.
 */
@Component
public class InboxFileRegistry {

	private final JdbcTemplate jdbc;

	public InboxFileRegistry(DataSource metadataDataSource) {
		this.jdbc = new JdbcTemplate(metadataDataSource);
	}

	/** The batch that already loaded this content for the tenant. */
	public @Nullable String loadedBy(String tenantId, String sha256, String exceptBatch) {
		List<String> batches = jdbc.queryForList("SELECT batch_id FROM tp_inbox_files WHERE tenant_id = ? AND sha256 = ? "
				+ "AND batch_id <> ? AND loaded_at IS NOT NULL AND duplicate_of IS NULL ORDER BY file_id LIMIT 1",
				String.class, tenantId, sha256, exceptBatch);
		return batches.isEmpty() ? null : batches.get(0);
	}

	/**
	 * Records a file of the batch; re-registering the same path (a restarted fetch) replaces it. The row is deleted
	 * only when a plain read finds it: a DELETE that matches nothing still takes a gap lock under InnoDB's
	 * repeatable read, and two nights fetching at once (two scheduler nodes, or two threads of one) would then
	 * deadlock on their inserts into the same gap.
	 */
	public void register(String tenantId, String batchId, InboxFile file, String sha256, String duplicateOf) {
		Integer registered = jdbc.queryForObject("SELECT COUNT(*) FROM tp_inbox_files WHERE batch_id = ? AND path = ?",
				Integer.class, batchId, file.path());
		if (registered != null && registered > 0) {
			jdbc.update("DELETE FROM tp_inbox_files WHERE batch_id = ? AND path = ?", batchId, file.path());
		}
		jdbc.update("INSERT INTO tp_inbox_files (tenant_id, batch_id, source, path, uri, size_bytes, sha256, duplicate_of) "
				+ "VALUES (?, ?, ?, ?, ?, ?, ?, ?)", tenantId, batchId, file.source(), file.path(), file.uri(), file.size(),
				sha256, duplicateOf);
	}

	/** The files the batch must read, in a stable order (restarts resume by position in this list). */
	public List<InboxFile> filesToRead(String batchId) {
		return jdbc.query("SELECT source, path, uri, size_bytes FROM tp_inbox_files WHERE batch_id = ? "
				+ "AND duplicate_of IS NULL ORDER BY path",
				(rs, i) -> new InboxFile(rs.getString(1), rs.getString(2), rs.getString(3), rs.getLong(4)), batchId);
	}

	public void markLoaded(String batchId) {
		jdbc.update("UPDATE tp_inbox_files SET loaded_at = CURRENT_TIMESTAMP(6) WHERE batch_id = ? AND loaded_at IS NULL",
				batchId);
	}
}
