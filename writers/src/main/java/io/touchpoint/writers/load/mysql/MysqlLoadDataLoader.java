package io.touchpoint.writers.load.mysql;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;
import java.util.zip.GZIPInputStream;

import javax.sql.DataSource;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.GetObjectRequest;

import io.touchpoint.writers.load.LoadException;
import io.touchpoint.writers.load.LoadResult;
import io.touchpoint.writers.load.LoadTable;
import io.touchpoint.writers.load.StagedFileLoader;
import io.touchpoint.writers.staging.CsvRowEncoder;
import io.touchpoint.writers.staging.ManifestPart;

/**
 * Loads staged gzip CSV parts into MariaDB/MySQL with {@code LOAD DATA LOCAL INFILE}, exactly once.
 *
 * <p>Each part is loaded in one warehouse transaction: the part's {@code load_ledger} row is looked
 * up (a part found there is skipped); the object is streamed from S3 through
 * gunzip into a temporary table {@code tp_load_<table>}; its row count and money sum (and the
 * object's SHA-256) are checked against the manifest; the rows are moved into the target table
 * (append, insert-ignore or the table's merge statement) with {@code staged_file} set to the key and the
 * part's columns ({@link LoadTable#PART_COLUMNS}: tenant and batch, which the file does not repeat on each
 * row) set from the load's tenant and batch with {@code LOAD DATA ... SET};
 * an append-only table without a money column skips the temporary table: the object is loaded straight
 * into it and LOAD DATA's own row count is checked (about half the work for the largest fact tables);
 * the ledger row is inserted; then the transaction commits. Any failure rolls all of it back, so a
 * part is either loaded and recorded or not loaded at all, and a restart skips the recorded parts.
 *
 * <p>Parts of different tables may load at once, each on its own connection. The ledger lookup is a
 * plain read, not {@code FOR UPDATE}: a locking read of a missing key takes a gap lock, and two loads
 * whose keys fall in the same gap of the ledger's index would then deadlock on their ledger inserts.
 * The ledger's primary key (and the target's keys) still make a part load once: should two loads of the
 * same part race, the second one's insert waits for the first's commit and meets a duplicate key, so its
 * transaction rolls back and, finding the part in the ledger, it returns the first one's numbers as
 * {@code alreadyLoaded}.
 *
 * <p>The warehouse JDBC URL needs {@code allowLocalInfile=true} and the server
 * {@code local_infile=ON}. Timestamps are read as UTC (the session time zone is set to
 * {@code +00:00} during the load and restored after). Any warning raised by {@code LOAD DATA}
 * (truncated or converted data) fails the load rather than changing data silently.
 */
public final class MysqlLoadDataLoader implements StagedFileLoader {

	private static final Logger log = LoggerFactory.getLogger(MysqlLoadDataLoader.class);
	private static final int MAX_WARNINGS_SHOWN = 3;
	/** MySQL/MariaDB's "Duplicate entry ... for key" error. */
	private static final int ER_DUP_ENTRY = 1062;
	/** What a tenant or batch id, set as a literal on every row of a part, may hold. */
	private static final java.util.regex.Pattern PART_VALUE = java.util.regex.Pattern.compile("[A-Za-z0-9_-]{1,64}");

	private final DataSource warehouse;
	private final S3Client s3;

	public MysqlLoadDataLoader(DataSource warehouse, S3Client s3) {
		this.warehouse = Objects.requireNonNull(warehouse, "warehouse DataSource");
		this.s3 = Objects.requireNonNull(s3, "s3");
	}

	@Override
	public LoadResult load(String bucket, ManifestPart part, LoadTable table, String tenantId, String batchId) {
		String file = StagedFileLoader.requireStagedKey(bucket, part, table);
		try (Connection connection = warehouse.getConnection()) {
			boolean autoCommit = connection.getAutoCommit();
			String timeZone = sessionTimeZone(connection);
			try {
				execute(connection, "SET time_zone = '+00:00'");
				connection.setAutoCommit(false);
				LoadResult result;
				try {
					result = loadInTransaction(connection, bucket, part, table, tenantId, batchId, file);
					connection.commit();
				}
				catch (SQLException e) {
					if (e.getErrorCode() != ER_DUP_ENTRY) {
						throw e;
					}
					// a duplicate key: in the data, or because another load of this part committed first
					rollback(connection, table, e);
					result = ledgerEntry(connection, part.key());
					if (result == null) {
						throw failure(file, table, e);
					}
					log.warn("{} was loaded into {} by another load while this one loaded it: this one rolled back",
							file, table.name());
				}
				if (result.alreadyLoaded()) {
					log.debug("{} was already loaded into {}: skipped", file, table.name());
				}
				else {
					log.debug("loaded {} into {}: {} rows, money {}, {} inserted", file, table.name(), result.rows(),
							result.moneyMinor(), result.rowsInserted());
				}
				return result;
			}
			catch (LoadException e) {
				rollback(connection, table, e);
				throw e;
			}
			catch (SQLException | IOException | RuntimeException e) {
				rollback(connection, table, e);
				throw failure(file, table, e);
			}
			finally {
				restore(connection, autoCommit, timeZone);
			}
		}
		catch (SQLException e) {
			throw failure(file, table, e);
		}
	}

