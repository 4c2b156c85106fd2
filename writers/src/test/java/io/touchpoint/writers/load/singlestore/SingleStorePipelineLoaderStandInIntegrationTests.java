package io.touchpoint.writers.load.singlestore;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import javax.sql.DataSource;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;

import io.touchpoint.writers.load.LoadException;
import io.touchpoint.writers.load.LoadResult;
import io.touchpoint.writers.load.LoadTable;
import io.touchpoint.writers.staging.ManifestPart;
import io.touchpoint.writers.testing.PurchaseRow;
import io.touchpoint.writers.testing.TestInfra;

/**
 * The pipeline loader's orchestration (create, start, wait, success, Skipped file, error text,
 * timeout, restart after a crash between start and wait) against {@link PipelineViewsStandIn}, a
 * scripted STAND-IN for SingleStore's information_schema pipeline views on the test MariaDB. The
 * loader runs its real queries; only the schema name differs. Time is a fake clock advanced by the
 * stand-in's sleeper: nothing waits for real.
 */
class SingleStorePipelineLoaderStandInIntegrationTests {

	static final String PIPELINE_ERRORS_DDL = "CREATE TABLE pipeline_errors (pipeline_name VARCHAR(255) NOT NULL,"
			+ " staged_file VARCHAR(512) NOT NULL, error_unix_time BIGINT NULL, error_type VARCHAR(32) NULL,"
			+ " error_code BIGINT NULL, error_message VARCHAR(4000) NULL, line_number BIGINT NULL,"
			+ " line_text VARCHAR(4000) NULL, copied_at DATETIME(6) NOT NULL)";
	private static final String BUCKET = "tp-staging";
	private static final String KEY = "staging/purchases/tenant=acme/date=2024-03-05/batch=b1/part-00001.csv.gz";
	private static final String PIPELINE = "tp_purchases";

	private final DataSource warehouse = TestInfra.dataSource();
	private final JdbcTemplate jdbc = new JdbcTemplate(warehouse);
	private PipelineViewsStandIn standIn;

	@BeforeEach
	void setUp() {
		TestInfra.recreate(warehouse, "load_ledger", TestInfra.LOAD_LEDGER_DDL);
		TestInfra.recreate(warehouse, "purchases", PurchaseRow.DDL);
		TestInfra.recreate(warehouse, "pipeline_errors", PIPELINE_ERRORS_DDL);
		standIn = new PipelineViewsStandIn(warehouse);
	}

	@Test
	void createsAndStartsThePipelineThenWaitsUntilTheFileIsLoaded() {
		standIn.then(() -> standIn.file(PIPELINE, KEY, "Unloaded"))
			.then(() -> {})
			.then(() -> {
				insertPurchases(KEY, 100, 250, 1000);
				standIn.file(PIPELINE, KEY, "Loaded");
			});

		LoadResult result = loader(Duration.ofMinutes(5)).load(BUCKET, part(3, 1350), PurchaseRow.append(), "acme", "b1");

		assertThat(result).isEqualTo(new LoadResult(KEY, 3, 1350, 3, false));
		assertThat(standIn.statements).hasSize(2);
		assertThat(standIn.statements.get(0)).startsWith("CREATE PIPELINE IF NOT EXISTS tp_purchases AS\n");
		assertThat(standIn.statements.get(1)).isEqualTo("START PIPELINE IF NOT RUNNING tp_purchases");
		// polls back off: 250 ms, doubled to 500 ms, then capped at 1 s
		assertThat(standIn.sleeps).containsExactly(Duration.ofMillis(250), Duration.ofMillis(500), Duration.ofSeconds(1));
		assertThat(jdbc.queryForMap("SELECT * FROM load_ledger")).containsEntry("staged_key", KEY)
			.containsEntry("tenant_id", "acme").containsEntry("batch_id", "b1").containsEntry("table_name", "purchases")
			.containsEntry("row_count", 3L).containsEntry("money_minor", 1350L).containsEntry("rows_inserted", 3L);
	}

