package io.touchpoint.jobs.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import io.touchpoint.jobs.TouchpointApplication;
import io.touchpoint.jobs.config.Endpoints;
import io.touchpoint.jobs.config.InvalidConfigurationException;
import io.touchpoint.jobs.schema.SchemaMigrator;

/**
 * A running application for one command: the Spring context over the configured (or embedded)
 * databases and S3. Its beans are created lazily, when the command first uses them, so a command pays for the
 * few it uses; a command that overrides {@code spring.main.lazy-initialization=false} (the scheduler) gets them all. The embedded default migrates its schema on start; against external databases a
 * missing migration is refused with a pointer to {@code touchpoint init}.
 */
public final class Session implements AutoCloseable {

	private final ConfigurableApplicationContext context;

	private Session(ConfigurableApplicationContext context) {
		this.context = context;
	}

	public static Session open(Path home, boolean migrate, String... extraProperties) {
		List<String> properties = new ArrayList<>();
		properties.add("touchpoint.home=" + home.toAbsolutePath().normalize());
		// a command creates the beans it uses, when it uses them: most use a few of them (docs/performance.md)
		properties.add("spring.main.lazy-initialization=true");
		ConfigurableApplicationContext context = new SpringApplicationBuilder(TouchpointApplication.class)
			.web(WebApplicationType.NONE)
			.logStartupInfo(false)
			.properties(properties.toArray(String[]::new))
			.run(commandLine(extraProperties));
		Session session = new Session(context);
		if (migrate) {
			try {
				session.requireSchema();
			}
			catch (RuntimeException ex) {
				session.close();
				throw ex;
			}
		}
		return session;
	}

	/**
	 * Settings given on the command line ({@code key=value}, a later one for the same key winning) as Spring Boot's
	 * command-line arguments: they outrank the environment and application.properties, as Boot's convention has it
	 * (default properties would lose to a key application.properties also sets).
	 */
	public static String[] commandLine(String... settings) {
		java.util.Map<String, String> byKey = new java.util.LinkedHashMap<>();
		for (String setting : settings) {
			int eq = setting.indexOf('=');
			byKey.put(eq < 0 ? setting : setting.substring(0, eq), setting);
		}
		return byKey.values().stream().map(setting -> "--" + setting).toArray(String[]::new);
	}

	/**
	 * Makes sure the databases have the schema: the embedded default migrates as it opens its stack; against
	 * external databases a missing migration is refused with a pointer to {@code touchpoint init}. A command that
	 * first checks what needs no database (a source name) opens its session without this, then calls it.
	 */
	public void requireSchema() {
		if (!endpoints().embedded()) {
			List<String> pending = bean(SchemaMigrator.class).pending();
			if (!pending.isEmpty()) {
				throw new InvalidConfigurationException("The databases are missing " + pending.size()
						+ " schema script(s) (" + String.join(", ", pending) + "): run `touchpoint init` first.");
			}
		}
	}

	public <T> T bean(Class<T> type) {
		return context.getBean(type);
	}

	/** The bean of {@code type}, or null when this session's configuration has none (as the embedded stack in external mode). */
	public <T> T beanIfAny(Class<T> type) {
		return context.getBeanProvider(type).getIfAvailable();
	}

	public <T> T bean(String name, Class<T> type) {
		return context.getBean(name, type);
	}

	/** Blocks until the application context closes (SIGTERM or Ctrl-C close it through Spring's shutdown hook). */
	public void awaitClose() throws InterruptedException {
		java.util.concurrent.CountDownLatch closed = new java.util.concurrent.CountDownLatch(1);
		context.addApplicationListener(
				(org.springframework.context.ApplicationListener<org.springframework.context.event.ContextClosedEvent>) event -> closed
					.countDown());
		if (context.isActive()) {
			closed.await();
		}
	}

	public Endpoints endpoints() {
		return bean(Endpoints.class);
	}

	@Override
	public void close() {
		context.close();
	}
}
