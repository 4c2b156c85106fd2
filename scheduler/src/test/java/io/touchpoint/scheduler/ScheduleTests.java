package io.touchpoint.scheduler;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.ZoneId;
import java.util.List;

import org.junit.jupiter.api.Test;

class ScheduleTests {

	@Test
	void aScheduleNormalizesItsTenantsAndDefaults() {
		Schedule schedule = new Schedule("nightly-eu", "nightly", "0 30 2 * * ?", null, List.of(" acme", "globex", "acme"), 1,
				null);
		assertThat(schedule.tenants()).containsExactly("acme", "globex");
		assertThat(schedule.zone()).isEqualTo(ZoneId.of("UTC"));
		assertThat(schedule.misfire()).isEqualTo(MisfirePolicy.FIRE_ONCE);
		assertThat(new Schedule("all", "nightly", "0 0 3 * * ?", null, List.of(), 1, null).allTenants()).isTrue();
	}

	@Test
	void aBadCronExpressionIsRefusedWithTheExpectedShape() {
		assertThatThrownBy(() -> new Schedule("x", "nightly", "30 2 * * *", null, List.of(), 1, null))
			.isInstanceOf(IllegalArgumentException.class)
			.hasMessageContaining("'30 2 * * *' is not a Quartz cron expression")
			.hasMessageContaining("seconds minutes hours");
		assertThatThrownBy(() -> new Schedule("Bad Name", "nightly", "0 0 2 * * ?", null, List.of(), 1, null))
			.hasMessageContaining("a-z, 0-9");
	}

	@Test
	void misfirePoliciesParseTheirLabels() {
		assertThat(MisfirePolicy.parse("fire-once")).isEqualTo(MisfirePolicy.FIRE_ONCE);
		assertThat(MisfirePolicy.parse("FIRE_ALL")).isEqualTo(MisfirePolicy.FIRE_ALL);
		assertThat(MisfirePolicy.SKIP.label()).isEqualTo("skip");
		assertThatThrownBy(() -> MisfirePolicy.parse("later")).hasMessageContaining("fire-once, fire-all or skip");
	}
}
