package io.touchpoint.writers.load.mysql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.math.BigDecimal;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BrokenBarrierException;
import java.util.concurrent.Callable;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.zip.GZIPOutputStream;

import javax.sql.DataSource;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;
import software.amazon.awssdk.core.sync.RequestBody;

import io.touchpoint.writers.load.LoadException;
import io.touchpoint.writers.load.LoadResult;
import io.touchpoint.writers.load.LoadTable;
import io.touchpoint.writers.staging.CsvRowEncoder;
import io.touchpoint.writers.staging.ManifestPart;
import io.touchpoint.writers.staging.StagedRow;
import io.touchpoint.writers.testing.PurchaseRow;
import io.touchpoint.writers.testing.TestInfra;

class MysqlLoadDataLoaderIntegrationTests {

	private static final String CONTACTS_DDL = "CREATE TABLE contacts (id BIGINT AUTO_INCREMENT PRIMARY KEY,"
			+ " tenant_id VARCHAR(64) NOT NULL, batch_id VARCHAR(64) NOT NULL, email VARCHAR(200) NOT NULL,"
			+ " name VARCHAR(200) NULL, staged_file VARCHAR(512) NOT NULL, UNIQUE KEY uq_email (tenant_id, email))";
	private static final List<String> CONTACT_COLUMNS = List.of("tenant_id", "batch_id", "email", "name");
	private static final String MERGE_SQL = "INSERT INTO contacts (tenant_id, batch_id, email, name, staged_file)"
			+ " SELECT tenant_id, batch_id, email, name, staged_file FROM {staging}"
			+ " ON DUPLICATE KEY UPDATE name = VALUES(name), batch_id = VALUES(batch_id),"
			+ " staged_file = VALUES(staged_file)";

	private final DataSource warehouse = TestInfra.dataSource();
	private final JdbcTemplate jdbc = new JdbcTemplate(warehouse);
	private final MysqlLoadDataLoader loader = new MysqlLoadDataLoader(warehouse, TestInfra.s3());
	private String bucket;

	@BeforeEach
	void setUp() {
		TestInfra.recreate(warehouse, "load_ledger", TestInfra.LOAD_LEDGER_DDL);
		TestInfra.recreate(warehouse, "purchases", PurchaseRow.DDL);
		TestInfra.recreate(warehouse, "contacts", CONTACTS_DDL);
		bucket = TestInfra.newBucket();
	}

	@Test
	void loadsAPartOnceAndSkipsItTheSecondTime() {
		ManifestPart part = stage("staging/purchases/p1.csv.gz", 3, 1350, List.of(
				PurchaseRow.of("b1", "o1", 100), PurchaseRow.of("b1", "o2", 250), PurchaseRow.of("b1", "o3", 1000)));

		LoadResult first = loader.load(bucket, part, PurchaseRow.append(), "acme", "b1");
		LoadResult second = loader.load(bucket, part, PurchaseRow.append(), "acme", "b1");

		assertThat(first).isEqualTo(new LoadResult(part.key(), 3, 1350, 3, false));
		assertThat(second).isEqualTo(new LoadResult(part.key(), 3, 1350, 3, true));
		assertThat(count("purchases")).isEqualTo(3);
		assertThat(jdbc.queryForList("SELECT DISTINCT staged_file FROM purchases", String.class))
			.containsExactly(part.key());
		Map<String, Object> ledger = jdbc.queryForMap("SELECT * FROM load_ledger");
		assertThat(ledger).containsEntry("staged_key", part.key()).containsEntry("tenant_id", "acme")
			.containsEntry("batch_id", "b1").containsEntry("table_name", "purchases")
			.containsEntry("row_count", 3L).containsEntry("money_minor", 1350L).containsEntry("rows_inserted", 3L);
	}

