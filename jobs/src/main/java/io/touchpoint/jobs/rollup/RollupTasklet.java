package io.touchpoint.jobs.rollup;

import java.time.LocalDate;

import org.springframework.batch.core.ExitStatus;
import org.springframework.batch.core.step.StepContribution;
import org.springframework.batch.core.scope.context.ChunkContext;
import org.springframework.batch.core.step.tasklet.Tasklet;
import org.springframework.batch.infrastructure.repeat.RepeatStatus;
import org.springframework.dao.DataAccessException;
import org.springframework.dao.PessimisticLockingFailureException;
import org.springframework.transaction.TransactionException;

import io.touchpoint.jobs.executions.FailureMessages;

/**
 * rollup: recomputes what the run's batch touched (its contacts, then the tenant-level tables), with
 * contacts counted up to the end of the business date in the tenant's time zone. Idempotent, one
 * transaction; without a batch id (it never loaded anything) it rebuilds the tenant.
 */
public class RollupTasklet implements Tasklet {

	private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(RollupTasklet.class);

	/** How many times the rollups are computed before a deadlock fails the step. */
	static final int DEADLOCK_ATTEMPTS = 3;

	private final RollupRunner runner;

	public RollupTasklet(RollupRunner runner) {
		this.runner = runner;
	}

	@Override
	public RepeatStatus execute(StepContribution contribution, ChunkContext chunkContext) {
		var execution = chunkContext.getStepContext().getStepExecution();
		String tenant = execution.getJobParameters().getString("tenant");
		LocalDate date = execution.getJobParameters().getLocalDate("date");
		Object batchId = execution.getJobExecution().getExecutionContext().get("batchId");
		var windowEnd = date == null ? RollupRunner.NO_WINDOW_END
				: date.plusDays(1).atStartOfDay(runner.settings(tenant).timeZone()).toInstant();
		RollupRunner.Result result;
		try {
			result = compute(tenant, batchId, windowEnd);
		}
		catch (DataAccessException | TransactionException ex) {
			throw new RollupException("the rollups of tenant " + tenant + (batchId == null ? "" : " for batch " + batchId)
					+ " were not computed: " + FailureMessages.rootMessage(ex) + "; none of them changed (they are computed in one "
					+ "transaction); restart the execution once the warehouse answers", ex);
		}
		contribution.incrementWriteCount(result.written().values().stream().mapToLong(Integer::longValue).sum());
		contribution.setExitStatus(ExitStatus.COMPLETED.addExitDescription((result.rebuilt() ? "rebuilt; " : "")
				+ result.contacts() + " contacts recomputed; rows per rollup table: " + result.written()));
		return RepeatStatus.FINISHED;
	}

	/** A deadlock or lock wait timeout: translated by Spring, or SQLState 40001 (serialization failure) below it. */
	static boolean lockConflict(Throwable ex) {
		for (Throwable cause = ex; cause != null; cause = cause.getCause()) {
			if (cause instanceof PessimisticLockingFailureException
					|| cause instanceof java.sql.SQLException sql && "40001".equals(sql.getSQLState())) {
				return true;
			}
		}
		return false;
	}

	/**
	 * The rollups, computed again when the warehouse chose their transaction as a deadlock's victim (at most
	 * {@value #DEADLOCK_ATTEMPTS} times): nights of two tenants that reach their rollups at once (two scheduler
	 * nodes, or two threads of one) can lock each other's rows of the shared work tables, and the server rolls the
	 * victim's whole transaction back, so it can run again from the start.
	 */
	private RollupRunner.Result compute(String tenant, Object batchId, java.time.Instant windowEnd) {
		for (int attempt = 1;; attempt++) {
			try {
				return batchId == null ? runner.rebuild(tenant, windowEnd)
						: runner.incremental(tenant, batchId.toString(), windowEnd);
			}
			catch (DataAccessException ex) {
				if (!lockConflict(ex) || attempt == DEADLOCK_ATTEMPTS) {
					throw ex;
				}
				log.info("the rollups of tenant {} met a lock conflict ({}); computing them again (attempt {} of {})", tenant,
						FailureMessages.rootMessage(ex), attempt + 1, DEADLOCK_ATTEMPTS);
				try {
					Thread.sleep(java.util.concurrent.ThreadLocalRandom.current().nextLong(100, 1000L * attempt));
				}
				catch (InterruptedException interrupted) {
					Thread.currentThread().interrupt();
					throw ex;
				}
			}
		}
	}
}
