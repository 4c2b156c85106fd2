package io.touchpoint.jobs.watch;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

/** The documented {@code touchpoint.scheduler.http*} properties bind, with their defaults. */
class WatchPropertiesTests {

	@Test
	void byDefaultTheSchedulerServesOnPort8080OfTheLoopbackAddressOnly() {
		WatchProperties properties = bind(Map.of());

		assertThat(properties.httpPort()).isEqualTo(8080);
		assertThat(properties.httpAddress()).isEqualTo("127.0.0.1");
		assertThat(properties.serves()).isTrue();
	}

	@Test
	void aPortOfMinusOneOrHttpEnabledFalseTurnsHttpOff() {
		assertThat(bind(Map.of("touchpoint.scheduler.http-port", "-1")).serves()).isFalse();
		assertThat(bind(Map.of("touchpoint.scheduler.http.enabled", "false")).serves()).isFalse();
		WatchProperties random = bind(Map.of("touchpoint.scheduler.http-port", "0", "touchpoint.scheduler.http-address", "0.0.0.0"));
		assertThat(random.serves()).isTrue();
		assertThat(random.httpPort()).isZero();
		assertThat(random.httpAddress()).isEqualTo("0.0.0.0");
	}

	private static WatchProperties bind(Map<String, String> properties) {
		return new Binder(new MapConfigurationPropertySource(properties))
			.bindOrCreate("touchpoint.scheduler", Bindable.of(WatchProperties.class));
	}
}
