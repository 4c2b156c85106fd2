package io.touchpoint.jobs.progress;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code touchpoint.progress.*}: how often a long step reports its progress ({@code interval}, {@code 0} turns
 * it off) and where ({@code mode}: {@code auto} is one line rewritten in place when stderr is a terminal, log
 * lines otherwise).
 */
@ConfigurationProperties("touchpoint.progress")
public record ProgressProperties(@DefaultValue("10s") Duration interval, @DefaultValue("auto") ProgressMode mode) {

	public ProgressProperties {
		if (interval == null || interval.isNegative()) {
			throw new IllegalArgumentException("touchpoint.progress.interval must be 0 (off) or a positive duration such as 10s, not "
					+ interval);
		}
	}
}
