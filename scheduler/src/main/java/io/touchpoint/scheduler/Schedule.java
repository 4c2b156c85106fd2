package io.touchpoint.scheduler;

import java.text.ParseException;
import java.time.ZoneId;
import java.util.List;
import java.util.regex.Pattern;

import org.quartz.CronExpression;

/**
 * A schedule: a job launched for some tenants whenever a cron expression fires in a time zone. The run of
 * each tenant processes the business date {@code daysBack} days before the scheduled fire time's local
 * date. An empty tenant list means every active tenant at fire time.
 *
 * @param name unique name (a-z, 0-9, {@code -} and {@code _})
 * @param job the Spring Batch job to launch (e.g. {@code nightly})
 * @param cron a Quartz cron expression: seconds, minutes, hours, day of month, month, day of week[, year]
 * @param zone the time zone the cron expression and the business date are read in
 * @param tenants the tenants, or empty for all active tenants
 * @param daysBack how many days before the fire time's local date the business date is (1 for a nightly run)
 * @param misfire what to do about missed fire times
 */
public record Schedule(String name, String job, String cron, ZoneId zone, List<String> tenants, int daysBack,
		MisfirePolicy misfire) {

	private static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9_-]{0,99}");

	public Schedule {
		if (name == null || !NAME.matcher(name).matches()) {
			throw new IllegalArgumentException("Schedule name '" + name + "' must be 1-100 of a-z, 0-9, - and _");
		}
		if (job == null || job.isBlank()) {
			throw new IllegalArgumentException("Schedule " + name + " names no job");
		}
		if (cron == null || !CronExpression.isValidExpression(cron)) {
			throw new IllegalArgumentException("Schedule " + name + ": '" + cron + "' is not a Quartz cron expression "
					+ "(seconds minutes hours day-of-month month day-of-week [year], e.g. '0 30 2 * * ?'): " + cronError(cron));
		}
		if (zone == null) {
			zone = ZoneId.of("UTC");
		}
		tenants = tenants == null ? List.of() : tenants.stream().map(String::trim).filter(t -> !t.isEmpty()).distinct().toList();
		if (daysBack < 0) {
			throw new IllegalArgumentException("Schedule " + name + ": days-back must be >= 0, got " + daysBack);
		}
		if (misfire == null) {
			misfire = MisfirePolicy.FIRE_ONCE;
		}
	}

	/** True when the schedule runs every active tenant rather than a list. */
	public boolean allTenants() {
		return tenants.isEmpty();
	}

	CronExpression cronExpression() {
		try {
			CronExpression expression = new CronExpression(cron);
			expression.setTimeZone(java.util.TimeZone.getTimeZone(zone));
			return expression;
		}
		catch (ParseException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static String cronError(String cron) {
		try {
			new CronExpression(cron);
			return "";
		}
		catch (ParseException | RuntimeException ex) {
			return ex.getMessage();
		}
	}
}