	/**
	 * {@code ANALYZE TABLE} of the tables, on its own connection (it commits implicitly). InnoDB recomputes a
	 * table's statistics in the background once a tenth of its rows changed, but seconds later, and not more
	 * than once every 10 s: a rollup that starts right after a load into nearly empty tables plans its joins
	 * with statistics of empty tables. The embedded benchmark's first 20,000-contact import spent 94 s in one
	 * such plan (a block-nested-loop join over every identity for each tag application) where fresh statistics
	 * take under a second. InnoDB samples a fixed number of pages per index, so this costs milliseconds at any
	 * size, and it lets reads and writes go on meanwhile.
	 */
	@Override
	public void refreshStatistics(Collection<LoadTable> tables) {
		if (tables.isEmpty()) {
			return;
		}
		String names = tables.stream().map(LoadTable::name).distinct().collect(Collectors.joining(", "));
		long started = System.nanoTime();
		try (Connection connection = warehouse.getConnection();
				Statement statement = connection.createStatement()) {
			List<String> problems = new ArrayList<>();
			try (ResultSet rs = statement.executeQuery("ANALYZE TABLE " + names)) {
				while (rs.next()) { // Table, Op, Msg_type, Msg_text: a row per table, and one per problem
					String type = rs.getString(3);
					if (!"status".equalsIgnoreCase(type) && !"note".equalsIgnoreCase(type)) {
						problems.add(rs.getString(1) + ": " + type + " " + rs.getString(4));
					}
				}
			}
			if (problems.isEmpty()) {
				log.debug("refreshed the optimizer statistics of {} in {} ms", names,
						(System.nanoTime() - started) / 1_000_000);
			}
			else {
				log.warn("refreshing the optimizer statistics of {} reported {}; the load is complete, but queries"
						+ " on these tables may plan with stale statistics until the server refreshes them", names,
						problems);
			}
		}
		catch (SQLException e) {
			log.warn("could not refresh the optimizer statistics of {} ({}); the load is complete, but the rollups"
					+ " may plan with stale statistics until the server refreshes them: grant SELECT and INSERT on these"
					+ " tables to run ANALYZE TABLE", names, e.getMessage());
		}
	}

	private LoadResult loadInTransaction(Connection connection, String bucket, ManifestPart part, LoadTable table,
			String tenantId, String batchId, String file) throws SQLException, IOException {
		LoadResult loaded = ledgerEntry(connection, part.key());
		if (loaded != null) {
			return loaded;
		}
		String columns = String.join(", ", table.columns());
		long rows;
		long inserted;
		long money;
		if (loadsDirectly(table)) {
			// nothing to merge or deduplicate and no money to sum: LOAD DATA goes straight into the target,
			// in this transaction; its row count is checked before the commit
			Loaded direct = loadData(connection, bucket, part.key(), table.name(), file, table, tenantId, batchId);
			rows = direct.rows();
			money = 0;
			check(part, table, file, rows, money, direct.sha256());
			inserted = rows;
		}
		else {
			String staging = table.stagingTable();
			execute(connection, "DROP TEMPORARY TABLE IF EXISTS " + staging);
			execute(connection, "CREATE TEMPORARY TABLE " + staging + " AS SELECT " + columns + ", staged_file FROM "
					+ table.name() + " WHERE 1=0");
			String sha256 = loadData(connection, bucket, part.key(), staging, file, table, tenantId, batchId).sha256();
			try (Statement statement = connection.createStatement();
					ResultSet rs = statement.executeQuery("SELECT COUNT(*), COALESCE(SUM("
							+ (table.moneyColumn() == null ? "0" : table.moneyColumn()) + "), 0) FROM " + staging)) {
				rs.next();
				rows = rs.getLong(1);
				money = rs.getLong(2);
			}
			check(part, table, file, rows, money, sha256);
			inserted = moveRows(connection, table, staging, columns, rows);
			execute(connection, "DROP TEMPORARY TABLE IF EXISTS " + staging);
		}

		try (PreparedStatement insert = connection.prepareStatement("INSERT INTO load_ledger (staged_key, tenant_id,"
				+ " batch_id, table_name, row_count, money_minor, rows_inserted, loaded_at)"
				+ " VALUES (?, ?, ?, ?, ?, ?, ?, CURRENT_TIMESTAMP(6))")) {
			insert.setString(1, part.key());
			insert.setString(2, tenantId);
			insert.setString(3, batchId);
			insert.setString(4, table.name());
			insert.setLong(5, rows);
			insert.setLong(6, money);
			insert.setLong(7, inserted);
			insert.executeUpdate();
		}
		return new LoadResult(part.key(), rows, money, inserted, false);
	}

