package io.touchpoint.scheduler;

import java.time.Instant;
import java.time.LocalDate;

import org.quartz.JobDataMap;
import org.quartz.JobExecutionContext;
import org.quartz.JobKey;
import org.quartz.SchedulerException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One tenant's run of a schedule's firing, on whichever node acquired its one-shot trigger: hands it to
 * the node's {@link Launcher}. A refusal or a failure is logged (and alerted on by the application); it
 * is not retried here: a failed run is restarted by the next firing or by {@code touchpoint restart}.
 */
public final class TenantRunJob implements org.quartz.Job {

	static final String GROUP = "runs";

	static final JobKey KEY = JobKey.jobKey("tenant-run", GROUP);

	private static final Logger log = LoggerFactory.getLogger(TenantRunJob.class);

	static JobDataMap data(ScheduledRun run) {
		JobDataMap data = new JobDataMap();
		data.put("schedule", run.schedule());
		data.put("job", run.job());
		data.put("tenant", run.tenant());
		data.put("date", run.businessDate().toString());
		data.put("fireTime", run.fireTime().toString());
		return data;
	}

	@Override
	public void execute(JobExecutionContext context) {
		JobDataMap data = context.getMergedJobDataMap();
		ScheduledRun run = new ScheduledRun(data.getString("schedule"), data.getString("job"), data.getString("tenant"),
				LocalDate.parse(data.getString("date")), Instant.parse(data.getString("fireTime")));
		try {
			String outcome = SchedulerNode.launcher(context.getScheduler()).launch(run);
			log.info("Schedule {}: {}", run.schedule(), outcome);
		}
		catch (SchedulerException | RuntimeException ex) {
			log.warn("Schedule {}: {} for {} on {} not run: {}", run.schedule(), run.job(), run.tenant(), run.businessDate(),
					ex.getMessage());
		}
	}
}
