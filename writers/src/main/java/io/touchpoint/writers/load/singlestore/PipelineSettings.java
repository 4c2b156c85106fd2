package io.touchpoint.writers.load.singlestore;

import java.time.Duration;
import java.util.Objects;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;

/**
 * How the SingleStore pipelines are defined and watched.
 *
 * <p>{@code region} and {@code endpointUrl} (only for S3-compatible stores, else null) go into each
 * pipeline's CONFIG; {@code suffix} restricts a pipeline to staged parts (not the manifests beside
 * them); {@code pipelinePrefix} + table name is the pipeline's name; {@code batchIntervalMillis}, when
 * not null, sets BATCH_INTERVAL. The loader waits at most {@code loadTimeout} for a file, polling
 * first after {@code pollInitial} and doubling up to {@code pollMax}. {@code informationSchema} is
 * the schema holding the PIPELINES views: {@code information_schema} on SingleStore, another name
 * only for a test stand-in.
 */
public record PipelineSettings(String region, @Nullable String endpointUrl, String suffix, PipelineCredentials credentials,
		String pipelinePrefix, @Nullable Integer batchIntervalMillis, Duration loadTimeout, Duration pollInitial,
		Duration pollMax, String informationSchema) {

	private static final Pattern NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]{0,31}");
	private static final Pattern SCHEMA = Pattern.compile("[A-Za-z_][A-Za-z0-9_]{0,63}");

	/** The staged part suffix ({@code part-00001.csv.gz}). */
	public static final String STAGED_SUFFIX = "csv.gz";

	public PipelineSettings {
		Objects.requireNonNull(region, "region");
		Objects.requireNonNull(credentials, "credentials");
		suffix = suffix == null || suffix.isBlank() ? STAGED_SUFFIX : suffix;
		pipelinePrefix = pipelinePrefix == null ? "tp_" : pipelinePrefix;
		informationSchema = informationSchema == null || informationSchema.isBlank() ? "information_schema"
				: informationSchema;
		if (!pipelinePrefix.isEmpty() && !NAME.matcher(pipelinePrefix).matches()) {
			throw new IllegalArgumentException("invalid pipeline prefix '" + pipelinePrefix
					+ "': use letters, digits and '_' (at most 32), starting with a letter or '_'");
		}
		if (!SCHEMA.matcher(informationSchema).matches()) {
			throw new IllegalArgumentException("invalid information schema name '" + informationSchema + "'");
		}
		requirePositive("load timeout", loadTimeout);
		requirePositive("first poll interval", pollInitial);
		requirePositive("longest poll interval", pollMax);
		if (batchIntervalMillis != null && batchIntervalMillis < 0) {
			throw new IllegalArgumentException("pipeline batch interval must be 0 or more milliseconds, got "
					+ batchIntervalMillis);
		}
	}

	/** Defaults: suffix {@code csv.gz}, prefix {@code tp_}, 30 minutes timeout, polls from 250 ms up to 10 s. */
	public static PipelineSettings of(String region, @Nullable String endpointUrl, PipelineCredentials credentials) {
		return new PipelineSettings(region, endpointUrl, null, credentials, null, null, Duration.ofMinutes(30),
				Duration.ofMillis(250), Duration.ofSeconds(10), null);
	}

	/** These settings with another timeout and poll intervals. */
	public PipelineSettings withWaiting(Duration timeout, Duration initial, Duration max) {
		return new PipelineSettings(region, endpointUrl, suffix, credentials, pipelinePrefix, batchIntervalMillis,
				timeout, initial, max, informationSchema);
	}

	/** These settings reading the PIPELINES views from {@code schema} (a test stand-in). */
	public PipelineSettings withInformationSchema(String schema) {
		return new PipelineSettings(region, endpointUrl, suffix, credentials, pipelinePrefix, batchIntervalMillis,
				loadTimeout, pollInitial, pollMax, schema);
	}

	private static void requirePositive(String what, Duration value) {
		if (value == null || value.isNegative() || value.isZero()) {
			throw new IllegalArgumentException("the pipeline " + what + " must be positive, got " + value);
		}
	}
}
