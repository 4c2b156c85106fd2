package io.touchpoint.scheduler;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Properties;
import java.util.UUID;

import javax.sql.DataSource;

import org.quartz.JobBuilder;
import org.quartz.Scheduler;
import org.quartz.SchedulerException;
import org.quartz.impl.SchedulerRepository;
import org.quartz.impl.StdSchedulerFactory;
import org.quartz.utils.ConnectionProvider;
import org.quartz.utils.DBConnectionManager;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One Quartz scheduler over the JDBC job store in the metadata database ({@code QRTZ_*} tables),
 * clustered: every node of one metadata database shares the schedules, and each trigger fires on exactly
 * one node (Quartz row locks in {@code QRTZ_LOCKS}, check-ins in {@code QRTZ_SCHEDULER_STATE}; a node
 * that stops checking in has its in-flight triggers recovered by another). The job store runs its own
 * transactions ({@code JobStoreTX}) on connections from the given DataSource.
 *
 * <p>A node built with {@link #standby} is never started: the CLI uses it to read and change schedules.
 */
public final class SchedulerNode implements AutoCloseable {

	/** The Quartz scheduler name shared by every node of one cluster. */
	public static final String NAME = "touchpoint";

	private static final Logger log = LoggerFactory.getLogger(SchedulerNode.class);

	private static final String LAUNCHER = "touchpoint.launcher";

	private static final String DIRECTORY = "touchpoint.tenants";

	private final Scheduler scheduler;

	private final String dataSourceName;

	/**
	 * How a node runs: its id (unique in the cluster), worker threads, check-in and misfire intervals, and how long
	 * an idle node waits before it looks for due triggers again ({@code idleWait}, Quartz's {@code idleWaitTime}):
	 * a node learns at once of the triggers it queues itself, but of those another node queued (a schedule's
	 * tenant runs) only when it looks again.
	 */
	public record Settings(String instanceId, int threads, Duration checkinInterval, Duration misfireThreshold,
			Duration idleWait) {

		/** Quartz's default idle wait. */
		public static final Duration DEFAULT_IDLE_WAIT = Duration.ofSeconds(30);

		public Settings {
			if (instanceId == null || instanceId.isBlank()) {
				instanceId = defaultInstanceId();
			}
			if (threads < 1) {
				throw new IllegalArgumentException("touchpoint.scheduler.threads must be >= 1, got " + threads);
			}
			if (idleWait == null) {
				idleWait = DEFAULT_IDLE_WAIT;
			}
			if (idleWait.toMillis() < 1000) {
				throw new IllegalArgumentException("touchpoint.scheduler.idle-wait must be at least 1s, got " + idleWait);
			}
		}

		public Settings(String instanceId, int threads, Duration checkinInterval, Duration misfireThreshold) {
			this(instanceId, threads, checkinInterval, misfireThreshold, DEFAULT_IDLE_WAIT);
		}

		public static Settings defaults() {
			return new Settings(null, 4, Duration.ofSeconds(7), Duration.ofMinutes(1));
		}

		public Settings withInstanceId(String id) {
			return new Settings(id, threads, checkinInterval, misfireThreshold, idleWait);
		}

		static String defaultInstanceId() {
			String host;
			try {
				host = java.net.InetAddress.getLocalHost().getHostName();
			}
			catch (java.net.UnknownHostException ex) {
				host = "node";
			}
			return host + "-" + ProcessHandle.current().pid() + "-" + UUID.randomUUID().toString().substring(0, 8);
		}
	}

	private SchedulerNode(Scheduler scheduler, String dataSourceName) {
		this.scheduler = scheduler;
		this.dataSourceName = dataSourceName;
	}

	/** A node that will run triggers once {@link #start()}ed. */
	public static SchedulerNode create(DataSource dataSource, Settings settings, Launcher launcher, TenantDirectory tenants) {
		SchedulerNode node = build(dataSource, settings, settings.threads());
		try {
			node.scheduler.getContext().put(LAUNCHER, launcher);
			node.scheduler.getContext().put(DIRECTORY, tenants);
			node.scheduler.addJob(JobBuilder.newJob(TenantRunJob.class).withIdentity(TenantRunJob.KEY).storeDurably()
				.requestRecovery(true).build(), true);
			return node;
		}
		catch (SchedulerException ex) {
			node.close();
			throw new IllegalStateException("Cannot set up the scheduler: " + ex.getMessage(), ex);
		}
	}

	/** A node that is never started: for reading and changing schedules from the CLI. */
	public static SchedulerNode standby(DataSource dataSource) {
		return build(dataSource, Settings.defaults(), 1);
	}

	private static SchedulerNode build(DataSource dataSource, Settings settings, int threads) {
		String dataSourceName = "touchpoint-" + UUID.randomUUID();
		DBConnectionManager.getInstance().addConnectionProvider(dataSourceName, new Provider(dataSource));
		Properties properties = new Properties();
		properties.setProperty("org.quartz.scheduler.instanceName", NAME);
		properties.setProperty("org.quartz.scheduler.instanceId", settings.instanceId());
		properties.setProperty("org.quartz.scheduler.skipUpdateCheck", "true");
		properties.setProperty("org.quartz.threadPool.threadCount", Integer.toString(threads));
		properties.setProperty("org.quartz.scheduler.idleWaitTime", Long.toString(settings.idleWait().toMillis()));
		properties.setProperty("org.quartz.jobStore.class", "org.quartz.impl.jdbcjobstore.JobStoreTX");
		properties.setProperty("org.quartz.jobStore.driverDelegateClass", "org.quartz.impl.jdbcjobstore.StdJDBCDelegate");
		properties.setProperty("org.quartz.jobStore.dataSource", dataSourceName);
		properties.setProperty("org.quartz.jobStore.tablePrefix", "QRTZ_");
		properties.setProperty("org.quartz.jobStore.useProperties", "true");
		properties.setProperty("org.quartz.jobStore.isClustered", "true");
		properties.setProperty("org.quartz.jobStore.acquireTriggersWithinLock", "true");
		properties.setProperty("org.quartz.jobStore.clusterCheckinInterval", Long.toString(settings.checkinInterval().toMillis()));
		properties.setProperty("org.quartz.jobStore.misfireThreshold", Long.toString(settings.misfireThreshold().toMillis()));
		try {
			Scheduler scheduler;
			// Quartz keeps schedulers in a JVM-wide repository by name; every node has the cluster's name, so
			// take each out of the repository once built (as Spring's SchedulerFactoryBean does).
			synchronized (SchedulerRepository.getInstance()) {
				scheduler = new StdSchedulerFactory(properties).getScheduler();
				SchedulerRepository.getInstance().remove(NAME);
			}
			return new SchedulerNode(scheduler, dataSourceName);
		}
		catch (SchedulerException ex) {
			throw new IllegalStateException("Cannot create the scheduler over the metadata database: " + ex.getMessage()
					+ ". Its QRTZ_* tables come with the schema (touchpoint init).", ex);
		}
	}

	public Scheduler scheduler() {
		return scheduler;
	}

	public Schedules schedules() {
		return new Schedules(scheduler);
	}

	public String instanceId() {
		try {
			return scheduler.getSchedulerInstanceId();
		}
		catch (SchedulerException ex) {
			throw new IllegalStateException(ex);
		}
	}

	public void start() {
		try {
			scheduler.start();
			log.info("Scheduler node {} started", instanceId());
		}
		catch (SchedulerException ex) {
			throw new IllegalStateException("Cannot start the scheduler: " + ex.getMessage(), ex);
		}
	}

	/** Stops acquiring triggers; with {@code waitForRuns}, returns when the runs in progress have ended. */
	public void shutdown(boolean waitForRuns) {
		try {
			if (!scheduler.isShutdown()) {
				scheduler.shutdown(waitForRuns);
			}
		}
		catch (SchedulerException ex) {
			log.warn("Scheduler shutdown: {}", ex.getMessage());
		}
		finally {
			try {
				DBConnectionManager.getInstance().shutdown(dataSourceName);
			}
			catch (SQLException ex) {
				log.debug("Connection provider shutdown: {}", ex.getMessage());
			}
		}
	}

	@Override
	public void close() {
		shutdown(true);
	}

	static Launcher launcher(Scheduler scheduler) throws SchedulerException {
		return (Launcher) scheduler.getContext().get(LAUNCHER);
	}

	static TenantDirectory directory(Scheduler scheduler) throws SchedulerException {
		return (TenantDirectory) scheduler.getContext().get(DIRECTORY);
	}

	/** Quartz's connections come from the application's pool. */
	private record Provider(DataSource dataSource) implements ConnectionProvider {

		@Override
		public Connection getConnection() throws SQLException {
			return dataSource.getConnection();
		}

		@Override
		public void shutdown() {
		}

		@Override
		public void initialize() {
		}
	}
}
