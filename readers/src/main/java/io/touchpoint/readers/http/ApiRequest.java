package io.touchpoint.readers.http;

import java.net.URI;
import java.util.Map;
import java.util.Objects;

import org.jspecify.annotations.Nullable;

/**
 * One API call: method, URI, headers and an optional JSON body, plus what the call is for in words
 * ({@code "stripe charges page 3 of tenant acme"}), which every error message about it starts with.
 *
 * <p>Header values may hold secrets (an {@code Authorization} token): they are sent, never printed.
 * {@link #toString()} shows the method, the URI with secret query parameters masked, and the header
 * names only.
 *
 * @param method   {@code GET} or {@code POST}
 * @param uri      the absolute URI
 * @param headers  request headers (values are never printed)
 * @param body     a body for {@code POST}: JSON unless the headers name another Content-Type
 * @param describe what the call is for, for messages
 */
public record ApiRequest(String method, URI uri, Map<String, String> headers, @Nullable String body, String describe) {

	public ApiRequest {
		Objects.requireNonNull(method, "method");
		Objects.requireNonNull(uri, "uri");
		headers = Map.copyOf(headers == null ? Map.of() : headers);
		Objects.requireNonNull(describe, "describe");
	}

	/** A GET of {@code uri}. */
	public static ApiRequest get(URI uri, Map<String, String> headers, String describe) {
		return new ApiRequest("GET", uri, headers, null, describe);
	}

	/** A POST of a JSON {@code body} to {@code uri}. */
	public static ApiRequest post(URI uri, Map<String, String> headers, String body, String describe) {
		return new ApiRequest("POST", uri, headers, body, describe);
	}

	@Override
	public String toString() {
		return method + " " + SafeUris.mask(uri) + " (headers " + headers.keySet() + ")";
	}
}
