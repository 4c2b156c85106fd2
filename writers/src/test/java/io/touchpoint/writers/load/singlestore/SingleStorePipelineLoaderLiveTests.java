package io.touchpoint.writers.load.singlestore;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.zip.GZIPOutputStream;

import javax.sql.DataSource;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;

import io.touchpoint.writers.load.LoadResult;
import io.touchpoint.writers.staging.CsvRowEncoder;
import io.touchpoint.writers.staging.ManifestPart;
import io.touchpoint.writers.testing.PurchaseRow;

/**
 * OPT-IN, against a live SingleStore and a real S3 bucket it can read; skipped unless
 * {@code TOUCHPOINT_SINGLESTORE_URL} is set (a {@code jdbc:singlestore://host:3306/db?user=..&password=..}
 * URL), with {@code TOUCHPOINT_SINGLESTORE_S3_BUCKET}, {@code _S3_REGION}, optional {@code _S3_ENDPOINT},
 * {@code _S3_ACCESS_KEY_ID} and {@code _S3_SECRET_ACCESS_KEY}. It creates a columnstore table and a
 * pipeline with a fresh prefix, stages a part, loads it through the pipeline, checks the rows and the
 * ledger, reloads it with DROP FILE, and drops what it created. Never run on the build machines.
 */
@EnabledIfEnvironmentVariable(named = "TOUCHPOINT_SINGLESTORE_URL", matches = ".+",
		disabledReason = "set TOUCHPOINT_SINGLESTORE_URL (and TOUCHPOINT_SINGLESTORE_S3_*) to run against a live SingleStore")
class SingleStorePipelineLoaderLiveTests {

	@Test
	void aStagedPartIsLoadedOnceByAPipelineAndReloadedAfterDropFile() throws Exception {
		DataSource warehouse = new DriverManagerDataSource(System.getenv("TOUCHPOINT_SINGLESTORE_URL"));
		JdbcTemplate jdbc = new JdbcTemplate(warehouse);
		String bucket = env("TOUCHPOINT_SINGLESTORE_S3_BUCKET");
		String prefix = "tplive" + UUID.randomUUID().toString().substring(0, 8) + "_";
		String table = "purchases";
		PipelineSettings settings = new PipelineSettings(env("TOUCHPOINT_SINGLESTORE_S3_REGION"),
				System.getenv("TOUCHPOINT_SINGLESTORE_S3_ENDPOINT"), null,
				PipelineCredentials.keys(env("TOUCHPOINT_SINGLESTORE_S3_ACCESS_KEY_ID"),
						env("TOUCHPOINT_SINGLESTORE_S3_SECRET_ACCESS_KEY")),
				prefix, 1000, Duration.ofMinutes(5), Duration.ofMillis(500), Duration.ofSeconds(5), null);
		jdbc.execute("DROP TABLE IF EXISTS purchases");
		jdbc.execute("CREATE TABLE purchases (tenant_id VARCHAR(64) NOT NULL, batch_id VARCHAR(64) NOT NULL,"
				+ " order_id VARCHAR(64) NOT NULL, amount_minor BIGINT NOT NULL, note VARCHAR(40) NULL,"
				+ " purchased_at DATETIME(6) NOT NULL, staged_file VARCHAR(512) NOT NULL,"
				+ " SORT KEY (tenant_id, purchased_at), SHARD KEY (tenant_id, order_id),"
				+ " UNIQUE KEY (tenant_id, order_id) USING HASH)");
		jdbc.execute("CREATE ROWSTORE TABLE IF NOT EXISTS load_ledger (staged_key VARCHAR(512) NOT NULL PRIMARY KEY,"
				+ " tenant_id VARCHAR(64) NOT NULL, batch_id VARCHAR(64) NOT NULL, table_name VARCHAR(64) NOT NULL,"
				+ " row_count BIGINT NOT NULL, money_minor BIGINT NOT NULL, rows_inserted BIGINT NOT NULL,"
				+ " loaded_at TIMESTAMP(6) NOT NULL)");
		String key = "staging/" + table + "/tenant=live/date=2024-03-05/batch=" + prefix + "/part-00001.csv.gz";
		ManifestPart part = upload(settings, bucket, key, List.of(PurchaseRow.of("b1", "o1", 100),
				PurchaseRow.of("b1", "o2", 250), PurchaseRow.of("b1", "o3", 1000)));
		SingleStorePipelines pipelines = new SingleStorePipelines(warehouse, settings, SingleStorePipelines.jdbc(warehouse));
		try {
			LoadResult result = new SingleStorePipelineLoader(warehouse, pipelines, Sleeper.THREAD,
					java.time.Clock.systemUTC()).load(bucket, part, PurchaseRow.ignoreDuplicates(), "acme", "b1");

			assertThat(result).isEqualTo(new LoadResult(key, 3, 1350, 3, false));
			assertThat(jdbc.queryForList("SELECT DISTINCT staged_file FROM purchases", String.class)).containsExactly(key);
			assertThat(jdbc.queryForObject("SELECT note FROM purchases WHERE order_id = 'o2'", String.class))
				.isEqualTo("note o2");

			pipelines.reloadFile(bucket, key, Map.of(table, PurchaseRow.ignoreDuplicates()));
			LoadResult again = new SingleStorePipelineLoader(warehouse, pipelines, Sleeper.THREAD,
					java.time.Clock.systemUTC()).load(bucket, part, PurchaseRow.ignoreDuplicates(), "acme", "b1");
			assertThat(again.rowsInserted()).isEqualTo(3);
		}
		finally {
			jdbc.execute("DROP PIPELINE IF EXISTS " + prefix + table); // test-only pipeline
			jdbc.update("DELETE FROM load_ledger WHERE staged_key = ?", key);
		}
	}

	private static ManifestPart upload(PipelineSettings settings, String bucket, String key, List<PurchaseRow> rows)
			throws Exception {
		ByteArrayOutputStream bytes = new ByteArrayOutputStream();
		try (GZIPOutputStream gzip = new GZIPOutputStream(bytes)) {
			CsvRowEncoder encoder = new CsvRowEncoder(gzip);
			for (PurchaseRow row : rows) {
				row.writeCsv(encoder);
				encoder.endRow();
			}
			encoder.flush();
		}
		var builder = S3Client.builder().region(Region.of(settings.region())).credentialsProvider(
				StaticCredentialsProvider.create(AwsBasicCredentials.create(settings.credentials().accessKeyId(),
						settings.credentials().secretAccessKey())));
		if (settings.endpointUrl() != null) {
			builder.endpointOverride(URI.create(settings.endpointUrl())).forcePathStyle(true);
		}
		try (S3Client s3 = builder.build()) {
			s3.putObject(b -> b.bucket(bucket).key(key), RequestBody.fromBytes(bytes.toByteArray()));
		}
		return new ManifestPart(key, 3, 1350, null);
	}

	private static String env(String name) {
		String value = System.getenv(name);
		if (value == null || value.isBlank()) {
			throw new IllegalStateException("set " + name + " for the live SingleStore test");
		}
		return value;
	}
}
