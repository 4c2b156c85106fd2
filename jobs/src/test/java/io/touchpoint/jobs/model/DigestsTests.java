package io.touchpoint.jobs.model;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class DigestsTests {

	/** FIPS 180-2's test vector: SHA-256("abc"). */
	private static final String ABC = "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad";

	@Test
	void hexOfTheStandardTestVector() {
		assertThat(Digests.sha256Hex("abc")).isEqualTo(ABC);
	}

	@Test
	void aPrefixIsTheFirstHexDigitsOddCountsIncluded() {
		assertThat(Digests.sha256Hex("abc", 25)).isEqualTo("ba7816bf8f01cfea414140de5");
		assertThat(Digests.sha256Hex("abc", 1)).isEqualTo("b");
		assertThat(Digests.sha256Hex("abc", 64)).isEqualTo(ABC);
	}

	@Test
	void repeatedCallsDoNotShareState() {
		Digests.sha256Hex("something else");
		assertThat(Digests.sha256Hex("abc", 64)).isEqualTo(ABC);
	}
}
