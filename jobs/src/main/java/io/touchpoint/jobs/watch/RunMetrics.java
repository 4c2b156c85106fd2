package io.touchpoint.jobs.watch;

import java.time.Duration;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

import javax.sql.DataSource;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import org.jspecify.annotations.Nullable;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.JdbcTemplate;

import io.touchpoint.jobs.executions.JobRuns;
import io.touchpoint.jobs.ingest.IngestParameters;

/**
 * The run metrics Prometheus scrapes from a scheduler node, recorded when a run ends
 * ({@link JobRuns.RunFinished}, published for every launch and restart of this process): rows read,
 * written and skipped (quarantined) per job, tenant and step, step durations per job and step, finished
 * runs and failures per job and tenant, and the end of the last successful run per job and tenant.
 * Tags are only job, tenant, step and status, so the number of series stays bounded by the tenants.
 * It records into the registry of the scheduler's web context while that serves ({@link #attach}); a
 * command that serves nothing records nothing.
 */
public final class RunMetrics {

	static final String ROWS_READ = "touchpoint.rows.read";

	static final String ROWS_WRITTEN = "touchpoint.rows.written";

	static final String ROWS_SKIPPED = "touchpoint.rows.skipped";

	static final String STEP_DURATION = "touchpoint.step.duration";

	static final String RUNS = "touchpoint.runs";

	static final String FAILURES = "touchpoint.run.failures";

	static final String LAST_SUCCESS = "touchpoint.last.success.timestamp";

	/** The nightly data check results, by tenant, source, check and outcome (PASS, WARN, FAIL, SKIP, ACCEPTED). */
	static final String DATA_CHECKS = "touchpoint.data.checks";

	/** The tag value of a run without a tenant parameter. */
	static final String NO_TENANT = "none";

	private final JdbcTemplate metadata;

	private final ZoneId zone;

	private volatile @Nullable MeterRegistry registry;

	/** Strong references to the gauges' values (Micrometer holds gauge objects weakly). */
	private final Map<List<String>, AtomicLong> lastSuccess = new ConcurrentHashMap<>();

	public RunMetrics(DataSource metadataDataSource, ZoneId zone) {
		this.metadata = new JdbcTemplate(metadataDataSource);
		this.zone = zone;
		this.checks = new io.touchpoint.jobs.checks.DataCheckStore(metadataDataSource);
	}

	private final io.touchpoint.jobs.checks.DataCheckStore checks;

	/**
	 * Records from now on into this registry, with the last-success gauges set from the metadata database
	 * (the end of each (job, tenant)'s last COMPLETED execution, backfills aside, as the stale-run alerts
	 * count it), so a node that restarts reports them before its first run.
	 */
	public synchronized void attach(MeterRegistry meterRegistry) {
		lastSuccess.clear();
		registry = meterRegistry;
		metadata.query("""
				SELECT i.JOB_NAME, t.PARAMETER_VALUE, MAX(e.END_TIME)
				FROM BATCH_JOB_EXECUTION e
				JOIN BATCH_JOB_INSTANCE i ON i.JOB_INSTANCE_ID = e.JOB_INSTANCE_ID
				JOIN BATCH_JOB_EXECUTION_PARAMS t ON t.JOB_EXECUTION_ID = e.JOB_EXECUTION_ID AND t.PARAMETER_NAME = 'tenant'
				WHERE e.STATUS = 'COMPLETED' AND e.END_TIME IS NOT NULL
				  AND NOT EXISTS (SELECT 1 FROM BATCH_JOB_EXECUTION_PARAMS f
				                  WHERE f.JOB_EXECUTION_ID = e.JOB_EXECUTION_ID AND f.PARAMETER_NAME = 'from')
				GROUP BY i.JOB_NAME, t.PARAMETER_VALUE
				""", rs -> {
			succeeded(meterRegistry, rs.getString(1), rs.getString(2), rs.getObject(3, LocalDateTime.class));
		});
	}

	/** Stops recording (the web context is closing). */
	public synchronized void detach() {
		registry = null;
		lastSuccess.clear();
	}

	@EventListener
	public void onRunFinished(JobRuns.RunFinished event) {
		MeterRegistry current = registry;
		if (current != null) {
			record(current, event.execution());
		}
	}

	private void record(MeterRegistry registry, JobExecution execution) {
		String job = execution.getJobInstance().getJobName();
		String tenant = tenant(execution);
		for (StepExecution step : execution.getStepExecutions()) {
			Tags tags = Tags.of("job", job, "tenant", tenant, "step", step.getStepName());
			registry.counter(ROWS_READ, tags).increment(step.getReadCount());
			registry.counter(ROWS_WRITTEN, tags).increment(step.getWriteCount());
			registry.counter(ROWS_SKIPPED, tags).increment(step.getSkipCount());
			if (step.getStartTime() != null && step.getEndTime() != null) {
				Timer.builder(STEP_DURATION)
					.description("How long each step of a run took")
					.tags("job", job, "step", step.getStepName(), "status", step.getStatus().name())
					.register(registry)
					.record(Duration.between(step.getStartTime(), step.getEndTime()));
			}
		}
		registry.counter(RUNS, "job", job, "tenant", tenant, "status", execution.getStatus().name()).increment();
		// registered at 0 by the first run, so an alert on its increase sees the first failure too
		var failures = registry.counter(FAILURES, "job", job, "tenant", tenant);
		if (execution.getStatus() == BatchStatus.FAILED) {
			failures.increment();
		}
		if (execution.getStatus() == BatchStatus.COMPLETED && !backfill(execution) && execution.getEndTime() != null) {
			succeeded(registry, job, tenant, execution.getEndTime());
		}
		recordChecks(registry, execution.getId(), tenant);
	}

	/** The run's data check results; sources and checks are few per tenant, so the series stay bounded. */
	private void recordChecks(MeterRegistry registry, long executionId, String tenant) {
		for (var stored : checks.forExecution(executionId)) {
			registry.counter(DATA_CHECKS, "tenant", tenant, "source", stored.result().source(), "check",
					stored.result().check(), "outcome", stored.result().outcome().name()).increment();
		}
	}

	private void succeeded(MeterRegistry registry, String job, String tenant, LocalDateTime end) {
		long epochSeconds = end.atZone(zone).toEpochSecond();
		lastSuccess.computeIfAbsent(List.of(job, tenant), key -> {
			AtomicLong value = new AtomicLong();
			Gauge.builder(LAST_SUCCESS, value, AtomicLong::doubleValue)
				.description("When the last successful run of the job for the tenant ended (Unix time)")
				.baseUnit("seconds")
				.tags("job", job, "tenant", tenant)
				.register(registry);
			return value;
		}).accumulateAndGet(epochSeconds, Math::max);
	}

	private static String tenant(JobExecution execution) {
		String tenant = execution.getJobParameters().getString(IngestParameters.TENANT);
		return tenant == null ? NO_TENANT : tenant;
	}

	private static boolean backfill(JobExecution execution) {
		return execution.getJobParameters().getLocalDate(IngestParameters.FROM) != null;
	}
}
