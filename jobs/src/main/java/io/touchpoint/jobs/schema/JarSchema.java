package io.touchpoint.jobs.schema;

import org.flywaydb.core.api.MigrationVersion;
import org.flywaydb.core.api.migration.Context;
import org.flywaydb.core.api.migration.JavaMigration;

import org.jspecify.annotations.Nullable;
import org.springframework.core.io.ClassPathResource;
import org.springframework.jdbc.datasource.init.ResourceDatabasePopulator;

/**
 * A schema a library ships in its jar, run as a migration of the metadata database before Touchpoint's own
 * ({@code V001} on): Spring Batch's JobRepository tables and Quartz's clustered job store. Flyway records it like a
 * script; it carries no checksum, so a library upgrade that edits its create script is not mistaken for an edited
 * migration (a library's schema changes come with the library's own upgrade script, added as a numbered file).
 */
final class JarSchema implements JavaMigration {

	/** Spring Batch's JobRepository schema for MariaDB and MySQL. */
	static final JarSchema SPRING_BATCH = new JarSchema("0.1", "spring-batch schema-mariadb.sql",
			"org/springframework/batch/core/schema-mariadb.sql", "--");

	/** Quartz's schema for its clustered JDBC job store (InnoDB); its comments start with {@code #}. */
	static final JarSchema QUARTZ = new JarSchema("0.2", "quartz tables_mysql_innodb.sql",
			"org/quartz/impl/jdbcjobstore/tables_mysql_innodb.sql", "#", "--");

	private final MigrationVersion version;

	private final String description;

	private final String path;

	private final String[] commentPrefixes;

	private JarSchema(String version, String description, String path, String... commentPrefixes) {
		this.version = MigrationVersion.fromVersion(version);
		this.description = description;
		this.path = path;
		this.commentPrefixes = commentPrefixes;
	}

	@Override
	public MigrationVersion getVersion() {
		return version;
	}

	@Override
	public String getDescription() {
		return description;
	}

	@Override
	public @Nullable Integer getChecksum() {
		return null;
	}

	@Override
	public boolean canExecuteInTransaction() {
		// MariaDB and MySQL commit each DDL statement
		return false;
	}

	@Override
	public void migrate(Context context) {
		ResourceDatabasePopulator populator = new ResourceDatabasePopulator(new ClassPathResource(path));
		populator.setCommentPrefixes(commentPrefixes);
		populator.populate(context.getConnection());
	}
}
