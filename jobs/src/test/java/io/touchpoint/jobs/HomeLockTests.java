package io.touchpoint.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.touchpoint.jobs.embedded.HomeLock;

class HomeLockTests {

	@Test
	void aSecondUserOfTheHomeIsRefusedWithTheHoldersPidAndCanLockOnceReleased(@TempDir Path home) {
		// given
		HomeLock first = HomeLock.tryAcquire(home);
		assertThat(first).isNotNull();

		// when / then
		assertThat(HomeLock.tryAcquire(home)).isNull();
		assertThat(HomeLock.inUse(home))
			.isInstanceOf(HomeLock.HomeInUseException.class)
			.hasMessageContaining("pid " + ProcessHandle.current().pid())
			.hasMessageContaining(home.toAbsolutePath().toString());
		first.close();
		try (HomeLock again = HomeLock.tryAcquire(home)) {
			assertThat(again).isNotNull();
		}
	}
}
