package io.touchpoint.jobs.config;

import java.util.Map;

import org.springframework.boot.autoconfigure.condition.ConditionOutcome;
import org.springframework.boot.autoconfigure.condition.SpringBootCondition;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.core.type.AnnotatedTypeMetadata;

/**
 * The conditions behind {@link ConditionalOnEmbeddedDefault}, {@link ConditionalOnExternalWarehouse} and
 * {@link ConditionalOnWarehouseDialect}: each reads {@code touchpoint.warehouse.url} as
 * {@link TouchpointProperties#embedded()} and {@link WarehouseDialect#of(String)} do, so a configuration
 * is registered only when its warehouse is the one configured.
 */
final class WarehouseConditions {

	static final String WAREHOUSE_URL = "touchpoint.warehouse.url";

	private WarehouseConditions() {
	}

	static String warehouseUrl(ConditionContext context) {
		return Binder.get(context.getEnvironment()).bind(WAREHOUSE_URL, String.class).orElse(null);
	}

	static boolean embedded(String url) {
		return url == null || url.isBlank();
	}

	/** No warehouse URL: the embedded stack serves. */
	static final class OnEmbeddedDefault extends SpringBootCondition {

		@Override
		public ConditionOutcome getMatchOutcome(ConditionContext context, AnnotatedTypeMetadata metadata) {
			return embedded(warehouseUrl(context)) ? ConditionOutcome.match(WAREHOUSE_URL + " is not set")
					: ConditionOutcome.noMatch(WAREHOUSE_URL + " is set");
		}
	}

	/** A warehouse URL: the configured databases and S3 serve. */
	static final class OnExternalWarehouse extends SpringBootCondition {

		@Override
		public ConditionOutcome getMatchOutcome(ConditionContext context, AnnotatedTypeMetadata metadata) {
			return embedded(warehouseUrl(context)) ? ConditionOutcome.noMatch(WAREHOUSE_URL + " is not set")
					: ConditionOutcome.match(WAREHOUSE_URL + " is set");
		}
	}

	/** The warehouse URL's dialect is the annotation's. */
	static final class OnWarehouseDialect extends SpringBootCondition {

		@Override
		public ConditionOutcome getMatchOutcome(ConditionContext context, AnnotatedTypeMetadata metadata) {
			Map<String, Object> attributes = metadata.getAnnotationAttributes(ConditionalOnWarehouseDialect.class.getName());
			WarehouseDialect wanted = (WarehouseDialect) attributes.get("value");
			WarehouseDialect dialect = WarehouseDialect.of(warehouseUrl(context));
			return dialect == wanted ? ConditionOutcome.match("the warehouse is " + dialect)
					: ConditionOutcome.noMatch("the warehouse is " + dialect + ", not " + wanted);
		}
	}
}
