package io.touchpoint.scheduler;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Date;

import org.quartz.JobExecutionContext;

/**
 * The business date a scheduled run processes, derived from the trigger's <em>scheduled</em> fire time
 * in the schedule's time zone, never from the clock: a misfired trigger that runs hours late still
 * processes the night it was meant for. A nightly schedule firing at 02:00 processes the previous day
 * ({@code daysBack} = 1).
 */
public final class BusinessDates {

	private BusinessDates() {
	}

	public static LocalDate of(Instant scheduledFireTime, ZoneId zone, int daysBack) {
		if (daysBack < 0) {
			throw new IllegalArgumentException("daysBack must be >= 0, got " + daysBack);
		}
		return scheduledFireTime.atZone(zone).toLocalDate().minusDays(daysBack);
	}

	/** From a Quartz context: its scheduled fire time, not the actual one. */
	public static LocalDate of(JobExecutionContext context, ZoneId zone, int daysBack) {
		Date scheduled = context.getScheduledFireTime();
		if (scheduled == null) {
			throw new IllegalStateException("Trigger " + context.getTrigger().getKey() + " has no scheduled fire time");
		}
		return of(scheduled.toInstant(), zone, daysBack);
	}
}
