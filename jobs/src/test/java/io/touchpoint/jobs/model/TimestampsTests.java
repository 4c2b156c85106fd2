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
		assertThat(Timestamps.parse("2024-06-07 03:38:54+01:00")).isEqualTo(expected);
		assertThat(Timestamps.parse("2024-06-07 03:38:54 +0100")).isEqualTo(expected);
		assertThat(Timestamps.parse("2024-06-07T02:38:54.000+0000")).isEqualTo(expected);
		assertThat(Timestamps.parse("2024-06-06T21:38:54.000-0500")).isEqualTo(expected);
		assertThat(Timestamps.parse("2024-06-07 02:38")).isEqualTo(Instant.parse("2024-06-07T02:38:00Z"));
		assertThat(Timestamps.parse("2015-02-23T22:28:55.111Z")).isEqualTo(Instant.parse("2015-02-23T22:28:55.111Z"));
		assertThat(Timestamps.parse("2024-06-07")).isEqualTo(Instant.parse("2024-06-07T00:00:00Z"));
		assertThat(Timestamps.parse(" ")).isNull();
	}

	@Test
	void shopTimeWithASpacedOffsetFollowsTheOffsetAcrossTheEndOfSummerTime() {
		// given two Shopify times of a London shop on 2025-10-26, when 02:00 BST became 01:00 GMT:
		// 01:45 BST is 00:45 UTC, and 01:15 GMT, earlier on the wall clock, is 01:15 UTC, 30 minutes later
		String summer = "2025-10-26 01:45:00 +0100";
		String winter = "2025-10-26 01:15:00 +0000";

		// when
		Instant first = Timestamps.parse(summer);
		Instant second = Timestamps.parse(winter);

		// then
		assertThat(first).isEqualTo(Instant.parse("2025-10-26T00:45:00Z"));
		assertThat(second).isEqualTo(Instant.parse("2025-10-26T01:15:00Z"));
		assertThat(second).isAfter(first);
	}

	@Test
	void negativeSpacedOffsetsAndFractionsAreReadToo() {
		// 01:59:59 EST (-0500) is 06:59:59 UTC; 03:00:00 EDT (-0400), one second later, is 07:00:00 UTC
		assertThat(Timestamps.parse("2025-03-09 01:59:59 -0500")).isEqualTo(Instant.parse("2025-03-09T06:59:59Z"));
		assertThat(Timestamps.parse("2025-03-09 03:00:00 -0400")).isEqualTo(Instant.parse("2025-03-09T07:00:00Z"));
		assertThat(Timestamps.parse("2025-12-06 11:39:30.250 +0530")).isEqualTo(Instant.parse("2025-12-06T06:09:30.250Z"));
		assertThat(Timestamps.parse(" 2025-12-06 11:39:30 +0000 ")).isEqualTo(Instant.parse("2025-12-06T11:39:30Z"));
	}

	@Test
	void unreadableTimestampsNameTheValue() {
		assertThatThrownBy(() -> Timestamps.parse("07/06/2024")).hasMessageContaining("'07/06/2024'");
		assertThatThrownBy(() -> Timestamps.parse("2025-12-06 11:39:30 +0060")).hasMessageContaining("'2025-12-06 11:39:30 +0060'");
		assertThatThrownBy(() -> Timestamps.parse("2025-12-06 25:39:30 +0000")).hasMessageContaining("'2025-12-06 25:39:30 +0000'");
	}

	@Test
	void impossibleDatesAreRefusedNotMovedToTheEndOfTheMonth() {
		// a lenient (SMART) resolver would read February 30th as February 28th
		assertThatThrownBy(() -> Timestamps.parse("2026-02-30 10:00:00")).hasMessageContaining("'2026-02-30 10:00:00'");
		assertThatThrownBy(() -> Timestamps.parse("2026-04-31 10:00")).hasMessageContaining("'2026-04-31 10:00'");
		assertThatThrownBy(() -> Timestamps.parse("2026-02-29 10:00:00 +0000")).hasMessageContaining("'2026-02-29 10:00:00 +0000'");
		assertThat(Timestamps.parse("2028-02-29 10:00:00")).isEqualTo(Instant.parse("2028-02-29T10:00:00Z"));
	}
}
