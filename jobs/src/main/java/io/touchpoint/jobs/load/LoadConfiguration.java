package io.touchpoint.jobs.load;

import javax.sql.DataSource;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Lazy;
import software.amazon.awssdk.services.s3.S3Client;

import io.touchpoint.jobs.config.ConditionalOnWarehouseDialect;
import io.touchpoint.jobs.config.Endpoints;
import io.touchpoint.jobs.config.SingleStoreProperties;
import io.touchpoint.jobs.config.WarehouseDataSource;
import io.touchpoint.jobs.config.WarehouseDialect;
import io.touchpoint.writers.load.StagedFileLoader;
import io.touchpoint.writers.load.mysql.MysqlLoadDataLoader;
import io.touchpoint.writers.load.singlestore.PipelineCredentials;
import io.touchpoint.writers.load.singlestore.PipelineSettings;
import io.touchpoint.writers.load.singlestore.SingleStorePipelineLoader;
import io.touchpoint.writers.load.singlestore.SingleStorePipelines;

/**
 * How staged files reach the warehouse, by dialect, each in a configuration registered only for its dialect: a
 * MySQL/MariaDB warehouse loads them with {@link MysqlLoadDataLoader}; a SingleStore warehouse lets its pipelines
 * ingest them and waits with {@link SingleStorePipelineLoader}. {@link SingleStorePipelines} (for {@code init} and the
 * {@code pipelines} commands) is created on demand only.
 */
@Configuration(proxyBeanMethods = false)
public class LoadConfiguration {

	/** A MySQL or MariaDB warehouse (the embedded default too) loads staged files with LOAD DATA LOCAL INFILE. */
	@Configuration(proxyBeanMethods = false)
	@ConditionalOnWarehouseDialect(WarehouseDialect.MYSQL)
	static class MysqlLoadConfiguration {

		@Bean
		StagedFileLoader stagedFileLoader(@WarehouseDataSource DataSource warehouse, S3Client s3) {
			return new MysqlLoadDataLoader(warehouse, s3);
		}
	}

	/** A SingleStore warehouse lets its pipelines ingest the staged files, and waits for them. */
	@Configuration(proxyBeanMethods = false)
	@ConditionalOnWarehouseDialect(WarehouseDialect.SINGLESTORE)
	static class SingleStoreLoadConfiguration {

		@Bean
		StagedFileLoader stagedFileLoader(@WarehouseDataSource DataSource warehouse, Endpoints endpoints,
				SingleStoreProperties properties) {
			return new SingleStorePipelineLoader(warehouse, pipelineSettings(properties, endpoints));
		}
	}

	@Bean
	@Lazy
	SingleStorePipelines singleStorePipelines(@WarehouseDataSource DataSource warehouse, Endpoints endpoints,
			SingleStoreProperties properties) {
		return new SingleStorePipelines(warehouse, pipelineSettings(properties, endpoints),
				SingleStorePipelines.jdbc(warehouse));
	}

	/** The pipeline settings from {@code touchpoint.s3.*} and {@code touchpoint.singlestore.*}. */
	public static PipelineSettings pipelineSettings(SingleStoreProperties singlestore, Endpoints endpoints) {
		var credentials = new PipelineCredentials(singlestore.s3AccessKeyId(), singlestore.s3SecretAccessKey(),
				singlestore.s3SessionToken(), singlestore.s3RoleArn());
		return new PipelineSettings(endpoints.s3Region(),
				endpoints.s3Endpoint() == null ? null : endpoints.s3Endpoint().toString(), null, credentials,
				singlestore.pipelinePrefix(), singlestore.batchInterval(), singlestore.loadTimeout(),
				singlestore.pollInitial(), singlestore.pollMax(), null);
	}
}