	@Test
	void timestampsAreLoadedAsUtcAndNonAsciiSurvives() {
		PurchaseRow row = new PurchaseRow("acme", "b1", "o1", 5, "Acme™ 日本 \"q\" \\ ,\n",
				java.time.Instant.parse("2024-03-05T10:11:12.5Z"));
		ManifestPart part = stage("staging/purchases/p1.csv.gz", 1, 5, List.of(row));

		loader.load(bucket, part, PurchaseRow.append(), "acme", "b1");

		assertThat(jdbc.queryForObject("SELECT UNIX_TIMESTAMP(purchased_at) FROM purchases", BigDecimal.class))
			.isEqualByComparingTo("1709633472.5"); // 2024-03-05T10:11:12.5Z
		assertThat(jdbc.queryForObject("SELECT note FROM purchases", String.class)).isEqualTo("Acme™ 日本 \"q\" \\ ,\n");
	}

	@Test
	void ignoreDuplicatesInsertsOnlyRowsWithNewKeys() {
		ManifestPart first = stage("staging/purchases/p1.csv.gz", 2, 300, List.of(
				PurchaseRow.of("b1", "o1", 100), PurchaseRow.of("b1", "o2", 200)));
		ManifestPart second = stage("staging/purchases/p2.csv.gz", 3, 900, List.of(
				PurchaseRow.of("b1", "o2", 200), PurchaseRow.of("b1", "o3", 300), PurchaseRow.of("b1", "o4", 400)));

		loader.load(bucket, first, PurchaseRow.ignoreDuplicates(), "acme", "b1");
		LoadResult result = loader.load(bucket, second, PurchaseRow.ignoreDuplicates(), "acme", "b1");

		// o2 is already there: only o3 and o4 are new
		assertThat(result).isEqualTo(new LoadResult(second.key(), 3, 900, 2, false));
		assertThat(count("purchases")).isEqualTo(4);
		assertThat(jdbc.queryForObject("SELECT staged_file FROM purchases WHERE order_id = 'o2'", String.class))
			.isEqualTo(first.key());
	}

	@Test
	void mergeUpsertsWithTheTableStatement() {
		jdbc.update("INSERT INTO contacts (tenant_id, batch_id, email, name, staged_file)"
				+ " VALUES ('acme', 'b0', 'ann@example.com', 'Ann Old', 'staging/contacts/old.csv.gz')");
		ManifestPart part = stage("staging/contacts/p1.csv.gz", 2, 0, List.of(
				contact("b1", "ann@example.com", "Ann New"), contact("b1", "bob@example.com", "Bob")));
		LoadTable contacts = LoadTable.merge("contacts", CONTACT_COLUMNS, null, MERGE_SQL);

		LoadResult result = loader.load(bucket, part, contacts, "acme", "b1");

		assertThat(result).isEqualTo(new LoadResult(part.key(), 2, 0, 2, false));
		assertThat(jdbc.queryForList("SELECT CONCAT(email, '=', name, '@', batch_id) FROM contacts ORDER BY email",
				String.class)).containsExactly("ann@example.com=Ann New@b1", "bob@example.com=Bob@b1");
	}

	@Test
	void corruptPartIsRefusedNamingTheKeyAndNothingIsLoaded() {
		ManifestPart fourRows = stage("staging/purchases/p1.csv.gz", 4, 1000, List.of(
				PurchaseRow.of("b1", "o1", 100), PurchaseRow.of("b1", "o2", 200),
				PurchaseRow.of("b1", "o3", 300), PurchaseRow.of("b1", "o4", 400)));
		ManifestPart saysFive = new ManifestPart(fourRows.key(), 5, 1500, fourRows.sha256());

		assertThatThrownBy(() -> loader.load(bucket, saysFive, PurchaseRow.append(), "acme", "b1"))
			.isInstanceOf(LoadException.class)
			.hasMessage("s3://" + bucket + "/staging/purchases/p1.csv.gz (table purchases): the file has 4 rows"
					+ " / money 1000 but its manifest says 5 rows / money 1500; the staged file is corrupt:"
					+ " re-run the stage step (touchpoint restart)");
		assertThat(count("purchases")).isZero();
		assertThat(count("load_ledger")).isZero();
	}

