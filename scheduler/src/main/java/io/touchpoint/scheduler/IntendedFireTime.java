package io.touchpoint.scheduler;

import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;

import org.quartz.CronExpression;

/**
 * The fire time a firing was meant for. Normally the trigger's scheduled fire time; but a misfired
 * trigger under the fire-once policy is fired "now", so its scheduled fire time is whenever a node picked
 * it up. The intended time is then the latest time at or before it that the cron expression allows:
 * a nightly schedule that missed 02:00 and ran at 09:40 still processes the night it was meant for.
 */
public final class IntendedFireTime {

	private static final List<Duration> WINDOWS = List.of(Duration.ofMinutes(2), Duration.ofHours(2), Duration.ofDays(2),
			Duration.ofDays(32), Duration.ofDays(367), Duration.ofDays(366 * 8 + 2));

	private IntendedFireTime() {
	}

	/** The latest instant at or before {@code scheduled} that satisfies {@code cron}; {@code scheduled} if none. */
	public static Instant of(CronExpression cron, Instant scheduled) {
		for (Duration window : WINDOWS) {
			Instant latest = null;
			Date next = cron.getNextValidTimeAfter(Date.from(scheduled.minus(window)));
			while (next != null && !next.toInstant().isAfter(scheduled)) {
				latest = next.toInstant();
				next = cron.getNextValidTimeAfter(next);
			}
			if (latest != null) {
				return latest;
			}
		}
		return scheduled;
	}
}
