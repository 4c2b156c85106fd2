package io.touchpoint.jobs.rollup;

import java.time.LocalDate;

import org.springframework.batch.core.ExitStatus;
import org.springframework.batch.core.step.StepContribution;
import org.springframework.batch.core.scope.context.ChunkContext;
import org.springframework.batch.core.step.tasklet.Tasklet;
import org.springframework.batch.infrastructure.repeat.RepeatStatus;

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
		var windowEnd = date == null ? RollupRunner.NO_WINDOW_END
				: date.plusDays(1).atStartOfDay(runner.settings(tenant).timeZone()).toInstant();
		var result = batchId == null ? runner.rebuild(tenant, windowEnd)
				: runner.incremental(tenant, batchId.toString(), windowEnd);
		contribution.incrementWriteCount(result.written().values().stream().mapToLong(Integer::longValue).sum());
		contribution.setExitStatus(ExitStatus.COMPLETED.addExitDescription((result.rebuilt() ? "rebuilt; " : "")
				+ result.contacts() + " contacts recomputed; rows per rollup table: " + result.written()));
		return RepeatStatus.FINISHED;
	}
}
