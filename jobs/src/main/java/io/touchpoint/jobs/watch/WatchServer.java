package io.touchpoint.jobs.watch;

import java.net.URI;
import java.time.LocalDateTime;
import java.util.Map;

import javax.sql.DataSource;

import io.micrometer.core.instrument.MeterRegistry;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.boot.web.server.PortInUseException;
import org.springframework.boot.web.server.servlet.context.AnnotationConfigServletWebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.MapPropertySource;

import io.touchpoint.jobs.config.InvalidConfigurationException;
import io.touchpoint.jobs.executions.ExecutionQueries;
import io.touchpoint.jobs.failures.FailureMessages;
import io.touchpoint.jobs.schedule.SchedulerNodes;
import io.touchpoint.jobs.schedule.SchedulerProperties;
import io.touchpoint.scheduler.SchedulerNode;

/**
 * Starts and stops the scheduler's HTTP server: a child web context ({@link WatchWebConfiguration}) of
 * the running application, on {@code touchpoint.scheduler.http-address}:{@code http-port}, with a
 * standby Quartz node to read the schedules from. Once it serves, {@link RunMetrics} records into its
 * registry, starting with the last-success gauges read from the metadata database.
 */
public final class WatchServer implements DisposableBean {

	private static final Logger log = LoggerFactory.getLogger(WatchServer.class);

	private final ConfigurableApplicationContext parent;

	private final SchedulerProperties properties;

	private final RunMetrics metrics;

	private final SchedulerNodes nodes;

	private final ExecutionQueries queries;

	private final DataSource metadata;

	private final String nodeId;

	private @Nullable AnnotationConfigServletWebServerApplicationContext web;

	private String address;

	private @Nullable SchedulerNode standby;

	WatchServer(ConfigurableApplicationContext parent, SchedulerProperties properties, RunMetrics metrics, SchedulerNodes nodes,
			ExecutionQueries queries, DataSource metadataDataSource, String nodeId) {
		this.metadata = metadataDataSource;
		this.parent = parent;
		this.properties = properties;
		this.metrics = metrics;
		this.nodes = nodes;
		this.queries = queries;
		this.nodeId = nodeId;
	}

	/** Whether {@code touchpoint.scheduler.http-port} and {@code .http.enabled} ask for HTTP. */
	public boolean enabled() {
		return properties.serves();
	}

	/** Serves on the configured address and port; returns the status page's URL. */
	public URI start() {
		return start(properties.httpAddress(), properties.httpPort());
	}

	/** Serves on this address and port (0: a free one); returns the status page's URL. Idempotent. */
	public synchronized URI start(String address, int port) {
		if (web != null) {
			return url();
		}
		standby = nodes.standby();
		AnnotationConfigServletWebServerApplicationContext context = new AnnotationConfigServletWebServerApplicationContext();
		context.setParent(parent);
		context.getEnvironment().getPropertySources().addFirst(new MapPropertySource("touchpoint-scheduler-http",
				Map.of("server.address", address, "server.port", Integer.toString(port),
						WatchOnlyAutoConfigurations.WEB_CONTEXT, "true")));
		context.register(WatchWebConfiguration.class);
		RecentExecutions executions = new RecentExecutions(queries, metadata);
		SchedulerNode reader = standby;
		context.registerBean(WatchWebConfiguration.StatusSource.class, () -> limit -> StatusPage.render(nodeId,
				reader.schedules().list(), executions.newest(limit), LocalDateTime.now()));
		try {
			context.refresh();
			metrics.attach(context.getBean(MeterRegistry.class));
		}
		catch (RuntimeException ex) {
			metrics.detach();
			context.close();
			closeStandby();
			throw refused(address, port, ex);
		}
		web = context;
		this.address = address;
		URI url = url();
		log.info("Scheduler HTTP: status page {}, health {}actuator/health, metrics {}actuator/prometheus", url, url, url);
		return url;
	}

	/** The status page's URL while serving, else null. */
	public synchronized @Nullable URI url() {
		if (web == null || web.getWebServer() == null) {
			return null;
		}
		String shown = address.equals("0.0.0.0") || address.equals("::") ? "localhost" : address;
		return URI.create("http://" + (shown.contains(":") ? "[" + shown + "]" : shown) + ":" + web.getWebServer().getPort() + "/");
	}

	public synchronized void stop() {
		metrics.detach();
		if (web != null) {
			web.close();
			web = null;
		}
		closeStandby();
	}

	/** The web context while serving (tests reach its health registry through it). */
	synchronized ConfigurableApplicationContext web() {
		return web;
	}

	@Override
	public void destroy() {
		stop();
	}

	private void closeStandby() {
		if (standby != null) {
			standby.close();
			standby = null;
		}
	}

	private static RuntimeException refused(String address, int port, RuntimeException ex) {
		for (Throwable t = ex; t != null; t = t.getCause() == t ? null : t.getCause()) {
			if (t instanceof PortInUseException) {
				return new InvalidConfigurationException("The scheduler cannot serve HTTP on " + address + ":" + port
						+ ": the port is in use. Set server.port (SERVER_PORT; "
						+ "touchpoint.scheduler.http-port wins when set) to a free port (0 picks one), "
						+ "or -1 to serve no HTTP.");
			}
		}
		return new IllegalStateException("The scheduler cannot serve HTTP on " + address + ":" + port + ": "
				+ FailureMessages.summarize(ex)
				+ ". Check server.address and server.port (SERVER_ADDRESS, SERVER_PORT), or set server.port to -1 to serve no HTTP.", ex);
	}
}
