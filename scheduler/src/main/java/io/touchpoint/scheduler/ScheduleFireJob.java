package io.touchpoint.scheduler;

import java.text.ParseException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Arrays;
import java.util.List;
import java.util.TimeZone;

import org.quartz.CronExpression;
import org.quartz.CronTrigger;
import org.quartz.JobDataMap;
import org.quartz.JobExecutionContext;
import org.quartz.JobExecutionException;
import org.quartz.ObjectAlreadyExistsException;
import org.quartz.SchedulerException;
import org.quartz.SimpleScheduleBuilder;
import org.quartz.Trigger;
import org.quartz.TriggerBuilder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A schedule's cron trigger fired (on exactly one node of the cluster). It works out the fire time the
 * firing was meant for and its business date, then queues one run trigger per tenant for
 * {@link TenantRunJob}, so the tenants' runs spread over the cluster's nodes. A run trigger is named
 * after (schedule, tenant, fire time): the same firing can never queue a tenant twice.
 */
public final class ScheduleFireJob implements org.quartz.Job {

	private static final Logger log = LoggerFactory.getLogger(ScheduleFireJob.class);

	@Override
	public void execute(JobExecutionContext context) throws JobExecutionException {
		try {
			CronTrigger trigger = (CronTrigger) context.getTrigger();
			JobDataMap data = context.getMergedJobDataMap();
			ZoneId zone = Schedules.zone(trigger);
			CronExpression cron = new CronExpression(trigger.getCronExpression());
			cron.setTimeZone(TimeZone.getTimeZone(zone));
			Instant intended = IntendedFireTime.of(cron, context.getScheduledFireTime().toInstant());
			LocalDate date = BusinessDates.of(intended, zone, Integer.parseInt(data.getString(Schedules.DAYS_BACK)));
			String schedule = context.getJobDetail().getKey().getName();
			List<String> tenants = tenants(context, data.getString(Schedules.TENANTS));
			if (tenants.isEmpty()) {
				log.warn("Schedule {} fired for {} but there are no active tenants", schedule, date);
			}
			for (String tenant : tenants) {
				queue(context, new ScheduledRun(schedule, data.getString(Schedules.JOB), tenant, date, intended));
			}
			log.info("Schedule {} fired for {} (meant for {}): queued {} tenant run(s)", schedule, date, intended,
					tenants.size());
		}
		catch (ParseException | SchedulerException | RuntimeException ex) {
			throw new JobExecutionException("Schedule " + context.getJobDetail().getKey().getName() + " could not queue its runs: "
					+ ex.getMessage(), ex);
		}
	}

	private static List<String> tenants(JobExecutionContext context, String tenants) throws SchedulerException {
		if (!"*".equals(tenants)) {
			return Arrays.asList(tenants.split(","));
		}
		return SchedulerNode.directory(context.getScheduler()).activeTenants();
	}

	private static void queue(JobExecutionContext context, ScheduledRun run) throws SchedulerException {
		Trigger trigger = TriggerBuilder.newTrigger()
			.withIdentity(run.schedule() + "." + run.tenant() + "." + run.fireTime().getEpochSecond(), TenantRunJob.GROUP)
			.forJob(TenantRunJob.KEY)
			.usingJobData(TenantRunJob.data(run))
			.withSchedule(SimpleScheduleBuilder.simpleSchedule().withMisfireHandlingInstructionFireNow())
			.startNow()
			.build();
		try {
			context.getScheduler().scheduleJob(trigger);
		}
		catch (ObjectAlreadyExistsException ex) {
			log.info("Run of {} for {} on {} is already queued", run.job(), run.tenant(), run.businessDate());
		}
	}
}