	@Test
	void partWhoseBytesDoNotMatchTheManifestSha256IsRefused() {
		ManifestPart part = stage("staging/purchases/p1.csv.gz", 1, 100, List.of(PurchaseRow.of("b1", "o1", 100)));
		ManifestPart otherSha = new ManifestPart(part.key(), 1, 100, "0".repeat(64));

		assertThatThrownBy(() -> loader.load(bucket, otherSha, PurchaseRow.append(), "acme", "b1"))
			.isInstanceOf(LoadException.class)
			.hasMessageContaining("s3://" + bucket + "/" + part.key())
			.hasMessageContaining("but its manifest says " + "0".repeat(64));
		assertThat(count("purchases")).isZero();
		assertThat(count("load_ledger")).isZero();
	}

	@Test
	void failureAfterLoadDataRollsEverythingBack() {
		ManifestPart part = stage("staging/contacts/p1.csv.gz", 1, 0, List.of(contact("b1", "ann@example.com", "Ann")));
		LoadTable broken = LoadTable.merge("contacts", CONTACT_COLUMNS, null,
				"INSERT INTO contacts (tenant_id, email) SELECT tenant_id, no_such_column FROM {staging}");

		assertThatThrownBy(() -> loader.load(bucket, part, broken, "acme", "b1"))
			.isInstanceOf(LoadException.class)
			.hasMessageStartingWith("could not load s3://" + bucket + "/staging/contacts/p1.csv.gz into table contacts: ")
			.hasMessageEndingWith("; the file was not loaded; fix the cause and restart the execution:"
					+ " files already loaded are skipped");
		assertThat(count("contacts")).isZero();
		assertThat(count("load_ledger")).isZero();

		LoadResult fixed = loader.load(bucket, part, LoadTable.merge("contacts", CONTACT_COLUMNS, null, MERGE_SQL),
				"acme", "b1");
		assertThat(fixed.rowsInserted()).isEqualTo(1);
		assertThat(count("contacts")).isEqualTo(1);
	}

	@Test
	void dataTheTableWouldTruncateFailsTheLoadInsteadOfChangingIt() {
		PurchaseRow tooLong = new PurchaseRow("acme", "b1", "o1", 100, "n".repeat(41),
				java.time.Instant.parse("2024-03-05T10:11:12Z"));
		ManifestPart part = stage("staging/purchases/p1.csv.gz", 1, 100, List.of(tooLong));

		assertThatThrownBy(() -> loader.load(bucket, part, PurchaseRow.append(), "acme", "b1"))
			.isInstanceOf(LoadException.class)
			.hasMessageContaining("s3://" + bucket + "/" + part.key())
			.hasMessageContaining("LOAD DATA reported")
			.hasMessageContaining("note");
		assertThat(count("purchases")).isZero();
		assertThat(count("load_ledger")).isZero();
	}

	@Test
	void missingObjectIsReportedNamingTheKey() {
		ManifestPart missing = new ManifestPart("staging/purchases/gone.csv.gz", 1, 100, null);

		assertThatThrownBy(() -> loader.load(bucket, missing, PurchaseRow.append(), "acme", "b1"))
			.isInstanceOf(LoadException.class)
			.hasMessageStartingWith("could not load s3://" + bucket + "/staging/purchases/gone.csv.gz into table purchases")
			.hasMessageContaining("the file was not loaded");
		assertThat(count("load_ledger")).isZero();
	}

	@Test
	void keyThatCannotBeInlinedSafelyIsRefused() {
		ManifestPart part = new ManifestPart("staging/x'; DROP TABLE purchases; --.csv.gz", 1, 100, null);

		assertThatThrownBy(() -> loader.load(bucket, part, PurchaseRow.append(), "acme", "b1"))
			.isInstanceOf(LoadException.class)
			.hasMessageStartingWith("refusing to load s3://" + bucket + "/staging/x'; DROP TABLE purchases");
		assertThat(count("purchases")).isZero();
	}

