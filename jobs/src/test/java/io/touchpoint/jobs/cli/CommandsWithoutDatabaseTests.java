package io.touchpoint.jobs.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.touchpoint.jobs.support.InProcessCli;

/**
 * What can be answered from the command line and the configuration alone starts no database: the embedded
 * MariaDB would leave its folder in the home, so an absent {@code mariadb/} proves it never started.
 */
class CommandsWithoutDatabaseTests {

	@Test
	void anUnknownSourceAnAlertsCheckWithNothingWatchedAndHelpStartNoServer(@TempDir Path dir) throws Exception {
		Path home = dir.resolve("home");
		Path file = Files.writeString(dir.resolve("x.csv"), "id\n1\n");

		InProcessCli.Result source = InProcessCli.run("--home", home.toString(), "import", "--tenant", "acme", "--source",
				"nosuch", "--date", "2026-11-19", file.toString());
		assertThat(source.code()).as(source.toString()).isEqualTo(2);
		assertThat(source.err()).contains("Unknown source 'nosuch'");

		InProcessCli.Result alerts = InProcessCli.run("--home", home.toString(), "alerts", "check",
				"--touchpoint.alerts.stale-after=36h");
		assertThat(alerts.code()).as(alerts.toString()).isEqualTo(2);
		assertThat(alerts.err()).contains("watches no tenant");

		InProcessCli.Result unset = InProcessCli.run("--home", home.toString(), "alerts", "check");
		assertThat(unset.code()).as(unset.toString()).isEqualTo(2);
		assertThat(unset.err()).contains("touchpoint.alerts.stale-after is not set");

		assertThat(InProcessCli.run("--home", home.toString(), "query", "--help").code()).isZero();
		assertThat(InProcessCli.run("--home", home.toString(), "down").out()).contains("No resident stack runs on");

		assertThat(home.resolve("mariadb")).doesNotExist();
		assertThat(home.resolve("credentials.properties")).doesNotExist();
	}
}
