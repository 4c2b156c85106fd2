package io.touchpoint.jobs.executions;

import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import javax.sql.DataSource;

import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.JobInstance;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

import io.touchpoint.jobs.ingest.BatchContext;

/**
 * {@code touchpoint purge}: removes old run history from the metadata database, because Spring Batch's
 * launches and queries slow down as its tables grow. A JobInstance goes only when every one of its
 * executions ended (COMPLETED, FAILED, STOPPED or ABANDONED) before the cutoff and its last execution is
 * COMPLETED or ABANDONED: nothing will restart it. A FAILED or STOPPED last execution stays, however
 * old, until someone abandons it. With it go Touchpoint's per-batch bookkeeping that only a restart of
 * that batch reads ({@code tp_work_parts}, {@code tp_api_fetches}) and the {@code tp_inbox_files} rows no
 * later run consults (duplicates, files of a batch that never reconciled).
 * <p>
 * Kept, whatever their age: {@code tp_inbox_files} rows of loaded files (a later copy of the same content
 * is recognized by them and never loaded again), the live cursors and their history, the run guard, and
 * in the warehouse the load ledger (which staged file was loaded, once), quarantined records (analysts'
 * evidence) and SingleStore pipeline errors. S3 objects are not touched.
 * <p>
 * Instances go in batches, each batch in one metadata transaction, children first, with bind parameters
 * only. Once a night's instance is gone, launching that night again is no longer refused as completed:
 * it starts a new instance, whose inbox files are recognized as duplicates and load nothing.
 */
@Component
public class HistoryPurge {

	/** The tables purged, children first, with the rows of the selected instances (or their batches). */
	private static final Map<String, String> TABLES = tables();

	private final JdbcTemplate metadata;

	private final TransactionTemplate transactions;

	private final JobRepository repository;

	public HistoryPurge(DataSource metadataDataSource, JobRepository repository) {
		this.metadata = new JdbcTemplate(metadataDataSource);
		this.transactions = new TransactionTemplate(new DataSourceTransactionManager(metadataDataSource));
		this.repository = repository;
	}

	/** What a purge removed (or, dry, would remove): instances, and rows per table in deletion order. */
	public record Result(LocalDateTime cutoff, boolean dryRun, long instances, Map<String, Long> rows) {
	}

	/**
	 * Purges the instances that ended before {@code cutoff}, {@code batchSize} instances per transaction;
	 * with {@code dryRun} counts the same rows and deletes nothing.
	 */
	public Result purge(LocalDateTime cutoff, int batchSize, boolean dryRun) {
		if (batchSize < 1) {
			throw new IllegalArgumentException("--batch-size must be 1 or more, not " + batchSize);
		}
		Map<String, Long> rows = new LinkedHashMap<>();
		TABLES.keySet().forEach(table -> rows.put(table, 0L));
		long instances = 0;
		long after = 0;
		while (true) {
			long from = after;
			List<Long> ids = dryRun ? purgeable(cutoff, from, batchSize)
					: transactions.execute(status -> purgeBatch(cutoff, from, batchSize, rows));
			if (ids.isEmpty()) {
				break;
			}
			if (dryRun) {
				count(ids, batchIds(ids)).forEach((table, n) -> rows.merge(table, n, Long::sum));
			}
			instances += ids.size();
			after = ids.get(ids.size() - 1);
		}
		return new Result(cutoff, dryRun, instances, Collections.unmodifiableMap(rows));
	}

	private List<Long> purgeBatch(LocalDateTime cutoff, long after, int batchSize, Map<String, Long> rows) {
		List<Long> ids = purgeable(cutoff, after, batchSize);
		if (!ids.isEmpty()) {
			List<String> batches = batchIds(ids);
			TABLES.forEach((table, where) -> rows.merge(table,
					(long) metadata.update("DELETE FROM " + table + " WHERE " + bind(where, ids, batches),
							arguments(where, ids, batches)), Long::sum));
		}
		return ids;
	}

	private Map<String, Long> count(List<Long> ids, List<String> batches) {
		Map<String, Long> counts = new LinkedHashMap<>();
		TABLES.forEach((table, where) -> counts.put(table, metadata.queryForObject(
				"SELECT COUNT(*) FROM " + table + " WHERE " + bind(where, ids, batches), Long.class,
				arguments(where, ids, batches))));
		return counts;
	}

