package io.touchpoint.jobs.progress;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;

/** The progress line's rate and estimate, against a fake clock. */
class ProgressMeterTests {

	private static final long SECOND = 1_000_000_000L;

	private final AtomicLong clock = new AtomicLong(1_000 * SECOND);

	private final List<String> lines = new ArrayList<>();

	private final ProgressMeter meter = new ProgressMeter("normalize acme 2026-11-19", Duration.ofSeconds(10), clock::get,
			lines::add);

	@Test
	void writesRowsRateAndTimeLeftAtMostEveryInterval() {
		// given 1,000,000 bytes to read
		meter.start(0, 0);

		// when 5 s pass: no line yet
		clock.addAndGet(5 * SECOND);
		assertThat(meter.update(42_000, 50_000, 1_000_000)).isNull();

		// when 15 s have passed, 126,000 rows and 300,000 of 1,000,000 bytes are done
		clock.addAndGet(10 * SECOND);
		String line = meter.update(126_000, 300_000, 1_000_000);

		// then 8,400 rows/s; 700,000 bytes left at 20,000 bytes/s = 35 s
		assertThat(line).isEqualTo("normalize acme 2026-11-19: 126,000 rows, 8,400 rows/s, ~0:35 left");
		assertThat(lines).containsExactly(line);

		// when 1 s later: no new line
		clock.addAndGet(SECOND);
		assertThat(meter.update(130_000, 310_000, 1_000_000)).isNull();
		assertThat(lines).hasSize(1);
	}

	@Test
	void omitsTheEstimateWhenTheTotalIsUnknown() {
		meter.start(0, 0);
		clock.addAndGet(20 * SECOND);

		assertThat(meter.update(100_000, 0, 0)).isEqualTo("normalize acme 2026-11-19: 100,000 rows, 5,000 rows/s");
	}

	@Test
	void aRestartCountsOnlyThisExecutionsWorkInTheRate() {
		// given 600,000 of 1,000,000 bytes were read before the restart
		meter.start(0, 600_000);

		// when 10 s read 100,000 more bytes and 40,000 rows
		clock.addAndGet(10 * SECOND);
		String line = meter.update(40_000, 700_000, 1_000_000);

		// then 300,000 bytes left at 10,000 bytes/s: 30 s
		assertThat(line).isEqualTo("normalize acme 2026-11-19: 40,000 rows, 4,000 rows/s, ~0:30 left");
	}

	@Test
	void theFirstUpdateStartsAMeterThatWasNotStarted() {
		assertThat(meter.update(256, 1_000, 10_000)).isNull();
		clock.addAndGet(10 * SECOND);
		assertThat(meter.update(10_256, 2_000, 10_000)).isEqualTo("normalize acme 2026-11-19: 10,256 rows, 1,000 rows/s, ~1:20 left");
	}

	@Test
	void formatsTimeLeftAsMinutesOrHours() {
		assertThat(ProgressMeter.clock(42)).isEqualTo("0:42");
		assertThat(ProgressMeter.clock(125)).isEqualTo("2:05");
		assertThat(ProgressMeter.clock(3725)).isEqualTo("1:02:05");
	}

	@Test
	void aZeroIntervalWritesNothing() {
		ProgressMeter off = new ProgressMeter("load acme 2026-11-19", Duration.ZERO, clock::get, lines::add);
		off.start(0, 0);
		clock.addAndGet(60 * SECOND);
		assertThat(off.update(1_000, 1_000, 2_000)).isNull();
		assertThat(lines).isEmpty();
	}
}
