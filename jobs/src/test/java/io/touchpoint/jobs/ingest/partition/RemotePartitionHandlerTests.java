package io.touchpoint.jobs.ingest.partition;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;

import org.junit.jupiter.api.Test;

/** How the waiting night says the time left before touchpoint.workers.timeout gives up. */
class RemotePartitionHandlerTests {

	@Test
	void theTimeLeftIsInHoursAndMinutesOrSecondsUnderAMinute() {
		assertThat(RemotePartitionHandler.left(Duration.ofHours(6).minusSeconds(61))).isEqualTo("5h 58m");
		assertThat(RemotePartitionHandler.left(Duration.ofMinutes(59).plusSeconds(59))).isEqualTo("59m");
		assertThat(RemotePartitionHandler.left(Duration.ofSeconds(10))).isEqualTo("10s");
		assertThat(RemotePartitionHandler.left(Duration.ofSeconds(-3))).isEqualTo("0s");
	}
}
