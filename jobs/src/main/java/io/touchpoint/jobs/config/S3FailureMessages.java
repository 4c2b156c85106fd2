package io.touchpoint.jobs.config;

import java.net.URI;

import org.jspecify.annotations.Nullable;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.SdkRequest;
import software.amazon.awssdk.core.exception.ApiCallAttemptTimeoutException;
import software.amazon.awssdk.core.exception.ApiCallTimeoutException;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttribute;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.interceptor.SdkExecutionAttribute;

import io.touchpoint.jobs.failures.FailureMessages;

/**
 * Rewrites the message of an S3 call that failed after its retries so that it says which call on which
 * bucket and key failed, how many attempts were made, which timeout ran out, and which setting to raise or
 * what to check: the SDK's own "Connection reset" or "did not complete before the specified timeout
 * configuration: 3000 millis" names neither. The exception keeps its type and cause; S3's answers that are
 * not transient (403, 404...) are left alone, since callers tell them apart.
 */
final class S3FailureMessages implements ExecutionInterceptor {

	private static final ExecutionAttribute<Integer> ATTEMPTS = new ExecutionAttribute<>("touchpoint.s3.attempts");

	private final TouchpointProperties.S3 settings;

	private final @Nullable URI endpoint;

	S3FailureMessages(TouchpointProperties.S3 settings, URI endpoint) {
		this.settings = settings;
		this.endpoint = endpoint;
	}

	@Override
	public void beforeTransmission(Context.BeforeTransmission context, ExecutionAttributes attributes) {
		Integer attempts = attributes.getAttribute(ATTEMPTS);
		attributes.putAttribute(ATTEMPTS, attempts == null ? 1 : attempts + 1);
	}

	@Override
	public Throwable modifyException(Context.FailedExecution context, ExecutionAttributes attributes) {
		Throwable failure = context.exception();
		String what = what(failure);
		if (what == null) {
			return failure;
		}
		Integer attempts = attributes.getAttribute(ATTEMPTS);
		String message = what + " on S3 " + attributes.getAttribute(SdkExecutionAttribute.OPERATION_NAME) + " of "
				+ object(context.request()) + " after " + (attempts == null ? 0 : attempts) + " attempt(s) (touchpoint.s3"
				+ ".max-attempts is " + settings.maxAttempts() + "); " + advice(failure);
		if (failure instanceof SdkClientException client) {
			return client.toBuilder().message(message).build();
		}
		return ((AwsServiceException) failure).toBuilder().message(message).build();
	}

	/** What went wrong, or null for a failure that is not about reaching S3. */
	private @Nullable String what(Throwable failure) {
		if (failure instanceof ApiCallAttemptTimeoutException) {
			return "timed out after " + Durations.text(settings.attemptTimeout())
					+ " (touchpoint.s3.attempt-timeout) waiting for S3 at " + endpointText();
		}
		if (failure instanceof ApiCallTimeoutException) {
			return "gave up after " + Durations.text(settings.apiCallTimeout())
					+ " (touchpoint.s3.api-call-timeout, retries included) waiting for S3 at " + endpointText();
		}
		if (failure instanceof SdkClientException) {
			return "could not reach S3 at " + endpointText() + " (" + FailureMessages.rootMessage(failure) + ")";
		}
		if (failure instanceof AwsServiceException service
				&& (service.statusCode() >= 500 || service.isThrottlingException())) {
			return "S3 at " + endpointText() + " answered HTTP " + service.statusCode() + " ("
					+ service.awsErrorDetails().errorMessage() + ")";
		}
		return null;
	}

	private static String advice(Throwable failure) {
		if (failure instanceof ApiCallAttemptTimeoutException || failure instanceof ApiCallTimeoutException) {
			return "if S3 is only slow (large objects, a slow link) raise touchpoint.s3.attempt-timeout and "
					+ "touchpoint.s3.api-call-timeout, else check that S3 is up and reachable";
		}
		return "check that S3 is up and reachable from this machine (touchpoint.s3.endpoint, network, credentials)";
	}

	private static String object(SdkRequest request) {
		String bucket = request.getValueForField("Bucket", String.class)
			.or(() -> request.getValueForField("DestinationBucket", String.class))
			.orElse(null);
		String key = request.getValueForField("Key", String.class)
			.or(() -> request.getValueForField("DestinationKey", String.class))
			.or(() -> request.getValueForField("Prefix", String.class).map(prefix -> prefix + "*"))
			.orElse(null);
		return "bucket " + bucket + (key == null ? "" : " key " + key);
	}

	private String endpointText() {
		return endpoint == null ? "AWS" : endpoint.toString();
	}
}
