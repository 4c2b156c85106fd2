package io.touchpoint.jobs.alerts;

import java.util.ArrayList;
import java.util.List;

import javax.sql.DataSource;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Lazy;
import org.springframework.core.env.Environment;

import io.touchpoint.scheduler.TenantDirectory;

/** Failure, data-check and stale-run alerts to the webhooks of {@code touchpoint.alerts.*}. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(AlertProperties.class)
public class AlertsConfiguration {

	@Bean
	Webhooks alertWebhooks(AlertProperties properties) {
		return new Webhooks(properties.webhooks(), properties.timeout());
	}

	@Bean
	Secrets alertSecrets(Environment environment, AlertProperties properties) {
		List<String> urls = new ArrayList<>();
		properties.webhooks().forEach(u -> urls.add(u.toString()));
		return Secrets.of(environment, urls);
	}

	@Bean
	FailureAlerts failureAlerts(Webhooks alertWebhooks, Secrets alertSecrets) {
		return new FailureAlerts(alertWebhooks, alertSecrets);
	}

	@Bean
	CheckAlerts checkAlerts(Webhooks alertWebhooks, Secrets alertSecrets, io.touchpoint.jobs.checks.DataCheckStore checks) {
		return new CheckAlerts(alertWebhooks, alertSecrets, checks);
	}

	@Bean
	StaleRuns staleRuns(@Lazy DataSource metadataDataSource, AlertProperties properties, TenantDirectory tenants,
			Webhooks alertWebhooks) {
		return new StaleRuns(metadataDataSource, properties, tenants, alertWebhooks);
	}
}
