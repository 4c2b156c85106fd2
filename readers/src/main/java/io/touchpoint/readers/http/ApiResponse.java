package io.touchpoint.readers.http;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A successful (2xx) response: status, headers (names lower-cased) and the whole body. API pages are
 * small (a hundred records), so the body is held in memory.
 *
 * @param uri     the URI that answered
 * @param status  the HTTP status
 * @param headers the headers, names lower-cased
 * @param body    the body bytes
 */
public record ApiResponse(URI uri, int status, Map<String, List<String>> headers, byte[] body) {

	/** The first value of a header (name case-insensitive), if present. */
	public Optional<String> header(String name) {
		List<String> values = headers.get(name.toLowerCase(java.util.Locale.ROOT));
		return values == null || values.isEmpty() ? Optional.empty() : Optional.of(values.get(0));
	}

	/** The body as UTF-8 text (JSON APIs send UTF-8). */
	public String text() {
		return new String(body, StandardCharsets.UTF_8);
	}
}
