package io.touchpoint.jobs.progress;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The application's {@link ProgressMeters}, decided once when it starts: {@code touchpoint.progress.mode},
 * and for {@code auto} whether stderr is a terminal. A terminal line is written to {@link System#err}
 * itself, where the console log appender writes too: it is the user's terminal, not a log.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(ProgressProperties.class)
public class ProgressConfiguration {

	@Bean
	ProgressMeters progressMeters(ProgressProperties properties) {
		return ProgressMeters.of(properties, Terminal.stderrIsTerminal(), System.err);
	}
}
