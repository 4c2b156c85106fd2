package io.touchpoint.jobs.rollup;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Configuration;

/**
 * Binds the rollup settings ({@link RollupProperties}, per-tenant {@link RollupProperties.TenantSettings}) and the
 * funnels ({@link FunnelProperties}).
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties({ RollupProperties.class, RollupProperties.TenantSettings.class,
		FunnelProperties.class })
public class RollupConfiguration {
}
