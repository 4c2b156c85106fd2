package io.touchpoint.jobs.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import io.touchpoint.jobs.support.InProcessCli;

/** {@code touchpoint --version} reports the version of the build (the pom's, as the build passes it to the tests). */
class BuildVersionTests {

	@Test
	void versionIsTheBuilds() {
		// given
		String expected = System.getProperty("touchpoint.version");

		// when
		InProcessCli.Result result = InProcessCli.run("--version");

		// then
		assertThat(expected).isNotBlank();
		assertThat(result.code()).isZero();
		assertThat(result.out().lines().toList()).first().isEqualTo("touchpoint " + expected);
		assertThat(result.out().lines().toList()).element(1).asString().matches("built \\d{4}-\\d\\d-\\d\\dT.*Z");
	}
}
