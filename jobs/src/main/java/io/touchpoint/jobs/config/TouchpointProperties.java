package io.touchpoint.jobs.config;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.PositiveOrZero;
import org.hibernate.validator.constraints.time.DurationMin;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.ConstructorBinding;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.annotation.Validated;

import io.touchpoint.readers.http.RetryPolicy;

/**
 * The {@code touchpoint.*} settings, bound from properties or the environment ({@code TOUCHPOINT_WAREHOUSE_URL},
 * ...). With no warehouse URL the embedded default runs: a MariaDB server and an S3-compatible server keeping their
 * data under {@link #home()}. The settings under their own prefix ({@code touchpoint.rollups}, {@code .scheduler},
 * {@code .checks}, ...) have their own record; this one holds those directly under {@code touchpoint}, the
 * per-tenant and per-funnel maps included, which their packages read through beans made from it.
 *
 * @param home        the folder of the embedded default's data, the logs, mappings and the inbox
 * @param warehouse   the warehouse database; none runs the embedded default
 * @param metadata    the metadata database (Spring Batch, Quartz, the run records)
 * @param s3          the S3 bucket for staging
 * @param ingest      ingest tuning
 * @param sources     source settings
 * @param mariadb     the embedded default's MariaDB server
 * @param tenants     per-tenant overrides of the rollup settings, by tenant id
 * @param funnels     the funnels of funnel_steps, by name
 * @param connections API connections by tenant id, then source name
 * @param api         how API calls are retried
 */
