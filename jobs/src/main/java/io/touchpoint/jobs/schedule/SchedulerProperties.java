package io.touchpoint.jobs.schedule;

import java.time.Duration;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import jakarta.validation.constraints.Positive;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

import io.touchpoint.scheduler.MisfirePolicy;
import io.touchpoint.scheduler.Schedule;
import io.touchpoint.scheduler.SchedulerNode;

/**
 * {@code touchpoint.scheduler.*}: how a scheduler node runs, and the schedules declared in configuration
 * ({@code touchpoint.scheduler.schedules.<name>.cron=0 30 2 * * ?} and so on).
 */
@Validated
@ConfigurationProperties("touchpoint.scheduler")
public record SchedulerProperties(String instanceId, @DefaultValue("4") @Positive int threads,
		@DefaultValue("7s") Duration checkinInterval, @DefaultValue("60s") Duration misfireThreshold,
		@DefaultValue("30s") Duration idleWait, Map<String, ScheduleProperties> schedules) {

	public SchedulerProperties {
		schedules = schedules == null ? Map.of() : schedules;
	}

	/** One configured schedule; {@code tenants} empty (or {@code *}) means all active tenants. */
	public record ScheduleProperties(@DefaultValue("nightly") String job, String cron, @DefaultValue("UTC") String zone,
			List<String> tenants, @DefaultValue("1") int daysBack, @DefaultValue("fire-once") String misfire) {
	}

	public SchedulerNode.Settings settings() {
		return new SchedulerNode.Settings(instanceId, threads, checkinInterval, misfireThreshold, idleWait);
	}

	/** The configured schedules, validated (a bad cron or zone fails naming the schedule). */
	public List<Schedule> declared() {
		List<Schedule> declared = new ArrayList<>();
		schedules.forEach((name, p) -> {
			List<String> tenants = p.tenants() == null || p.tenants().equals(List.of("*")) ? List.of() : p.tenants();
			ZoneId zone;
			try {
				zone = ZoneId.of(p.zone());
			}
			catch (java.time.DateTimeException ex) {
				throw new IllegalArgumentException("Schedule " + name + ": unknown time zone '" + p.zone() + "' (e.g. Europe/Paris)");
			}
			declared.add(new Schedule(name, p.job(), p.cron(), zone, tenants, p.daysBack(), MisfirePolicy.parse(p.misfire())));
		});
		return declared;
	}
}
