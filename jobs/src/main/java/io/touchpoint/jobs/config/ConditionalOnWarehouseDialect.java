package io.touchpoint.jobs.config;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.springframework.context.annotation.Conditional;

/**
 * Registers a configuration or bean only when the warehouse has the given dialect, as
 * {@link WarehouseDialect#of(String)} reads it from {@code touchpoint.warehouse.url} (the embedded default is MySQL).
 */
@Target({ ElementType.TYPE, ElementType.METHOD })
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Conditional(WarehouseConditions.OnWarehouseDialect.class)
public @interface ConditionalOnWarehouseDialect {

	WarehouseDialect value();
}
