package io.touchpoint.scheduler;

import java.time.Instant;
import java.time.LocalDate;

import org.jspecify.annotations.Nullable;
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
 *
 * <p>The job requests recovery: should its node die mid-run (killed, power lost), Quartz's cluster manager
 * on another node sees the node's check-ins stop and fires the run again there, as a recovering job; this
 * job then hands it to {@link Launcher#launchRecovered} with the failed node's id, which continues the
 * execution the failed node left (see {@link RunGuard}).
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

	/**
	 * The node whose run a recovery trigger re-fires: Quartz names the triggers it makes for the in-flight jobs
	 * of a failed node {@code recover_<instance id>_<number>}; null for any other name.
	 */
	static @Nullable String failedNode(String recoveryTrigger) {
		String prefix = "recover_";
		int end = recoveryTrigger.lastIndexOf('_');
		return recoveryTrigger.startsWith(prefix) && end > prefix.length() ? recoveryTrigger.substring(prefix.length(), end)
				: null;
	}

	@Override
	public void execute(JobExecutionContext context) {
		JobDataMap data = context.getMergedJobDataMap();
		ScheduledRun run = new ScheduledRun(data.getString("schedule"), data.getString("job"), data.getString("tenant"),
				LocalDate.parse(data.getString("date")), Instant.parse(data.getString("fireTime")));
		try {
			Launcher launcher = SchedulerNode.launcher(context.getScheduler());
			String failedNode = context.isRecovering() ? failedNode(context.getTrigger().getKey().getName()) : null;
			if (failedNode != null) {
				log.info("Schedule {}: recovering {} for {} on {}, left running by failed node {}", run.schedule(), run.job(),
						run.tenant(), run.businessDate(), failedNode);
			}
			String outcome = failedNode == null ? launcher.launch(run) : launcher.launchRecovered(run, failedNode);
			log.info("Schedule {}: {}", run.schedule(), outcome);
		}
		catch (SchedulerException | RuntimeException ex) {
			log.warn("Schedule {}: {} for {} on {} not run: {}", run.schedule(), run.job(), run.tenant(), run.businessDate(),
					ex.getMessage());
		}
	}
}
