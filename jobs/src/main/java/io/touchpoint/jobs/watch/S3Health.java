package io.touchpoint.jobs.watch;

import java.net.URI;
import java.time.Duration;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.HeadBucketRequest;
import software.amazon.awssdk.services.s3.model.S3Exception;

import io.touchpoint.jobs.alerts.Secrets;
import io.touchpoint.jobs.failures.FailureMessages;

/**
 * Health of the staging bucket: a HeadBucket through the application's S3 client (so its credentials,
 * region and endpoint), bounded in time. Details name the bucket, region and endpoint (scheme, host and
 * port); a failure gives S3's status and error code or the client's reason, never a credential.
 */
final class S3Health implements HealthIndicator {

	private static final Duration TIMEOUT = Duration.ofSeconds(10);

	private final S3Client s3;

	private final String bucket;

	private final String region;

	private final String endpoint;

	private final Secrets secrets;

	S3Health(S3Client s3, String bucket, String region, URI endpoint, Secrets secrets) {
		this.s3 = s3;
		this.bucket = bucket;
		this.region = region;
		this.endpoint = Locations.endpoint(endpoint);
		this.secrets = secrets;
	}

	@Override
	public Health health() {
		Health.Builder health;
		try {
			s3.headBucket(HeadBucketRequest.builder()
				.bucket(bucket)
				.overrideConfiguration(o -> o.apiCallTimeout(TIMEOUT))
				.build());
			health = Health.up();
		}
		catch (S3Exception ex) {
			health = Health.down().withDetail("error", secrets.redact("HTTP " + ex.statusCode()
					+ (ex.awsErrorDetails() == null || ex.awsErrorDetails().errorCode() == null ? ""
							: " " + ex.awsErrorDetails().errorCode())
					+ advice(ex.statusCode())));
		}
		catch (SdkException | IllegalStateException ex) {
			health = Health.down().withDetail("error", secrets.redact(Locations.sentence(FailureMessages.summarize(ex))
					+ " Check touchpoint.s3.endpoint and that S3 is reachable from this node."));
		}
		return health.withDetail("bucket", bucket).withDetail("region", region).withDetail("endpoint", endpoint).build();
	}

	private String advice(int status) {
		return switch (status) {
			case 404 -> ": the bucket " + bucket + " does not exist. Create it, or set touchpoint.s3.bucket.";
			case 301, 400 -> ": check touchpoint.s3.region (the bucket may be in another region).";
			case 403 -> ": access denied. Check this node's AWS credentials and their permission on the bucket.";
			default -> ".";
		};
	}
}
