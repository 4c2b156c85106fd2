package io.touchpoint.jobs.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.nio.file.Path;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLTransientConnectionException;
import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.springframework.dao.DataAccessResourceFailureException;
import software.amazon.awssdk.core.exception.SdkClientException;

/**
 * What {@link DatabaseFailures#explainMetadata} says about a failure that came from the metadata database: which
 * database, what happened, the setting that bounded the wait, and never a credential from its URL.
 */
class DatabaseFailuresTests {

	private static final String METADATA_URL = "jdbc:mariadb://meta.example:3306/touchpoint_meta?user=tp&password=s3cret";

	private final DatabaseFailures failures = new DatabaseFailures(endpoints(), properties());

	@Test
	void aLostConnectionNamesTheMetadataDatabaseWithoutItsCredentials() {
		// given the step transaction's commit on a connection that was reset
		var failure = new DataAccessResourceFailureException("JDBC commit; (conn=4) Socket error",
				new SQLNonTransientConnectionException("(conn=4) Socket error"));

		// when / then
		assertThat(failures.explainMetadata(failure))
			.isEqualTo("the connection to the metadata database at meta.example:3306/touchpoint_meta was lost "
					+ "((conn=4) Socket error): check that the server is up and reachable")
			.doesNotContain("s3cret");
	}

	@Test
	void aSocketTimeoutNamesTheMetadataSettingToRaise() {
		var failure = new DataAccessResourceFailureException("JDBC commit; (conn=12) Socket timout error",
				new SQLNonTransientConnectionException("(conn=12) Socket timout error"));

		assertThat(failures.explainMetadata(failure))
			.startsWith("timed out waiting for the metadata database at meta.example:3306/touchpoint_meta")
			.contains("no answer within touchpoint.metadata.socket-timeout (7s)")
			.contains("if the server is only slow to answer raise it");
	}

	@Test
	void anEmptyPoolNamesThePoolTimeout() {
		var failure = new SQLTransientConnectionException(
				"touchpoint-metadata - Connection is not available, request timed out after 3000ms");

		assertThat(failures.explainMetadata(failure)).startsWith("no connection to the metadata database at "
				+ "meta.example:3306/touchpoint_meta could be opened within touchpoint.metadata.pool-timeout (3s)");
	}

	@Test
	void aRefusedVendorApiIsNotTakenForTheWarehouse() {
		// given the API client's failure after its retries, caused by a refused connection
		var failure = new io.touchpoint.readers.http.ApiException("stripe charges page 1 of tenant acme: gave up after 2 "
				+ "attempt(s), the last: the API at 127.0.0.1:9 refused the connection (ConnectException)", 0,
				new java.net.ConnectException());

		// when / then: the API's own message stands; a database's connection refused is still the database's
		assertThat(failures.explain(failure)).isNull();
		assertThat(failures.explain(new java.net.ConnectException("Connection refused")))
			.startsWith("the warehouse database at ").contains("refused the connection (Connection refused)");
	}

	@Test
	void aResetS3ConnectionIsNotTakenForTheDatabase() {
		// given a stage step failure whose S3 call met a reset connection (what the S3 client already explains)
		var failure = new IllegalStateException("could not copy s3://touchpoint/work/a.csv.gz: could not reach S3",
				SdkClientException.create("could not reach S3 (Connection reset)",
						new java.net.SocketException("Connection reset")));

		// when / then: neither database is blamed
		assertThat(failures.explain(failure)).isNull();
		assertThat(failures.explainMetadata(failure)).isNull();
		assertThat(failures.explain(new java.net.SocketException("Connection reset")))
			.as("the same socket error from a database connection is still explained")
			.startsWith("the connection to the warehouse database");
	}

	@Test
	void aFailureThatIsNotAConnectionIsNotExplained() {
		assertThat(failures.explainMetadata(new IllegalStateException("line 3: a quoted field is never closed"))).isNull();
	}

	private static Endpoints endpoints() {
		return new Endpoints(new TouchpointProperties.Database("jdbc:mariadb://dw.example:3306/touchpoint", "tp", "pw"),
				new TouchpointProperties.Database(METADATA_URL, null, null), URI.create("http://s3.example"), "us-east-1",
				"touchpoint", true, null, false);
	}

	private static TouchpointProperties properties() {
		var timeouts = new TouchpointProperties.Database(METADATA_URL, null, null, Duration.ofSeconds(2),
				Duration.ofSeconds(7), Duration.ofSeconds(3));
		return new TouchpointProperties(Path.of("home"), new TouchpointProperties.Database(null, null, null), timeouts,
				new TouchpointProperties.S3(null, "touchpoint", "us-east-1", true, 3, Duration.ofMillis(10),
						Duration.ofMillis(100), Duration.ofSeconds(4), Duration.ofSeconds(60), 4),
				new TouchpointProperties.Ingest(null, 3, 2, 10, 1, 1), new TouchpointProperties.Sources(null), null);
	}
}
