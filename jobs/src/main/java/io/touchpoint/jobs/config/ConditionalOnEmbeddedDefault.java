package io.touchpoint.jobs.config;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.springframework.context.annotation.Conditional;

/**
 * Registers a configuration or bean only when no warehouse is configured ({@code touchpoint.warehouse.url} unset
 * or blank), so the embedded MariaDB + S3Proxy stack serves the command.
 */
@Target({ ElementType.TYPE, ElementType.METHOD })
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Conditional(WarehouseConditions.OnEmbeddedDefault.class)
public @interface ConditionalOnEmbeddedDefault {
}
