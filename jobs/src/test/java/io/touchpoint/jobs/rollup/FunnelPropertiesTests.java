package io.touchpoint.jobs.rollup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

import io.touchpoint.jobs.config.TouchpointProperties;

/** touchpoint.funnels.* as the application binds it: steps from a comma-separated list, the window, the checks. */
class FunnelPropertiesTests {

	@Test
	void aFunnelBindsFromACommaSeparatedListWithAThirtyDayWindowByDefault() {
		// when
		FunnelProperties funnels = bind(Map.of("touchpoint.funnels.trial.steps", "page:/pricing, event:Signed Up,purchase",
				"touchpoint.funnels.fast.steps", "event:Opened App,purchase", "touchpoint.funnels.fast.window", "12h"));

		// then funnels come in name order, each step parsed
		assertThat(funnels.funnels().keySet()).containsExactly("fast", "trial");
		assertThat(funnels.funnels().get("trial").window()).isEqualTo(Duration.ofDays(30));
		assertThat(funnels.funnels().get("fast").window()).isEqualTo(Duration.ofHours(12));
		assertThat(funnels.steps().get("trial")).containsExactly(new FunnelProperties.Step(1, "page:/pricing", "page", "/pricing"),
				new FunnelProperties.Step(2, "event:Signed Up", "event", "Signed Up"),
				new FunnelProperties.Step(3, "purchase", "purchase", ""));
		assertThat(funnels.longest()).isEqualTo(3);
		assertThat(bind(Map.of()).funnels()).isEmpty();
		assertThat(FunnelProperties.none().longest()).isZero();
	}

	@Test
	void aBadFunnelIsRefusedWithAMessageNamingTheProperty() {
		assertThatThrownBy(() -> bind(Map.of("touchpoint.funnels.trial.steps", "page:/pricing,signup")))
			.isInstanceOf(IllegalArgumentException.class)
			.hasMessage("touchpoint.funnels.trial.steps: step 2 'signup' is not page:<URL path>, event:<event name> or "
					+ "purchase");
		assertThatThrownBy(() -> bind(Map.of("touchpoint.funnels.trial.steps", "page:pricing,purchase")))
			.hasMessageStartingWith("touchpoint.funnels.trial.steps: step 1 'page:pricing' names a page by its URL path");
		assertThatThrownBy(() -> bind(Map.of("touchpoint.funnels.trial.window", "7d")))
			.hasMessageStartingWith("touchpoint.funnels.trial.steps must list at least two steps");
		assertThatThrownBy(() -> bind(Map.of("touchpoint.funnels.trial.steps", "event:A,event:B",
				"touchpoint.funnels.trial.window", "0s")))
			.hasMessage("touchpoint.funnels.trial.window must be positive (e.g. 30d, 12h); it is PT0S");
		assertThatThrownBy(() -> new FunnelProperties(Map.of("t", new TouchpointProperties.Funnel(List.of("event:", "purchase"),
				null)))).hasMessageContaining("step 1 'event:'");
	}

	/** As the application makes them: bound into {@link TouchpointProperties}, then checked. */
	private static FunnelProperties bind(Map<String, String> properties) {
		return new FunnelProperties(new Binder(new MapConfigurationPropertySource(properties))
			.bindOrCreate("touchpoint", TouchpointProperties.class)
			.funnels());
	}
}