	@Test
	void aFileInTheLedgerIsNotWaitedForAgain() {
		standIn.then(() -> {
			insertPurchases(KEY, 100, 250, 1000);
			standIn.file(PIPELINE, KEY, "Loaded");
		});
		SingleStorePipelineLoader loader = loader(Duration.ofMinutes(5));
		loader.load(BUCKET, part(3, 1350), PurchaseRow.append(), "acme", "b1");
		int statements = standIn.statements.size();

		LoadResult again = loader.load(BUCKET, part(3, 1350), PurchaseRow.append(), "acme", "b1");

		assertThat(again).isEqualTo(new LoadResult(KEY, 3, 1350, 3, true));
		assertThat(standIn.statements).hasSize(statements);
		assertThat(standIn.sleeps).hasSize(1);
	}

	@Test
	void restartAfterACrashBetweenStartAndWaitOnlyRecordsTheFileThePipelineLoadedMeanwhile() {
		// the crashed run created and started the pipeline; it went on and loaded the file
		standIn.pipeline(PIPELINE, "Running");
		standIn.file(PIPELINE, KEY, "Loaded");
		insertPurchases(KEY, 100, 250, 1000);

		LoadResult result = loader(Duration.ofMinutes(5)).load(BUCKET, part(3, 1350), PurchaseRow.append(), "acme", "b1");

		assertThat(result).isEqualTo(new LoadResult(KEY, 3, 1350, 3, false));
		assertThat(standIn.statements).isEmpty();
		assertThat(standIn.sleeps).isEmpty();
		assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM purchases", Long.class)).isEqualTo(3);
	}

	@Test
	void restartFindsTheCrashedRunsPipelineStoppedAndStartsItWithoutCreatingItAgain() {
		standIn.pipeline(PIPELINE, "Stopped");
		standIn.then(() -> {
			insertPurchases(KEY, 500);
			standIn.file(PIPELINE, KEY, "Loaded");
		});

		loader(Duration.ofMinutes(5)).load(BUCKET, part(1, 500), PurchaseRow.append(), "acme", "b1");

		assertThat(standIn.statements).containsExactly("START PIPELINE IF NOT RUNNING tp_purchases");
	}

	@Test
	void aSkippedFileFailsWithThePipelineErrorFileAndLineAndTheErrorsAreCopied() {
		standIn.then(() -> {
			standIn.error(PIPELINE, BUCKET + "/" + KEY, 2, "Incorrect datetime value: 'yesterday' for column 'purchased_at'",
					"\"acme\",\"b1\",\"o2\",250,\"n\",\"yesterday\"");
			standIn.file(PIPELINE, BUCKET + "/" + KEY, "Skipped");
		});

		assertThatThrownBy(() -> loader(Duration.ofMinutes(5)).load(BUCKET, part(3, 1350), PurchaseRow.append(), "acme", "b1"))
			.isInstanceOf(LoadException.class)
			.hasMessageStartingWith("pipeline tp_purchases skipped s3://tp-staging/" + KEY + " (table purchases): line 2:"
					+ " Error 1262: Incorrect datetime value: 'yesterday' for column 'purchased_at'"
					+ " (line text: \"\"acme\",\"b1\",\"o2\",250,\"n\",\"yesterday\"\")")
			.hasMessageContaining("run `touchpoint pipelines reload-file " + KEY + "`, then restart the execution");
		assertThat(jdbc.queryForMap("SELECT pipeline_name, staged_file, error_code, line_number FROM pipeline_errors"))
			.isEqualTo(Map.of("pipeline_name", PIPELINE, "staged_file", KEY, "error_code", 1262L, "line_number", 2L));
		assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM load_ledger", Long.class)).isZero();
	}

