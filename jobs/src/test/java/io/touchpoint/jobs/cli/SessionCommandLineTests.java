package io.touchpoint.jobs.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.SystemEnvironmentPropertySource;

import io.touchpoint.jobs.schedule.SchedulerProperties;

/** A setting given on the command line outranks the environment and application.properties, as in Spring Boot. */
class SessionCommandLineTests {

	@Test
	void aLaterSettingOfTheSameKeyWinsAndEachBecomesACommandLineArgument() {
		// a command's own setting first, then the user's for the same key: one argument, the user's
		assertThat(Session.commandLine("touchpoint.console.level=WARN", "touchpoint.funnels.t.steps=page:/a,purchase",
				"touchpoint.console.level=INFO"))
			.containsExactly("--touchpoint.console.level=INFO", "--touchpoint.funnels.t.steps=page:/a,purchase");
	}

	@Test
	void aCommandLineSettingBeatsApplicationPropertiesAndTheEnvironment() {
		// application.properties sets touchpoint.scheduler.http-port=${server.port:8080}, the environment SERVER_PORT
		assertThat(bind(Map.of()).httpPort()).isEqualTo(8080);
		assertThat(bind(Map.of("SERVER_PORT", "9191")).httpPort()).isEqualTo(9191);
		assertThat(bind(Map.of("SERVER_PORT", "9191", "TOUCHPOINT_SCHEDULER_HTTPPORT", "7070")).httpPort()).isEqualTo(7070);

		// when the command line says -1, it is -1 whatever the file and the environment say
		assertThat(bind(Map.of("SERVER_PORT", "9191", "TOUCHPOINT_SCHEDULER_HTTPPORT", "7070"),
				"touchpoint.scheduler.http-port=-1").serves()).isFalse();
	}

	/** Bound as a session binds it: default properties, the environment, application.properties, the settings. */
	private static SchedulerProperties bind(Map<String, Object> environment, String... settings) {
		SpringApplication application = new SpringApplication(Settings.class);
		application.setWebApplicationType(WebApplicationType.NONE);
		application.setLogStartupInfo(false);
		application.addInitializers(context -> context.getEnvironment().getPropertySources()
			.addAfter("systemEnvironment", new SystemEnvironmentPropertySource("test-systemEnvironment", environment)));
		application.setDefaultProperties(Map.of("touchpoint.home", "target/session-command-line-home"));
		try (ConfigurableApplicationContext context = application.run(Session.commandLine(settings))) {
			return context.getBean(SchedulerProperties.class);
		}
	}

	@Configuration(proxyBeanMethods = false)
	@EnableConfigurationProperties(SchedulerProperties.class)
	static class Settings {
	}
}
