package io.touchpoint.jobs.nightly;

import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.Step;
import org.springframework.batch.core.step.builder.StepBuilder;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.transaction.PlatformTransactionManager;
import software.amazon.awssdk.services.s3.S3Client;

import io.touchpoint.jobs.config.Endpoints;
import io.touchpoint.jobs.config.TouchpointProperties;
import io.touchpoint.jobs.failures.FailureSummaryListener;
import io.touchpoint.jobs.ingest.ApiFetchTasklet;
import io.touchpoint.jobs.ingest.FetchTasklet;
import io.touchpoint.jobs.ingest.InboxFileRegistry;
import io.touchpoint.jobs.sources.SourceMappers;
import io.touchpoint.jobs.sources.api.ApiSources;
import io.touchpoint.jobs.sources.api.CursorStore;
import io.touchpoint.readers.http.Sleeper;

/**
 * The steps that find the night's input: {@code fetch} registers the inbox files (and creates the batch id), and
 * {@code fetch-api} lands the API sources' pages in the staging bucket (nightly only).
 */
@Configuration(proxyBeanMethods = false)
class FetchStepsConfiguration {

	@Bean
	Step fetchStep(JobRepository jobRepository, PlatformTransactionManager transactionManager, S3Client s3,
			SourceMappers mappers, InboxFileRegistry registry, TouchpointProperties properties,
			FailureSummaryListener summary) {
		return new StepBuilder("fetch", jobRepository)
			.tasklet(new FetchTasklet(s3, mappers, registry, jobRepository, properties), transactionManager)
			.listener(summary)
			.build();
	}

	@Bean
	Step fetchApiStep(JobRepository jobRepository, PlatformTransactionManager transactionManager, S3Client s3,
			Endpoints endpoints, ApiSources apiSources, TouchpointProperties properties, CursorStore cursors,
			InboxFileRegistry registry, ObjectProvider<Sleeper> sleeper, FailureSummaryListener summary) {
		return new StepBuilder("fetch-api", jobRepository)
			.tasklet(new ApiFetchTasklet(apiSources, properties, cursors, registry, s3, endpoints.bucket(),
					sleeper.getIfAvailable(() -> Sleeper.SYSTEM)), transactionManager)
			.listener(summary)
			.build();
	}
}
