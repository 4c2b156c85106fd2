package io.touchpoint.jobs.config;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.springframework.beans.factory.annotation.Qualifier;

/**
 * Qualifies the warehouse {@link javax.sql.DataSource} (canonical tables, ledgers, rollups), beside the
 * primary metadata DataSource that holds Spring Batch's JobRepository and Touchpoint's bookkeeping.
 */
@Target({ ElementType.FIELD, ElementType.METHOD, ElementType.PARAMETER, ElementType.TYPE })
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Qualifier
public @interface WarehouseDataSource {
}
