package io.touchpoint.jobs.watch;

import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.SQLException;

import javax.sql.DataSource;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;

import io.touchpoint.jobs.alerts.Secrets;
import io.touchpoint.jobs.failures.FailureMessages;

/**
 * Health of one of the two databases (metadata or warehouse): UP when a pooled connection is valid,
 * with the server's product and version and where it is (the URL without user, password or query);
 * DOWN with the driver's one-line reason and which property to check. Configured secrets are masked.
 */
final class DatabaseHealth implements HealthIndicator {

	private static final int VALID_TIMEOUT_SECONDS = 5;

	private final String name;

	private final DataSource dataSource;

	private final String location;

	private final Secrets secrets;

	private final Secrets urlPasswords;

	DatabaseHealth(String name, DataSource dataSource, String url, Secrets secrets) {
		this.name = name;
		this.dataSource = dataSource;
		this.location = Locations.jdbc(url);
		this.secrets = secrets;
		this.urlPasswords = Secrets.of(Locations.passwords(url));
	}

	@Override
	public Health health() {
		try (Connection connection = dataSource.getConnection()) {
			DatabaseMetaData metaData = connection.getMetaData();
			Health.Builder health = connection.isValid(VALID_TIMEOUT_SECONDS) ? Health.up() : Health.down();
			return health.withDetail("database", metaData.getDatabaseProductName() + " " + metaData.getDatabaseProductVersion())
				.withDetail("location", location)
				.build();
		}
		catch (SQLException | RuntimeException ex) {
			return Health.down()
				.withDetail("location", location)
				.withDetail("error", urlPasswords.redact(secrets.redact(Locations.sentence(FailureMessages.summarize(ex))
						+ " Check touchpoint." + name + ".url, its username and password, and that the server is up.")))
				.build();
		}
	}
}
