package io.touchpoint.jobs.nightly;

import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.jspecify.annotations.Nullable;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.JobInstance;
import org.springframework.batch.core.job.builder.FlowBuilder;
import org.springframework.batch.core.job.builder.FlowJobBuilder;
import org.springframework.batch.core.job.builder.JobBuilder;
import org.springframework.batch.core.job.flow.FlowExecutionStatus;
import org.springframework.batch.core.job.flow.JobExecutionDecider;
import org.springframework.batch.core.job.parameters.DefaultJobParametersValidator;
import org.springframework.batch.core.listener.JobExecutionListener;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.Step;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.core.step.builder.StepBuilder;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.transaction.PlatformTransactionManager;
import software.amazon.awssdk.services.s3.S3Client;

import io.touchpoint.jobs.config.Endpoints;
import io.touchpoint.jobs.failures.FailureSummaryListener;
import io.touchpoint.jobs.ingest.BatchContext;
import io.touchpoint.jobs.ingest.IngestParameters;
import io.touchpoint.jobs.ingest.ReconcileTasklet;
import io.touchpoint.scheduler.RunGuard;
import io.touchpoint.writers.reconcile.BatchReconciler;

/**
 * The {@code rerun} job: some steps of a night that completed (see {@link RerunSteps}), run again for its
 * tenant and date. A decider walks the steps named by the {@code steps} parameter in flow order; each is
 * the nightly job's own step, except reconcile, which only checks. Before the first step, the night's batch
 * id is copied into this job's context, so the steps work on the night's batch exactly as they did.
 */
@Configuration(proxyBeanMethods = false)
public class RerunJobConfiguration {

	public static final String RERUN = "rerun";

	@Bean
	Job rerunJob(JobRepository jobRepository, PlatformTransactionManager transactionManager, Step loadStep,
			Step rollupStep, Step reportStep, S3Client s3, BatchReconciler reconciler, Endpoints endpoints,
			FailureSummaryListener failureSummaryListener) {
		Map<String, Step> nightly = Stream.of(loadStep, rollupStep, reportStep)
			.collect(Collectors.toMap(Step::getName, Function.identity()));
		Step reconcile = new StepBuilder("reconcile", jobRepository)
			.tasklet(ReconcileTasklet.checkOnly(s3, reconciler, endpoints.bucket()), transactionManager)
			.listener(failureSummaryListener)
			.build();
		List<Step> steps = RerunSteps.allowed().stream().map(name -> name.equals("reconcile") ? reconcile : nightly.get(name))
			.toList();
		var validator = new DefaultJobParametersValidator(new String[] { IngestParameters.TENANT, IngestParameters.DATE,
				RerunSteps.STEPS, RunGuard.RUN_OF, RerunSteps.RUN }, new String[0]);
		JobExecutionDecider next = RerunJobConfiguration::next;
		FlowBuilder<FlowJobBuilder> flow = new JobBuilder(RERUN, jobRepository).validator(validator)
			.listener(new NightsBatch(jobRepository))
			.start(next);
		for (Step step : steps) {
			flow.from(next).on(step.getName()).to(step);
			flow.from(step).on("FAILED").fail();
			flow.from(step).on("*").to(next);
		}
		return flow.from(next).on(FlowExecutionStatus.COMPLETED.getName()).end().end().build();
	}

	/** The next step of the {@code steps} parameter after the one that just completed; COMPLETED after the last. */
	static FlowExecutionStatus next(JobExecution job, @Nullable StepExecution last) {
		List<String> steps = RerunSteps.of(job.getJobParameters());
		int next = last == null ? 0 : steps.indexOf(last.getStepName()) + 1;
		return next < steps.size() ? new FlowExecutionStatus(steps.get(next)) : FlowExecutionStatus.COMPLETED;
	}

	/** Puts the batch id of the night this re-run works on into the re-run's job context. */
	static final class NightsBatch implements JobExecutionListener {

		private final JobRepository repository;

		NightsBatch(JobRepository repository) {
			this.repository = repository;
		}

		@Override
		public void beforeJob(JobExecution execution) {
			var parameters = execution.getJobParameters();
			String job = parameters.getString(RunGuard.RUN_OF);
			JobInstance night = repository.getJobInstance(job, IngestParameters.night(
					parameters.getString(IngestParameters.TENANT), parameters.getLocalDate(IngestParameters.DATE)));
			JobExecution last = night == null ? null : repository.getLastJobExecution(night);
			if (last == null || last.getStatus() != BatchStatus.COMPLETED) {
				throw new IllegalStateException("The " + job + " run of tenant " + parameters.getString(IngestParameters.TENANT)
						+ " on " + parameters.getLocalDate(IngestParameters.DATE) + " is " + (last == null ? "gone (purged?)"
								: last.getStatus() + " (execution " + last.getId() + ")")
						+ ": only a night that completed can have steps run again.");
			}
			if (last.getExecutionContext().containsKey(BatchContext.BATCH_ID)) {
				execution.getExecutionContext().putString(BatchContext.BATCH_ID,
						last.getExecutionContext().getString(BatchContext.BATCH_ID));
			}
		}
	}
}
