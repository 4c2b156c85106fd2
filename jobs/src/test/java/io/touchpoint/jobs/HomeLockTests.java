package io.touchpoint.jobs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.touchpoint.jobs.embedded.HomeLock;

class HomeLockTests {

	@Test
	void aSecondUserOfTheHomeIsRefusedWithTheHoldersPidAndCanLockOnceReleased(@TempDir Path home) {
		// given
		HomeLock first = HomeLock.acquire(home, Duration.ZERO);

		// when / then
		assertThatThrownBy(() -> HomeLock.acquire(home, Duration.ofMillis(300)))
			.isInstanceOf(HomeLock.HomeInUseException.class)
			.hasMessageContaining("pid " + ProcessHandle.current().pid())
			.hasMessageContaining(home.toAbsolutePath().toString());
		first.close();
		try (HomeLock again = HomeLock.acquire(home, Duration.ZERO)) {
			assertThat(again).isNotNull();
		}
	}
}
