package io.touchpoint.writers.staging;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import software.amazon.awssdk.core.ResponseBytes;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.GetObjectRequest;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * The manifest of one table of one published batch: {@code _manifest.json} beside its parts.
 *
 * <p>It lists the published parts in order with their row counts, money sums and SHA-256, and is
 * written last, so a manifest that exists names only parts that are complete. The JSON also carries
 * the totals {@code rows} and {@code moneyMinor} for people reading it; they are recomputed, not
 * read back.
 */
@JsonPropertyOrder({ "table", "tenant", "date", "batchId", "rows", "moneyMinor", "parts" })
@JsonIgnoreProperties(value = { "rows", "moneyMinor" }, allowGetters = true, ignoreUnknown = true)
public record Manifest(String table, String tenant, String date, String batchId, List<ManifestPart> parts) {

	private static final JsonMapper JSON = JsonMapper.builder()
		.enable(SerializationFeature.INDENT_OUTPUT)
		.disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
		.build();

	public Manifest {
		parts = parts == null ? List.of() : List.copyOf(parts);
	}

	/** The total row count of all parts. */
	@JsonProperty("rows")
	public long rows() {
		return parts.stream().mapToLong(ManifestPart::rows).sum();
	}

	/** The total money (minor units) of all parts. */
	@JsonProperty("moneyMinor")
	public long moneyMinor() {
		return parts.stream().mapToLong(ManifestPart::moneyMinor).sum();
	}

	/** This manifest as pretty-printed JSON. */
	public String toJson() {
		return JSON.writeValueAsString(this);
	}

	/** Parses a manifest written by {@link #toJson()}. */
	public static Manifest fromJson(String json) {
		return JSON.readValue(json, Manifest.class);
	}

	/**
	 * Reads the manifest at {@code s3://bucket/key}.
	 *
	 * @throws StagingException naming the key if it is missing or unreadable
	 */
	public static Manifest read(S3Client s3, String bucket, String key) {
		ResponseBytes<GetObjectResponse> bytes;
		try {
			bytes = s3.getObjectAsBytes(GetObjectRequest.builder().bucket(bucket).key(key).build());
		}
		catch (NoSuchKeyException e) {
			throw new StagingException("no manifest at s3://" + bucket + "/" + key
					+ ": the batch was not published; run (or restart) the stage step first", e);
		}
		catch (SdkException e) {
			throw new StagingException("could not read manifest s3://" + bucket + "/" + key + ": " + e.getMessage()
					+ "; check that the bucket is reachable, then restart the execution", e);
		}
		try {
			return fromJson(bytes.asUtf8String());
		}
		catch (JacksonException e) {
			throw new StagingException("manifest s3://" + bucket + "/" + key + " is not valid manifest JSON: "
					+ e.getOriginalMessage() + "; re-run the stage step to rewrite it", e);
		}
	}
}
