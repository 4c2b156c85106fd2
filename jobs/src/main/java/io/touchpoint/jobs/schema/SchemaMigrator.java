package io.touchpoint.jobs.schema;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.sql.DataSource;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.core.io.ClassPathResource;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.init.ResourceDatabasePopulator;

import io.touchpoint.jobs.config.WarehouseDialect;

/**
 * Applies Touchpoint's numbered, forward-only DDL: {@code sql/mysql/V*.sql} (or {@code sql/singlestore/V*.sql}
 * for a SingleStore warehouse) to the warehouse and
 * {@code sql/mysql/metadata/V*.sql} (plus Spring Batch's and Quartz's own schemas from their jars) to the metadata
 * database. Each database records applied files with a checksum in {@code tp_schema_history}; an
 * applied file that changed is refused, because DDL only moves forward.
 */
public final class SchemaMigrator {

	private static final Logger log = LoggerFactory.getLogger(SchemaMigrator.class);

	/** Quartz's own schema for its clustered JDBC job store, from its jar. */
	private static final String QUARTZ_SCHEMA = "org/quartz/impl/jdbcjobstore/tables_mysql_innodb.sql";

	private static final Pattern VERSION = Pattern.compile("V(\\d+)__.+\\.sql");

	private final DataSource metadata;

	private final DataSource warehouse;

	private final String warehouseScripts;

	private final boolean singlestore;

	public SchemaMigrator(DataSource metadata, DataSource warehouse) {
		this(metadata, warehouse, WarehouseDialect.MYSQL);
	}

	/** A migrator whose warehouse DDL is {@code sql/<dialect>/V*.sql}; the metadata DDL is always MySQL's. */
	public SchemaMigrator(DataSource metadata, DataSource warehouse, WarehouseDialect dialect) {
		this.metadata = metadata;
		this.warehouse = warehouse;
		this.warehouseScripts = "classpath*:sql/" + dialect.folder() + "/V*.sql";
		this.singlestore = dialect == WarehouseDialect.SINGLESTORE;
	}

	/** Brings both databases up to date; returns the scripts applied now. */
	public List<String> migrate() {
		List<String> applied = new ArrayList<>();
		JdbcTemplate meta = new JdbcTemplate(metadata);
		if (!tableExists(meta, "BATCH_JOB_INSTANCE")) {
			new ResourceDatabasePopulator(new ClassPathResource("org/springframework/batch/core/schema-mariadb.sql"))
				.execute(metadata);
			applied.add("spring-batch schema-mariadb.sql (metadata)");
		}
		if (!tableExists(meta, "QRTZ_LOCKS")) {
			ResourceDatabasePopulator quartz = new ResourceDatabasePopulator(new ClassPathResource(QUARTZ_SCHEMA));
			quartz.setCommentPrefixes("#", "--");
			quartz.execute(metadata);
			applied.add("quartz tables_mysql_innodb.sql (metadata)");
		}
		applied.addAll(apply(meta, "classpath*:sql/mysql/metadata/V*.sql", "metadata", false));
		applied.addAll(apply(new JdbcTemplate(warehouse), warehouseScripts, "warehouse", singlestore));
		return applied;
	}

	/** The scripts not yet applied, per database, without changing anything. */
	public List<String> pending() {
		List<String> pending = new ArrayList<>();
		JdbcTemplate meta = new JdbcTemplate(metadata);
		if (!tableExists(meta, "BATCH_JOB_INSTANCE")) {
			pending.add("spring-batch schema-mariadb.sql (metadata)");
		}
		if (!tableExists(meta, "QRTZ_LOCKS")) {
			pending.add("quartz tables_mysql_innodb.sql (metadata)");
		}
		pending.addAll(unapplied(meta, "classpath*:sql/mysql/metadata/V*.sql", "metadata"));
		pending.addAll(unapplied(new JdbcTemplate(warehouse), warehouseScripts, "warehouse"));
		return pending;
	}

	/** The DDL that {@link #migrate()} would run, for {@code touchpoint init --print}. */
	public String script() {
		StringBuilder out = new StringBuilder();
		for (String pattern : List.of("classpath*:sql/mysql/metadata/V*.sql", warehouseScripts)) {
			for (Resource resource : scripts(pattern)) {
				out.append("-- ").append(resource.getFilename()).append('\n').append(read(resource)).append('\n');
			}
		}
		return out.toString();
	}

