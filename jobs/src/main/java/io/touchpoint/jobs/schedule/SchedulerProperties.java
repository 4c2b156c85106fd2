package io.touchpoint.jobs.schedule;

import java.time.Duration;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Positive;
import org.hibernate.validator.constraints.time.DurationMin;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

import io.touchpoint.scheduler.MisfirePolicy;
import io.touchpoint.scheduler.Schedule;
import io.touchpoint.scheduler.SchedulerNode;

/**
 * {@code touchpoint.scheduler.*}: how a scheduler node runs, the schedules declared in configuration
 * ({@code touchpoint.scheduler.schedules.<name>.cron=0 30 2 * * ?} and so on), the active tenants
 * ({@code touchpoint.scheduler.tenants}), and where {@code touchpoint scheduler} serves its health, metrics and
 * status page: {@code http-port} (0 picks a free port, -1 turns HTTP off), {@code http-address} (loopback by default:
 * nothing is authenticated) and {@code http.enabled}. application.properties defaults the port and address to Spring
 * Boot's {@code server.port} and {@code server.address} ({@code SERVER_PORT}, {@code SERVER_ADDRESS}), the documented
 * way to set them; {@code http-port} and {@code http-address} are aliases that win when set.
 *
 * @param instanceId       this node's id among launchers and scheduler nodes; host name and process id when unset
 * @param threads          runs one node launches at once
 * @param checkinInterval  how often a node tells the others it is alive
 * @param misfireThreshold how late a trigger may fire before its misfire policy applies
 * @param idleWait         how long an idle node waits before it looks for due triggers again
 * @param schedules        the schedules declared in configuration, by name
 * @param tenants          the active tenants, besides every tenant with an API connection
 * @param httpPort         the scheduler's HTTP port (0 picks a free port, -1 turns HTTP off)
 * @param httpAddress      the address the scheduler's HTTP server binds
 * @param http             whether the scheduler serves HTTP at all
 */
@Validated
@ConfigurationProperties("touchpoint.scheduler")
public record SchedulerProperties(String instanceId, @DefaultValue("4") @Positive int threads,
		@DefaultValue("7s") @DurationMin(nanos = 0, inclusive = false, message = "must be positive, such as 7s") Duration checkinInterval,
		@DefaultValue("60s") @DurationMin(nanos = 0, inclusive = false,
				message = "must be positive, such as 60s") Duration misfireThreshold,
		@DefaultValue("30s") @DurationMin(seconds = 1, message = "must be at least 1s, such as 30s") Duration idleWait,
		Map<String, ScheduleProperties> schedules, List<String> tenants,
		@DefaultValue("8080") @Min(-1) @Max(65535) int httpPort, @DefaultValue("127.0.0.1") @NotBlank String httpAddress,
		@DefaultValue Http http) {

	public SchedulerProperties {
		schedules = schedules == null ? Map.of() : schedules;
		tenants = tenants == null ? List.of() : tenants.stream().map(String::strip).filter(t -> !t.isEmpty()).toList();
		http = http == null ? new Http(true) : http;
	}

	/**
	 * {@code touchpoint.scheduler.http.enabled}: false turns the HTTP server off, as a port of -1 does.
	 *
	 * @param enabled false turns the HTTP server off, as a port of -1 does
	 */
	public record Http(@DefaultValue("true") boolean enabled) {
	}

	/** Whether the scheduler serves HTTP at all. */
	public boolean serves() {
		return http.enabled() && httpPort >= 0;
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
