package io.touchpoint.jobs.progress;

import java.time.Duration;

import jakarta.validation.constraints.NotNull;
import org.hibernate.validator.constraints.time.DurationMin;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * {@code touchpoint.progress.*}: how often a long step reports its progress and where.
 *
 * @param interval how often a long step reports its progress; 0 turns it off
 * @param mode     where: {@code auto} is one line rewritten in place when stderr is a terminal, log lines otherwise
 */
@Validated
@ConfigurationProperties("touchpoint.progress")
public record ProgressProperties(
		@DefaultValue("10s") @NotNull @DurationMin(nanos = 0,
				message = "must be 0 (off) or a positive duration such as 10s") Duration interval,
		@DefaultValue("auto") ProgressMode mode) {
}