	private List<String> apply(JdbcTemplate jdbc, String pattern, String database, boolean reference) {
		ensureHistory(jdbc, reference);
		Map<Integer, String> done = history(jdbc);
		List<String> applied = new ArrayList<>();
		for (Resource resource : scripts(pattern)) {
			int version = version(resource);
			String sql = read(resource);
			String checksum = sha256(sql);
			String recorded = done.get(version);
			if (recorded != null) {
				if (!recorded.equals(checksum)) {
					throw new IllegalStateException("The " + database + " script " + resource.getFilename()
							+ " changed after it was applied. DDL is forward-only: restore the file and add a new numbered one.");
				}
				continue;
			}
			for (String statement : statements(sql)) {
				jdbc.execute(statement);
			}
			jdbc.update("INSERT INTO tp_schema_history (version, script, checksum) VALUES (?, ?, ?)", version,
					resource.getFilename(), checksum);
			log.info("Applied {} to the {} database", resource.getFilename(), database);
			applied.add(resource.getFilename() + " (" + database + ")");
		}
		return applied;
	}

	private List<String> unapplied(JdbcTemplate jdbc, String pattern, String database) {
		Map<Integer, String> done = tableExists(jdbc, "tp_schema_history") ? history(jdbc) : Map.of();
		return scripts(pattern).stream()
			.filter(resource -> !done.containsKey(version(resource)))
			.map(resource -> resource.getFilename() + " (" + database + ")")
			.toList();
	}

	/** On SingleStore the small, rarely written history is a rowstore reference table, on every node. */
	private static void ensureHistory(JdbcTemplate jdbc, boolean reference) {
		jdbc.execute("CREATE " + (reference ? "ROWSTORE REFERENCE " : "") + "TABLE IF NOT EXISTS tp_schema_history (version INT NOT NULL PRIMARY KEY, "
				+ "script VARCHAR(255) NOT NULL, checksum CHAR(64) NOT NULL, "
				+ "applied_at TIMESTAMP(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6))");
	}

	private static Map<Integer, String> history(JdbcTemplate jdbc) {
		Map<Integer, String> done = new java.util.HashMap<>();
		jdbc.query("SELECT version, checksum FROM tp_schema_history",
				rs -> {
					done.put(rs.getInt(1), rs.getString(2));
				});
		return done;
	}

	private static boolean tableExists(JdbcTemplate jdbc, String table) {
		Integer count = jdbc.queryForObject(
				"SELECT COUNT(*) FROM information_schema.TABLES WHERE TABLE_SCHEMA = DATABASE() AND UPPER(TABLE_NAME) = UPPER(?)",
				Integer.class, table);
		return count != null && count > 0;
	}

	private static List<Resource> scripts(String pattern) {
		try {
			Resource[] found = new PathMatchingResourcePatternResolver().getResources(pattern);
			return Arrays.stream(found)
				.filter(resource -> VERSION.matcher(resource.getFilename()).matches())
				.sorted(Comparator.comparingInt(SchemaMigrator::version))
				.toList();
		}
		catch (IOException ex) {
			throw new IllegalStateException("Cannot list " + pattern + ": " + ex.getMessage(), ex);
		}
	}

	private static int version(Resource resource) {
		Matcher matcher = VERSION.matcher(resource.getFilename());
		if (!matcher.matches()) {
			throw new IllegalStateException("Not a numbered script: " + resource.getFilename());
		}
		return Integer.parseInt(matcher.group(1));
	}

	static String read(Resource resource) {
		try (InputStream in = resource.getInputStream()) {
			return new String(in.readAllBytes(), StandardCharsets.UTF_8);
		}
		catch (IOException ex) {
			throw new IllegalStateException("Cannot read " + resource + ": " + ex.getMessage(), ex);
		}
	}

	/** Splits a script into statements at semicolons that end a line; drops comment-only lines. */
	public static List<String> statements(String sql) {
		List<String> statements = new ArrayList<>();
		StringBuilder current = new StringBuilder();
		for (String line : sql.split("\n")) {
			String trimmed = line.strip();
			if (trimmed.startsWith("--") || trimmed.isEmpty()) {
				continue;
			}
			current.append(line).append('\n');
			if (trimmed.endsWith(";")) {
				statements.add(current.substring(0, current.lastIndexOf(";")).strip());
				current.setLength(0);
			}
		}
		if (!current.toString().isBlank()) {
			statements.add(current.toString().strip());
		}
		return statements;
	}

	private static String sha256(String text) {
		try {
			return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}
}
