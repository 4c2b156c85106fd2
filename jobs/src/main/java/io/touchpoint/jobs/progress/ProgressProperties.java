package io.touchpoint.jobs.progress;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/** {@code touchpoint.progress.interval}: how often a long step logs its progress ({@code 0} turns it off). */
@ConfigurationProperties("touchpoint.progress")
public record ProgressProperties(@DefaultValue("10s") Duration interval) {
}
