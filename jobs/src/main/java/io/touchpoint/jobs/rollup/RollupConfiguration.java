package io.touchpoint.jobs.rollup;

import org.springframework.boot.LazyInitializationExcludeFilter;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Binds the rollup settings ({@link RollupProperties}, per-tenant {@link RollupProperties.TenantSettings}) and the
 * funnels ({@link FunnelProperties}). The funnels are bound when the application starts, also where beans are
 * created lazily (a CLI command), so a bad funnel stops every command with a message naming its property rather
 * than the nightly job that would first read it.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties({ RollupProperties.class, RollupProperties.TenantSettings.class,
		FunnelProperties.class })
public class RollupConfiguration {

	@Bean
	static LazyInitializationExcludeFilter funnelsBoundAtStart() {
		return LazyInitializationExcludeFilter.forBeanTypes(FunnelProperties.class);
	}
}
