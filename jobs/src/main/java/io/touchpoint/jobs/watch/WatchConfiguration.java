package io.touchpoint.jobs.watch;

import java.time.ZoneId;

import javax.sql.DataSource;

import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import io.touchpoint.jobs.executions.ExecutionQueries;
import io.touchpoint.jobs.schedule.SchedulerConfiguration.NodeId;
import io.touchpoint.jobs.schedule.SchedulerNodes;
import io.touchpoint.jobs.schedule.SchedulerProperties;

/**
 * The part of watching a scheduler node that every command's context holds: the {@link RunMetrics}
 * listener (idle until a web context attaches a registry) and the {@link WatchServer} that
 * {@code touchpoint scheduler} starts. Health, metrics registry, endpoints and the status page live in
 * the web context itself ({@link WatchWebConfiguration}).
 */
@Configuration(proxyBeanMethods = false)
public class WatchConfiguration {

	@Bean
	RunMetrics runMetrics(DataSource metadataDataSource) {
		return new RunMetrics(metadataDataSource, ZoneId.systemDefault());
	}

	@Bean
	WatchServer watchServer(ConfigurableApplicationContext context, SchedulerProperties properties, RunMetrics runMetrics,
			SchedulerNodes schedulerNodes, ExecutionQueries executionQueries, DataSource metadataDataSource, NodeId nodeId) {
		return new WatchServer(context, properties, runMetrics, schedulerNodes, executionQueries, metadataDataSource,
				nodeId.value());
	}
}
