package io.touchpoint.scheduler;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.Date;
import java.util.List;
import java.util.Objects;
import java.util.TimeZone;

import org.jspecify.annotations.Nullable;
import org.quartz.CronExpression;
import org.quartz.CronScheduleBuilder;
import org.quartz.CronTrigger;
import org.quartz.JobBuilder;
import org.quartz.JobDataMap;
import org.quartz.JobDetail;
import org.quartz.JobKey;
import org.quartz.Scheduler;
import org.quartz.SchedulerException;
import org.quartz.Trigger;
import org.quartz.TriggerBuilder;
import org.quartz.TriggerKey;
import org.quartz.impl.matchers.GroupMatcher;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The schedules, kept in Quartz's job store (so every node and the CLI see the same ones): one durable
 * Quartz job and one cron trigger per schedule, in group {@value #GROUP}. Schedules from configuration
 * are marked {@code config} and synchronized when a node starts; those added at runtime are marked
 * {@code cli} and left alone by that synchronization. Pausing is Quartz's trigger pause, so it holds
 * across nodes and restarts.
 */
public final class Schedules {

	private static final Logger log = LoggerFactory.getLogger(Schedules.class);

	static final String GROUP = "schedules";

	static final String JOB = "job";

	static final String TENANTS = "tenants";

	static final String DAYS_BACK = "daysBack";

	static final String ORIGIN = "origin";

	private static final String ALL = "*";

	private final Scheduler scheduler;

	public Schedules(Scheduler scheduler) {
		this.scheduler = scheduler;
	}

	/** A schedule with where it came from, whether it is paused and its next fire time. */
	public record Entry(Schedule schedule, String origin, boolean paused, @Nullable Instant nextFire) {
	}

	/** A future fire time and the business date that firing will process. */
	public record Fire(ZonedDateTime at, LocalDate businessDate) {
	}

	public List<Entry> list() {
		return call(() -> {
			List<Entry> entries = new ArrayList<>();
			for (JobKey key : scheduler.getJobKeys(GroupMatcher.jobGroupEquals(GROUP))) {
				Entry entry = entry(key.getName());
				if (entry != null) {
					entries.add(entry);
				}
			}
			entries.sort(Comparator.comparing(e -> e.schedule().name()));
			return entries;
		});
	}

	/** The schedule, or an exception naming the known ones. */
	public Entry get(String name) {
		Entry entry = call(() -> entry(name));
		if (entry == null) {
			throw new IllegalArgumentException("No schedule named '" + name + "' (see touchpoint schedules list)");
		}
		return entry;
	}

	/** Adds a schedule; an existing one of that name is refused unless {@code replace}. Keeps a paused schedule paused. */
	public void add(Schedule schedule, String origin, boolean replace) {
		add(schedule, origin, replace, null);
	}

	/** As {@link #add(Schedule, String, boolean)}, firing from {@code startAt} (tests: a fire time in the past). */
	public void add(Schedule schedule, String origin, boolean replace, @Nullable Instant startAt) {
		run(() -> {
			Entry existing = entry(schedule.name());
			if (existing != null && !replace) {
				throw new IllegalArgumentException("A schedule named '" + schedule.name() + "' exists; remove it first");
			}
			JobDataMap data = new JobDataMap();
			data.put(JOB, schedule.job());
			data.put(TENANTS, schedule.allTenants() ? ALL : String.join(",", schedule.tenants()));
			data.put(DAYS_BACK, Integer.toString(schedule.daysBack()));
			data.put(ORIGIN, origin);
			JobDetail detail = JobBuilder.newJob(ScheduleFireJob.class)
				.withIdentity(schedule.name(), GROUP)
				.withDescription(schedule.job() + " " + schedule.cron() + " " + schedule.zone())
				.usingJobData(data)
				.storeDurably()
				.build();
			TriggerBuilder<CronTrigger> trigger = TriggerBuilder.newTrigger()
				.withIdentity(schedule.name(), GROUP)
				.forJob(detail)
				.withSchedule(cron(schedule));
			if (startAt != null) {
				trigger.startAt(Date.from(startAt));
			}
			scheduler.scheduleJob(detail, java.util.Set.of(trigger.build()), true);
			if (existing != null && existing.paused()) {
				scheduler.pauseTrigger(TriggerKey.triggerKey(schedule.name(), GROUP));
			}
		});
	}

	/**
	 * Makes the configured schedules the ones marked {@code config}: adds new ones, replaces changed ones
	 * (keeping a pause), removes config schedules no longer configured. Runtime ({@code cli}) schedules stay.
	 */
	public void synchronize(List<Schedule> configured) {
		for (Schedule schedule : configured) {
			Entry existing = call(() -> entry(schedule.name()));
			if (existing == null || !existing.schedule().equals(schedule) || !"config".equals(existing.origin())) {
				if (existing != null && !"config".equals(existing.origin())) {
					log.warn("Schedule {} from configuration replaces the one added at runtime", schedule.name());
				}
				add(schedule, "config", true);
				log.info("Schedule {} from configuration: {} at '{}' ({})", schedule.name(), schedule.job(), schedule.cron(),
						schedule.zone());
			}
		}
		List<String> names = configured.stream().map(Schedule::name).toList();
		for (Entry entry : list()) {
			if ("config".equals(entry.origin()) && !names.contains(entry.schedule().name())) {
				remove(entry.schedule().name());
				log.info("Schedule {} is no longer configured: removed", entry.schedule().name());
			}
		}
	}

	public void pause(String name) {
		get(name);
		run(() -> scheduler.pauseTrigger(TriggerKey.triggerKey(name, GROUP)));
	}

	public void resume(String name) {
		get(name);
		run(() -> scheduler.resumeTrigger(TriggerKey.triggerKey(name, GROUP)));
	}

	public void remove(String name) {
		get(name);
		run(() -> scheduler.deleteJob(JobKey.jobKey(name, GROUP)));
	}

	/** The next {@code count} fire times after {@code from}, in the schedule's zone, with their business dates. */
	public List<Fire> next(String name, int count, Instant from) {
		Schedule schedule = get(name).schedule();
		CronExpression cron = schedule.cronExpression();
		List<Fire> fires = new ArrayList<>();
		Date next = cron.getNextValidTimeAfter(Date.from(from));
		while (next != null && fires.size() < count) {
			fires.add(new Fire(next.toInstant().atZone(schedule.zone()),
					BusinessDates.of(next.toInstant(), schedule.zone(), schedule.daysBack())));
			next = cron.getNextValidTimeAfter(next);
		}
		return fires;
	}

	private @Nullable Entry entry(String name) throws SchedulerException {
		JobDetail detail = scheduler.getJobDetail(JobKey.jobKey(name, GROUP));
		Trigger trigger = scheduler.getTrigger(TriggerKey.triggerKey(name, GROUP));
		if (detail == null || !(trigger instanceof CronTrigger cron)) {
			return null;
		}
		JobDataMap data = detail.getJobDataMap();
		String tenants = data.getString(TENANTS);
		Schedule schedule = new Schedule(name, data.getString(JOB), cron.getCronExpression(), cron.getTimeZone().toZoneId(),
				ALL.equals(tenants) ? List.of() : Arrays.asList(tenants.split(",")),
				Integer.parseInt(Objects.requireNonNullElse(data.getString(DAYS_BACK), "1")),
				MisfirePolicy.of(cron.getMisfireInstruction()));
		boolean paused = scheduler.getTriggerState(trigger.getKey()) == Trigger.TriggerState.PAUSED;
		Date next = trigger.getNextFireTime();
		return new Entry(schedule, data.getString(ORIGIN), paused, next == null ? null : next.toInstant());
	}

	static CronScheduleBuilder cron(Schedule schedule) {
		CronScheduleBuilder builder = CronScheduleBuilder.cronSchedule(schedule.cron())
			.inTimeZone(TimeZone.getTimeZone(schedule.zone()));
		return switch (schedule.misfire()) {
			case FIRE_ONCE -> builder.withMisfireHandlingInstructionFireAndProceed();
			case FIRE_ALL -> builder.withMisfireHandlingInstructionIgnoreMisfires();
			case SKIP -> builder.withMisfireHandlingInstructionDoNothing();
		};
	}

	static ZoneId zone(CronTrigger trigger) {
		return trigger.getTimeZone().toZoneId();
	}

	private interface SchedulerCall<T extends @Nullable Object> {
		T call() throws SchedulerException;
	}

	private interface SchedulerRun {
		void run() throws SchedulerException;
	}

	private static <T extends @Nullable Object> T call(SchedulerCall<T> call) {
		try {
			return call.call();
		}
		catch (SchedulerException ex) {
			throw new IllegalStateException("The scheduler's job store failed: " + ex.getMessage(), ex);
		}
	}

	private static void run(SchedulerRun run) {
		call(() -> {
			run.run();
			return null;
		});
	}
}
