package io.touchpoint.jobs.schedule;

import java.time.Duration;
import java.time.LocalDateTime;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import javax.sql.DataSource;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;

import io.touchpoint.jobs.alerts.StaleRuns;
import io.touchpoint.jobs.executions.JobRuns;
import io.touchpoint.jobs.schedule.SchedulerConfiguration.NodeId;
import io.touchpoint.scheduler.SchedulerNode;
import io.touchpoint.scheduler.TenantDirectory;

/**
 * Builds Quartz nodes over the metadata database on demand: a standby one for the CLI, or this
 * process's running node ({@code touchpoint scheduler}). When the context closes (SIGTERM, Ctrl-C) the
 * running node stops acquiring triggers, asks the runs it launched to stop at their next chunk boundary
 * (they end STOPPED and restartable), and waits for them, before the databases close.
 */
public class SchedulerNodes implements DisposableBean {

	private static final Logger log = LoggerFactory.getLogger(SchedulerNodes.class);

	private final DataSource metadata;

	private final SchedulerProperties properties;

	private final NodeId nodeId;

	private final ScheduledLauncher launcher;

	private final TenantDirectory tenants;

	private final JobRuns runs;

	private final CountDownLatch stopped = new CountDownLatch(1);

	private volatile @Nullable SchedulerNode running;

	private final @Nullable StaleRuns staleRuns;

	private final Duration staleCheckInterval;

	private @Nullable ScheduledExecutorService staleTimer;

	SchedulerNodes(DataSource metadata, SchedulerProperties properties, NodeId nodeId, ScheduledLauncher launcher,
			TenantDirectory tenants, JobRuns runs, StaleRuns staleRuns, Duration staleCheckInterval) {
		this.staleRuns = staleRuns;
		this.staleCheckInterval = staleCheckInterval;
		this.metadata = metadata;
		this.properties = properties;
		this.nodeId = nodeId;
		this.launcher = launcher;
		this.tenants = tenants;
		this.runs = runs;
	}

	/** A node that only reads and changes schedules; close it when done. */
	public SchedulerNode standby() {
		return SchedulerNode.standby(metadata);
	}

	/** Starts this process's node, with the configured schedules synchronized into the job store first. */
	public synchronized SchedulerNode start() {
		if (running != null) {
			return running;
		}
		SchedulerNode node = SchedulerNode.create(metadata, properties.settings().withInstanceId(nodeId.value()), launcher,
				tenants);
		try {
			node.schedules().synchronize(properties.declared());
			node.start();
			running = node;
			startStaleChecks();
			return node;
		}
		catch (RuntimeException ex) {
			node.shutdown(false);
			throw ex;
		}
	}

	/**
	 * With {@code touchpoint.alerts.stale-after} set, checks every {@code stale-check-interval} (first a minute
	 * after start) for jobs that have not completed for that long, and alerts once a day per stale pair.
	 */
	private void startStaleChecks() {
		if (staleRuns == null || !staleRuns.enabled()) {
			return;
		}
		staleTimer = Executors.newSingleThreadScheduledExecutor(r -> {
			Thread thread = new Thread(r, "touchpoint-stale-check");
			thread.setDaemon(true);
			return thread;
		});
		long period = Math.max(1, staleCheckInterval.toSeconds());
		staleTimer.scheduleAtFixedRate(() -> {
			var sent = staleRuns.alertOncePerDay(LocalDateTime.now());
			if (!sent.isEmpty()) {
				log.info("Stale-run alerts sent for {}", sent.stream().map(s -> s.job() + "/" + s.tenant()).toList());
			}
		}, Math.min(60, period), period, TimeUnit.SECONDS);
	}

	/** Blocks until the running node has shut down. */
	public void awaitShutdown() throws InterruptedException {
		stopped.await();
	}

	/** Stops the running node gracefully (see the class comment); idempotent. */
	public synchronized void stop() {
		SchedulerNode node = running;
		if (node == null) {
			return;
		}
		running = null;
		if (staleTimer != null) {
			staleTimer.shutdownNow();
			staleTimer = null;
		}
		try {
			node.scheduler().standby();
		}
		catch (org.quartz.SchedulerException ex) {
			log.warn("Scheduler standby: {}", ex.getMessage());
		}
		List<Long> stopping = runs.stopRunsHere();
		if (!stopping.isEmpty()) {
			log.info("Stopping executions {} at their next chunk boundary; restart them with touchpoint restart ID", stopping);
		}
		node.shutdown(true);
		stopped.countDown();
		log.info("Scheduler node {} stopped", nodeId.value());
	}

	@Override
	public void destroy() {
		stop();
	}
}
