package io.touchpoint.jobs.rollup;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Configuration;

/** Binds the rollup settings ({@link RollupProperties}, per-tenant {@link RollupProperties.TenantSettings}). */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties({ RollupProperties.class, RollupProperties.TenantSettings.class })
public class RollupConfiguration {
}
