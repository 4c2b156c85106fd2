package io.touchpoint.jobs.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Configuration;

import io.touchpoint.jobs.failures.FailureMessages;
import io.touchpoint.jobs.progress.ProgressProperties;
import io.touchpoint.jobs.schedule.SchedulerProperties;
import io.touchpoint.jobs.support.InProcessCli;

/**
 * A setting its record's constraints refuse stops the application with one line naming the property as it is written,
 * what it must be and the value given.
 */
class SettingsValidationTests {

	@Test
	void aDurationThatMustBePositiveIsRefusedNamingTheProperty() {
		assertThat(refusal("--touchpoint.s3.base-delay=0s"))
			.isEqualTo("touchpoint.s3.base-delay must be positive; use a duration such as 500ms, 30s or 10m (got 0s)");
		assertThat(refusal("--touchpoint.warehouse.socket-timeout=-5s"))
			.isEqualTo("touchpoint.warehouse.socket-timeout must be positive; use a duration such as 500ms, 30s or 10m "
					+ "(got -5s)");
		assertThat(refusal("--touchpoint.metadata.pool-timeout=0ms"))
			.isEqualTo("touchpoint.metadata.pool-timeout must be positive; use a duration such as 500ms, 30s or 10m "
					+ "(got 0ms)");
	}

	@Test
	void theSchedulersIdleWaitIsAtLeastOneSecondAndTheProgressIntervalNotNegative() {
		assertThat(refusal("--touchpoint.scheduler.idle-wait=500ms"))
			.isEqualTo("touchpoint.scheduler.idle-wait must be at least 1s, such as 30s (got 500ms)");
		assertThat(refusal("--touchpoint.progress.interval=-1s"))
			.isEqualTo("touchpoint.progress.interval must be 0 (off) or a positive duration such as 10s (got -1s)");
	}

	@Test
	void twoRefusedSettingsOfOneGroupAreBothNamed() {
		assertThat(refusal("--touchpoint.s3.max-delay=0s", "--touchpoint.s3.max-attempts=0"))
			.contains("touchpoint.s3.max-delay must be positive")
			.contains("touchpoint.s3.max-attempts must be greater than 0 (got 0)");
	}

	@Test
	void aConnectionsSettingIsNamedWithItsTenantAndSource() {
		assertThat(refusal("--touchpoint.connections.acme.stripe.token=t", "--touchpoint.connections.acme.stripe.page-size=0"))
			.isEqualTo("touchpoint.connections.acme.stripe.page-size must be greater than 0 (got 0)");
	}

	@Test
	void defaultsAndZeroProgressAreAccepted() {
		try (ConfigurableApplicationContext context = application().run("--touchpoint.progress.interval=0")) {
			assertThat(context.getBean(ProgressProperties.class).interval()).isZero();
			assertThat(context.getBean(TouchpointProperties.class).s3().baseDelay()).hasMillis(100);
		}
	}

	@Test
	void theCommandLineSaysTheSameAsAUsageError() throws Exception {
		// given a home, and an init --print that reads the settings without a database
		Path home = Files.createTempDirectory(Files.createDirectories(Path.of("target").toAbsolutePath()), "settings");

		// when
		InProcessCli.Result result = InProcessCli.run("--home", home.toString(), "init", "--print",
				"--touchpoint.warehouse.connect-timeout=0s");

		// then
		assertThat(result.code()).as(result.toString()).isEqualTo(2);
		assertThat(result.err()).isEqualTo("touchpoint: touchpoint.warehouse.connect-timeout must be positive; use a "
				+ "duration such as 500ms, 30s or 10m (got 0s)\n");
	}

	/** The one line a user reads when the application with these settings does not start. */
	private static String refusal(String... settings) {
		Throwable[] failure = new Throwable[1];
		assertThatThrownBy(() -> application().run(settings).close()).satisfies(ex -> failure[0] = ex);
		return FailureMessages.summarize(failure[0]);
	}

	private static SpringApplication application() {
		SpringApplication application = new SpringApplication(Settings.class);
		application.setWebApplicationType(WebApplicationType.NONE);
		application.setLogStartupInfo(false);
		application.setDefaultProperties(Map.of("touchpoint.home", "target/settings-validation-home"));
		return application;
	}

	@Configuration(proxyBeanMethods = false)
	@EnableConfigurationProperties({ TouchpointProperties.class, SchedulerProperties.class, ProgressProperties.class })
	static class Settings {
	}
}
