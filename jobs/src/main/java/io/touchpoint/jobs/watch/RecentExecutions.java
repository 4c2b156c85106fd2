package io.touchpoint.jobs.watch;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import javax.sql.DataSource;

import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;

import io.touchpoint.jobs.executions.ExecutionQueries;

/**
 * The newest executions for the status page: what {@code touchpoint executions} lists, each with the
 * records its normalize step read, the rows its load step wrote into the warehouse (what the CLI reports
 * as rows loaded) and the records its steps quarantined (skipped), from Spring Batch's step table.
 * Counts are per step in the metrics; summing every step's writes would add staged, loaded and rollup
 * rows together.
 */
final class RecentExecutions {

	/**
	 * An execution and its counts: records read, rows loaded, records quarantined, and its data checks that
	 * did not pass ({@code 1 WARN}; empty when all passed or none ran).
	 */
	record Row(ExecutionQueries.Summary summary, long read, long written, long quarantined, String checks) {
	}

	private record Counts(long read, long written, long quarantined) {
	}

	private static final Counts NONE = new Counts(0, 0, 0);

	private final ExecutionQueries queries;

	private final NamedParameterJdbcTemplate metadata;

	RecentExecutions(ExecutionQueries queries, DataSource metadataDataSource) {
		this.queries = queries;
		this.metadata = new NamedParameterJdbcTemplate(metadataDataSource);
		this.checks = new io.touchpoint.jobs.checks.DataCheckStore(metadataDataSource);
	}

	private final io.touchpoint.jobs.checks.DataCheckStore checks;

	List<Row> newest(int limit) {
		List<ExecutionQueries.Summary> summaries = queries.list(null, null, null, limit);
		List<Long> ids = summaries.stream().map(ExecutionQueries.Summary::id).toList();
		Map<Long, Counts> counts = counts(ids);
		Map<Long, String> outcomes = checks.outcomes(ids);
		return summaries.stream().map(s -> {
			Counts c = counts.getOrDefault(s.id(), NONE);
			return new Row(s, c.read(), c.written(), c.quarantined(), outcomes.getOrDefault(s.id(), ""));
		}).toList();
	}

	private Map<Long, Counts> counts(List<Long> ids) {
		Map<Long, Counts> counts = new HashMap<>();
		if (ids.isEmpty()) {
			return counts;
		}
		metadata.query("""
				SELECT JOB_EXECUTION_ID,
				       SUM(CASE WHEN STEP_NAME = 'normalize' THEN READ_COUNT ELSE 0 END),
				       SUM(CASE WHEN STEP_NAME = 'load' THEN WRITE_COUNT ELSE 0 END),
				       SUM(READ_SKIP_COUNT + PROCESS_SKIP_COUNT + WRITE_SKIP_COUNT)
				FROM BATCH_STEP_EXECUTION WHERE JOB_EXECUTION_ID IN (:ids)
				GROUP BY JOB_EXECUTION_ID
				""", new MapSqlParameterSource("ids", ids),
				rs -> {
					counts.put(rs.getLong(1), new Counts(rs.getLong(2), rs.getLong(3), rs.getLong(4)));
				});
		return counts;
	}
}
