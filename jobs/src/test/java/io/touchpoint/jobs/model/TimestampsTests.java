package io.touchpoint.jobs.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;

import org.junit.jupiter.api.Test;

class TimestampsTests {

	@Test
	void exportFormatsParseToTheSameInstant() {
		Instant expected = Instant.parse("2024-06-07T02:38:54Z");
		assertThat(Timestamps.parse("2024-06-07 02:38:54")).isEqualTo(expected);
		assertThat(Timestamps.parse("2024-06-07T02:38:54Z")).isEqualTo(expected);
		assertThat(Timestamps.parse("2024-06-07T04:38:54+02:00")).isEqualTo(expected);
		assertThat(Timestamps.parse("2024-06-07 03:38:54 +0100".replace(" +0100", "+01:00"))).isEqualTo(expected);
		assertThat(Timestamps.parse("2024-06-07 02:38")).isEqualTo(Instant.parse("2024-06-07T02:38:00Z"));
		assertThat(Timestamps.parse("2015-02-23T22:28:55.111Z")).isEqualTo(Instant.parse("2015-02-23T22:28:55.111Z"));
		assertThat(Timestamps.parse("2024-06-07")).isEqualTo(Instant.parse("2024-06-07T00:00:00Z"));
		assertThat(Timestamps.parse(" ")).isNull();
	}

	@Test
	void unreadableTimestampsNameTheValue() {
		assertThatThrownBy(() -> Timestamps.parse("07/06/2024")).hasMessageContaining("'07/06/2024'");
	}
}
