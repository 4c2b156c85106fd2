package io.touchpoint.jobs.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDateTime;

import org.junit.jupiter.api.Test;

class SinceTests {

	private static final LocalDateTime NOW = LocalDateTime.of(2026, 11, 20, 9, 15);

	@Test
	void durationsCountBackFromNowAndDatesStartAtMidnight() {
		assertThat(Since.parse("90m", NOW)).isEqualTo(LocalDateTime.of(2026, 11, 20, 7, 45));
		assertThat(Since.parse("36h", NOW)).isEqualTo(LocalDateTime.of(2026, 11, 18, 21, 15));
		assertThat(Since.parse("7d", NOW)).isEqualTo(LocalDateTime.of(2026, 11, 13, 9, 15));
		assertThat(Since.parse("2026-11-01", NOW)).isEqualTo(LocalDateTime.of(2026, 11, 1, 0, 0));
		assertThat(Since.parse("2026-11-01T06:00", NOW)).isEqualTo(LocalDateTime.of(2026, 11, 1, 6, 0));
		assertThatThrownBy(() -> Since.parse("last week", NOW)).hasMessageContaining("90m, 36h, 7d");
	}
}