	@Test
	void aFileThePipelineNeverListsFailsAfterTheTimeoutNamingTheFileAndWhatToCheck() {
		standIn.then(() -> standIn.error(PIPELINE, null, 0, "Access Denied (Service: S3, Status Code: 403)", null));

		assertThatThrownBy(() -> loader(Duration.ofSeconds(2)).load(BUCKET, part(3, 1350), PurchaseRow.append(), "acme", "b1"))
			.isInstanceOf(LoadException.class)
			.hasMessageStartingWith("s3://tp-staging/" + KEY + " (table purchases) was not loaded by pipeline"
					+ " tp_purchases (state Running) after 2 s; it is not in information_schema.PIPELINES_FILES")
			.hasMessageContaining("latest pipeline errors: Error 1262: Access Denied (Service: S3, Status Code: 403)");
		// 250 + 500 + 1000 ms, then the 250 ms left until the 2 s deadline
		assertThat(standIn.sleeps).containsExactly(Duration.ofMillis(250), Duration.ofMillis(500), Duration.ofSeconds(1),
				Duration.ofMillis(250));
	}

	@Test
	void aFileStillUnloadedAtTheTimeoutSaysSo() {
		standIn.file(PIPELINE, KEY, "Unloaded");

		assertThatThrownBy(() -> loader(Duration.ofMillis(300)).load(BUCKET, part(3, 1350), PurchaseRow.append(), "acme", "b1"))
			.isInstanceOf(LoadException.class)
			.hasMessageContaining("after 0 s; it is still Unloaded: the pipeline has not reached it")
			.hasMessageContaining("touchpoint.singlestore.load-timeout");
		assertThat(standIn.sleeps).containsExactly(Duration.ofMillis(250), Duration.ofMillis(50));
	}

	@Test
	void aPipelineInErrorStateFailsTheLoadAtOnce() {
		standIn.then(() -> standIn.pipeline(PIPELINE, "Error"));

		assertThatThrownBy(() -> loader(Duration.ofMinutes(5)).load(BUCKET, part(3, 1350), PurchaseRow.append(), "acme", "b1"))
			.isInstanceOf(LoadException.class)
			.hasMessageStartingWith("pipeline tp_purchases is in state Error while waiting for s3://tp-staging/" + KEY);
		assertThat(standIn.sleeps).hasSize(1);
	}

	@Test
	void rowsThatDoNotMatchTheManifestFailTheLoadAndAreNotRecorded() {
		standIn.then(() -> {
			insertPurchases(KEY, 100, 250);
			standIn.file(PIPELINE, KEY, "Loaded");
		});

		assertThatThrownBy(() -> loader(Duration.ofMinutes(5)).load(BUCKET, part(3, 1350), PurchaseRow.append(), "acme", "b1"))
			.isInstanceOf(LoadException.class)
			.hasMessageContaining("the table holds 2 rows / money 350 from it, but its manifest says 3 rows / money 1350")
			.hasMessageContaining("touchpoint pipelines reload-file " + KEY);
		assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM load_ledger", Long.class)).isZero();
	}

	@Test
	void duplicatesSkippedByThePipelineCountAsFewerInsertedRows() {
		standIn.then(() -> {
			insertPurchases(KEY, 100, 250);
			standIn.file(PIPELINE, KEY, "Loaded");
		});

		LoadResult result = loader(Duration.ofMinutes(5)).load(BUCKET, part(3, 1350), PurchaseRow.ignoreDuplicates(),
				"acme", "b1");

		assertThat(result).isEqualTo(new LoadResult(KEY, 3, 1350, 2, false));
		assertThat(standIn.statements.get(0)).contains("\nSKIP DUPLICATE KEY ERRORS\n");
	}

	@Test
	void credentialsInAFailedStatementNeverReachTheMessage() {
		standIn.failStatementsWith("You have an error in your SQL syntax");

		assertThatThrownBy(() -> loader(Duration.ofMinutes(5)).load(BUCKET, part(3, 1350), PurchaseRow.append(), "acme", "b1"))
			.isInstanceOf(LoadException.class)
			.hasMessageContaining("pipeline statement for tp_purchases (table purchases) failed: You have an error")
			.hasMessageContaining("\"aws_secret_access_key\":\"****\"")
			.satisfies(e -> assertThat(e.getMessage()).doesNotContain("wJalrXUtnFEMI", "AKIAEXAMPLE"))
			.hasNoCause();
	}

