package io.touchpoint.jobs.checks;

import javax.sql.DataSource;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import io.touchpoint.jobs.config.WarehouseDataSource;
import io.touchpoint.jobs.rollup.RollupRunner;

/**
 * The nightly data checks ({@code touchpoint.checks.*}): their measurements, their store and their step's tasklet;
 * and the record of the columns file sources had ({@code touchpoint.sources.schema-policy}).
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(CheckProperties.class)
public class ChecksConfiguration {

	@Bean
	DataCheckStore dataCheckStore(DataSource metadataDataSource) {
		return new DataCheckStore(metadataDataSource);
	}

	@Bean
	SourceSchemas sourceSchemas(DataSource metadataDataSource) {
		return new SourceSchemas(metadataDataSource);
	}

	@Bean
	DataChecks dataChecks(@WarehouseDataSource DataSource warehouse, DataSource metadataDataSource,
			DataCheckStore dataCheckStore, SourceSchemas sourceSchemas) {
		return new DataChecks(warehouse, metadataDataSource, dataCheckStore, sourceSchemas);
	}

	@Bean
	ChecksTasklet checksTasklet(DataChecks dataChecks, DataCheckStore dataCheckStore, CheckProperties properties,
			RollupRunner rollups) {
		return new ChecksTasklet(dataChecks, dataCheckStore, properties, rollups::endOf);
	}
}
