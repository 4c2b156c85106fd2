package io.touchpoint.jobs.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;

import javax.sql.DataSource;

import org.springframework.core.io.ClassPathResource;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.init.ResourceDatabasePopulator;

import io.touchpoint.jobs.schema.SqlStatements;

/**
 * The schema migration of the releases before Flyway, kept to make the databases of such a release in an upgrade
 * test: Spring Batch's and Quartz's schemas from their jars when their tables are missing, then each numbered
 * script not yet listed in {@code tp_schema_history} (version, file name, SHA-256 of the text), statements split at
 * a {@code ;} ending a line. Its behaviour, not its code, is what matters: the rows and tables it leaves.
 */
public final class LegacySchemaMigrator {

	private LegacySchemaMigrator() {
	}

	/** Migrates a metadata and a warehouse database as that release did, with the MySQL warehouse scripts. */
	public static void migrate(DataSource metadata, DataSource warehouse) {
		migrate(metadata, warehouse, "classpath*:sql/mysql/V*.sql");
	}

	/** Likewise with the warehouse scripts a Spring resource pattern finds. */
	public static void migrate(DataSource metadata, DataSource warehouse, String warehouseScripts) {
		JdbcTemplate meta = new JdbcTemplate(metadata);
		if (!tableExists(meta, "BATCH_JOB_INSTANCE")) {
			new ResourceDatabasePopulator(new ClassPathResource("org/springframework/batch/core/schema-mariadb.sql"))
				.execute(metadata);
		}
		if (!tableExists(meta, "QRTZ_LOCKS")) {
			ResourceDatabasePopulator quartz = new ResourceDatabasePopulator(
					new ClassPathResource("org/quartz/impl/jdbcjobstore/tables_mysql_innodb.sql"));
			quartz.setCommentPrefixes("#", "--");
			quartz.execute(metadata);
		}
		apply(meta, "classpath*:sql/mysql/metadata/V*.sql");
		apply(new JdbcTemplate(warehouse), warehouseScripts);
	}

	private static void apply(JdbcTemplate jdbc, String pattern) {
		jdbc.execute("CREATE TABLE IF NOT EXISTS tp_schema_history (version INT NOT NULL PRIMARY KEY, "
				+ "script VARCHAR(255) NOT NULL, checksum CHAR(64) NOT NULL, "
				+ "applied_at TIMESTAMP(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6))");
		List<Integer> done = jdbc.queryForList("SELECT version FROM tp_schema_history", Integer.class);
		for (Resource resource : scripts(pattern)) {
			int version = Integer.parseInt(resource.getFilename().substring(1, resource.getFilename().indexOf("__")));
			if (done.contains(version)) {
				continue;
			}
			String sql = read(resource);
			for (String statement : SqlStatements.split(sql)) {
				jdbc.execute(statement);
			}
			jdbc.update("INSERT INTO tp_schema_history (version, script, checksum) VALUES (?, ?, ?)", version,
					resource.getFilename(), sha256(sql));
		}
	}

	private static List<Resource> scripts(String pattern) {
		try {
			return Arrays.stream(new PathMatchingResourcePatternResolver().getResources(pattern))
				.filter(resource -> resource.getFilename().matches("V\\d+__.+\\.sql"))
				.sorted(Comparator.comparing(Resource::getFilename))
				.toList();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private static boolean tableExists(JdbcTemplate jdbc, String table) {
		Integer count = jdbc.queryForObject("SELECT COUNT(*) FROM information_schema.TABLES "
				+ "WHERE TABLE_SCHEMA = DATABASE() AND UPPER(TABLE_NAME) = UPPER(?)", Integer.class, table);
		return count != null && count > 0;
	}

	private static String read(Resource resource) {
		try {
			return resource.getContentAsString(StandardCharsets.UTF_8);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/** The checksum that release recorded: SHA-256 of the script's UTF-8 text, in lower-case hex. */
	public static String sha256(String text) {
		try {
			return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}
}
