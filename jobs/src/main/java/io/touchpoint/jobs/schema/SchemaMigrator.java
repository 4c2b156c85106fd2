package io.touchpoint.jobs.schema;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.sql.DataSource;

import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.CoreErrorCode;
import org.flywaydb.core.api.FlywayException;
import org.flywaydb.core.api.MigrationInfo;
import org.flywaydb.core.api.MigrationState;
import org.flywaydb.core.api.MigrationVersion;
import org.flywaydb.core.api.configuration.FluentConfiguration;
import org.flywaydb.core.api.migration.JavaMigration;
import org.flywaydb.core.api.output.MigrateOutput;
import org.flywaydb.core.api.output.ValidateOutput;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Touchpoint's numbered, forward-only DDL, applied by Flyway: one Flyway per database. The warehouse gets
 * {@code sql/mysql/V*.sql} (or {@code sql/singlestore/V*.sql} for a SingleStore warehouse) with its history in
 * {@value #WAREHOUSE_HISTORY}; the metadata database gets Spring Batch's and Quartz's schemas from their jars, then
 * {@code sql/mysql/metadata/V*.sql}, with its history in {@value #METADATA_HISTORY} (two tables, so one database may
 * serve as both). Flyway takes a lock on the history table while it migrates, records each script with its checksum,
 * refuses an applied script that changed, and records a script that failed; this class turns those refusals into
 * sentences that name the script and say what to do. When the history already lists every migration of the build,
 * applied, with the checksum its file has now, Flyway is not started at all: most commands find it so.
 * <p>
 * A database a release before Flyway migrated keeps its list of applied scripts in {@value #LEGACY_HISTORY}. The
 * first migration imports it ({@link #importLegacyHistory}): after checking that each listed script is unchanged
 * (the SHA-256 that table holds), Flyway records those scripts without running them, and goes on from there.
 */
public final class SchemaMigrator {

	/** Flyway's history of the warehouse scripts, in the warehouse. */
	public static final String WAREHOUSE_HISTORY = "tp_warehouse_migrations";

	/** Flyway's history of the metadata scripts (and the jars' schemas), in the metadata database. */
	public static final String METADATA_HISTORY = "tp_metadata_migrations";

	/** Where releases before Flyway listed their applied scripts; read once, never written. */
	public static final String LEGACY_HISTORY = "tp_schema_history";

	private static final Logger log = LoggerFactory.getLogger(SchemaMigrator.class);

	private final Database metadata;

	private final Database warehouse;

	public SchemaMigrator(DataSource metadata, DataSource warehouse) {
		this(metadata, warehouse, "mysql");
	}

	/**
	 * A migrator whose warehouse DDL is {@code sql/<dialectFolder>/V*.sql} (the warehouse dialect's folder:
	 * {@code mysql} or {@code singlestore}); the metadata DDL is always MySQL's.
	 */
	public SchemaMigrator(DataSource metadata, DataSource warehouse, String dialectFolder) {
		this(metadata, warehouse, "classpath*:sql/mysql/metadata/V*.sql", "classpath*:sql/" + dialectFolder + "/V*.sql");
	}

	/** A migrator over other script folders (Spring resource patterns), for tests. */
	SchemaMigrator(DataSource metadata, DataSource warehouse, String metadataScripts, String warehouseScripts) {
		this.metadata = new Database("metadata", metadata, METADATA_HISTORY, new ScriptFiles(metadataScripts),
				JarSchema.SPRING_BATCH, JarSchema.QUARTZ);
		this.warehouse = new Database("warehouse", warehouse, WAREHOUSE_HISTORY, new ScriptFiles(warehouseScripts));
	}

	/** Brings both databases up to date; returns the scripts applied now, as {@code <script> (<database>)}. */
	public List<String> migrate() {
		List<String> applied = new ArrayList<>(metadata.migrate());
		applied.addAll(warehouse.migrate());
		return applied;
	}

	/** The scripts not yet applied (or recorded as failed), per database, without changing anything. */
	public List<String> pending() {
		List<String> pending = new ArrayList<>(metadata.pending());
		pending.addAll(warehouse.pending());
		return pending;
	}

	/**
	 * Removes the record of a failed script from both histories (Flyway's repair), so the next {@link #migrate()}
	 * runs it again; returns what it removed. For after the partial changes of the failed script were undone.
	 */
	public List<String> repair() {
		List<String> repaired = new ArrayList<>(metadata.repair());
		repaired.addAll(warehouse.repair());
		return repaired;
	}

	/** The DDL that {@link #migrate()} would run from Touchpoint's files, for {@code touchpoint init --print}. */
	public String script() {
		StringBuilder out = new StringBuilder();
		for (Database database : List.of(metadata, warehouse)) {
			for (ScriptFiles.Script script : database.scripts.all()) {
				out.append("-- ").append(script.getFilename()).append('\n').append(script.text()).append('\n');
			}
		}
		return out.toString();
	}

	/** One database, its scripts and the Flyway that applies them. */
	private static final class Database {

		private final String name;

		private final DataSource dataSource;

		private final String history;

		private final ScriptFiles scripts;

		private final JavaMigration[] jarSchemas;

		Database(String name, DataSource dataSource, String history, ScriptFiles scripts, JavaMigration... jarSchemas) {
			this.name = name;
			this.dataSource = dataSource;
			this.history = history;
			this.scripts = scripts;
			this.jarSchemas = jarSchemas;
		}

		private FluentConfiguration configuration() {
			return Flyway.configure(SchemaMigrator.class.getClassLoader())
				.dataSource(dataSource)
				.table(history)
				.resourceProvider(scripts)
				.javaMigrations(jarSchemas)
				.javaMigrationClassProvider(List::of)
				.placeholderReplacement(false)
				.validateMigrationNaming(true)
				.loggers("slf4j");
		}

		List<String> migrate() {
			if (upToDate()) {
				return List.of();
			}
			importLegacyHistory();
			Flyway flyway = configuration().load();
			try {
				return flyway.migrate().migrations.stream().map(this::applied).toList();
			}
			catch (FlywayException ex) {
				throw explain(flyway, ex);
			}
		}

		private String applied(MigrateOutput migration) {
			String script = "SQL".equals(migration.type)
					? migration.filepath.substring(migration.filepath.lastIndexOf('/') + 1) : migration.description;
			log.info("Applied {} to the {} database", script, name);
			return script + " (" + name + ")";
		}

		List<String> pending() {
			if (upToDate()) {
				return List.of();
			}
			Flyway flyway = configuration().load();
			Map<Integer, String> legacy = hasTable(history) ? Map.of() : legacyHistory();
			boolean imported = !legacy.isEmpty();
			return Arrays.stream(flyway.info().all())
				.filter(info -> info.getState() == MigrationState.PENDING || info.getState() == MigrationState.FAILED
						|| info.getState() == MigrationState.IGNORED)
				.filter(info -> !(imported && appliedBefore(info, legacy)))
				.map(info -> label(info) + " (" + name + ")" + (info.getState() == MigrationState.FAILED ? " failed" : ""))
				.toList();
		}

		/** Whether a release before Flyway applied this migration (the jars' schemas: with its first script). */
		private static boolean appliedBefore(MigrationInfo info, Map<Integer, String> legacy) {
			return !info.getScript().endsWith(".sql") || legacy.containsKey(Integer.parseInt(info.getVersion().getVersion()));
		}

		/**
		 * Whether Flyway's history lists exactly this build's migrations, each applied successfully, each script with
		 * the checksum of its file as it is now: then Flyway would find nothing to run and nothing to refuse, and is
		 * not started (a command opening the embedded stack does not pay for it). Anything else, such as a new
		 * file, a failure, an edited file or a history this check does not understand, is left to Flyway.
		 */
		private boolean upToDate() {
			if (!hasTable(history)) {
				return false;
			}
			List<String> recorded = new JdbcTemplate(dataSource).query("SELECT type, script, description, checksum, success "
					+ "FROM " + history + " ORDER BY installed_rank",
					(rs, row) -> rs.getString(1) + " " + ("JDBC".equals(rs.getString(1)) ? rs.getString(3) : rs.getString(2))
							+ " " + rs.getObject(4) + " " + rs.getBoolean(5));
			List<String> expected = new ArrayList<>();
			for (JavaMigration jarSchema : jarSchemas) {
				expected.add("JDBC " + jarSchema.getDescription() + " null true");
			}
			for (ScriptFiles.Script script : scripts.all()) {
				expected.add("SQL " + script.getFilename() + " " + script.checksum() + " true");
			}
			return recorded.equals(expected);
		}

		List<String> repair() {
			Flyway flyway = configuration().load();
			List<String> failed = Arrays.stream(flyway.info().all())
				.filter(info -> info.getState() == MigrationState.FAILED)
				.map(info -> label(info) + " (" + name + ")")
				.toList();
			if (hasTable(history)) {
				flyway.repair();
			}
			return failed;
		}

		private static String label(MigrationInfo info) {
			return info.getScript().endsWith(".sql") ? info.getScript() : info.getDescription();
		}

		/**
		 * Records in Flyway's history, without running them, the scripts that {@value #LEGACY_HISTORY} lists, once:
		 * while Flyway's history does not exist yet. Refused when a listed script changed since (the checksum differs),
		 * is missing from this build, or when a script numbered below the last listed one was never applied.
		 */
		private void importLegacyHistory() {
			if (hasTable(history)) {
				return;
			}
			Map<Integer, String> legacy = legacyHistory();
			if (legacy.isEmpty()) {
				return;
			}
			Map<Integer, ScriptFiles.Script> files = new TreeMap<>();
			scripts.all().forEach(script -> files.put(script.version(), script));
			int last = 0;
			for (Map.Entry<Integer, String> applied : legacy.entrySet()) {
				ScriptFiles.Script file = files.get(applied.getKey());
				if (file == null) {
					throw new MigrationFailedException("The " + name + " database lists version " + applied.getKey()
							+ " in " + LEGACY_HISTORY + ", and this build has no script with that number: the database was "
							+ "migrated by another build. Run the release that made it, or restore the script.", null);
				}
				if (!sha256(file.text()).equals(applied.getValue())) {
					throw changed(file.getFilename());
				}
				last = Math.max(last, applied.getKey());
			}
			for (ScriptFiles.Script file : files.values()) {
				if (file.version() < last && !legacy.containsKey(file.version())) {
					throw new MigrationFailedException("The " + name + " script " + file.getFilename() + " is numbered below "
							+ "scripts " + LEGACY_HISTORY + " lists as applied, and was never applied itself: a forward-only "
							+ "migration cannot run it now. Give it a number above " + last + ".", null);
				}
			}
			configuration().skipExecutingMigrations(true).target(MigrationVersion.fromVersion(String.valueOf(last))).load().migrate();
			log.info("Recorded the {} script(s) {} lists as applied to the {} database in {}, without running them",
					legacy.size(), LEGACY_HISTORY, name, history);
		}

		/** Version to SHA-256 of each script the releases before Flyway applied; empty without that table. */
		private Map<Integer, String> legacyHistory() {
			Map<Integer, String> applied = new TreeMap<>();
			if (hasTable(LEGACY_HISTORY)) {
				new JdbcTemplate(dataSource).query("SELECT version, checksum FROM " + LEGACY_HISTORY,
						rs -> {
							applied.put(rs.getInt(1), rs.getString(2));
						});
			}
			return applied;
		}

		private boolean hasTable(String table) {
			Integer count = new JdbcTemplate(dataSource).queryForObject("SELECT COUNT(*) FROM information_schema.TABLES "
					+ "WHERE TABLE_SCHEMA = DATABASE() AND UPPER(TABLE_NAME) = UPPER(?)", Integer.class, table);
			return count != null && count > 0;
		}

		private static final Pattern LINE = Pattern.compile("Line\\s*:\\s*(\\d+)");

		/** A sentence for a failed or refused migration: which script, what happened, what to do. */
		private RuntimeException explain(Flyway flyway, FlywayException ex) {
			MigrationInfo failed = Arrays.stream(flyway.info().all())
				.filter(info -> info.getState() == MigrationState.FAILED)
				.findFirst()
				.orElse(null);
			if (failed != null) {
				Matcher line = LINE.matcher(String.valueOf(ex.getMessage()));
				boolean now = ex.getMessage() != null && ex.getMessage().contains(failed.getScript());
				return new MigrationFailedException("The " + name + " script " + label(failed)
						+ (now ? " failed" + (line.find() ? " at line " + line.group(1) : "") + ": " + cause(ex)
								: " failed in an earlier run, as " + history + " records")
						+ ". DDL commits statement by statement (MariaDB, MySQL, SingleStore): the statements before the "
						+ "failing one stay applied. Undo them (or complete the script by hand), fix the cause, then run "
						+ "`touchpoint init --repair` to clear the failed record and `touchpoint init` to run the script again.",
						ex);
			}
			MigrationInfo ignored = Arrays.stream(flyway.info().all())
				.filter(info -> info.getState() == MigrationState.IGNORED)
				.findFirst()
				.orElse(null);
			if (ignored != null) {
				return new MigrationFailedException("The " + name + " script " + label(ignored) + " is numbered below scripts "
						+ "already applied (up to " + flyway.info().current().getVersion() + "), and was never applied itself: "
						+ "a forward-only migration cannot run it now. Give it the next number.", ex);
			}
			for (ValidateOutput invalid : flyway.validateWithResult().invalidMigrations) {
				if (invalid.errorDetails != null && invalid.errorDetails.errorCode == CoreErrorCode.CHECKSUM_MISMATCH) {
					return changed(invalid.filepath == null ? "version " + invalid.version : invalid.filepath
						.substring(invalid.filepath.lastIndexOf('/') + 1), ex);
				}
				if (invalid.errorDetails != null
						&& invalid.errorDetails.errorCode == CoreErrorCode.APPLIED_VERSIONED_MIGRATION_NOT_RESOLVED) {
					return new MigrationFailedException("The " + name + " database has version " + invalid.version + " ("
							+ invalid.description + ") applied, and this build has no script with that number: the database "
							+ "was migrated by a newer build. Run that build, or restore the script.", ex);
				}
			}
			return new MigrationFailedException("Migrating the " + name + " database failed: " + cause(ex), ex);
		}

		private MigrationFailedException changed(String script) {
			return changed(script, null);
		}

		private MigrationFailedException changed(String script, Throwable cause) {
			return new MigrationFailedException("The " + name + " script " + script + " changed after it was applied. "
					+ "DDL is forward-only: restore the file and add a new numbered one.", cause);
		}

		/** What the database said, else Flyway's first line. */
		private static String cause(Throwable ex) {
			for (Throwable t = ex; t != null && t.getCause() != t; t = t.getCause()) {
				if (t instanceof SQLException sql) {
					return sql.getMessage();
				}
			}
			String message = String.valueOf(ex.getMessage()).strip();
			return message.lines().findFirst().orElse(message);
		}
	}

	static String sha256(String text) {
		try {
			return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

	/** A script failed, or the history refuses to go on: the message names the script and what to do. */
	public static final class MigrationFailedException extends IllegalStateException {

		MigrationFailedException(String message, Throwable cause) {
			super(message, cause);
		}
	}
}
