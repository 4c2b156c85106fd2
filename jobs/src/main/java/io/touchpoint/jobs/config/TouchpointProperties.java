package io.touchpoint.jobs.config;

import java.nio.file.Path;
import java.time.Duration;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.PositiveOrZero;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.ConstructorBinding;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.annotation.Validated;

/**
 * Every Touchpoint setting, bound from {@code touchpoint.*} properties or the environment
 * ({@code TOUCHPOINT_WAREHOUSE_URL}, ...). With no warehouse URL the embedded default runs: a MariaDB
 * server and an S3-compatible server keeping their data under {@link #home()}.
 */
@Validated
@ConfigurationProperties("touchpoint")
public record TouchpointProperties(
		@DefaultValue(".touchpoint") Path home,
		@DefaultValue Database warehouse,
		@DefaultValue Database metadata,
		@DefaultValue S3 s3,
		@DefaultValue Ingest ingest,
		@DefaultValue Sources sources,
		@DefaultValue EmbeddedMariaDb mariadb) {

	/** True when no warehouse is configured and the embedded MariaDB + S3Proxy stack must start. */
	public boolean embedded() {
		return warehouse.url() == null || warehouse.url().isBlank();
	}

	/** The folder of source mapping files: {@code touchpoint.sources.mapping-dir}, else {@code <home>/mappings}. */
	public Path mappingDir() {
		return sources.mappingDir() != null ? sources.mappingDir() : home.resolve("mappings");
	}

	/**
	 * A JDBC database. The password is never logged or put in job parameters. {@code connectTimeout} bounds
	 * opening a connection (TCP and handshake), {@code socketTimeout} the wait for any one reply (so it must
	 * exceed the longest statement, a large rollup), {@code poolTimeout} the wait for a connection from the pool
	 * while the pool keeps trying to open one; a timeout fails the step, which {@code restart} continues.
	 */
	public record Database(String url, String username, String password,
			@DefaultValue("10s") Duration connectTimeout, @DefaultValue("10m") Duration socketTimeout,
			@DefaultValue("30s") Duration poolTimeout) {

		@ConstructorBinding
		public Database {
			Durations.requirePositive("touchpoint.warehouse/metadata.connect-timeout", connectTimeout);
			Durations.requirePositive("touchpoint.warehouse/metadata.socket-timeout", socketTimeout);
			Durations.requirePositive("touchpoint.warehouse/metadata.pool-timeout", poolTimeout);
		}

		/** A database at {@code url} with the default timeouts (the embedded default's servers). */
		public Database(String url, String username, String password) {
			this(url, username, password, Duration.ofSeconds(10), Duration.ofMinutes(10), Duration.ofSeconds(30));
		}

		@Override
		public String toString() {
			return "Database[url=" + url + ", username=" + username + ", password=" + (password == null ? "" : "****")
					+ ", connectTimeout=" + connectTimeout + ", socketTimeout=" + socketTimeout + ", poolTimeout="
					+ poolTimeout + "]";
		}
	}

	/**
	 * The S3 bucket for staging. {@code endpoint} is only for S3-compatible stores; credentials come
	 * from the standard AWS chain (environment, profile, instance role). Each S3 call is tried up to
	 * {@code maxAttempts} times with exponential backoff and jitter from {@code baseDelay} to {@code maxDelay};
	 * one attempt may take {@code attemptTimeout}, the call with its retries {@code apiCallTimeout}.
	 * {@code concurrency} is how many uploads of work parts, and copies when they are published, are in flight
	 * at once: they wait on the network, not on a core, so they overlap the compression of the next parts.
	 */
	public record S3(String endpoint, @DefaultValue("touchpoint") @NotBlank String bucket,
			@DefaultValue("us-east-1") @NotBlank String region, @DefaultValue("true") boolean pathStyle,
			@DefaultValue("5") @Positive int maxAttempts, @DefaultValue("100ms") Duration baseDelay,
			@DefaultValue("20s") Duration maxDelay, @DefaultValue("2m") Duration attemptTimeout,
			@DefaultValue("10m") Duration apiCallTimeout, @DefaultValue("4") @Positive int concurrency) {

		public S3 {
			Durations.requirePositive("touchpoint.s3.base-delay", baseDelay);
			Durations.requirePositive("touchpoint.s3.max-delay", maxDelay);
			Durations.requirePositive("touchpoint.s3.attempt-timeout", attemptTimeout);
			Durations.requirePositive("touchpoint.s3.api-call-timeout", apiCallTimeout);
		}
	}

	/**
	 * Ingest tuning. {@code inbox} is a template where {tenant} and {date} are replaced; by default it
	 * is {@code <home>/inbox/{tenant}/{date}}. {@code threads} map a normalize chunk's records and
	 * compress and upload its parts, publish parts in the stage step, and load tables in the load step,
	 * that many at once. {@code partitions} above 1 cuts normalize's input into that many partitions at record
	 * boundaries, run as a partitioned step on {@code threads} threads (docs/scaling.md).
	 */
	public record Ingest(String inbox, @DefaultValue("10000") @Positive int chunkSize,
			@DefaultValue("200000") @Positive int rowsPerPart, @DefaultValue("1000") @PositiveOrZero int skipLimit,
			@DefaultValue("1") @Positive int threads, @DefaultValue("1") @Positive int partitions) {
	}

	/**
	 * Source settings. {@code mappingDir} holds the mapping files ({@code *.yml}, {@code *.yaml}) that
	 * declare sources without a Java mapper; a missing folder means none. Per-source settings such as
	 * {@code touchpoint.sources.hubspot.tag-columns} are read by their mappers.
	 */
	public record Sources(Path mappingDir) {
	}

	/**
	 * The embedded default's MariaDB server (ignored when a warehouse URL is set). {@code bufferPoolSize} is its
	 * InnoDB buffer pool; {@code tmpTableSize} the most memory one internal temporary table (a GROUP BY, a window,
	 * a derived table) takes before it moves to disk, which made a rollup of a million tag applications about
	 * twice as slow. The defaults suit the demo and a laptop; a rollup rebuild of millions of facts runs faster
	 * when the tenant's tables fit in the pool (docs/performance.md).
	 */
	public record EmbeddedMariaDb(@DefaultValue("512MB") DataSize bufferPoolSize,
			@DefaultValue("256MB") DataSize tmpTableSize) {

		@ConstructorBinding
		public EmbeddedMariaDb {
			if (bufferPoolSize.toMegabytes() < 64) {
				throw new IllegalArgumentException("touchpoint.mariadb.buffer-pool-size must be at least 64MB, got "
						+ bufferPoolSize.toMegabytes() + "MB");
			}
			if (tmpTableSize.toMegabytes() < 16) {
				throw new IllegalArgumentException("touchpoint.mariadb.tmp-table-size must be at least 16MB, got "
						+ tmpTableSize.toMegabytes() + "MB");
			}
		}
	}
}
