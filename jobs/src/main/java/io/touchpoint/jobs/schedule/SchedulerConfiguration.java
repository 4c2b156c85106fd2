package io.touchpoint.jobs.schedule;

import java.util.List;
import java.util.TreeSet;

import javax.sql.DataSource;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import io.touchpoint.jobs.alerts.AlertProperties;
import io.touchpoint.jobs.alerts.StaleRuns;
import io.touchpoint.jobs.config.Endpoints;
import io.touchpoint.jobs.config.TouchpointProperties;
import io.touchpoint.jobs.executions.JobRuns;
import io.touchpoint.scheduler.RunGuard;
import io.touchpoint.scheduler.TenantDirectory;

/**
 * The scheduler's parts in every command's context: the {@link RunGuard} every launch goes through, and
 * the active tenants. The Quartz node itself is built on demand ({@link SchedulerNodes}), never by merely
 * opening the context, so a CLI command never fires a trigger.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(SchedulerProperties.class)
public class SchedulerConfiguration {

	/** This process's id as a launcher and, when it runs one, as a scheduler node. */
	@Bean
	NodeId schedulerNodeId(SchedulerProperties properties) {
		return new NodeId(properties.settings().instanceId());
	}

	@Bean
	RunGuard schedulerRunGuard(DataSource metadataDataSource, NodeId nodeId, Endpoints endpoints) {
		return new RunGuard(metadataDataSource, nodeId.value(), endpoints.soleProcess());
	}

	/**
	 * Active tenants: those listed in {@code touchpoint.scheduler.tenants}, and every tenant with an API connection
	 * ({@code touchpoint.connections.<tenant>.*}).
	 */
	@Bean
	TenantDirectory schedulerTenants(SchedulerProperties properties, TouchpointProperties touchpoint) {
		return () -> {
			TreeSet<String> active = new TreeSet<>(properties.tenants());
			active.addAll(touchpoint.connections().keySet());
			return List.copyOf(active);
		};
	}

	/** The id of this process among launchers and scheduler nodes. */
	public record NodeId(String value) {
	}

	@Bean
	SchedulerNodes schedulerNodes(DataSource metadataDataSource, SchedulerProperties properties, NodeId nodeId,
			ScheduledLauncher launcher, TenantDirectory tenants, JobRuns runs, StaleRuns staleRuns,
			AlertProperties alerts) {
		return new SchedulerNodes(metadataDataSource, properties, nodeId, launcher, tenants, runs, staleRuns,
				alerts.staleCheckInterval());
	}
}
