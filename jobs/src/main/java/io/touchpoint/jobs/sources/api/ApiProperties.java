package io.touchpoint.jobs.sources.api;

import java.net.URI;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import jakarta.validation.constraints.Positive;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

import io.touchpoint.readers.http.RetryPolicy;

/**
 * API connections per tenant and source ({@code touchpoint.connections.<tenant>.<source>.*}) and how
 * API calls are retried ({@code touchpoint.api.*}). A tenant with a connection has that source fetched
 * by the nightly run's {@code fetch-api} step.
 */
@Validated
@ConfigurationProperties("touchpoint")
public record ApiProperties(Map<String, Map<String, Connection>> connections, @DefaultValue Api api) {

	public ApiProperties {
		connections = connections == null ? Map.of() : connections;
	}

	/** The tenant's connections by source name; empty when it has none. */
	public Map<String, Connection> connectionsOf(String tenant) {
		return connections.getOrDefault(tenant, Map.of());
	}

	/**
	 * One tenant's access to one vendor API.
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
	 * Retries of API calls: attempts per call, the first and longest backoff, the longest
	 * {@code Retry-After} waited out, and the timeout of one request.
	 */
	public record Api(@DefaultValue("5") @Positive int maxAttempts, @DefaultValue("500ms") Duration baseDelay,
			@DefaultValue("30s") Duration maxDelay, @DefaultValue("2m") Duration maxRetryAfter,
			@DefaultValue("60s") Duration requestTimeout) {

		public RetryPolicy retryPolicy() {
			return new RetryPolicy(maxAttempts, baseDelay, maxDelay, maxRetryAfter, requestTimeout);
		}
	}
}
