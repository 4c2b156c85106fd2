package io.touchpoint.writers.staging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Instant;
import java.time.LocalDate;
import java.util.HexFormat;
import java.util.List;

import javax.sql.DataSource;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.batch.infrastructure.item.Chunk;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import software.amazon.awssdk.services.s3.model.S3Object;

import io.touchpoint.writers.quarantine.QuarantineBuffer;
import io.touchpoint.writers.quarantine.QuarantineRow;
import io.touchpoint.writers.testing.PurchaseRow;
import io.touchpoint.writers.testing.TestInfra;

class StagingPartWriterIntegrationTests {

	private static final Instant AT = Instant.parse("2024-03-05T10:11:12.5Z");

	private final DataSource metadata = TestInfra.dataSource();
	private final WorkPartLedger ledger = new WorkPartLedger(metadata);
	private final QuarantineBuffer quarantine = new QuarantineBuffer();
	private String bucket;
	private StagingLocation location;

	@BeforeEach
	void setUp() {
		TestInfra.recreate(metadata, "tp_work_parts", TestInfra.WORK_PARTS_DDL);
		bucket = TestInfra.newBucket();
		location = new StagingLocation(bucket, "acme", LocalDate.of(2024, 3, 5), "b1");
	}

	@Test
	void splitsEachTableAtRowsPerPartAndRegistersCountsSumsAndSha256() throws Exception {
		StagingPartWriter writer = new StagingPartWriter(TestInfra.s3(), location, ledger, 2, quarantine);
		quarantine.add(new QuarantineRow("acme", "b1", "pos", "a.csv", 9, "bad amount", "x;y", AT));
		Chunk<List<StagedRow>> chunk = new Chunk<>(List.of(
				List.of(PurchaseRow.of("b1", "o1", 100), PurchaseRow.of("b1", "o2", 200), other("c1")),
				List.of(PurchaseRow.of("b1", "o3", 300), PurchaseRow.of("b1", "o4", 400)),
				List.of(PurchaseRow.of("b1", "o5", 500))));

		writer.write(chunk);

		List<WorkPart> parts = ledger.parts("b1");
		assertThat(parts).extracting(WorkPart::table)
			.containsExactly("purchases", "purchases", "purchases", "contacts", "quarantine");
		assertThat(parts).extracting(WorkPart::rows).containsExactly(2L, 2L, 1L, 1L, 1L);
		assertThat(parts).extracting(WorkPart::moneyMinor).containsExactly(300L, 700L, 500L, 0L, 0L);
		assertThat(parts).extracting(WorkPart::workKey).doesNotHaveDuplicates()
			.allMatch(key -> key.startsWith("work/batch=b1/") && key.endsWith(".csv.gz"));
		assertThat(parts.get(0).workKey()).startsWith("work/batch=b1/purchases/");
		assertThat(parts.get(4).workKey()).startsWith("work/batch=b1/quarantine/");
		for (WorkPart part : parts) {
			byte[] object = TestInfra.download(bucket, part.workKey());
			assertThat(part.sha256()).isEqualTo(
					HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(object)));
		}
		assertThat(csv(parts.get(0))).isEqualTo(
				"\"o1\",100,\"note o1\",2024-03-05 10:11:12.5\n"
						+ "\"o2\",200,\"note o2\",2024-03-05 10:11:12.5\n");
		assertThat(csv(parts.get(2))).isEqualTo("\"o5\",500,\"note o5\",2024-03-05 10:11:12.5\n");
		assertThat(csv(parts.get(3))).isEqualTo("\"c1\"\n");
		assertThat(csv(parts.get(4))).isEqualTo(
				"\"pos\",\"a.csv\",9,\"bad amount\",\"x;y\",2024-03-05 10:11:12.5\n");
		assertThat(quarantine.size()).isZero();
	}

	@ParameterizedTest(name = "{0} encoding, {1} uploading")
	@CsvSource({ "3, 2", "1, 3", "2, 1" })
	void onMoreThreadsThePartsAreTheSameAndRegisteredInTheSameOrderAsOnOne(int threads, int uploads)
			throws Exception {
		StagingPartWriter writer = new StagingPartWriter(TestInfra.s3(), location, ledger, 2, quarantine, threads,
				uploads);
		quarantine.add(new QuarantineRow("acme", "b1", "pos", "a.csv", 9, "bad amount", "x;y", AT));
		Chunk<List<StagedRow>> chunk = new Chunk<>(List.of(
				List.of(PurchaseRow.of("b1", "o1", 100), PurchaseRow.of("b1", "o2", 200), other("c1")),
				List.of(PurchaseRow.of("b1", "o3", 300), PurchaseRow.of("b1", "o4", 400)),
				List.of(PurchaseRow.of("b1", "o5", 500))));

		writer.write(chunk);

		// the hand-counted parts of the one-thread test above: purchases cut at 2 rows, then contacts, quarantine
		List<WorkPart> parts = ledger.parts("b1");
		assertThat(parts).extracting(WorkPart::table)
			.containsExactly("purchases", "purchases", "purchases", "contacts", "quarantine");
		assertThat(parts).extracting(WorkPart::rows).containsExactly(2L, 2L, 1L, 1L, 1L);
		assertThat(parts).extracting(WorkPart::moneyMinor).containsExactly(300L, 700L, 500L, 0L, 0L);
		assertThat(csv(parts.get(1))).isEqualTo(
				"\"o3\",300,\"note o3\",2024-03-05 10:11:12.5\n"
						+ "\"o4\",400,\"note o4\",2024-03-05 10:11:12.5\n");
		assertThat(csv(parts.get(3))).isEqualTo("\"c1\"\n");
		for (WorkPart part : parts) {
			byte[] object = TestInfra.download(bucket, part.workKey());
			assertThat(part.sha256()).isEqualTo(
					HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(object)));
		}
	}

	@Test
	void onTwoThreadsARolledBackChunkStillRegistersNothing() {
		StagingPartWriter writer = new StagingPartWriter(TestInfra.s3(), location, ledger, 10, quarantine, 2, 2);
		TransactionTemplate chunkTransaction = new TransactionTemplate(new DataSourceTransactionManager(metadata));

		chunkTransaction.executeWithoutResult(status -> {
			writer.write(new Chunk<>(List.of(List.of(PurchaseRow.of("b1", "o1", 100), other("c1")))));
			status.setRollbackOnly();
		});

		assertThat(ledger.parts("b1")).isEmpty();
		assertThat(objects(location.workPrefix())).hasSize(2);
	}

	@Test
	void onTwoThreadsAFailedUploadFailsTheChunkNamingTheKeyAndRegistersNothing() {
		StagingLocation missing = new StagingLocation("no-such-bucket-" + System.nanoTime(), "acme",
				LocalDate.of(2024, 3, 5), "b1");
		StagingPartWriter writer = new StagingPartWriter(TestInfra.s3(), missing, ledger, 10, quarantine, 2, 2);

		assertThatThrownBy(() -> writer.write(new Chunk<>(List.of(List.of(PurchaseRow.of("b1", "o1", 100), other("c1"))))))
			.isInstanceOf(StagingException.class)
			.hasMessageContaining("could not upload s3://" + missing.bucket() + "/work/batch=b1/purchases/")
			.hasMessageContaining("restart the execution");
		assertThat(ledger.parts("b1")).isEmpty();
	}

	@Test
	void rolledBackChunkLeavesNoRegisteredPartOnlyAnOrphanUnderWork() {
		StagingPartWriter writer = new StagingPartWriter(TestInfra.s3(), location, ledger, 10, quarantine);
		TransactionTemplate chunkTransaction = new TransactionTemplate(new DataSourceTransactionManager(metadata));

		chunkTransaction.executeWithoutResult(status -> {
			writer.write(new Chunk<>(List.of(List.of(PurchaseRow.of("b1", "o1", 100)))));
			status.setRollbackOnly();
		});

		assertThat(ledger.parts("b1")).isEmpty();
		assertThat(objects(location.workPrefix())).hasSize(1);
	}

	@Test
	void committedChunkRegistersItsPartsOnTheChunkTransaction() {
		StagingPartWriter writer = new StagingPartWriter(TestInfra.s3(), location, ledger, 10, quarantine);
		TransactionTemplate chunkTransaction = new TransactionTemplate(new DataSourceTransactionManager(metadata));

		chunkTransaction.executeWithoutResult(status -> writer.write(new Chunk<>(List.of(List.of(PurchaseRow.of("b1", "o1", 100))))));

		assertThat(ledger.parts("b1")).extracting(WorkPart::rows).containsExactly(1L);
	}

	@Test
	void emptyChunkWithoutQuarantineRowsUploadsNothing() {
		StagingPartWriter writer = new StagingPartWriter(TestInfra.s3(), location, ledger, 10, quarantine);

		writer.write(new Chunk<List<StagedRow>>());
		writer.write(new Chunk<>(List.of(List.<StagedRow>of(), List.<StagedRow>of())));

		assertThat(ledger.parts("b1")).isEmpty();
		assertThat(objects("")).isEmpty();
	}

	@Test
	void quarantineRowsAloneAreStagedWithAnEmptyChunk() {
		StagingPartWriter writer = new StagingPartWriter(TestInfra.s3(), location, ledger, 10, quarantine);
		quarantine.add(new QuarantineRow("acme", "b1", "pos", "a.csv", 3, "bad", "raw", AT));

		writer.write(new Chunk<List<StagedRow>>());

		assertThat(ledger.parts("b1")).extracting(WorkPart::table, WorkPart::rows)
			.containsExactly(org.assertj.core.groups.Tuple.tuple("quarantine", 1L));
	}

	@Test
	void uploadFailureNamesBucketAndKeyAndRegistersNothing() {
		StagingLocation missing = new StagingLocation("tp-no-such-bucket", "acme", LocalDate.of(2024, 3, 5), "b1");
		StagingPartWriter writer = new StagingPartWriter(TestInfra.s3(), missing, ledger, 10, quarantine);

		assertThatThrownBy(() -> writer.write(new Chunk<>(List.of(List.of(PurchaseRow.of("b1", "o1", 100))))))
			.isInstanceOf(StagingException.class)
			.hasMessageStartingWith("could not upload s3://tp-no-such-bucket/work/batch=b1/purchases/")
			.hasMessageEndingWith("; check that the bucket is reachable, then restart the execution");
		assertThat(ledger.parts("b1")).isEmpty();
	}

	private String csv(WorkPart part) {
		return new String(TestInfra.gunzip(TestInfra.download(bucket, part.workKey())), StandardCharsets.UTF_8);
	}

	private List<String> objects(String prefix) {
		return TestInfra.s3().listObjectsV2(b -> b.bucket(bucket).prefix(prefix)).contents().stream()
			.map(S3Object::key).toList();
	}

	private static StagedRow other(String value) {
		return new StagedRow() {
			@Override
			public String table() {
				return "contacts";
			}

			@Override
			public void writeCsv(CsvRowEncoder out) {
				out.string(value).endRow();
			}
		};
	}
}
