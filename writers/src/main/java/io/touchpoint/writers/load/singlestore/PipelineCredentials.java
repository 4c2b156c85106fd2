package io.touchpoint.writers.load.singlestore;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * What SingleStore uses to read the staging bucket: an access key pair (with an optional session
 * token), or a role to assume, or nothing ({@code '{}'}: the cluster's own instance role).
 *
 * <p>The values are secrets: {@link #toString()} and {@link #maskedJson()} show {@code ****}, and
 * {@link #redact(String)} removes them from any text (a driver error may echo the statement).
 */
public record PipelineCredentials(@Nullable String accessKeyId, @Nullable String secretAccessKey,
		@Nullable String sessionToken, @Nullable String roleArn) {

	private static final String MASK = "****";

	public PipelineCredentials {
		if (blank(accessKeyId) != blank(secretAccessKey)) {
			throw new IllegalArgumentException("S3 credentials for SingleStore pipelines need both an access key id"
					+ " and a secret access key, or neither: set touchpoint.singlestore.s3-access-key-id and"
					+ " touchpoint.singlestore.s3-secret-access-key together");
		}
	}

	/** No credentials: the cluster reads S3 with its own role. */
	public static PipelineCredentials none() {
		return new PipelineCredentials(null, null, null, null);
	}

	/** An access key pair. */
	public static PipelineCredentials keys(String accessKeyId, String secretAccessKey) {
		return new PipelineCredentials(accessKeyId, secretAccessKey, null, null);
	}

	/** The CREDENTIALS JSON with the real values. Never log it. */
	public String json() {
		return json(false);
	}

	/** The CREDENTIALS JSON with every value replaced by {@code ****}, for printing. */
	public String maskedJson() {
		return json(true);
	}

	/** {@code text} with every credential value replaced by {@code ****}. */
	public @Nullable String redact(@Nullable String text) {
		if (text == null) {
			return null;
		}
		String redacted = text;
		for (String secret : secrets()) {
			redacted = redacted.replace(secret, MASK);
		}
		return redacted;
	}

	@Override
	public String toString() {
		return "PipelineCredentials" + maskedJson();
	}

	private String json(boolean masked) {
		Map<String, String> fields = new LinkedHashMap<>();
		put(fields, "aws_access_key_id", accessKeyId);
		put(fields, "aws_secret_access_key", secretAccessKey);
		put(fields, "aws_session_token", sessionToken);
		put(fields, "role_arn", roleArn);
		StringBuilder json = new StringBuilder("{");
		fields.forEach((name, value) -> {
			if (json.length() > 1) {
				json.append(',');
			}
			json.append('"').append(name).append("\":\"").append(masked ? MASK : SingleStorePipelineSql.jsonEscape(value))
				.append('"');
		});
		return json.append('}').toString();
	}

	private List<String> secrets() {
		List<String> secrets = new ArrayList<>();
		for (String value : new String[] { accessKeyId, secretAccessKey, sessionToken, roleArn }) {
			if (!blank(value)) {
				secrets.add(value);
				secrets.add(SingleStorePipelineSql.jsonEscape(value));
			}
		}
		return secrets;
	}

	private static void put(Map<String, String> fields, String name, String value) {
		if (!blank(value)) {
			fields.put(name, value);
		}
	}

	private static boolean blank(@Nullable String value) {
		return value == null || value.isBlank();
	}
}
