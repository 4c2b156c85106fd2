package io.touchpoint.jobs.config;

import java.time.Duration;

import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Settings of a SingleStore warehouse ({@code touchpoint.warehouse.url=jdbc:singlestore://...}),
 * {@code touchpoint.singlestore.*}: the S3 credentials its pipelines use (an access key pair with an
 * optional session token, or a role ARN, or none for the cluster's own role; never logged, masked by
 * {@code init --print}), the pipeline name prefix and batch interval (milliseconds; null keeps
 * SingleStore's default), and how long the load step waits for a file, polling from
 * {@code pollInitial} and doubling up to {@code pollMax}.
 *
 * @param s3AccessKeyId     the access key id of the pipelines' S3 credentials; never logged
 * @param s3SecretAccessKey the secret access key of the pipelines' S3 credentials; never logged
 * @param s3SessionToken    the session token of temporary S3 credentials; never logged
 * @param s3RoleArn         a role the pipelines assume instead of an access key
 * @param pipelinePrefix    the prefix of the pipeline names
 * @param batchInterval     the pipelines BATCH_INTERVAL in milliseconds; SingleStore's default when unset
 * @param loadTimeout       how long the load step waits for a pipeline to load one file
 * @param pollInitial       the first wait between polls of a pipeline
 * @param pollMax           the longest wait between polls of a pipeline
 */
@Validated
@ConfigurationProperties("touchpoint.singlestore")
public record SingleStoreProperties(String s3AccessKeyId, String s3SecretAccessKey, String s3SessionToken,
		String s3RoleArn, @DefaultValue("tp_") String pipelinePrefix, Integer batchInterval,
		@DefaultValue("30m") Duration loadTimeout, @DefaultValue("250ms") Duration pollInitial,
		@DefaultValue("10s") Duration pollMax) {

	@Override
	public String toString() {
		return "SingleStoreProperties[s3AccessKeyId=" + mask(s3AccessKeyId) + ", s3SecretAccessKey=" + mask(s3SecretAccessKey)
				+ ", s3SessionToken=" + mask(s3SessionToken) + ", s3RoleArn=" + mask(s3RoleArn) + ", pipelinePrefix="
				+ pipelinePrefix + ", batchInterval=" + batchInterval + ", loadTimeout=" + loadTimeout + "]";
	}

	private static String mask(@Nullable String secret) {
		return secret == null ? "" : "****";
	}
}
