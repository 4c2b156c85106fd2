package io.touchpoint.jobs.config;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.springframework.context.annotation.Conditional;

/**
 * Registers a configuration or bean only when {@code touchpoint.warehouse.url} is set, so the command uses the
 * configured databases and S3.
 */
@Target({ ElementType.TYPE, ElementType.METHOD })
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Conditional(WarehouseConditions.OnExternalWarehouse.class)
public @interface ConditionalOnExternalWarehouse {
}
