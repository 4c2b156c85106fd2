package io.touchpoint.jobs.nightly;

import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.Step;
import org.springframework.batch.core.step.builder.StepBuilder;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.transaction.PlatformTransactionManager;
import software.amazon.awssdk.services.s3.S3Client;

import io.touchpoint.jobs.checks.ChecksTasklet;
import io.touchpoint.jobs.config.Endpoints;
import io.touchpoint.jobs.failures.FailureSummaryListener;
import io.touchpoint.jobs.report.LtvReport;
import io.touchpoint.jobs.report.ReportTasklet;
import io.touchpoint.jobs.rollup.RollupRunner;
import io.touchpoint.jobs.rollup.RollupTasklet;

/**
 * The steps that read the loaded batch: {@code checks} (the night's data checks, after reconcile and before any
 * rollup reads the batch; nightly only), {@code rollup} (the rollups of the contacts the batch touched) and
 * {@code report} (the night's LTV report).
 */
@Configuration(proxyBeanMethods = false)
class RollupStepsConfiguration {

	@Bean
	Step checksStep(JobRepository jobRepository, PlatformTransactionManager transactionManager,
			ChecksTasklet checksTasklet, FailureSummaryListener summary) {
		return new StepBuilder("checks", jobRepository).tasklet(checksTasklet, transactionManager).listener(summary).build();
	}

	@Bean
	Step rollupStep(JobRepository jobRepository, PlatformTransactionManager transactionManager, RollupRunner rollups,
			FailureSummaryListener summary) {
		return new StepBuilder("rollup", jobRepository).tasklet(new RollupTasklet(rollups), transactionManager)
			.listener(summary)
			.build();
	}

	@Bean
	Step reportStep(JobRepository jobRepository, PlatformTransactionManager transactionManager, LtvReport report,
			S3Client s3, Endpoints endpoints, FailureSummaryListener summary) {
		return new StepBuilder("report", jobRepository)
			.tasklet(new ReportTasklet(report, s3, endpoints.bucket()), transactionManager)
			.listener(summary)
			.build();
	}
}