	@Test
	void tenantOrBatchThatCannotBeSetAsALiteralIsRefused() {
		ManifestPart part = stage("staging/purchases/p1.csv.gz", 1, 100, List.of(PurchaseRow.of("b1", "o1", 100)));

		assertThatThrownBy(() -> loader.load(bucket, part, PurchaseRow.append(), "acme', batch_id = 'x", "b1"))
			.isInstanceOf(LoadException.class)
			.hasMessageContaining("its tenant_id 'acme', batch_id = 'x' has characters outside [A-Za-z0-9_-]");
		assertThat(count("purchases")).isZero();
	}

	/** An append-only table without a money column: loaded straight into the target, no temporary table. */
	private static LoadTable appendWithoutMoney() {
		return LoadTable.append("purchases", PurchaseRow.COLUMNS, null);
	}

	@Test
	void appendOnlyTableWithoutMoneyIsLoadedStraightInOnceAndSkippedTheSecondTime() {
		ManifestPart part = stage("staging/purchases/p1.csv.gz", 2, 0, List.of(
				PurchaseRow.of("b1", "o1", 100), PurchaseRow.of("b1", "o2", 250)));

		LoadResult first = loader.load(bucket, part, appendWithoutMoney(), "acme", "b1");
		LoadResult second = loader.load(bucket, part, appendWithoutMoney(), "acme", "b1");

		assertThat(MysqlLoadDataLoader.loadsDirectly(appendWithoutMoney())).isTrue();
		assertThat(MysqlLoadDataLoader.loadsDirectly(PurchaseRow.append())).isFalse();
		assertThat(first).isEqualTo(new LoadResult(part.key(), 2, 0, 2, false));
		assertThat(second).isEqualTo(new LoadResult(part.key(), 2, 0, 2, true));
		assertThat(jdbc.queryForList("SELECT CONCAT(order_id, '@', staged_file) FROM purchases ORDER BY order_id",
				String.class)).containsExactly("o1@" + part.key(), "o2@" + part.key());
		assertThat(jdbc.queryForObject("SELECT rows_inserted FROM load_ledger", Long.class)).isEqualTo(2);
	}

	@Test
	void straightLoadWithFewerRowsThanItsManifestIsRolledBack() {
		ManifestPart twoRows = stage("staging/purchases/p1.csv.gz", 2, 0, List.of(
				PurchaseRow.of("b1", "o1", 100), PurchaseRow.of("b1", "o2", 250)));
		ManifestPart saysThree = new ManifestPart(twoRows.key(), 3, 0, twoRows.sha256());

		assertThatThrownBy(() -> loader.load(bucket, saysThree, appendWithoutMoney(), "acme", "b1"))
			.isInstanceOf(LoadException.class)
			.hasMessage("s3://" + bucket + "/staging/purchases/p1.csv.gz (table purchases): the file has 2 rows"
					+ " / money 0 but its manifest says 3 rows / money 0; the staged file is corrupt:"
					+ " re-run the stage step (touchpoint restart)");
		assertThat(count("purchases")).isZero();
		assertThat(count("load_ledger")).isZero();
	}

	@Test
	void straightLoadThatTheTableWouldTruncateOrThatDuplicatesAKeyLoadsNothing() {
		PurchaseRow tooLong = new PurchaseRow("acme", "b1", "o1", 100, "n".repeat(41),
				java.time.Instant.parse("2024-03-05T10:11:12Z"));
		ManifestPart truncated = stage("staging/purchases/p1.csv.gz", 1, 0, List.of(tooLong));
		ManifestPart duplicated = stage("staging/purchases/p2.csv.gz", 2, 0, List.of(
				PurchaseRow.of("b1", "o1", 100), PurchaseRow.of("b1", "o1", 100)));

		assertThatThrownBy(() -> loader.load(bucket, truncated, appendWithoutMoney(), "acme", "b1"))
			.isInstanceOf(LoadException.class).hasMessageContaining("s3://" + bucket + "/" + truncated.key());
		assertThatThrownBy(() -> loader.load(bucket, duplicated, appendWithoutMoney(), "acme", "b1"))
			.isInstanceOf(LoadException.class).hasMessageContaining("s3://" + bucket + "/" + duplicated.key());
		assertThat(count("purchases")).isZero();
		assertThat(count("load_ledger")).isZero();
	}