	/**
	 * The next instances after {@code after} (by id) whose executions all ended before {@code cutoff} and
	 * whose last execution is COMPLETED or ABANDONED.
	 */
	private List<Long> purgeable(LocalDateTime cutoff, long after, int limit) {
		return metadata.queryForList("""
				SELECT i.JOB_INSTANCE_ID
				FROM BATCH_JOB_INSTANCE i
				JOIN BATCH_JOB_EXECUTION last ON last.JOB_INSTANCE_ID = i.JOB_INSTANCE_ID
				 AND last.JOB_EXECUTION_ID = (SELECT MAX(m.JOB_EXECUTION_ID) FROM BATCH_JOB_EXECUTION m
				                              WHERE m.JOB_INSTANCE_ID = i.JOB_INSTANCE_ID)
				WHERE i.JOB_INSTANCE_ID > ?
				  AND last.STATUS IN ('COMPLETED', 'ABANDONED')
				  AND NOT EXISTS (SELECT 1 FROM BATCH_JOB_EXECUTION e WHERE e.JOB_INSTANCE_ID = i.JOB_INSTANCE_ID
				                  AND (e.END_TIME IS NULL OR e.END_TIME >= ?
				                       OR e.STATUS NOT IN ('COMPLETED', 'FAILED', 'STOPPED', 'ABANDONED')))
				ORDER BY i.JOB_INSTANCE_ID
				LIMIT ?
				""", Long.class, after, cutoff, limit);
	}

	/** The batch ids of the instances, from their job execution contexts (an instance that never fetched has none). */
	private List<String> batchIds(List<Long> instanceIds) {
		Set<String> batches = new LinkedHashSet<>();
		for (long id : instanceIds) {
			JobInstance instance = repository.getJobInstance(id);
			JobExecution last = instance == null ? null : repository.getLastJobExecution(instance);
			if (last != null && last.getExecutionContext().containsKey(BatchContext.BATCH_ID)) {
				batches.add(last.getExecutionContext().getString(BatchContext.BATCH_ID));
			}
		}
		return new ArrayList<>(batches);
	}

	/** Replaces {@code (:instances)} and {@code (:batches)} by as many {@code ?} as there are values. */
	private static String bind(String where, List<Long> ids, List<String> batches) {
		return where.replace(":instances", placeholders(ids.size()))
			.replace(":batches", batches.isEmpty() ? "NULL" : placeholders(batches.size()));
	}

	private static Object[] arguments(String where, List<Long> ids, List<String> batches) {
		return (where.contains(":instances") ? ids : batches).toArray();
	}

	private static String placeholders(int n) {
		return String.join(", ", Collections.nCopies(n, "?"));
	}

	private static Map<String, String> tables() {
		String executions = "JOB_EXECUTION_ID IN (SELECT x.JOB_EXECUTION_ID FROM BATCH_JOB_EXECUTION x "
				+ "WHERE x.JOB_INSTANCE_ID IN (:instances))";
		Map<String, String> tables = new LinkedHashMap<>();
		tables.put("BATCH_STEP_EXECUTION_CONTEXT", "STEP_EXECUTION_ID IN (SELECT s.STEP_EXECUTION_ID FROM "
				+ "BATCH_STEP_EXECUTION s JOIN BATCH_JOB_EXECUTION x ON x.JOB_EXECUTION_ID = s.JOB_EXECUTION_ID "
				+ "WHERE x.JOB_INSTANCE_ID IN (:instances))");
		tables.put("BATCH_STEP_EXECUTION", executions);
		tables.put("BATCH_JOB_EXECUTION_CONTEXT", executions);
		tables.put("BATCH_JOB_EXECUTION_PARAMS", executions);
		tables.put("BATCH_JOB_EXECUTION", "JOB_INSTANCE_ID IN (:instances)");
		tables.put("BATCH_JOB_INSTANCE", "JOB_INSTANCE_ID IN (:instances)");
		tables.put("tp_work_parts", "batch_id IN (:batches)");
		tables.put("tp_api_fetches", "batch_id IN (:batches)");
		// rows a later run's duplicate check reads (loaded, not themselves duplicates) stay
		tables.put("tp_inbox_files", "batch_id IN (:batches) AND (loaded_at IS NULL OR duplicate_of IS NOT NULL)");
		return Collections.unmodifiableMap(tables);
	}
}