	/**
	 * Whether a part can be loaded straight into its table: an append-only table without a money column,
	 * whose rows need no merge, no duplicate check and no sum (the row count comes from LOAD DATA itself).
	 * The others go through a temporary table first.
	 */
	static boolean loadsDirectly(LoadTable table) {
		return table.mode() == LoadTable.Mode.APPEND && table.moneyColumn() == null;
	}

	/** Refuses a part whose rows, money or bytes differ from its manifest entry. */
	private static void check(ManifestPart part, LoadTable table, String file, long rows, long money, String sha256) {
		if (rows != part.rows() || money != part.moneyMinor()) {
			throw new LoadException(file + " (table " + table.name() + "): the file has " + rows + " rows / money "
					+ money + " but its manifest says " + part.rows() + " rows / money " + part.moneyMinor()
					+ "; the staged file is corrupt: re-run the stage step (touchpoint restart)");
		}
		if (part.sha256() != null && !part.sha256().isBlank() && !part.sha256().equalsIgnoreCase(sha256)) {
			throw new LoadException(file + " (table " + table.name() + "): the file's sha256 is " + sha256
					+ " but its manifest says " + part.sha256()
					+ "; the staged file is corrupt: re-run the stage step (touchpoint restart)");
		}
	}

	/** What one LOAD DATA loaded: its row count and the SHA-256 of the object's bytes. */
	private record Loaded(long rows, String sha256) {
	}

	/**
	 * Streams the object through gunzip into {@code into} (the target or a temporary table): the file's
	 * columns from its rows, the part's columns ({@code tenant_id}, {@code batch_id}) and {@code staged_file}
	 * set once for all of them.
	 */
	private Loaded loadData(Connection connection, String bucket, String key, String into, String file,
			LoadTable table, String tenantId, String batchId) throws SQLException, IOException {
		String sql = loadDataSql(into, table, key, tenantId, batchId, file);
		MessageDigest digest = sha256();
		try (Statement statement = connection.createStatement();
				InputStream object = s3.getObject(GetObjectRequest.builder().bucket(bucket).key(key).build());
				DigestInputStream hashed = new DigestInputStream(object, digest);
				GZIPInputStream csv = new GZIPInputStream(hashed, 64 * 1024)) {
			// the driver closes the stream it is given: keep the object open to drain it into the digest
			statement.unwrap(org.mariadb.jdbc.Statement.class).setLocalInfileInputStream(new FilterInputStream(csv) {
				@Override
				public void close() {
				}
			});
			long rows = statement.executeLargeUpdate(sql);
			List<String> warnings = warnings(connection);
			if (!warnings.isEmpty()) {
				throw new LoadException("could not load " + file + " into table " + table.name()
						+ ": LOAD DATA reported " + String.join("; ", warnings)
						+ "; the file was not loaded; fix the table definition or the staged data, then restart"
						+ " the execution: files already loaded are skipped");
			}
			hashed.transferTo(OutputStream.nullOutputStream()); // the digest covers every byte
			return new Loaded(rows, HexFormat.of().formatHex(digest.digest()));
		}
	}

