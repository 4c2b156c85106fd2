package io.touchpoint.writers.staging;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

class ManifestTests {

	@Test
	void totalsAreTheSumsOfTheParts() {
		Manifest manifest = new Manifest("purchases", "acme", "2024-03-05", "b1", List.of(
				new ManifestPart("k1", 3, 1500, "a".repeat(64)),
				new ManifestPart("k2", 2, -200, "b".repeat(64))));

		assertThat(manifest.rows()).isEqualTo(5);
		assertThat(manifest.moneyMinor()).isEqualTo(1300);
	}

	@Test
	void jsonRoundTripsAndShowsTotals() {
		Manifest manifest = new Manifest("purchases", "acme", "2024-03-05", "b1",
				List.of(new ManifestPart("k1", 3, 1500, "a".repeat(64))));

		String json = manifest.toJson();

		assertThat(json).contains("\"rows\" : 3", "\"moneyMinor\" : 1500", "\"key\" : \"k1\"");
		assertThat(Manifest.fromJson(json)).isEqualTo(manifest);
	}

	@Test
	void manifestWithoutPartsIsEmpty() {
		Manifest manifest = new Manifest("quarantine", "acme", "2024-03-05", "b1", null);

		assertThat(manifest.parts()).isEmpty();
		assertThat(manifest.rows()).isZero();
		assertThat(Manifest.fromJson(manifest.toJson())).isEqualTo(manifest);
	}
}
