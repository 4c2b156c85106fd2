package io.touchpoint.jobs.schedule;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.SystemEnvironmentPropertySource;

import io.touchpoint.jobs.support.InProcessCli;

/**
 * The documented {@code touchpoint.scheduler.*} properties bind into one record: the HTTP settings with their defaults
 * and server.port / server.address, and the active tenants.
 */
class SchedulerPropertiesTests {

	@Test
	void byDefaultTheSchedulerServesOnPort8080OfTheLoopbackAddressOnly() {
		SchedulerProperties properties = bind(Map.of());

		assertThat(properties.httpPort()).isEqualTo(8080);
		assertThat(properties.httpAddress()).isEqualTo("127.0.0.1");
		assertThat(properties.serves()).isTrue();
	}

	@Test
	void aPortOfMinusOneOrHttpEnabledFalseTurnsHttpOff() {
		assertThat(bind(Map.of("touchpoint.scheduler.http-port", "-1")).serves()).isFalse();
		assertThat(bind(Map.of("touchpoint.scheduler.http.enabled", "false")).serves()).isFalse();
		SchedulerProperties random = bind(Map.of("touchpoint.scheduler.http-port", "0", "touchpoint.scheduler.http-address", "0.0.0.0"));
		assertThat(random.serves()).isTrue();
		assertThat(random.httpPort()).isZero();
		assertThat(random.httpAddress()).isEqualTo("0.0.0.0");
	}

	@Test
	void thePortAndAddressFollowSpringBootsServerPortAndAddressUnlessTheSchedulersOwnAreSet() {
		// given SERVER_PORT and SERVER_ADDRESS in the environment (as a container sets them)
		Map<String, Object> environment = Map.of("SERVER_PORT", "9191", "SERVER_ADDRESS", "0.0.0.0");

		// when / then: application.properties points the scheduler's properties at them
		SchedulerProperties fromServer = application(environment);
		assertThat(fromServer.httpPort()).isEqualTo(9191);
		assertThat(fromServer.httpAddress()).isEqualTo("0.0.0.0");
		// the scheduler's own property, when set, wins
		assertThat(application(environment, "--touchpoint.scheduler.http-port=7070").httpPort()).isEqualTo(7070);
		assertThat(application(Map.of()).httpPort()).isEqualTo(8080);
	}

	@Test
	void theActiveTenantsAreACommaSeparatedListWithoutBlanks() {
		assertThat(bind(Map.of()).tenants()).isEmpty();
		assertThat(bind(Map.of("touchpoint.scheduler.tenants", "acme, globex,,")).tenants()).containsExactly("acme", "globex");
	}

	@Test
	void theCommandLineTakesServerPropertiesAsSettingsNotOptions() {
		// when
		InProcessCli.Result result = InProcessCli.run("--server.port=9191", "--server.address=0.0.0.0", "--version");

		// then: not refused as unknown options
		assertThat(result.code()).as(result.toString()).isZero();
	}

	/** The properties as the application binds them: application.properties, these environment variables, arguments. */
	private static SchedulerProperties application(Map<String, Object> environment, String... args) {
		SpringApplication application = new SpringApplication(Settings.class);
		application.setWebApplicationType(WebApplicationType.NONE);
		application.setLogStartupInfo(false);
		application.addInitializers(context -> context.getEnvironment().getPropertySources()
			.addLast(new SystemEnvironmentPropertySource("test-environment", environment)));
		application.setDefaultProperties(Map.of("touchpoint.home", "target/watch-properties-home"));
		try (ConfigurableApplicationContext context = application.run(args)) {
			return context.getBean(SchedulerProperties.class);
		}
	}

	@Configuration(proxyBeanMethods = false)
	@EnableConfigurationProperties(SchedulerProperties.class)
	static class Settings {
	}

	private static SchedulerProperties bind(Map<String, String> properties) {
		return new Binder(new MapConfigurationPropertySource(properties))
			.bindOrCreate("touchpoint.scheduler", Bindable.of(SchedulerProperties.class));
	}
}
