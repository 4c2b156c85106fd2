package io.touchpoint.jobs.lineage;

import java.time.Clock;

import javax.sql.DataSource;

import org.springframework.batch.core.job.AbstractJob;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import io.touchpoint.jobs.config.Endpoints;
import io.touchpoint.jobs.config.TouchpointProperties;
import io.touchpoint.jobs.nightly.NightlyJobConfiguration;
import io.touchpoint.jobs.sources.api.ApiSources;

/**
 * OpenLineage run events ({@code touchpoint.lineage.*}, off by default). When enabled, the {@link LineageListener}
 * is registered with the {@code nightly} and {@code import} jobs as they are created, so the jobs' own
 * configuration does not change with it.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(LineageProperties.class)
public class LineageConfiguration {

	@Bean(destroyMethod = "close")
	@ConditionalOnProperty(name = "touchpoint.lineage.enabled", havingValue = "true")
	LineageEmitter lineageEmitter(LineageProperties properties) {
		return new LineageEmitter(properties);
	}

	@Bean
	@ConditionalOnProperty(name = "touchpoint.lineage.enabled", havingValue = "true")
	LineageListener lineageListener(LineageEmitter emitter, LineageProperties properties, DataSource metadataDataSource,
			Endpoints endpoints, ApiSources apiSources, TouchpointProperties touchpoint) {
		return new LineageListener(emitter,
				new LineageDatasets(metadataDataSource, endpoints.warehouse().url(), apiSources, touchpoint),
				properties.namespace(), Clock.systemUTC());
	}

	/**
	 * Adds the listener to the nightly and import jobs as they are created (a command's context creates beans
	 * lazily, when it first uses them), leaving the jobs' own configuration as it is.
	 */
	@Bean
	@ConditionalOnProperty(name = "touchpoint.lineage.enabled", havingValue = "true")
	static BeanPostProcessor lineageJobs(ObjectProvider<LineageListener> listener) {
		return new BeanPostProcessor() {
			@Override
			public Object postProcessAfterInitialization(Object bean, String beanName) {
				if (bean instanceof AbstractJob job && (job.getName().equals(NightlyJobConfiguration.NIGHTLY)
						|| job.getName().equals(NightlyJobConfiguration.IMPORT))) {
					job.registerJobExecutionListener(listener.getObject());
				}
				return bean;
			}
		};
	}
}
