package io.touchpoint.scheduler;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;

import org.junit.jupiter.api.Test;

class BusinessDatesTests {

	@Test
	void aNightlyFireAtTwoInTheMorningProcessesThePreviousLocalDay() {
		// 2026-03-29 02:00 in Auckland is 2026-03-28 13:00 UTC
		Instant fire = Instant.parse("2026-03-28T13:00:00Z");
		assertThat(BusinessDates.of(fire, ZoneId.of("Pacific/Auckland"), 1)).isEqualTo(LocalDate.of(2026, 3, 28));
		assertThat(BusinessDates.of(fire, ZoneId.of("UTC"), 1)).isEqualTo(LocalDate.of(2026, 3, 27));
	}

	@Test
	void theDateFollowsTheScheduledTimeAcrossADaylightSavingChange() {
		// New York springs forward on 2026-03-08; 00:30 local on that day is 05:30 UTC
		Instant fire = Instant.parse("2026-03-08T05:30:00Z");
		assertThat(BusinessDates.of(fire, ZoneId.of("America/New_York"), 0)).isEqualTo(LocalDate.of(2026, 3, 8));
		assertThatThrownBy(() -> BusinessDates.of(fire, ZoneId.of("UTC"), -1)).hasMessageContaining("daysBack");
	}
}
