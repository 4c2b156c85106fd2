package io.touchpoint.jobs.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.touchpoint.jobs.support.InProcessCli;

class IdentifiersTests {

	static final List<String> HOSTILE = List.of("../x", "/abs", "", "..", ".", "a b", "a/b", "a\\b", "x".repeat(10_000),
			"-leading-dash", "tab\there", "acme.", "é");

	@Test
	void idsOfLettersDigitsUnderscoreAndDashAreAccepted() {
		for (String id : List.of("acme", "Acme_2", "a", "7", "x".repeat(64), "globex-eu")) {
			assertThat(Identifiers.tenant(id)).isEqualTo(id);
			assertThat(Identifiers.source(id)).isEqualTo(id);
		}
	}

	@Test
	void separatorsDotsEmptyAndOverlongIdsAreRefusedWithTheRule() {
		for (String id : HOSTILE) {
			assertThatThrownBy(() -> Identifiers.tenant(id)).as(id)
				.isInstanceOf(IllegalArgumentException.class)
				.hasMessageContaining("Invalid tenant id")
				.hasMessageContaining("a letter or digit, then up to 63 letters, digits, '_' or '-'");
		}
		assertThatThrownBy(() -> Identifiers.tenant("x".repeat(65))).hasMessageContaining("(65 characters)");
		assertThatThrownBy(() -> Identifiers.tenant("tab\there")).hasMessageContaining("'tab\\x09here'");
	}

	@Test
	void hostileTenantIdsAreUsageErrorsAndNothingIsWrittenOutsideTheHome(@TempDir Path dir) throws Exception {
		// given an export file and a home inside an otherwise empty folder
		Path file = Files.writeString(dir.resolve("payments.csv"), "id,Amount\n");
		Path home = dir.resolve("nest/home");
		for (String tenant : HOSTILE.stream().filter(id -> !id.startsWith("-")).toList()) {
			// when an import or a night is asked for that tenant
			InProcessCli.Result imported = InProcessCli.run("--home", home.toString(), "import", "--tenant", tenant, "--source",
					"stripe", "--date", "2026-11-19", file.toString());
			InProcessCli.Result night = InProcessCli.run("--home", home.toString(), "run", "nightly", "--tenant", tenant,
					"--date", "2026-11-19");
			// then both are refused as usage errors naming the rule, before any folder is made
			for (InProcessCli.Result result : List.of(imported, night)) {
				assertThat(result.code()).as(tenant + ": " + result).isEqualTo(2);
				assertThat(result.err()).as(tenant).contains("Invalid tenant id", "a letter or digit");
			}
		}
		InProcessCli.Result source = InProcessCli.run("--home", home.toString(), "import", "--tenant", "acme", "--source",
				"../../etc", "--date", "2026-11-19", file.toString());
		assertThat(source.code()).isEqualTo(2);
		assertThat(source.err()).contains("Invalid source name '../../etc'");
		try (var entries = Files.walk(dir)) {
			assertThat(entries.map(dir::relativize).map(Path::toString)).containsExactlyInAnyOrder("", "payments.csv");
		}
		assertThat(Path.of("/abs")).doesNotExist();
	}
}
