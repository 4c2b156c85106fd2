package io.touchpoint.readers.inbox;

import static io.touchpoint.readers.TestFiles.gzip;
import static io.touchpoint.readers.TestFiles.utf8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.InputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.NoSuchFileException;
import java.util.List;
import java.util.Properties;

import org.gaul.s3proxy.BlobStores;
import org.gaul.s3proxy.S3Proxy;
import org.gaul.s3proxy.auth.AuthenticationType;
import org.gaul.s3proxy.blobstore.BlobStore;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.batch.infrastructure.item.ExecutionContext;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Request;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Response;
import software.amazon.awssdk.services.s3.model.S3Object;

import io.touchpoint.readers.csv.CsvRecord;
import io.touchpoint.readers.csv.CsvRecordReader;

/**
 * Runs the S3 inbox against a real S3 endpoint: S3Proxy with an in-memory store, on loopback.
 * Each test writes under its own prefix, so they share one bucket without cleaning up.
 */
class S3InboxTests {

	private static final String BUCKET = "touchpoint-inbox";

	private static S3Proxy proxy;
	private static S3Client s3;

	@BeforeAll
	static void startS3() throws Exception {
		BlobStore store = BlobStores.create("transient", new Properties());
		proxy = S3Proxy.builder()
			.blobStore(store)
			.endpoint(URI.create("http://127.0.0.1:0"))
			.awsAuthentication(AuthenticationType.AWS_V2_OR_V4, "access", "secret")
			.build();
		proxy.start();
		assertThat(proxy.getState()).isEqualTo("STARTED");
		s3 = S3Client.builder()
			.endpointOverride(URI.create("http://127.0.0.1:" + proxy.getPort()))
			.region(Region.US_EAST_1)
			.credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("access", "secret")))
			.forcePathStyle(true)
			.build();
		s3.createBucket(b -> b.bucket(BUCKET));
	}

	@AfterAll
	static void stopS3() throws Exception {
		if (s3 != null) {
			s3.close();
		}
		if (proxy != null) {
			proxy.stop();
		}
	}

	private static void put(String key, byte[] bytes) {
		s3.putObject(b -> b.bucket(BUCKET).key(key), RequestBody.fromBytes(bytes));
	}

	@Test
	void listsObjectsUnderSourceFoldersSortedByPath() {
		// given
		put("landing/stripe/unified_payments.csv", utf8("id\n1\n"));
		put("landing/stripe/2026/unified_payments.csv.gz", gzip(utf8("id\n1\n")));
		put("landing/meta/ads.jsonl", utf8("{}\n"));
		put("landing/README.txt", utf8("not an input"));
		put("landing/stripe/", new byte[0]);
		put("landing/stripe/.hidden.csv", utf8("id\n"));
		put("elsewhere/stripe/other.csv", utf8("id\n"));

		// when
		List<InboxFile> files = Inbox.of("s3://" + BUCKET + "/landing", s3).list();

		// then
		assertThat(files).containsExactly(
				new InboxFile("meta", "meta/ads.jsonl", "s3://touchpoint-inbox/landing/meta/ads.jsonl", 3),
				new InboxFile("stripe", "stripe/2026/unified_payments.csv.gz",
						"s3://touchpoint-inbox/landing/stripe/2026/unified_payments.csv.gz",
						gzip(utf8("id\n1\n")).length),
				new InboxFile("stripe", "stripe/unified_payments.csv",
						"s3://touchpoint-inbox/landing/stripe/unified_payments.csv", 5));
	}

	@Test
	void listsMoreObjectsThanOnePage() {
		// given: more than the 1,000 keys of one ListObjectsV2 page
		for (int i = 0; i < 1_005; i++) {
			put(String.format("in/ads/part-%04d.jsonl", i), utf8("{}\n"));
		}

		// when
		List<InboxFile> files = Inbox.of("s3://" + BUCKET + "/in/", s3).list();

		// then
		assertThat(files).hasSize(1_005);
		assertThat(files.get(0).path()).isEqualTo("ads/part-0000.jsonl");
		assertThat(files.get(1_004).path()).isEqualTo("ads/part-1004.jsonl");
	}

	@Test
	void opensAnObjectAndReadsItAsCsv() throws Exception {
		// given
		put("csv/stripe/payments.csv.gz", gzip(utf8("id,amount\nch_1,12.50\n")));
		Inbox inbox = Inbox.of("s3://" + BUCKET + "/csv", s3);
		InboxFile file = inbox.list().get(0);
		CsvRecordReader reader = new CsvRecordReader(file.source(), file.path(), () -> inbox.open(file),
				StandardCharsets.UTF_8, ',');

		// when
		reader.open(new ExecutionContext());
		CsvRecord record = reader.read();
		reader.close();

		// then
		assertThat(record.get("amount")).isEqualTo("12.50");
		assertThat(record.file()).isEqualTo("stripe/payments.csv.gz");
	}

	@Test
	void opensTheRawBytes() throws Exception {
		// given
		byte[] gzipped = gzip(utf8("id\n1\n"));
		put("raw/stripe/p.csv.gz", gzipped);
		Inbox inbox = Inbox.of("s3://" + BUCKET + "/raw", s3);

		// when
		byte[] bytes;
		try (InputStream in = inbox.open(inbox.list().get(0))) {
			bytes = in.readAllBytes();
		}

		// then
		assertThat(bytes).isEqualTo(gzipped);
	}

	@Test
	void opensTheBytesFromAnOffset() throws Exception {
		// given
		put("ranged/stripe/p.csv", utf8("id\n1\n22\n"));
		Inbox inbox = Inbox.of("s3://" + BUCKET + "/ranged", s3);

		// when the bytes from offset 5 ("id\n1\n" is 5 bytes) are read
		byte[] bytes;
		try (InputStream in = inbox.open(inbox.list().get(0), 5)) {
			bytes = in.readAllBytes();
		}

		// then
		assertThat(bytes).isEqualTo(utf8("22\n"));
	}

	@Test
	void anObjectGoneSinceTheListingIsAMissingFile() {
		// given
		Inbox inbox = Inbox.of("s3://" + BUCKET + "/gone", s3);
		InboxFile gone = new InboxFile("stripe", "stripe/gone.csv", "s3://touchpoint-inbox/gone/stripe/gone.csv", 1);

		// when / then
		assertThatThrownBy(() -> inbox.open(gone))
			.isInstanceOf(NoSuchFileException.class)
			.hasMessageContaining("s3://touchpoint-inbox/gone/stripe/gone.csv");
	}

	@Test
	void aKeyWithABackslashStopsTheListing() {
		// given
		put("evil/stripe/..\\..\\evil.csv", utf8("id\n"));

		// when / then
		assertThatThrownBy(() -> Inbox.of("s3://" + BUCKET + "/evil", s3).list())
			.isInstanceOf(IllegalArgumentException.class)
			.hasMessageContaining("'s3://touchpoint-inbox/evil/stripe/..\\..\\evil.csv'");
	}

	@Test
	void aKeyWithADotDotSegmentStopsTheListing() {
		// given: S3Proxy's store refuses such keys, so a client that lists one stands in for S3
		S3Client listing = new S3Client() {
			@Override
			public ListObjectsV2Response listObjectsV2(ListObjectsV2Request request) {
				return ListObjectsV2Response.builder().isTruncated(false).contents(
						S3Object.builder().key("climb/stripe/ok.csv").size(3L).build(),
						S3Object.builder().key("climb/stripe/../../secrets.csv").size(3L).build()).build();
			}

			@Override
			public String serviceName() {
				return "s3";
			}

			@Override
			public void close() {
			}
		};

		// when / then
		assertThatThrownBy(() -> Inbox.of("s3://" + BUCKET + "/climb", listing).list())
			.isInstanceOf(IllegalArgumentException.class)
			.hasMessageContaining("'s3://touchpoint-inbox/climb/stripe/../../secrets.csv'")
			.hasMessageContaining("'..'");
	}
}
