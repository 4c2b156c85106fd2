package io.touchpoint.scheduler;

import java.time.LocalDateTime;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import javax.sql.DataSource;

import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * No overlap: one running execution per (job, tenant) across every process sharing the metadata database
 * (CLI launches and every scheduler node). A launcher claims (job, tenant) before it starts a run: under
 * a row lock on {@code tp_run_guard} it looks for a running execution of the job for the tenant in Spring
 * Batch's tables, and for a fresh claim of another launcher that has not yet created its execution;
 * either refuses the launch with a message naming what is in the way. A backfill ({@code from} parameter)
 * is guarded apart from the nightly runs, which it may run beside. A job run on behalf of another (a
 * re-run of some of the nightly job's steps) names that job in its {@link #RUN_OF} parameter, claims it,
 * and counts as one of its runs. A claim names the node (or process) that took it; a run that Quartz's cluster
 * recovered from a failed node may take over that node's claim, and its running execution.
 */
public final class RunGuard {

	/** The job parameter naming the job an execution runs on behalf of: it is guarded as a run of that job. */
	public static final String RUN_OF = "run-of";

	/** How long a claim without a running execution blocks others (its launcher is creating the execution). */
	static final int CLAIM_SECONDS = 120;

	private final JdbcTemplate jdbc;

	private final TransactionTemplate transactions;

	private final String node;

	private final Set<String> heldHere = ConcurrentHashMap.newKeySet();

	/** Claims of this guard whose release failed (the metadata database went away as their run ended). */
	private final Set<String> unreleased = ConcurrentHashMap.newKeySet();

	private final boolean soleProcess;

	public RunGuard(DataSource metadata, String node) {
		this(metadata, node, false);
	}

	/**
	 * With {@code soleProcess} (the embedded default, whose home lock proves no other process uses the
	 * database) a claim left by another process is stale: that process died without releasing it.
	 */
	public RunGuard(DataSource metadata, String node, boolean soleProcess) {
		this.soleProcess = soleProcess;
		this.jdbc = new JdbcTemplate(metadata);
		DataSourceTransactionManager manager = new DataSourceTransactionManager(metadata);
		this.transactions = new TransactionTemplate(manager);
		this.transactions.setIsolationLevel(TransactionDefinition.ISOLATION_READ_COMMITTED);
		this.node = node;
	}

	/** A running execution of the job for the tenant. */
	public record Running(long executionId, String date, @Nullable LocalDateTime started, String status) {
	}

	/** Claims (job, tenant) or throws {@link OverlapException}; close the claim when the run has ended. */
	public Claim claim(String job, String tenant, boolean backfill) {
		return claim(job, tenant, backfill, null);
	}

	/**
	 * Claims (job, tenant) on behalf of a run that Quartz's cluster recovered from {@code failedNode} (null: none):
	 * a claim that node left is stale, and a running execution under it is refused as
	 * {@linkplain OverlapException#leftByFailedNode() left by the failed node}, so the launcher may recover it.
	 */
	public Claim claim(String job, String tenant, boolean backfill, @Nullable String failedNode) {
		String key = backfill ? job + ":backfill" : job;
		String token = node + "/" + UUID.randomUUID().toString().substring(0, 8);
		// Held here from the first moment: a second launch from this process (another thread, the scheduler)
		// is refused before it can look at the database, where a run of this process could pass for an orphan.
		if (!heldHere.add(key + "\u0000" + tenant)) {
			List<Running> running = running(job, tenant, backfill);
			throw running.isEmpty()
					? new OverlapException(null, false, job + (backfill ? " (backfill)" : "") + " for tenant " + tenant
							+ " is being launched in this process; wait for it.")
					: alreadyRunning(job, tenant, backfill, running.get(0), false, false);
		}
		try {
			claimRow(job, tenant, backfill, key, token, failedNode);
		}
		catch (RuntimeException ex) {
			heldHere.remove(key + "\u0000" + tenant);
			throw ex;
		}
		return new Claim(key, tenant, token);
	}

	private void claimRow(String job, String tenant, boolean backfill, String key, String token,
			@Nullable String failedNode) {
		String[] previous = new String[1];
		transactions.executeWithoutResult(status -> {
			jdbc.update("INSERT IGNORE INTO tp_run_guard (job_name, tenant) VALUES (?, ?)", key, tenant);
			jdbc.query("SELECT claimed_by, TIMESTAMPDIFF(SECOND, claimed_at, NOW(6)) FROM tp_run_guard "
					+ "WHERE job_name = ? AND tenant = ? FOR UPDATE", rs -> {
						String holder = rs.getString(1);
						long age = rs.getLong(2);
						previous[0] = holder;
						// the claim of the node whose run Quartz's cluster recovered: that node is gone
						boolean failedHolder = failedNode != null && holder != null && holder.startsWith(failedNode + "/");
						List<Running> running = running(job, tenant, backfill);
						if (!running.isEmpty()) {
							throw alreadyRunning(job, tenant, backfill, running.get(0), true, failedHolder);
						}
						boolean deadProcess = soleProcess && holder != null && !holder.startsWith(node + "/") || failedHolder;
						// this guard's own claim that it could not release: its run has ended
						boolean releaseFailed = holder != null && unreleased.contains(holder);
						if (holder != null && age < CLAIM_SECONDS && !deadProcess && !releaseFailed) {
							throw new OverlapException(null, false, job + " for tenant " + tenant + " is being launched by "
									+ holder.substring(0, holder.lastIndexOf('/')) + " (claimed " + age + " s ago); wait for it.");
						}
					}, key, tenant);
			jdbc.update("UPDATE tp_run_guard SET claimed_by = ?, claimed_at = NOW(6) WHERE job_name = ? AND tenant = ?",
					token, key, tenant);
		});
		if (previous[0] != null) {
			unreleased.remove(previous[0]);
		}
	}

	/**
	 * The refusal naming the running execution; {@code recoverable} when it may be an orphan (not launched by
	 * this process), which lets the embedded default recover it.
	 */
	private static OverlapException alreadyRunning(String job, String tenant, boolean backfill, Running first,
			boolean recoverable, boolean leftByFailedNode) {
		return new OverlapException(recoverable ? first.executionId() : null, recoverable && leftByFailedNode, job + (backfill
				? " (backfill)" : "")
				+ " for tenant " + tenant + " is already running: execution " + first.executionId() + " (date "
				+ first.date() + ", " + first.status() + " since "
				+ (first.started() == null ? "?" : first.started().withNano(0).toString().replace('T', ' '))
				+ "). Wait for it to end, or stop it: touchpoint stop " + first.executionId());
	}

	/** True when this process holds the claim of (job, tenant): its running execution is not an orphan. */
	public boolean heldHere(String job, String tenant, boolean backfill) {
		return heldHere.contains((backfill ? job + ":backfill" : job) + "\u0000" + tenant);
	}

	/** The running executions launched by this process (to stop them when it shuts down). */
	public List<Running> runningHere() {
		List<Running> here = new java.util.ArrayList<>();
		for (String key : heldHere) {
			String[] parts = key.split("\u0000", 2);
			boolean backfill = parts[0].endsWith(":backfill");
			here.addAll(running(backfill ? parts[0].substring(0, parts[0].length() - ":backfill".length()) : parts[0], parts[1],
					backfill));
		}
		return here;
	}

	/** The running executions of the job for the tenant, oldest first. */
	public List<Running> running(String job, String tenant, boolean backfill) {
		return jdbc.query("""
				SELECT e.JOB_EXECUTION_ID,
				       (SELECT d.PARAMETER_VALUE FROM BATCH_JOB_EXECUTION_PARAMS d
				        WHERE d.JOB_EXECUTION_ID = e.JOB_EXECUTION_ID AND d.PARAMETER_NAME = 'date') AS biz_date,
				       e.START_TIME, e.STATUS
				FROM BATCH_JOB_EXECUTION e
				JOIN BATCH_JOB_INSTANCE i ON i.JOB_INSTANCE_ID = e.JOB_INSTANCE_ID
				WHERE (i.JOB_NAME = ? OR EXISTS (SELECT 1 FROM BATCH_JOB_EXECUTION_PARAMS o
				       WHERE o.JOB_EXECUTION_ID = e.JOB_EXECUTION_ID AND o.PARAMETER_NAME = 'run-of' AND o.PARAMETER_VALUE = ?))
				  AND e.STATUS IN ('STARTING', 'STARTED', 'STOPPING')
				  AND EXISTS (SELECT 1 FROM BATCH_JOB_EXECUTION_PARAMS t WHERE t.JOB_EXECUTION_ID = e.JOB_EXECUTION_ID
				              AND t.PARAMETER_NAME = 'tenant' AND t.PARAMETER_VALUE = ?)
				  AND %s EXISTS (SELECT 1 FROM BATCH_JOB_EXECUTION_PARAMS f WHERE f.JOB_EXECUTION_ID = e.JOB_EXECUTION_ID
				              AND f.PARAMETER_NAME = 'from')
				ORDER BY e.JOB_EXECUTION_ID
				""".formatted(backfill ? "" : "NOT"),
				(rs, i) -> new Running(rs.getLong(1), rs.getString(2), rs.getObject(3, LocalDateTime.class), rs.getString(4)),
				job, job, tenant);
	}

	/** A claim of (job, tenant); closing it lets the next launch in. */
	public final class Claim implements AutoCloseable {

		private final String key;

		private final String tenant;

		private final String token;

		private Claim(String key, String tenant, String token) {
			this.key = key;
			this.tenant = tenant;
			this.token = token;
		}

		@Override
		public void close() {
			heldHere.remove(key + "\u0000" + tenant);
			try {
				jdbc.update("UPDATE tp_run_guard SET claimed_by = NULL, claimed_at = NULL "
						+ "WHERE job_name = ? AND tenant = ? AND claimed_by = ?", key, tenant, token);
			}
			catch (RuntimeException ex) {
				unreleased.add(token);
				throw ex;
			}
		}
	}

	/** A launch refused because another run of the job for the tenant is running or being launched. */
	public static final class OverlapException extends RuntimeException {

		private final @Nullable Long executionId;

		private final boolean leftByFailedNode;

		OverlapException(@Nullable Long executionId, boolean leftByFailedNode, String message) {
			super(message);
			this.executionId = executionId;
			this.leftByFailedNode = leftByFailedNode;
		}

		/**
		 * True when the running execution in the way was launched under the claim of the node that Quartz's
		 * cluster found failed, for the run it recovered: the execution is an orphan, to recover and restart.
		 */
		public boolean leftByFailedNode() {
			return leftByFailedNode;
		}

		/** The running execution in the way, or null when another launcher is still creating it. */
		public @Nullable Long executionId() {
			return executionId;
		}
	}
}
