package io.touchpoint.jobs.sources.api;

import java.net.URI;
import java.time.Instant;

import org.jspecify.annotations.Nullable;

import io.touchpoint.jobs.config.TouchpointProperties;

/**
 * What one stream's fetch is for: tenant, source, stream, the connection, the window
 * {@code [from, to)} of record times, the number of the page being asked for (1-based) and the token it
 * is asked for with (null for the first page), so that reading a page can tell which query it answers.
 */
public record StreamFetch(String tenantId, String source, String stream, TouchpointProperties.Connection connection,
		URI baseUrl, Instant from, Instant to, int page, @Nullable String pageToken) {

	/** {@code "stripe charges page 3 of tenant acme"}: how messages name the call. */
	public String describe() {
		return source + " " + stream + " page " + page + " of tenant " + tenantId;
	}

	/** The API root with a path appended ({@code /v1/charges}). */
	public String url(String path) {
		String base = baseUrl.toString();
		return (base.endsWith("/") ? base.substring(0, base.length() - 1) : base) + path;
	}
}
