package io.touchpoint.readers.http;

import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Calls a vendor API politely and persistently: each call takes a request from the tenant's
 * {@link RequestBudget}, a {@code 429} waits its {@code Retry-After}, a {@code 408}/{@code 5xx}, a timeout
 * or a connection error waits an exponential backoff with jitter, all up to {@link RetryPolicy#maxAttempts()}.
 * Any other non-2xx status fails at once. Failures are {@link ApiException}s whose message starts with
 * the request's description (source, tenant, page) and ends with what to do; headers, tokens and secret
 * query parameters never appear in messages or logs.
 */
public final class ApiClient {

	private static final Logger log = LoggerFactory.getLogger(ApiClient.class);

	private static final int BODY_EXCERPT = 300;

	private final HttpClient http;

	private final RetryPolicy policy;

	private final Sleeper sleeper;

	private final Clock clock;

	public ApiClient(RetryPolicy policy, Sleeper sleeper) {
		this(HttpClient.newBuilder()
			.connectTimeout(policy.requestTimeout())
			.followRedirects(HttpClient.Redirect.NORMAL)
			.build(), policy, sleeper, Clock.systemUTC());
	}

	ApiClient(HttpClient http, RetryPolicy policy, Sleeper sleeper, Clock clock) {
		this.http = Objects.requireNonNull(http, "http");
		this.policy = Objects.requireNonNull(policy, "policy");
		this.sleeper = Objects.requireNonNull(sleeper, "sleeper");
		this.clock = clock;
	}

	/**
	 * Sends the request until it succeeds or the policy gives up.
	 *
	 * @return the 2xx response
	 * @throws ApiException when the call failed for good (the message says why and what to do)
	 * @throws InterruptedException when the thread was interrupted while waiting
	 */
	public ApiResponse send(ApiRequest request, RequestBudget budget) throws InterruptedException {
		String last = null;
		int lastStatus = 0;
		IOException lastError = null;
		for (int attempt = 1; attempt <= policy.maxAttempts(); attempt++) {
			budget.acquire(request.describe());
			Duration wait;
			try {
				HttpResponse<byte[]> response = http.send(toHttp(request), HttpResponse.BodyHandlers.ofByteArray());
				int status = response.statusCode();
				if (status >= 200 && status < 300) {
					return new ApiResponse(response.uri(), status, lowerCased(response.headers().map()), response.body());
				}
				lastStatus = status;
				lastError = null;
				last = "HTTP " + status + excerpt(response.body());
				if (status == 429) {
					Optional<Duration> retryAfter = retryAfter(response);
					if (retryAfter.isPresent() && retryAfter.get().compareTo(policy.maxRetryAfter()) > 0) {
						throw new ApiException(request.describe() + ": rate limited (HTTP 429) with Retry-After "
								+ retryAfter.get().toSeconds() + " s, longer than the " + policy.maxRetryAfter().toSeconds()
								+ " s Touchpoint waits. Restart the execution later; it resumes at this page.", status, null);
					}
					wait = retryAfter.orElseGet(() -> policy.backoff(1));
				}
				else if (status == 408 || status >= 500) {
					wait = null;
				}
				else {
					throw new ApiException(request.describe() + ": " + last + " from " + SafeUris.mask(request.uri())
							+ ". " + advice(status), status, null);
				}
			}
			catch (IOException ex) {
				lastError = ex;
				lastStatus = 0;
				last = (ex instanceof java.net.http.HttpTimeoutException ? "timed out after "
						+ policy.requestTimeout().toMillis() + " ms"
						: ex instanceof java.net.ConnectException ? "the API at " + request.uri().getAuthority()
								+ " refused the connection (" + ex.getClass().getSimpleName()
								+ (ex.getMessage() == null ? "" : ": " + SafeUris.mask(ex.getMessage())) + ")"
						: "no answer (" + ex.getClass().getSimpleName()
								+ (ex.getMessage() == null ? "" : ": " + SafeUris.mask(ex.getMessage())) + ")");
				wait = null;
			}
			if (attempt == policy.maxAttempts()) {
				break;
			}
			Duration pause = wait != null ? wait : policy.backoff(attempt);
			log.warn("{}: {}; attempt {} of {}, retrying in {} ms", request.describe(), last, attempt,
					policy.maxAttempts(), pause.toMillis());
			sleeper.sleep(pause);
		}
		throw new ApiException(request.describe() + ": gave up after " + policy.maxAttempts() + " attempt(s), the last: "
				+ last + " from " + SafeUris.mask(request.uri()) + ". Check the vendor's status page and the connection"
				+ " settings, then restart the execution; it resumes at this page.", lastStatus, lastError);
	}

	private HttpRequest toHttp(ApiRequest request) {
		HttpRequest.Builder builder = HttpRequest.newBuilder(request.uri()).timeout(policy.requestTimeout());
		request.headers().forEach(builder::header);
		if (request.body() != null) {
			if (request.headers().keySet().stream().noneMatch("Content-Type"::equalsIgnoreCase)) {
				builder.header("Content-Type", "application/json");
			}
			builder.method(request.method(), HttpRequest.BodyPublishers.ofString(request.body(), StandardCharsets.UTF_8));
		}
		else {
			builder.method(request.method(), HttpRequest.BodyPublishers.noBody());
		}
		return builder.build();
	}

	/** {@code Retry-After} as seconds or an HTTP date, if the response has a usable one. */
	private Optional<Duration> retryAfter(HttpResponse<?> response) {
		return response.headers().firstValue("Retry-After").flatMap(value -> {
			String text = value.strip();
			try {
				return Optional.of(Duration.ofSeconds(Math.max(0, Long.parseLong(text))));
			}
			catch (NumberFormatException notSeconds) {
				try {
					Instant at = ZonedDateTime.parse(text, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
					Duration until = Duration.between(clock.instant(), at);
					return Optional.of(until.isNegative() ? Duration.ZERO : until);
				}
				catch (DateTimeParseException notDate) {
					return Optional.empty();
				}
			}
		});
	}

	private static String advice(int status) {
		return switch (status) {
			case 401 -> "The token was refused: check the connection's token, then restart the execution.";
			case 403 -> "The token lacks a permission this call needs: grant it, then restart the execution.";
			case 404 -> "The resource does not exist: check the connection's base URL and account, then restart.";
			default -> "Fix the request settings of the connection, then restart the execution.";
		};
	}

	private static String excerpt(byte[] body) {
		if (body == null || body.length == 0) {
			return "";
		}
		String text = new String(body, 0, Math.min(body.length, BODY_EXCERPT * 4), StandardCharsets.UTF_8)
			.replaceAll("\\s+", " ").strip();
		if (text.length() > BODY_EXCERPT) {
			text = text.substring(0, BODY_EXCERPT) + "...";
		}
		return text.isEmpty() ? "" : " (" + SafeUris.mask(text) + ")";
	}

	private static Map<String, List<String>> lowerCased(Map<String, List<String>> headers) {
		Map<String, List<String>> lower = new LinkedHashMap<>();
		headers.forEach((name, values) -> lower.put(name.toLowerCase(Locale.ROOT), List.copyOf(values)));
		return lower;
	}
}
