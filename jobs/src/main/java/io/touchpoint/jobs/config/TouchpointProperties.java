package io.touchpoint.jobs.config;

import java.nio.file.Path;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.PositiveOrZero;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
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
		@DefaultValue Sources sources) {

	/** True when no warehouse is configured and the embedded MariaDB + S3Proxy stack must start. */
	public boolean embedded() {
		return warehouse.url() == null || warehouse.url().isBlank();
	}

	/** The folder of source mapping files: {@code touchpoint.sources.mapping-dir}, else {@code <home>/mappings}. */
	public Path mappingDir() {
		return sources.mappingDir() != null ? sources.mappingDir() : home.resolve("mappings");
	}

	/** A JDBC database. The password is never logged or put in job parameters. */
	public record Database(String url, String username, String password) {
		@Override
		public String toString() {
			return "Database[url=" + url + ", username=" + username + ", password=" + (password == null ? "" : "****") + "]";
		}
	}

	/**
	 * The S3 bucket for staging. {@code endpoint} is only for S3-compatible stores; credentials come
	 * from the standard AWS chain (environment, profile, instance role).
	 */
	public record S3(String endpoint, @DefaultValue("touchpoint") @NotBlank String bucket,
			@DefaultValue("us-east-1") @NotBlank String region, @DefaultValue("true") boolean pathStyle) {
	}

	/**
	 * Ingest tuning. {@code inbox} is a template where {tenant} and {date} are replaced; by default it
	 * is {@code <home>/inbox/{tenant}/{date}}. {@code threads} compress and upload a normalize chunk's
	 * parts (and publish them in the stage step) concurrently.
	 */
	public record Ingest(String inbox, @DefaultValue("10000") @Positive int chunkSize,
			@DefaultValue("200000") @Positive int rowsPerPart, @DefaultValue("1000") @PositiveOrZero int skipLimit,
			@DefaultValue("1") @Positive int threads) {
	}

	/**
	 * Source settings. {@code mappingDir} holds the mapping files ({@code *.yml}, {@code *.yaml}) that
	 * declare sources without a Java mapper; a missing folder means none. Per-source settings such as
	 * {@code touchpoint.sources.hubspot.tag-columns} are read by their mappers.
	 */
	public record Sources(Path mappingDir) {
	}
}
