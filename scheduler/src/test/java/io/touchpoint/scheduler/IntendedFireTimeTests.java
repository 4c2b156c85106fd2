package io.touchpoint.scheduler;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.TimeZone;

import org.junit.jupiter.api.Test;
import org.quartz.CronExpression;

class IntendedFireTimeTests {

	private static CronExpression cron(String expression, String zone) throws Exception {
		CronExpression cron = new CronExpression(expression);
		cron.setTimeZone(TimeZone.getTimeZone(zone));
		return cron;
	}

	@Test
	void anOnTimeFiringIsMeantForItsOwnScheduledTime() throws Exception {
		// 02:00 in Paris on 2026-11-20 is 01:00 UTC (CET, +1)
		Instant scheduled = Instant.parse("2026-11-20T01:00:00Z");
		assertThat(IntendedFireTime.of(cron("0 0 2 * * ?", "Europe/Paris"), scheduled)).isEqualTo(scheduled);
	}

	@Test
	void aMisfiredNightlyRunFiredHoursLateProcessesTheNightItWasMeantFor() throws Exception {
		// given the 02:00 Paris firing of 2026-11-20 missed, and fired "now" at 09:41:17 Paris (08:41:17 UTC)
		Instant firedLate = Instant.parse("2026-11-20T08:41:17Z");

		// when
		Instant intended = IntendedFireTime.of(cron("0 0 2 * * ?", "Europe/Paris"), firedLate);

		// then 02:00 Paris that day, and the business date one day back is the 19th
		assertThat(intended).isEqualTo(Instant.parse("2026-11-20T01:00:00Z"));
		assertThat(BusinessDates.of(intended, ZoneId.of("Europe/Paris"), 1)).isEqualTo(LocalDate.of(2026, 11, 19));
	}

	@Test
	void aRunFiredJustAfterMidnightForTheEveningScheduleKeepsThePreviousDay() throws Exception {
		// given 23:30 New York on 2026-11-19 (04:30 UTC on the 20th) missed, fired at 00:10 New York on the 20th
		Instant firedLate = Instant.parse("2026-11-20T05:10:00Z");

		Instant intended = IntendedFireTime.of(cron("0 30 23 * * ?", "America/New_York"), firedLate);

		assertThat(intended).isEqualTo(Instant.parse("2026-11-20T04:30:00Z"));
		assertThat(BusinessDates.of(intended, ZoneId.of("America/New_York"), 0)).isEqualTo(LocalDate.of(2026, 11, 19));
	}

	@Test
	void aMonthlyScheduleLooksBackFarEnough() throws Exception {
		// 06:00 UTC on the 1st of each month; fired late on the 3rd
		assertThat(IntendedFireTime.of(cron("0 0 6 1 * ?", "UTC"), Instant.parse("2026-12-03T10:00:00Z")))
			.isEqualTo(Instant.parse("2026-12-01T06:00:00Z"));
	}
}
