package io.touchpoint.writers.staging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;

import org.junit.jupiter.api.Test;

class StagingLocationTests {

	private final StagingLocation location = new StagingLocation("bucket", "acme", LocalDate.of(2024, 3, 5), "b-42");

	@Test
	void keysFollowTheStagingLayout() {
		assertThat(location.workPrefix()).isEqualTo("work/batch=b-42/");
		assertThat(location.stagingPrefix("purchases")).isEqualTo("staging/purchases/tenant=acme/date=2024-03-05/batch=b-42/");
		assertThat(location.partKey("purchases", 7))
			.isEqualTo("staging/purchases/tenant=acme/date=2024-03-05/batch=b-42/part-00007.csv.gz");
		assertThat(location.manifestKey("purchases"))
			.isEqualTo("staging/purchases/tenant=acme/date=2024-03-05/batch=b-42/_manifest.json");
	}

	@Test
	void tenantWithPathCharactersIsRefusedNamingIt() {
		assertThatThrownBy(() -> new StagingLocation("bucket", "../acme", LocalDate.of(2024, 3, 5), "b1"))
			.isInstanceOf(IllegalArgumentException.class)
			.hasMessageContaining("tenant '../acme'");
	}

	@Test
	void batchIdLongerThan64IsRefusedNamingIt() {
		String batchId = "b".repeat(65);

		assertThatThrownBy(() -> new StagingLocation("bucket", "acme", LocalDate.of(2024, 3, 5), batchId))
			.isInstanceOf(IllegalArgumentException.class)
			.hasMessageContaining("batch id '" + batchId + "'");
	}

	@Test
	void tableWithUppercaseOrQuotesIsRefused() {
		assertThatThrownBy(() -> location.partKey("Purchases'", 1))
			.isInstanceOf(IllegalArgumentException.class)
			.hasMessageContaining("'Purchases''");
	}
}
