package io.touchpoint.jobs.embedded;

import java.time.Duration;

import javax.sql.DataSource;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import io.touchpoint.jobs.config.Broker;
import io.touchpoint.jobs.config.BrokerProperties;
import io.touchpoint.jobs.config.ConditionalOnEmbeddedDefault;
import io.touchpoint.jobs.config.Endpoints;
import io.touchpoint.jobs.config.TouchpointProperties;
import io.touchpoint.jobs.config.WarehouseDialect;
import io.touchpoint.jobs.schema.SchemaMigrator;

/**
 * The embedded default: with no {@code touchpoint.warehouse.url}, this configuration opens the
 * {@link EmbeddedStack} (MariaDB and S3Proxy on the home, or the resident stack that already serves it),
 * migrates its databases, and contributes the {@link Endpoints} that point every command at it. Spring closes
 * the stack with the context.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnEmbeddedDefault
public class EmbeddedStackConfiguration {

	@Bean
	EmbeddedStack embeddedStack(TouchpointProperties properties,
			@Value("${touchpoint.embedded.lock-wait:30s}") Duration lockWait,
			@Value("${touchpoint.embedded.resident:false}") boolean resident,
			@Value("${touchpoint.schema.repair:false}") boolean repairSchema,
			@Value("${touchpoint.workers.remote:false}") boolean broker) {
		EmbeddedLibraries.require("touchpoint.warehouse.url is not set, so this command needs the embedded default");
		EmbeddedStack stack = EmbeddedStack.open(properties, lockWait, resident, broker);
		try {
			// whatever uses the embedded databases first gets them migrated (a resident stack started by an older
			// build, too); a command that uses neither database starts nothing
			Endpoints endpoints = stack.endpoints();
			SchemaMigrator migrator = new SchemaMigrator(dataSource(endpoints.metadata()), dataSource(endpoints.warehouse()),
					WarehouseDialect.MYSQL.folder());
			if (repairSchema) {
				migrator.repair(); // touchpoint init --repair
			}
			migrator.migrate();
			return stack;
		}
		catch (RuntimeException ex) {
			stack.close();
			throw ex;
		}
	}

	/** Where the embedded servers listen, with the accounts this home created for them. */
	@Bean
	Endpoints endpoints(EmbeddedStack embeddedStack) {
		return embeddedStack.endpoints();
	}

	/** The broker of {@code touchpoint.broker.*} when set, else the resident stack's own (touchpoint.workers.remote). */
	@Bean
	@ConditionalOnBooleanProperty("touchpoint.workers.remote")
	Broker broker(EmbeddedStack embeddedStack, BrokerProperties broker) {
		Broker configured = broker.broker();
		return configured != null ? configured : embeddedStack.broker();
	}

	private static DataSource dataSource(TouchpointProperties.Database database) {
		return new org.springframework.jdbc.datasource.DriverManagerDataSource(database.url(), database.username(),
				database.password());
	}
}
