package io.touchpoint.jobs.rollup;

import org.springframework.boot.LazyInitializationExcludeFilter;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import io.touchpoint.jobs.config.TouchpointProperties;

/**
 * Binds the rollup settings ({@link RollupProperties}) and makes the per-tenant ones
 * ({@link RollupProperties.TenantSettings}) and the funnels ({@link FunnelProperties}) from
 * {@code touchpoint.tenants.*} and {@code touchpoint.funnels.*} ({@link TouchpointProperties}). The funnels are made
 * when the application starts, also where beans are created lazily (a CLI command), so a bad funnel stops every
 * command with a message naming its property rather than the nightly job that would first read it.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(RollupProperties.class)
public class RollupConfiguration {

	@Bean
	RollupProperties.TenantSettings rollupTenantSettings(TouchpointProperties properties) {
		return new RollupProperties.TenantSettings(properties.tenants());
	}

	@Bean
	FunnelProperties funnelProperties(TouchpointProperties properties) {
		return new FunnelProperties(properties.funnels());
	}

	@Bean
	static LazyInitializationExcludeFilter funnelsBoundAtStart() {
		return LazyInitializationExcludeFilter.forBeanTypes(FunnelProperties.class);
	}
}