	/**
	 * The {@code LOAD DATA} statement of one part. The tenant and batch ids reach it as literals: they are
	 * checked to hold only the characters ids are made of ({@code [A-Za-z0-9_-]}), as the key was.
	 */
	static String loadDataSql(String into, LoadTable table, String key, String tenantId, String batchId,
			String file) {
		StringBuilder set = new StringBuilder();
		for (String column : table.partColumns()) {
			String value = column.equals("tenant_id") ? tenantId : batchId;
			if (value == null || !PART_VALUE.matcher(value).matches()) {
				throw new LoadException("refusing to load " + file + " into table " + table.name() + ": its "
						+ column + " '" + value + "' has characters outside [A-Za-z0-9_-]; the file was not loaded;"
						+ " load only parts published by the stage step");
			}
			set.append(column).append(" = '").append(value).append("', ");
		}
		return "LOAD DATA LOCAL INFILE 'stream' INTO TABLE " + into + " CHARACTER SET utf8mb4 "
				+ CsvRowEncoder.LOAD_DATA_FORMAT + " (" + String.join(", ", table.csvColumns()) + ") SET " + set
				+ "staged_file = '" + key + "'";
	}

	private static long moveRows(Connection connection, LoadTable table, String staging, String columns, long rows)
			throws SQLException {
		String select = " (" + columns + ", staged_file) SELECT " + columns + ", staged_file FROM " + staging;
		try (Statement statement = connection.createStatement()) {
			switch (table.mode()) {
				case APPEND :
					return statement.executeUpdate("INSERT INTO " + table.name() + select);
				case IGNORE_DUPLICATES :
					return statement.executeUpdate("INSERT IGNORE INTO " + table.name() + select);
				case MERGE :
					statement.executeUpdate(table.mergeSql().replace(LoadTable.STAGING_PLACEHOLDER, staging));
					return rows;
				default :
					throw new IllegalStateException("unknown load mode " + table.mode() + " of table " + table.name());
			}
		}
	}

	private static @Nullable LoadResult ledgerEntry(Connection connection, String key) throws SQLException {
		try (PreparedStatement select = connection.prepareStatement("SELECT row_count, money_minor, rows_inserted"
				+ " FROM load_ledger WHERE staged_key = ?")) {
			select.setString(1, key);
			try (ResultSet rs = select.executeQuery()) {
				if (rs.next()) {
					return new LoadResult(key, rs.getLong(1), rs.getLong(2), rs.getLong(3), true);
				}
				return null;
			}
		}
	}

	private static List<String> warnings(Connection connection) throws SQLException {
		List<String> warnings = new ArrayList<>();
		try (Statement statement = connection.createStatement();
				ResultSet rs = statement.executeQuery("SHOW WARNINGS")) {
			while (rs.next()) {
				if (!"Note".equalsIgnoreCase(rs.getString(1)) && warnings.size() < MAX_WARNINGS_SHOWN) {
					warnings.add(rs.getString(1) + " " + rs.getInt(2) + ": " + rs.getString(3));
				}
			}
		}
		return warnings;
	}

	private static String sessionTimeZone(Connection connection) throws SQLException {
		try (Statement statement = connection.createStatement();
				ResultSet rs = statement.executeQuery("SELECT @@session.time_zone")) {
			rs.next();
			return rs.getString(1);
		}
	}

	private static void execute(Connection connection, String sql) throws SQLException {
		try (Statement statement = connection.createStatement()) {
			statement.execute(sql);
		}
	}

	private static void rollback(Connection connection, LoadTable table, Exception failure) {
		try {
			connection.rollback();
		}
		catch (SQLException e) {
			failure.addSuppressed(e);
		}
		try {
			execute(connection, "DROP TEMPORARY TABLE IF EXISTS " + table.stagingTable());
		}
		catch (SQLException e) {
			failure.addSuppressed(e);
		}
	}

	private static void restore(Connection connection, boolean autoCommit, String timeZone) {
		try {
			connection.setAutoCommit(autoCommit);
			try (PreparedStatement statement = connection.prepareStatement("SET time_zone = ?")) {
				statement.setString(1, timeZone);
				statement.execute();
			}
		}
		catch (SQLException e) {
			log.warn("could not restore the warehouse session after a load (auto-commit {}, time zone {}): {}",
					autoCommit, timeZone, e.getMessage());
		}
	}

	private static LoadException failure(String file, LoadTable table, Exception cause) {
		return new LoadException("could not load " + file + " into table " + table.name() + ": " + cause.getMessage()
				+ "; the file was not loaded; fix the cause and restart the execution: files already loaded are skipped",
				cause);
	}

	private static MessageDigest sha256() {
		try {
			return MessageDigest.getInstance("SHA-256");
		}
		catch (NoSuchAlgorithmException e) {
			throw new IllegalStateException("this JVM has no SHA-256, which every Java platform must provide", e);
		}
	}
}