	/**
	 * The load step loads tables on several threads. Two threads start each of their loads together (a
	 * barrier), one table through a temporary table and a merge, the other appended: every part must load
	 * once. With the ledger read FOR UPDATE, both transactions held a gap lock on the ledger's last gap and
	 * deadlocked on their ledger inserts.
	 */
	@Test
	void partsOfTwoTablesLoadingAtOnceEachLoadOnce() throws Exception {
		int parts = 12;
		List<ManifestPart> purchaseParts = new ArrayList<>();
		List<ManifestPart> contactParts = new ArrayList<>();
		for (int i = 0; i < parts; i++) {
			// purchases o<i>a (100) and o<i>b (250): 350 a part; contacts c<i>@example.com
			purchaseParts.add(stage("staging/purchases/p" + i + ".csv.gz", 2, 350, List.of(
					PurchaseRow.of("b1", "o" + i + "a", 100), PurchaseRow.of("b1", "o" + i + "b", 250))));
			contactParts.add(stage("staging/contacts/p" + i + ".csv.gz", 1, 0, List.of(
					contact("b1", "c" + i + "@example.com", "C" + i))));
		}
		LoadTable contacts = LoadTable.merge("contacts", CONTACT_COLUMNS, null, MERGE_SQL);
		CyclicBarrier together = new CyclicBarrier(2);
		ExecutorService threads = Executors.newFixedThreadPool(2);
		try {
			Future<?> purchasesLoaded = threads.submit(() -> {
				for (ManifestPart part : purchaseParts) {
					await(together);
					loader.load(bucket, part, PurchaseRow.append(), "acme", "b1");
				}
				return null;
			});
			Future<?> contactsLoaded = threads.submit(() -> {
				for (ManifestPart part : contactParts) {
					await(together);
					loader.load(bucket, part, contacts, "acme", "b1");
				}
				return null;
			});
			purchasesLoaded.get(2, TimeUnit.MINUTES);
			contactsLoaded.get(2, TimeUnit.MINUTES);
		}
		finally {
			threads.shutdownNow();
		}

		assertThat(count("purchases")).isEqualTo(24);
		assertThat(jdbc.queryForObject("SELECT SUM(amount_minor) FROM purchases", Long.class)).isEqualTo(12 * 350);
		assertThat(count("contacts")).isEqualTo(12);
		assertThat(jdbc.queryForList("SELECT CONCAT(table_name, ':', COUNT(*), ':', SUM(row_count)) FROM load_ledger"
				+ " GROUP BY table_name ORDER BY table_name", String.class))
			.containsExactly("contacts:12:12", "purchases:12:24");
	}

	/** Two loads of the same part at once (two runs of one batch, which the run guard should prevent): its rows land once. */
	@Test
	void samePartLoadedTwiceAtOnceLandsOnce() throws Exception {
		for (int round = 0; round < 5; round++) {
			ManifestPart part = stage("staging/purchases/same" + round + ".csv.gz", 3, 1350, List.of(
					PurchaseRow.of("b1", "s" + round + "a", 100), PurchaseRow.of("b1", "s" + round + "b", 250),
					PurchaseRow.of("b1", "s" + round + "c", 1000)));
			CyclicBarrier together = new CyclicBarrier(2);
			ExecutorService threads = Executors.newFixedThreadPool(2);
			List<LoadResult> results;
			try {
				Callable<LoadResult> load = () -> {
					await(together);
					return loader.load(bucket, part, PurchaseRow.append(), "acme", "b1");
				};
				Future<LoadResult> one = threads.submit(load);
				Future<LoadResult> two = threads.submit(load);
				results = List.of(one.get(2, TimeUnit.MINUTES), two.get(2, TimeUnit.MINUTES));
			}
			finally {
				threads.shutdownNow();
			}
			// one of the two loaded it, the other found it loaded; both report the part's numbers
			assertThat(results).extracting(LoadResult::alreadyLoaded).containsExactlyInAnyOrder(false, true);
			assertThat(results).extracting(LoadResult::rows).containsOnly(3L);
			assertThat(results).extracting(LoadResult::moneyMinor).containsOnly(1350L);
		}
		assertThat(count("purchases")).isEqualTo(15);
		assertThat(count("load_ledger")).isEqualTo(5);
	}

