package io.touchpoint.readers.http;

import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.ThreadLocalRandom;

/**
 * How an {@link ApiClient} retries: up to {@code maxAttempts} tries of one call; {@code 429} waits its
 * {@code Retry-After} (or the backoff when it has none), {@code 408}, {@code 5xx}, timeouts and
 * connection errors wait an exponential backoff with jitter: attempt {@code n} waits a random time
 * between half and all of {@code min(maxDelay, baseDelay * 2^(n-1))}. A {@code Retry-After} longer than
 * {@code maxRetryAfter} is not waited out: the call fails so that the run can be restarted later.
 *
 * @param maxAttempts    tries per call, at least 1
 * @param baseDelay      the first backoff
 * @param maxDelay       the longest backoff
 * @param maxRetryAfter  the longest {@code Retry-After} waited out
 * @param requestTimeout the timeout of one request (connect + response headers + body)
 */
public record RetryPolicy(int maxAttempts, Duration baseDelay, Duration maxDelay, Duration maxRetryAfter,
		Duration requestTimeout) {

	/** Five attempts, 0.5 s doubling up to 30 s, Retry-After up to 2 min, 60 s per request. */
	public static final RetryPolicy DEFAULT = new RetryPolicy(5, Duration.ofMillis(500), Duration.ofSeconds(30),
			Duration.ofMinutes(2), Duration.ofSeconds(60));

	public RetryPolicy {
		if (maxAttempts < 1) {
			throw new IllegalArgumentException("maxAttempts must be at least 1, was " + maxAttempts);
		}
		Objects.requireNonNull(baseDelay, "baseDelay");
		Objects.requireNonNull(maxDelay, "maxDelay");
		Objects.requireNonNull(maxRetryAfter, "maxRetryAfter");
		Objects.requireNonNull(requestTimeout, "requestTimeout");
	}

	/** The wait after failed attempt {@code attempt} (1-based): exponential, capped, with jitter. */
	public Duration backoff(int attempt) {
		long cap = maxDelay.toMillis();
		long exponential = baseDelay.toMillis() << Math.min(attempt - 1, 30);
		long ceiling = Math.max(1, Math.min(cap, exponential < 0 ? cap : exponential));
		long half = ceiling / 2;
		return Duration.ofMillis(half + ThreadLocalRandom.current().nextLong(ceiling - half + 1));
	}
}
