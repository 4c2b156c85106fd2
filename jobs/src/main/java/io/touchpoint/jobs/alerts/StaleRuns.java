package io.touchpoint.jobs.alerts;

import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import javax.sql.DataSource;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;

import io.touchpoint.jobs.config.Durations;
import io.touchpoint.scheduler.TenantDirectory;

/**
 * Jobs that have not completed for a while: for each watched job ({@code touchpoint.alerts.stale-jobs})
 * and active tenant, the end of its last COMPLETED execution (backfills do not count); a pair whose last
 * success is older than {@code touchpoint.alerts.stale-after}, or that never completed, is stale.
 */
public class StaleRuns {

	private static final Logger log = LoggerFactory.getLogger(StaleRuns.class);

	private final JdbcTemplate metadata;

	private final AlertProperties properties;

	private final TenantDirectory tenants;

	private final Webhooks webhooks;

	/** (job, tenant, day) alerted already by this process: one alert per stale pair per day. */
	private final Set<String> alerted = new HashSet<>();

	public StaleRuns(DataSource metadataDataSource, AlertProperties properties, TenantDirectory tenants, Webhooks webhooks) {
		this.metadata = new JdbcTemplate(metadataDataSource);
		this.properties = properties;
		this.tenants = tenants;
		this.webhooks = webhooks;
	}

	/** A (job, tenant) whose last success is too old; {@code lastCompleted} null when it never completed. */
	public record Stale(String job, String tenant, @Nullable LocalDateTime lastCompleted, Duration staleAfter) {

		public String message() {
			return "Touchpoint: " + job + " for tenant " + tenant + (lastCompleted == null ? " has never completed"
					: " has not completed since " + lastCompleted.withNano(0).toString().replace('T', ' ')) + " (more than "
					+ Durations.text(staleAfter) + "). See touchpoint executions --job " + job + " --tenant " + tenant;
		}
	}

	public boolean enabled() {
		return properties.staleAfter() != null && !properties.staleAfter().isZero();
	}

	public Duration staleAfter() {
		return properties.staleAfter();
	}

	/** The jobs watched ({@code touchpoint.alerts.stale-jobs}). */
	public List<String> jobs() {
		return properties.staleJobs();
	}

	/** The tenants watched: {@code touchpoint.scheduler.tenants} and the tenants with API connections. */
	public List<String> watchedTenants() {
		return tenants.activeTenants();
	}

	/** The stale pairs among the configured jobs and active tenants at {@code now} (metadata database time). */
	public List<Stale> check(LocalDateTime now) {
		if (!enabled()) {
			return List.of();
		}
		return check(properties.staleJobs(), tenants.activeTenants(), properties.staleAfter(), now);
	}

	/** The stale pairs among these jobs and tenants. */
	public List<Stale> check(List<String> jobs, List<String> tenantIds, Duration staleAfter, LocalDateTime now) {
		List<Stale> stale = new ArrayList<>();
		for (String job : jobs) {
			for (String tenant : tenantIds) {
				LocalDateTime last = lastCompleted(job, tenant);
				if (last == null || last.isBefore(now.minus(staleAfter))) {
					stale.add(new Stale(job, tenant, last, staleAfter));
				}
			}
		}
		return stale;
	}

	/** The end time of the last COMPLETED execution of the job for the tenant (not a backfill). */
	public @Nullable LocalDateTime lastCompleted(String job, String tenant) {
		return metadata.queryForObject("""
				SELECT MAX(e.END_TIME)
				FROM BATCH_JOB_EXECUTION e
				JOIN BATCH_JOB_INSTANCE i ON i.JOB_INSTANCE_ID = e.JOB_INSTANCE_ID
				JOIN BATCH_JOB_EXECUTION_PARAMS t ON t.JOB_EXECUTION_ID = e.JOB_EXECUTION_ID
				     AND t.PARAMETER_NAME = 'tenant' AND t.PARAMETER_VALUE = ?
				WHERE i.JOB_NAME = ? AND e.STATUS = 'COMPLETED'
				  AND NOT EXISTS (SELECT 1 FROM BATCH_JOB_EXECUTION_PARAMS f
				                  WHERE f.JOB_EXECUTION_ID = e.JOB_EXECUTION_ID AND f.PARAMETER_NAME = 'from')
				""", LocalDateTime.class, tenant, job);
	}

	/**
	 * Checks at {@code now} and posts one alert per stale pair, at most once a day per pair in this process.
	 * Returns the pairs alerted now. Never throws.
	 */
	public synchronized List<Stale> alertOncePerDay(LocalDateTime now) {
		List<Stale> sent = new ArrayList<>();
		try {
			LocalDate today = now.toLocalDate();
			for (Stale stale : check(now)) {
				if (alerted.add(stale.job() + "\u0000" + stale.tenant() + "\u0000" + today)) {
					webhooks.post(stale.message());
					sent.add(stale);
				}
			}
			alerted.removeIf(key -> !key.endsWith("\u0000" + today));
		}
		catch (RuntimeException ex) {
			log.warn("Stale-run check failed: {}", ex.getMessage());
		}
		return sent;
	}
}