	private static void await(CyclicBarrier barrier) {
		try {
			barrier.await(1, TimeUnit.MINUTES);
		}
		catch (InterruptedException | BrokenBarrierException | TimeoutException e) {
			throw new AssertionError("the other loading thread did not arrive", e);
		}
	}

	@Test
	void refreshingStatisticsGivesTheOptimizerTheLoadedRowCount() {
		// statistics recomputed only when asked, as InnoDB does seconds after a load (not when the next query plans)
		jdbc.execute("ALTER TABLE purchases STATS_PERSISTENT = 1, STATS_AUTO_RECALC = 0");
		jdbc.execute("ANALYZE TABLE purchases");
		ManifestPart part = stage("staging/purchases/p1.csv.gz", 4, 1000, List.of(PurchaseRow.of("b1", "o1", 100),
				PurchaseRow.of("b1", "o2", 200), PurchaseRow.of("b1", "o3", 300), PurchaseRow.of("b1", "o4", 400)));
		loader.load(bucket, part, PurchaseRow.append(), "acme", "b1");
		assertThat(statisticsRows("purchases")).isZero();

		// a table that cannot be analyzed is reported in the log, and the others are still refreshed
		LoadTable missing = LoadTable.append("no_such_table", List.of("tenant_id", "batch_id"), null);
		loader.refreshStatistics(List.of(missing, PurchaseRow.append()));

		assertThat(statisticsRows("purchases")).isEqualTo(4); // one leaf page: InnoDB counts every row
	}

	private long statisticsRows(String table) {
		return jdbc.queryForObject("SELECT n_rows FROM mysql.innodb_table_stats WHERE database_name = DATABASE()"
				+ " AND table_name = ?", Long.class, table);
	}

	private long count(String table) {
		return jdbc.queryForObject("SELECT COUNT(*) FROM " + table, Long.class);
	}

	/** Uploads rows as a gzip staging part; rows and money are the test's hand-computed manifest numbers. */
	private ManifestPart stage(String key, long rows, long moneyMinor, List<? extends StagedRow> content) {
		ByteArrayOutputStream bytes = new ByteArrayOutputStream();
		try (GZIPOutputStream gzip = new GZIPOutputStream(bytes)) {
			CsvRowEncoder encoder = new CsvRowEncoder(gzip);
			for (StagedRow row : content) {
				row.writeCsv(encoder);
				encoder.endRow();
			}
			encoder.flush();
		}
		catch (IOException e) {
			throw new AssertionError(e);
		}
		byte[] object = bytes.toByteArray();
		TestInfra.s3().putObject(b -> b.bucket(bucket).key(key), RequestBody.fromBytes(object));
		try {
			return new ManifestPart(key, rows, moneyMinor,
					HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(object)));
		}
		catch (java.security.NoSuchAlgorithmException e) {
			throw new AssertionError(e);
		}
	}

	private static StagedRow contact(String batchId, String email, String name) {
		return new StagedRow() {
			@Override
			public String table() {
				return "contacts";
			}

			@Override
			public void writeCsv(CsvRowEncoder out) {
				out.string(email).string(name);
			}
		};
	}
}