@Validated
@ConfigurationProperties("touchpoint")
public record TouchpointProperties(
		@DefaultValue(".touchpoint") Path home,
		@DefaultValue @Valid Database warehouse,
		@DefaultValue @Valid Database metadata,
		@DefaultValue @Valid S3 s3,
		@DefaultValue @Valid Ingest ingest,
		@DefaultValue Sources sources,
		@DefaultValue EmbeddedMariaDb mariadb,
		Map<String, Tenant> tenants,
		Map<String, Funnel> funnels,
		Map<String, Map<String, @Valid Connection>> connections,
		@DefaultValue @Valid Api api) {

	/** The message of a duration that must be positive; the property's name and value precede it. */
	static final String POSITIVE = "must be positive; use a duration such as 500ms, 30s or 10m";

	@ConstructorBinding
	public TouchpointProperties {
		tenants = tenants == null ? Map.of() : Map.copyOf(tenants);
		funnels = funnels == null ? Map.of() : funnels;
		connections = connections == null ? Map.of() : connections;
		api = api == null ? new Api(5, Duration.ofMillis(500), Duration.ofSeconds(30), Duration.ofMinutes(2),
				Duration.ofSeconds(60)) : api;
	}

	/** The settings without tenants, funnels or API connections. */
	public TouchpointProperties(Path home, Database warehouse, Database metadata, S3 s3, Ingest ingest, Sources sources,
			EmbeddedMariaDb mariadb) {
		this(home, warehouse, metadata, s3, ingest, sources, mariadb, null, null, null, null);
	}

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
	 *
	 * @param url            the JDBC URL: jdbc:mariadb:, jdbc:mysql: or (warehouse only) jdbc:singlestore:
	 * @param username       the database user
	 * @param password       the password; never logged
	 * @param connectTimeout the longest wait to open a connection
	 * @param socketTimeout  the longest wait for any one reply; keep it above the longest statement, a large rollup
	 * @param poolTimeout    the longest wait for a connection from the pool
	 */
	public record Database(String url, String username, String password,
			@DefaultValue("10s") @DurationMin(nanos = 0, inclusive = false, message = POSITIVE) Duration connectTimeout,
			@DefaultValue("10m") @DurationMin(nanos = 0, inclusive = false, message = POSITIVE) Duration socketTimeout,
			@DefaultValue("30s") @DurationMin(nanos = 0, inclusive = false, message = POSITIVE) Duration poolTimeout) {

		@ConstructorBinding
		public Database {
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
	 *
	 * @param endpoint       the endpoint of an S3-compatible store; AWS when unset
	 * @param bucket         the staging bucket
	 * @param region         the bucket region
	 * @param pathStyle      path-style requests (bucket in the path, not the host name)
	 * @param maxAttempts    tries of one S3 call
	 * @param baseDelay      the first backoff between tries
	 * @param maxDelay       the longest backoff between tries
	 * @param attemptTimeout the longest wait for one S3 request
	 * @param apiCallTimeout the longest wait for one S3 call with its retries
	 * @param concurrency    S3 uploads and copies in flight at once
	 */
	public record S3(String endpoint, @DefaultValue("touchpoint") @NotBlank String bucket,
			@DefaultValue("us-east-1") @NotBlank String region, @DefaultValue("true") boolean pathStyle,
			@DefaultValue("5") @Positive int maxAttempts,
			@DefaultValue("100ms") @DurationMin(nanos = 0, inclusive = false, message = POSITIVE) Duration baseDelay,
			@DefaultValue("20s") @DurationMin(nanos = 0, inclusive = false, message = POSITIVE) Duration maxDelay,
			@DefaultValue("2m") @DurationMin(nanos = 0, inclusive = false, message = POSITIVE) Duration attemptTimeout,
			@DefaultValue("10m") @DurationMin(nanos = 0, inclusive = false, message = POSITIVE) Duration apiCallTimeout,
			@DefaultValue("4") @Positive int concurrency) {
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
	 *
	 * @param mappingDir   the folder of source mapping files; {@code <home>/mappings} when unset
	 * @param schemaPolicy what a night does when a file's header adds, drops or renames columns
	 */
	public record Sources(Path mappingDir, @DefaultValue("evolve") SchemaPolicy schemaPolicy) {

		@ConstructorBinding
		public Sources {
			schemaPolicy = schemaPolicy == null ? SchemaPolicy.EVOLVE : schemaPolicy;
		}

		/** Mapping files in {@code mappingDir}, the default schema policy. */
		public Sources(Path mappingDir) {
			this(mappingDir, SchemaPolicy.EVOLVE);
		}
	}

	/**
	 * {@code touchpoint.sources.schema-policy}: what a night does when a file's header adds, drops or renames
	 * columns against the columns its (tenant, source, stream) had. A required column that disappears fails the file
	 * under every policy.
	 */
	public enum SchemaPolicy {

		/** Proceed, record the change and warn in the night's checks and alerts. */
		EVOLVE,

		/** Fail the file naming the columns until they are accepted ({@code touchpoint schema accept}). */
		FREEZE,

		/** Quarantine the file's records until the columns are accepted. */
		DISCARD
	}

	/**
	 * One tenant's overrides of the rollup settings ({@code touchpoint.tenants.<id>.*}); null means the
	 * {@code touchpoint.rollups.*} default.
	 *
	 * @param timeZone          the tenant's time zone for local days
	 * @param reportingCurrency the currency daily_revenue converts to
	 */
	public record Tenant(@Nullable ZoneId timeZone, @Nullable String reportingCurrency) {
	}

	/**
	 * One funnel ({@code touchpoint.funnels.<name>.*}): its steps as written and its window (null: 30 days). The
	 * rollups check and parse the steps.
	 *
	 * @param steps  the ordered steps, comma-separated: page:&lt;URL path&gt;, event:&lt;event name&gt; or purchase
	 * @param window the longest a contact may take from one step to the next
	 */
	public record Funnel(@Nullable List<String> steps, @Nullable Duration window) {

		public Funnel {
			steps = steps == null ? List.of() : List.copyOf(steps.stream().map(String::strip).toList());
			window = window == null ? Duration.ofDays(30) : window;
		}
	}

	/** The tenant's API connections by source name; empty when it has none. */
	public Map<String, Connection> connectionsOf(String tenant) {
		return connections.getOrDefault(tenant, Map.of());
	}

	/**
	 * One tenant's access to one vendor API ({@code touchpoint.connections.<tenant>.<source>.*}). A tenant with a
	 * connection has that source fetched by the nightly run's {@code fetch-api} step.
	 *
	 * @param baseUrl           the API root; the source's public API when unset (tests and proxies set it)
	 * @param token             the access token, sent as a header; never logged, never a job parameter
	 * @param account           the vendor account where the API needs one: Shopify shop, Facebook ad account
	 *                          ({@code act_...}), HubSpot list ids, Salesforce API version
	 * @param start             the first day fetched when the stream has no cursor yet; by default 30 days
	 *                          before the run's business date
	 * @param lookback          how far before the cursor each run starts again, for late and restated records;
	 *                          the source's default when unset
	 * @param maxRequests       requests one run may make to this source for this tenant, retries included
	 * @param requestsPerSecond the highest request rate; the source's default when unset
	 * @param pageSize          records per page asked for
	 * @param streams           the streams to fetch; all of the source's when unset
	 * @param options           source-specific settings
	 */
	public record Connection(URI baseUrl, String token, String account, LocalDate start, Duration lookback,
			@DefaultValue("10000") @Positive int maxRequests, Double requestsPerSecond,
			@DefaultValue("100") @Positive int pageSize, List<String> streams, Map<String, String> options) {

		public Connection {
			options = options == null ? Map.of() : options;
		}

		@Override
		public String toString() {
			return "Connection[baseUrl=" + baseUrl + ", token=" + (token == null ? "" : "****") + ", account=" + account
					+ ", start=" + start + ", lookback=" + lookback + ", maxRequests=" + maxRequests + "]";
		}
	}

	/**
	 * Retries of API calls ({@code touchpoint.api.*}).
	 *
	 * @param maxAttempts    attempts per call
	 * @param baseDelay      the first backoff
	 * @param maxDelay       the longest backoff
	 * @param maxRetryAfter  the longest {@code Retry-After} waited out
	 * @param requestTimeout the timeout of one request
	 */
	public record Api(@DefaultValue("5") @Positive int maxAttempts, @DefaultValue("500ms") Duration baseDelay,
			@DefaultValue("30s") Duration maxDelay, @DefaultValue("2m") Duration maxRetryAfter,
			@DefaultValue("60s") Duration requestTimeout) {

		public RetryPolicy retryPolicy() {
			return new RetryPolicy(maxAttempts, baseDelay, maxDelay, maxRetryAfter, requestTimeout);
		}
	}

	/**
	 * The embedded default's MariaDB server (ignored when a warehouse URL is set). {@code bufferPoolSize} is its
	 * InnoDB buffer pool; {@code tmpTableSize} the most memory one internal temporary table (a GROUP BY, a window,
	 * a derived table) takes before it moves to disk, which made a rollup of a million tag applications about
	 * twice as slow. The defaults suit the demo and a laptop; a rollup rebuild of millions of facts runs faster
	 * when the tenant's tables fit in the pool (docs/performance.md).
	 *
	 * @param bufferPoolSize the embedded MariaDB InnoDB buffer pool (at least 64MB)
	 * @param tmpTableSize   the most memory one internal temporary table takes before it moves to disk (at least 16MB)
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
