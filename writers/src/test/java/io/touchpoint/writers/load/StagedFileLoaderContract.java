package io.touchpoint.writers.load;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPOutputStream;

import javax.sql.DataSource;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;
import software.amazon.awssdk.core.sync.RequestBody;

import io.touchpoint.writers.reconcile.BatchReconciler;
import io.touchpoint.writers.reconcile.ReconciliationReport;
import io.touchpoint.writers.staging.CsvRowEncoder;
import io.touchpoint.writers.staging.Manifest;
import io.touchpoint.writers.staging.ManifestPart;
import io.touchpoint.writers.testing.PurchaseRow;
import io.touchpoint.writers.testing.TestInfra;

/**
 * The contract every {@link StagedFileLoader} passes: a staged part is loaded once and skipped the
 * second time, with a ledger row, its rows' tenant and batch set from the part; duplicate keys count as fewer inserted rows; the batch then
 * reconciles per file against its manifest. Subclasses give the loader; the MySQL loader runs it for
 * real, the SingleStore loader against a stand-in pipeline.
 */
public abstract class StagedFileLoaderContract {

	protected static final String PREFIX = "staging/purchases/tenant=acme/date=2024-03-05/batch=b1/";

	protected final DataSource warehouse = TestInfra.dataSource();
	protected final JdbcTemplate jdbc = new JdbcTemplate(warehouse);
	protected String bucket;

	/** The loader under test, over {@link #warehouse} and {@code TestInfra.s3()}; called after the tables exist. */
	protected abstract StagedFileLoader loader();

	@BeforeEach
	void createTables() {
		TestInfra.recreate(warehouse, "load_ledger", TestInfra.LOAD_LEDGER_DDL);
		TestInfra.recreate(warehouse, "purchases", PurchaseRow.DDL);
		bucket = TestInfra.newBucket();
	}

	@Test
	void loadsAPartOnceAndSkipsItTheSecondTime() {
		StagedFileLoader loader = loader();
		ManifestPart part = stage(PREFIX + "part-00001.csv.gz", 3, 1350, List.of(PurchaseRow.of("b1", "o1", 100),
				PurchaseRow.of("b1", "o2", 250), PurchaseRow.of("b1", "o3", 1000)));

		LoadResult first = loader.load(bucket, part, PurchaseRow.append(), "acme", "b1");
		LoadResult second = loader.load(bucket, part, PurchaseRow.append(), "acme", "b1");

		assertThat(first).isEqualTo(new LoadResult(part.key(), 3, 1350, 3, false));
		assertThat(second).isEqualTo(new LoadResult(part.key(), 3, 1350, 3, true));
		assertThat(jdbc.queryForList("SELECT order_id FROM purchases ORDER BY order_id", String.class))
			.containsExactly("o1", "o2", "o3");
		assertThat(jdbc.queryForList("SELECT DISTINCT staged_file FROM purchases", String.class))
			.containsExactly(part.key());
		// the file holds neither tenant nor batch: the loader sets them from the part (its key names them)
		assertThat(jdbc.queryForList("SELECT DISTINCT CONCAT(tenant_id, '/', batch_id) FROM purchases", String.class))
			.containsExactly("acme/b1");
	}

	@Test
	void rowsWithKeysAlreadyLoadedAreNotInsertedAgainAndTheBatchReconciles() {
		StagedFileLoader loader = loader();
		ManifestPart one = stage(PREFIX + "part-00001.csv.gz", 2, 350, List.of(PurchaseRow.of("b1", "o1", 100),
				PurchaseRow.of("b1", "o2", 250)));
		ManifestPart two = stage(PREFIX + "part-00002.csv.gz", 2, 1250, List.of(PurchaseRow.of("b1", "o2", 250),
				PurchaseRow.of("b1", "o3", 1000)));

		LoadResult first = loader.load(bucket, one, PurchaseRow.ignoreDuplicates(), "acme", "b1");
		LoadResult second = loader.load(bucket, two, PurchaseRow.ignoreDuplicates(), "acme", "b1");
		ReconciliationReport report = new BatchReconciler(warehouse).reconcile("acme", "b1",
				List.of(new Manifest("purchases", "acme", "2024-03-05", "b1", List.of(one, two))),
				Map.of("purchases", PurchaseRow.ignoreDuplicates()));

		assertThat(first.rowsInserted()).isEqualTo(2);
		assertThat(second.rowsInserted()).isEqualTo(1); // o2 was there already
		assertThat(jdbc.queryForObject("SELECT SUM(amount_minor) FROM purchases", Long.class)).isEqualTo(1350);
		assertThat(report.problems()).isEmpty();
		assertThat(report.ok()).isTrue();
	}

	/** Uploads rows as a gzip staging part; rows and money are the test's hand-computed manifest numbers. */
	protected ManifestPart stage(String key, long rows, long moneyMinor, List<PurchaseRow> content) {
		ByteArrayOutputStream bytes = new ByteArrayOutputStream();
		try (GZIPOutputStream gzip = new GZIPOutputStream(bytes)) {
			CsvRowEncoder encoder = new CsvRowEncoder(gzip);
			for (PurchaseRow row : content) {
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
}