	@Test
	void reloadFileDeletesTheFilesRowsAndLedgerRowThenDropsTheFileFromThePipeline() {
		standIn.pipeline(PIPELINE, "Running");
		standIn.file(PIPELINE, BUCKET + "/" + KEY, "Loaded");
		insertPurchases(KEY, 100, 250);
		insertPurchases("staging/purchases/tenant=acme/date=2024-03-05/batch=b1/part-00002.csv.gz", 7);
		jdbc.update("INSERT INTO load_ledger VALUES (?, 'acme', 'b1', 'purchases', 2, 350, 2, CURRENT_TIMESTAMP(6))", KEY);

		String done = pipelines().reloadFile(BUCKET, KEY, Map.of("purchases", PurchaseRow.append()));

		assertThat(done).startsWith("deleted 2 row(s) of " + KEY + " from purchases and its load_ledger row; pipeline"
				+ " tp_purchases forgot the file (Loaded) and loads it again on its next batch.");
		assertThat(standIn.statements).containsExactly("ALTER PIPELINE tp_purchases DROP FILE '" + BUCKET + "/" + KEY + "'");
		assertThat(jdbc.queryForList("SELECT amount_minor FROM purchases", Long.class)).containsExactly(7L);
		assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM load_ledger", Long.class)).isZero();
	}

	@Test
	void reloadFileRefusesAKeyThatIsNotAStagedPart() {
		assertThatThrownBy(() -> pipelines().reloadFile(BUCKET, "staging/purchases/_manifest.json",
				Map.of("purchases", PurchaseRow.append())))
			.isInstanceOf(IllegalArgumentException.class)
			.hasMessageStartingWith("'staging/purchases/_manifest.json' is not a staged part key");
	}

	@Test
	void statusListsEachPipelineWithItsFilesPerState() {
		standIn.pipeline("tp_purchases", "Running");
		standIn.pipeline("tp_contacts", "Stopped");
		standIn.file("tp_purchases", "a.csv.gz", "Loaded");
		standIn.file("tp_purchases", "b.csv.gz", "Loaded");
		standIn.file("tp_purchases", "c.csv.gz", "Skipped");

		List<SingleStorePipelines.PipelineStatus> status = pipelines().status();

		assertThat(status).containsExactly(
				new SingleStorePipelines.PipelineStatus("tp_contacts", "Stopped", Map.of()),
				new SingleStorePipelines.PipelineStatus("tp_purchases", "Running", Map.of("Loaded", 2L, "Skipped", 1L)));
	}

	private SingleStorePipelines pipelines() {
		return new SingleStorePipelines(warehouse, PipelineViewsStandIn.settings(Duration.ofMinutes(5)), standIn);
	}

	private SingleStorePipelineLoader loader(Duration timeout) {
		return new SingleStorePipelineLoader(warehouse, new SingleStorePipelines(warehouse,
				PipelineViewsStandIn.settings(timeout), standIn), standIn, standIn.clock);
	}

	private static ManifestPart part(long rows, long money) {
		return new ManifestPart(KEY, rows, money, null);
	}

	/** What the pipeline would have inserted: one row per amount, staged_file set to the key. */
	private void insertPurchases(String key, long... amounts) {
		for (long amount : amounts) {
			jdbc.update("INSERT INTO purchases (tenant_id, batch_id, order_id, amount_minor, note, purchased_at,"
					+ " staged_file) VALUES ('acme', 'b1', ?, ?, NULL, '2024-03-05 10:11:12', ?)",
					"o" + amount + "-" + key.hashCode(), amount, key);
		}
	}

	static LoadTable purchases() {
		return PurchaseRow.append();
	}
}
