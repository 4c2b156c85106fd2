package io.touchpoint.jobs.ingest.partition;

import java.time.Duration;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;
import org.hibernate.validator.constraints.time.DurationMin;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * {@code touchpoint.workers.*}: remote partitioning of normalize. With {@code remote=true}, the night's normalize
 * step sends its {@code touchpoint.ingest.partitions} partitions over the message broker ({@code touchpoint.broker.*},
 * or the embedded default's) to {@code touchpoint worker} processes, which run them against the same metadata
 * database, warehouse and S3, and waits for them in the metadata database.
 *
 * @param remote       send normalize's partitions to {@code touchpoint worker} processes instead of running them on
 *                     this process's threads
 * @param queue        the broker queue the partition requests go to and the workers listen on
 * @param timeout      how long a night waits for all its partitions; then it fails naming those still running, and
 *                     marks them failed so that {@code touchpoint restart} sends them again
 * @param pollInterval how often a night looks in the metadata database for its partitions' ends
 * @param concurrency  partitions one {@code touchpoint worker} runs at once
 */
@Validated
@ConfigurationProperties("touchpoint.workers")
public record WorkerProperties(@DefaultValue("false") boolean remote,
		@DefaultValue("touchpoint.normalize.partitions") @NotBlank String queue,
		@DefaultValue("6h") @NotNull @DurationMin(millis = 1, message = "must be positive") Duration timeout,
		@DefaultValue("1s") @NotNull @DurationMin(millis = 1, message = "must be positive") Duration pollInterval,
		@DefaultValue("1") @Positive int concurrency) {
}
