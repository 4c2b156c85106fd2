package io.touchpoint.jobs.rollup;

import java.time.LocalDate;

import org.springframework.batch.core.ExitStatus;
import org.springframework.batch.core.scope.context.ChunkContext;
import org.springframework.batch.core.step.StepContribution;
import org.springframework.batch.core.step.tasklet.Tasklet;
import org.springframework.batch.infrastructure.repeat.RepeatStatus;
import org.springframework.dao.DataAccessException;
import org.springframework.transaction.TransactionException;

import io.touchpoint.jobs.config.LockConflicts;
import io.touchpoint.jobs.failures.FailureMessages;

/**
 * rollup: recomputes what the run's batch touched (its contacts, then the tenant-level tables), with
 * contacts counted up to the end of the business date in the tenant's time zone. Idempotent, one
 * transaction; without a batch id (it never loaded anything) it rebuilds the tenant.
 */
public class RollupTasklet implements Tasklet {

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
		var windowEnd = date == null ? RollupRunner.NO_WINDOW_END : runner.endOf(tenant, date);
		RollupRunner.Result result;
		try {
			// one transaction, rolled back whole by a deadlock: computed again then (two tenants' nights at once)
			result = LockConflicts.retry("the rollups of tenant " + tenant, () -> batchId == null
					? runner.rebuild(tenant, windowEnd) : runner.incremental(tenant, batchId.toString(), windowEnd));
		}
		catch (DataAccessException | TransactionException ex) {
			throw new RollupException("the rollups of tenant " + tenant + (batchId == null ? "" : " for batch " + batchId)
					+ " were not computed: " + FailureMessages.rootMessage(ex) + "; none of them changed (they are computed in one "
					+ "transaction); restart the execution once the warehouse answers", ex);
		}
		contribution.incrementWriteCount(result.written().values().stream().mapToLong(Integer::longValue).sum());
		// the tables written, for the run's lineage (io.touchpoint.jobs.lineage)
		execution.getExecutionContext().putString("rollup.tables", String.join(",", result.written().keySet()));
		contribution.setExitStatus(ExitStatus.COMPLETED.addExitDescription((result.rebuilt() ? "rebuilt; " : "")
				+ result.contacts() + " contacts recomputed; rows per rollup table: " + result.written()));
		return RepeatStatus.FINISHED;
	}
}
