package io.touchpoint.writers.staging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import javax.sql.DataSource;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.batch.infrastructure.item.Chunk;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.model.S3Object;

import io.touchpoint.writers.quarantine.QuarantineBuffer;
import io.touchpoint.writers.testing.PurchaseRow;
import io.touchpoint.writers.testing.TestInfra;

class StagePublisherIntegrationTests {

	private final DataSource metadata = TestInfra.dataSource();
	private final WorkPartLedger ledger = new WorkPartLedger(metadata);
	private final StagePublisher publisher = new StagePublisher(TestInfra.s3(), ledger);
	private String bucket;
	private StagingLocation location;

	@BeforeEach
	void stageThreePurchasesInTwoParts() {
		TestInfra.recreate(metadata, "tp_work_parts", TestInfra.WORK_PARTS_DDL);
		bucket = TestInfra.newBucket();
		location = new StagingLocation(bucket, "acme", LocalDate.of(2024, 3, 5), "b7");
		new StagingPartWriter(TestInfra.s3(), location, ledger, 2, new QuarantineBuffer()).write(new Chunk<>(List.of(
				List.of(PurchaseRow.of("b7", "o1", 100), PurchaseRow.of("b7", "o2", 250)),
				List.of(PurchaseRow.of("b7", "o3", 1000)))));
	}

	@Test
	void publishCopiesPartsInLedgerOrderAndWritesManifestsWithTheSums() {
		List<WorkPart> work = ledger.parts("b7");

		Map<String, Manifest> manifests = publisher.publish(location, List.of("purchases", "quarantine"));

		Manifest purchases = manifests.get("purchases");
		String prefix = "staging/purchases/tenant=acme/date=2024-03-05/batch=b7/";
		assertThat(purchases.parts()).containsExactly(
				new ManifestPart(prefix + "part-00001.csv.gz", 2, 350, work.get(0).sha256()),
				new ManifestPart(prefix + "part-00002.csv.gz", 1, 1000, work.get(1).sha256()));
		assertThat(purchases.rows()).isEqualTo(3);
		assertThat(purchases.moneyMinor()).isEqualTo(1350);
		assertThat(purchases).extracting(Manifest::table, Manifest::tenant, Manifest::date, Manifest::batchId)
			.containsExactly("purchases", "acme", "2024-03-05", "b7");
		assertThat(TestInfra.download(bucket, prefix + "part-00001.csv.gz"))
			.isEqualTo(TestInfra.download(bucket, work.get(0).workKey()));
		assertThat(Manifest.read(TestInfra.s3(), bucket, prefix + "_manifest.json")).isEqualTo(purchases);
	}

	@Test
	void tableWithoutPartsGetsAManifestWithoutParts() {
		Map<String, Manifest> manifests = publisher.publish(location, List.of("purchases", "quarantine"));

		Manifest quarantine = Manifest.read(TestInfra.s3(), bucket, location.manifestKey("quarantine"));
		assertThat(quarantine).isEqualTo(manifests.get("quarantine"));
		assertThat(quarantine.parts()).isEmpty();
		assertThat(quarantine.rows()).isZero();
		assertThat(objects("staging/quarantine/")).containsExactly(location.manifestKey("quarantine"));
	}

	@Test
	void publishingAgainYieldsTheSameKeysAndManifests() {
		Map<String, Manifest> first = publisher.publish(location, List.of("purchases", "quarantine"));
		List<String> keys = objects("staging/");

		Map<String, Manifest> second = publisher.publish(location, List.of("purchases", "quarantine"));

		assertThat(second).isEqualTo(first);
		assertThat(objects("staging/")).isEqualTo(keys).hasSize(4);
	}

	@Test
	void onThreeThreadsEachWorkPartLandsAtItsLedgerNumberAndARerunCopiesNothingAgain() {
		StagePublisher threaded = new StagePublisher(TestInfra.s3(), ledger, 3);
		new StagingPartWriter(TestInfra.s3(), location, ledger, 1, new QuarantineBuffer()).write(new Chunk<>(List.of(
				List.of(PurchaseRow.of("b7", "o4", 1), PurchaseRow.of("b7", "o5", 2), PurchaseRow.of("b7", "o6", 3)))));
		List<WorkPart> work = ledger.parts("b7");

		Manifest purchases = threaded.publish(location, List.of("purchases")).get("purchases");
		Map<String, Manifest> again = threaded.publish(location, List.of("purchases"));

		// 2 parts from setUp (2 + 1 rows) and 3 of one row each: 5 parts, 6 rows, 1350 + 6 money
		assertThat(purchases.parts()).hasSize(5);
		assertThat(purchases.rows()).isEqualTo(6);
		assertThat(purchases.moneyMinor()).isEqualTo(1356);
		for (int n = 1; n <= 5; n++) {
			assertThat(TestInfra.download(bucket, location.partKey("purchases", n)))
				.isEqualTo(TestInfra.download(bucket, work.get(n - 1).workKey()));
		}
		assertThat(again.get("purchases")).isEqualTo(purchases);
		assertThat(objects(location.stagingPrefix("purchases"))).hasSize(6);
	}

	@Test
	void refusesToOverwriteAPublishedPartOfAnotherSize() {
		String taken = location.partKey("purchases", 1);
		TestInfra.s3().putObject(b -> b.bucket(bucket).key(taken), RequestBody.fromString("something else"));

		assertThatThrownBy(() -> publisher.publish(location, List.of("purchases")))
			.isInstanceOf(StagingException.class)
			.hasMessageStartingWith("refusing to overwrite s3://" + bucket + "/" + taken)
			.hasMessageContaining("re-run the stage step");
		assertThat(objects(location.manifestKey("purchases"))).isEmpty();
	}

	@Test
	void readingAMissingManifestNamesTheKey() {
		String key = location.manifestKey("purchases");

		assertThatThrownBy(() -> Manifest.read(TestInfra.s3(), bucket, key))
			.isInstanceOf(StagingException.class)
			.hasMessageContaining("s3://" + bucket + "/" + key)
			.hasMessageContaining("run (or restart) the stage step");
	}

	private List<String> objects(String prefix) {
		return TestInfra.s3().listObjectsV2(b -> b.bucket(bucket).prefix(prefix)).contents().stream()
			.map(S3Object::key).sorted().toList();
	}
}
