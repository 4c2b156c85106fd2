package io.touchpoint.jobs.executions;

import java.time.Duration;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;

import javax.sql.DataSource;

import org.jspecify.annotations.Nullable;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import io.touchpoint.jobs.failures.FailureMessages;

/** Run history from the JobRepository, for {@code touchpoint executions} and {@code execution ID}. */
@Component
public class ExecutionQueries {

	private final JdbcTemplate metadata;

	private final JobRepository repository;

	public ExecutionQueries(DataSource metadataDataSource, JobRepository repository) {
		this.metadata = new JdbcTemplate(metadataDataSource);
		this.repository = repository;
	}

	/** One line of the execution list. */
	public record Summary(long id, String job, String tenant, String date, String status, LocalDateTime start,
			LocalDateTime end, String error) {
	}

	/** The latest executions, newest first, optionally filtered. */
	public List<Summary> list(String job, String tenant, String status, int limit) {
		return list(job, tenant, status, null, limit);
	}

	/** As {@link #list(String, String, String, int)}, started at or after {@code since} when given. */
	public List<Summary> list(@Nullable String job, @Nullable String tenant, @Nullable String status, @Nullable LocalDateTime since,
			int limit) {
		StringBuilder sql = new StringBuilder("""
				SELECT e.JOB_EXECUTION_ID, i.JOB_NAME,
				       MAX(CASE WHEN p.PARAMETER_NAME = 'tenant' THEN p.PARAMETER_VALUE END) AS tenant,
				       MAX(CASE WHEN p.PARAMETER_NAME = 'date' THEN p.PARAMETER_VALUE END) AS biz_date,
				       e.STATUS, e.START_TIME, e.END_TIME, e.EXIT_MESSAGE
				FROM BATCH_JOB_EXECUTION e
				JOIN BATCH_JOB_INSTANCE i ON i.JOB_INSTANCE_ID = e.JOB_INSTANCE_ID
				LEFT JOIN BATCH_JOB_EXECUTION_PARAMS p ON p.JOB_EXECUTION_ID = e.JOB_EXECUTION_ID
				WHERE 1 = 1
				""");
		List<Object> args = new ArrayList<>();
		if (job != null) {
			sql.append(" AND i.JOB_NAME = ?");
			args.add(job);
		}
		if (since != null) {
			sql.append(" AND e.CREATE_TIME >= ?");
			args.add(since);
		}
		if (status != null) {
			sql.append(" AND e.STATUS = ?");
			args.add(status.toUpperCase(java.util.Locale.ROOT));
		}
		sql.append(" GROUP BY e.JOB_EXECUTION_ID, i.JOB_NAME, e.STATUS, e.START_TIME, e.END_TIME, e.EXIT_MESSAGE");
		if (tenant != null) {
			sql.append(" HAVING tenant = ?");
			args.add(tenant);
		}
		sql.append(" ORDER BY e.JOB_EXECUTION_ID DESC LIMIT ?");
		args.add(limit);
		return metadata.query(sql.toString(),
				(rs, i) -> new Summary(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5),
						rs.getObject(6, LocalDateTime.class), rs.getObject(7, LocalDateTime.class),
						"FAILED".equals(rs.getString(5)) ? FailureMessages.fromExitDescription(rs.getString(8)) : null),
				args.toArray());
	}

	/** One step of an execution with its counts and, if it failed, the reason. */
	public record StepLine(String name, String status, long read, long written, long filtered, long skipped, long commits,
			Duration duration, String summary, String error) {
	}

	/** The execution, or null if there is none with this id. */
	public @Nullable JobExecution execution(long id) {
		Integer found = metadata.queryForObject("SELECT COUNT(*) FROM BATCH_JOB_EXECUTION WHERE JOB_EXECUTION_ID = ?",
				Integer.class, id);
		return found == null || found == 0 ? null : repository.getJobExecution(id);
	}

	/** The last business date a run for the tenant completed (a nightly night, an import's date). */
	public java.time.@Nullable LocalDate lastCompletedDate(String tenant) {
		String date = metadata.queryForObject("""
				SELECT MAX(d.PARAMETER_VALUE)
				FROM BATCH_JOB_EXECUTION e
				JOIN BATCH_JOB_EXECUTION_PARAMS t ON t.JOB_EXECUTION_ID = e.JOB_EXECUTION_ID
				     AND t.PARAMETER_NAME = 'tenant' AND t.PARAMETER_VALUE = ?
				JOIN BATCH_JOB_EXECUTION_PARAMS d ON d.JOB_EXECUTION_ID = e.JOB_EXECUTION_ID AND d.PARAMETER_NAME = 'date'
				WHERE e.STATUS = 'COMPLETED'
				""", String.class, tenant);
		return date == null ? null : java.time.LocalDate.parse(date.substring(0, 10));
	}

	public List<StepLine> steps(JobExecution execution) {
		List<StepLine> steps = new ArrayList<>();
		for (StepExecution step : execution.getStepExecutions()) {
			String error = FailureMessages.stepError(step);
			String summary = "FAILED".equals(step.getStatus().name()) ? null : step.getExitStatus().getExitDescription();
			Duration duration = step.getStartTime() == null ? Duration.ZERO
					: Duration.between(step.getStartTime(), step.getEndTime() == null ? LocalDateTime.now() : step.getEndTime());
			steps.add(new StepLine(step.getStepName(), step.getStatus().name(), step.getReadCount(), step.getWriteCount(),
					step.getFilterCount(), step.getSkipCount(), step.getCommitCount(), duration, summary, error));
		}
		steps.sort(java.util.Comparator.comparing(StepLine::name, java.util.Comparator.comparingInt(ExecutionQueries::order)));
		return steps;
	}

	private static int order(String step) {
		// normalize's partitions (normalize-partition:partitionN) are listed with it
		String name = step.startsWith("normalize-partition:") ? "normalize" : step;
		int index = List.of("fetch", "normalize", "stage", "load", "reconcile", "checks", "rollup", "report").indexOf(name);
		return index < 0 ? 99 : index;
	}

	/** Rows the batch quarantined, by source and reason (warehouse, after load). */
	public static String error(JobExecution execution, List<StepLine> steps) {
		return steps.stream().map(StepLine::error).filter(java.util.Objects::nonNull).reduce((a, b) -> b)
			.orElse(FailureMessages.summarize(execution.getAllFailureExceptions()));
	}
}
