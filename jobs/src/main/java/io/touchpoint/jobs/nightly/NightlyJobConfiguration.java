package io.touchpoint.jobs.nightly;

import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.builder.JobBuilder;
import org.springframework.batch.core.job.parameters.DefaultJobParametersValidator;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.Step;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import io.touchpoint.jobs.config.DatabaseFailures;
import io.touchpoint.jobs.failures.FailureSummaryListener;
import io.touchpoint.jobs.ingest.IngestParameters;

/**
 * The nightly job for one tenant and business date, and {@code import} (the same flow over one-off
 * files): fetch, normalize, stage, load, reconcile, checks (nightly only), rollup, report. A JobInstance is (job, tenant,
 * date[, source, files]): a completed night is refused, a failed one is restarted from its failed step.
 * <p>
 * Each step is a bean of its family's configuration: {@link FetchStepsConfiguration} (fetch, fetch-api),
 * {@link NormalizeStepConfiguration} (normalize), {@link LoadStepsConfiguration} (stage, load, reconcile) and
 * {@link RollupStepsConfiguration} (checks, rollup, report). The step names are part of every stored execution:
 * a restart finds its failed step by name.
 */
@Configuration(proxyBeanMethods = false)
public class NightlyJobConfiguration {

	public static final String NIGHTLY = "nightly";

	public static final String IMPORT = "import";

	@Bean
	Job nightlyJob(JobRepository jobRepository, Step fetchStep, Step fetchApiStep, Step normalizeStep, Step stageStep,
			Step loadStep, Step reconcileStep, Step checksStep, Step rollupStep, Step reportStep) {
		return new JobBuilder(NIGHTLY, jobRepository).validator(parameters())
			.start(fetchStep)
			.next(fetchApiStep)
			.next(normalizeStep)
			.next(stageStep)
			.next(loadStep)
			.next(reconcileStep)
			.next(checksStep)
			.next(rollupStep)
			.next(reportStep)
			.build();
	}

	/** {@code import} reads only the files it is given: no API fetch, and no data checks (it is not a night). */
	@Bean
	Job importJob(JobRepository jobRepository, Step fetchStep, Step normalizeStep, Step stageStep, Step loadStep,
			Step reconcileStep, Step rollupStep, Step reportStep) {
		return new JobBuilder(IMPORT, jobRepository).validator(parameters())
			.start(fetchStep)
			.next(normalizeStep)
			.next(stageStep)
			.next(loadStep)
			.next(reconcileStep)
			.next(rollupStep)
			.next(reportStep)
			.build();
	}

	/** Keeps the sentence that explains a failed step in its context, for every step of both jobs. */
	@Bean
	FailureSummaryListener failureSummaryListener(DatabaseFailures databaseFailures) {
		return new FailureSummaryListener(databaseFailures);
	}

	private static DefaultJobParametersValidator parameters() {
		return new DefaultJobParametersValidator(new String[] { IngestParameters.TENANT, IngestParameters.DATE },
				new String[] { IngestParameters.INBOX, IngestParameters.SOURCE, IngestParameters.FILES,
						IngestParameters.FROM });
	}
}
