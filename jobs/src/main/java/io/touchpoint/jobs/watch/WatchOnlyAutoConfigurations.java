package io.touchpoint.jobs.watch;

import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;
import org.springframework.boot.autoconfigure.AutoConfigurationImportFilter;
import org.springframework.boot.autoconfigure.AutoConfigurationMetadata;
import org.springframework.context.EnvironmentAware;
import org.springframework.core.env.Environment;

/**
 * Keeps Actuator, Micrometer and observation auto-configuration out of every context but the scheduler's
 * web context ({@link WatchServer}). Their jars are on the classpath for {@code touchpoint scheduler}, and
 * would otherwise configure themselves in every command: a second or two more per command start on a
 * small machine (JVM metrics, endpoints, a Jackson 2 mapper), and an observation registry that Spring
 * Batch would time every step and chunk with during the runs themselves.
 */
public final class WatchOnlyAutoConfigurations implements AutoConfigurationImportFilter, EnvironmentAware {

	/** Set (internally) in the scheduler's web context only. */
	static final String WEB_CONTEXT = "touchpoint.scheduler.http.web-context";

	private static final Pattern OPERATIONAL = Pattern.compile(
			"^org\\.springframework\\.boot\\.(actuate|health|micrometer)\\.|\\.autoconfigure\\.(.+\\.)?(actuate|metrics|health|observation)\\.");

	private @Nullable Environment environment;

	@Override
	public void setEnvironment(Environment environment) {
		this.environment = environment;
	}

	@Override
	public boolean[] match(String[] autoConfigurationClasses, AutoConfigurationMetadata autoConfigurationMetadata) {
		boolean web = environment != null && environment.getProperty(WEB_CONTEXT, Boolean.class, false);
		boolean[] match = new boolean[autoConfigurationClasses.length];
		for (int i = 0; i < autoConfigurationClasses.length; i++) {
			String name = autoConfigurationClasses[i];
			match[i] = web || name == null || !OPERATIONAL.matcher(name).find();
		}
		return match;
	}
}
