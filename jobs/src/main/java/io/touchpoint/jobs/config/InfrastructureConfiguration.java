package io.touchpoint.jobs.config;

import java.net.URI;

import javax.sql.DataSource;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Primary;
import org.springframework.transaction.PlatformTransactionManager;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.retries.api.BackoffStrategy;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3ClientBuilder;
import software.amazon.awssdk.services.s3.model.NoSuchBucketException;

import io.touchpoint.jobs.schema.SchemaMigrator;

/**
 * The infrastructure every command shares: where the databases and S3 are ({@link Endpoints}), the
 * metadata DataSource (primary: Spring Batch's JobRepository and Touchpoint's bookkeeping), the
 * {@link WarehouseDataSource}, and the S3 client. The {@link Endpoints} come from
 * {@link ExternalEndpointsConfiguration} when a warehouse URL is configured, else from the embedded stack's own
 * configuration, which starts its servers first.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties({ TouchpointProperties.class, SingleStoreProperties.class, QueryProperties.class,
		BrokerProperties.class })
public class InfrastructureConfiguration {

	/**
	 * Where the configured databases and S3 are, when {@code touchpoint.warehouse.url} is set: the warehouse URL
	 * must name a driver Touchpoint ships, and the metadata database must not be SingleStore. With no warehouse URL,
	 * the embedded stack contributes the {@link Endpoints} of its own servers.
	 */
	@Configuration(proxyBeanMethods = false)
	@ConditionalOnExternalWarehouse
	static class ExternalEndpointsConfiguration {

		@Bean
		Endpoints endpoints(TouchpointProperties properties, QueryProperties query) {
			TouchpointProperties.Database warehouse = properties.warehouse();
			String url = warehouse.url();
			if (!url.startsWith("jdbc:mariadb:") && !url.startsWith("jdbc:mysql:") && !url.startsWith("jdbc:singlestore:")) {
				throw new InvalidConfigurationException("touchpoint.warehouse.url must be a jdbc:mariadb:, jdbc:mysql: or "
						+ "jdbc:singlestore: URL (got " + url.substring(0, Math.min(url.length(), url.indexOf(':', 5) + 1)) + "...)");
			}
			TouchpointProperties.Database metadata = properties.metadata().url() == null ? warehouse : properties.metadata();
			requireMysqlMetadata(metadata.url());
			URI endpoint = s3Endpoint(properties.s3());
			TouchpointProperties.Database reader = query.username() == null || query.username().isBlank() ? null
					: new TouchpointProperties.Database(warehouse.url(), query.username(), query.password());
			return new Endpoints(warehouse, metadata, endpoint, properties.s3().region(), properties.s3().bucket(),
					properties.s3().pathStyle(), DefaultCredentialsProvider.builder().build(), false, reader, false);
		}

		/** The broker of {@code touchpoint.broker.*}, for remote partitioning (touchpoint.workers.remote). */
		@Bean
		@ConditionalOnBooleanProperty("touchpoint.workers.remote")
		Broker broker(BrokerProperties broker) {
			Broker configured = broker.broker();
			if (configured == null) {
				throw new InvalidConfigurationException("touchpoint.workers.remote=true sends normalize partitions over a "
						+ "message broker: set touchpoint.broker.url (TOUCHPOINT_BROKER_URL, e.g. tcp://broker:61616), "
						+ "touchpoint.broker.user and touchpoint.broker.password");
			}
			return configured;
		}
	}

	@Bean(destroyMethod = "close")
	@Primary
	HikariDataSource metadataDataSource(Endpoints endpoints, TouchpointProperties properties) {
		return pool("metadata", endpoints.metadata(), properties.metadata(), 4);
	}

	@Bean(destroyMethod = "close")
	@WarehouseDataSource
	HikariDataSource warehouseDataSource(Endpoints endpoints, TouchpointProperties properties) {
		return pool("warehouse", endpoints.warehouse(), properties.warehouse(), 4);
	}

	@Bean
	@Primary
	PlatformTransactionManager transactionManager(DataSource metadataDataSource) {
		return new MetadataTransactionManager(metadataDataSource);
	}

	/**
	 * The S3 client: each call tried up to touchpoint.s3.max-attempts times with exponential backoff (no
	 * circuit breaker, so every call gets its attempts whatever others did), each attempt bounded by
	 * .attempt-timeout and the call by .api-call-timeout; a failure says which bucket and key, and what to do.
	 */
	@Bean(destroyMethod = "close")
	S3Client s3Client(Endpoints endpoints, TouchpointProperties properties) {
		TouchpointProperties.S3 settings = properties.s3();
		S3ClientBuilder builder = S3Client.builder()
			.region(Region.of(endpoints.s3Region()))
			.credentialsProvider(endpoints.credentials())
			.forcePathStyle(endpoints.pathStyle())
			.overrideConfiguration(ClientOverrideConfiguration.builder()
				.retryStrategy(AwsRetryStrategy.standardRetryStrategy()
					.toBuilder()
					.maxAttempts(settings.maxAttempts())
					.backoffStrategy(BackoffStrategy.exponentialDelay(settings.baseDelay(), settings.maxDelay()))
					.circuitBreakerEnabled(false)
					.build())
				.apiCallAttemptTimeout(settings.attemptTimeout())
				.apiCallTimeout(settings.apiCallTimeout())
				.addExecutionInterceptor(new S3FailureMessages(settings, endpoints.s3Endpoint()))
				.build());
		if (endpoints.s3Endpoint() != null) {
			builder.endpointOverride(endpoints.s3Endpoint());
		}
		S3Client s3 = builder.build();
		if (endpoints.embedded()) {
			try {
				s3.headBucket(b -> b.bucket(endpoints.bucket()));
			}
			catch (NoSuchBucketException ex) {
				s3.createBucket(b -> b.bucket(endpoints.bucket()));
			}
		}
		return s3;
	}

	/** Explains step failures that came from a database connection: lost, never reached or too slow. */
	@Bean
	DatabaseFailures databaseFailures(Endpoints endpoints, TouchpointProperties properties) {
		return new DatabaseFailures(endpoints, properties);
	}

	/** The schema migrator: the embedded default migrates when its stack is opened, external databases through {@code init}. */
	@Bean
	SchemaMigrator schemaMigrator(DataSource metadataDataSource, @WarehouseDataSource DataSource warehouseDataSource,
			Endpoints endpoints) {
		return new SchemaMigrator(metadataDataSource, warehouseDataSource, WarehouseDialect.of(endpoints).folder());
	}

	/**
	 * A pool on {@code database} (where it is: configured, or the embedded server) with the timeouts of
	 * {@code timeouts} (as configured: they apply to the embedded default too). The driver's connect and
	 * socket timeouts are set unless the URL sets them itself.
	 */
	private static HikariDataSource pool(String name, TouchpointProperties.Database database,
			TouchpointProperties.Database timeouts, int size) {
		HikariConfig config = new HikariConfig();
		config.setPoolName("touchpoint-" + name);
		config.setJdbcUrl(database.url());
		config.setUsername(database.username());
		config.setPassword(database.password());
		config.setMaximumPoolSize(size);
		config.setConnectionTimeout(timeouts.poolTimeout().toMillis());
		if (!database.url().contains("connectTimeout=")) {
			config.addDataSourceProperty("connectTimeout", String.valueOf(timeouts.connectTimeout().toMillis()));
		}
		if (!database.url().contains("socketTimeout=")) {
			config.addDataSourceProperty("socketTimeout", String.valueOf(timeouts.socketTimeout().toMillis()));
		}
		config.setInitializationFailTimeout(1);
		if (WarehouseDialect.of(database.url()) == WarehouseDialect.SINGLESTORE) {
			// connect on first use, so `init --print` works from a machine that cannot reach the cluster
			config.setInitializationFailTimeout(-1);
		}
		else {
			config.addDataSourceProperty("allowLocalInfile", "true");
		}
		try {
			return new HikariDataSource(config);
		}
		catch (RuntimeException ex) {
			Throwable cause = ex.getCause() != null ? ex.getCause() : ex;
			throw new DatabaseUnavailableException("Cannot connect to the " + name + " database at "
					+ withoutQuery(database.url()) + (database.username() == null ? "" : " as user '" + database.username() + "'")
					+ ": " + cause.getMessage() + ". Check touchpoint." + name + ".url"
					+ (name.equals("metadata") ? " (it defaults to touchpoint.warehouse.url)" : "")
					+ ", its username and password, and that the server is up.", ex);
		}
	}

	/**
	 * Refuses a SingleStore metadata database: Spring Batch's JobRepository and Quartz need SERIALIZABLE or FOR UPDATE
	 * locking and UPDATE ... LIMIT, which SingleStore does not offer.
	 */
	public static void requireMysqlMetadata(@Nullable String metadataUrl) {
		if (metadataUrl != null && WarehouseDialect.of(metadataUrl) == WarehouseDialect.SINGLESTORE) {
			throw new InvalidConfigurationException("The metadata database must be MySQL or MariaDB, not SingleStore: "
					+ "Spring Batch's JobRepository and Quartz need SERIALIZABLE or FOR UPDATE locking and UPDATE ... LIMIT, "
					+ "which SingleStore does not offer. Set touchpoint.metadata.url to a jdbc:mariadb: or jdbc:mysql: URL "
					+ "(see docs/singlestore.md).");
		}
	}

	/** The configured S3-compatible endpoint, or null for AWS S3. */
	public static @Nullable URI s3Endpoint(TouchpointProperties.S3 s3) {
		return s3.endpoint() == null || s3.endpoint().isBlank() ? null : URI.create(s3.endpoint());
	}

	/** A JDBC URL without its query string, which may carry a password. */
	static String withoutQuery(String url) {
		int query = url.indexOf('?');
		return query < 0 ? url : url.substring(0, query);
	}

	/** The warehouse or the metadata database cannot be reached. */
	public static final class DatabaseUnavailableException extends RuntimeException {

		DatabaseUnavailableException(String message, Throwable cause) {
			super(message, cause);
		}
	}
}
