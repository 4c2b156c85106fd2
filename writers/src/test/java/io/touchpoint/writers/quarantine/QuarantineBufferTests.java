package io.touchpoint.writers.quarantine;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;

import org.junit.jupiter.api.Test;

class QuarantineBufferTests {

	private static QuarantineRow row(long line) {
		return new QuarantineRow("acme", "b1", "pos", "a.csv", line, "bad", "raw", Instant.EPOCH);
	}

	@Test
	void drainReturnsRowsInOrderAndEmptiesTheBuffer() {
		QuarantineBuffer buffer = new QuarantineBuffer();
		buffer.add(row(1));
		buffer.add(row(2));

		assertThat(buffer.size()).isEqualTo(2);
		assertThat(buffer.drain()).extracting(QuarantineRow::line).containsExactly(1L, 2L);
		assertThat(buffer.size()).isZero();
		assertThat(buffer.drain()).isEmpty();
	}

	@Test
	void clearDropsTheRowsOfAFailedChunk() {
		QuarantineBuffer buffer = new QuarantineBuffer();
		buffer.add(row(1));

		buffer.clear();

		assertThat(buffer.drain()).isEmpty();
	}
}
