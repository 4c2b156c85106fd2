package io.touchpoint.jobs.rollup;

import org.springframework.batch.core.ExitStatus;
import org.springframework.batch.core.step.StepContribution;
import org.springframework.batch.core.scope.context.ChunkContext;
import org.springframework.batch.core.step.tasklet.Tasklet;
import org.springframework.batch.infrastructure.repeat.RepeatStatus;

/** rollup: recomputes the rollups of the batch's tenant (idempotent, one transaction). */
public class RollupTasklet implements Tasklet {

	private final RollupRunner runner;

	public RollupTasklet(RollupRunner runner) {
		this.runner = runner;
	}

	@Override
	public RepeatStatus execute(StepContribution contribution, ChunkContext chunkContext) {
		String tenant = chunkContext.getStepContext().getStepExecution().getJobParameters().getString("tenant");
		var written = runner.recompute(tenant);
		contribution.incrementWriteCount(written.values().stream().mapToLong(Integer::longValue).sum());
		contribution.setExitStatus(ExitStatus.COMPLETED.addExitDescription("rows per rollup table: " + written));
		return RepeatStatus.FINISHED;
	}
}
