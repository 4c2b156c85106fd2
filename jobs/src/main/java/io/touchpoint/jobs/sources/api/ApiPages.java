package io.touchpoint.jobs.sources.api;

import java.net.URI;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import io.touchpoint.readers.http.ApiResponse;

/** What API sources share to build requests and to read pages: the token, JSON bodies, arrays, query values. */
public final class ApiPages {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private static final Pattern LINK = Pattern.compile("<([^>]*)>\\s*;[^,]*rel=\"?([a-z]+)\"?");

	private ApiPages() {
	}

	/** The connection's token; a missing one fails the fetch saying what kind of token to set. */
	public static String token(StreamFetch fetch, String kind) {
		String token = fetch.connection().token();
		if (token == null || token.isBlank()) {
			throw new IllegalStateException("touchpoint.connections." + fetch.tenantId() + "." + fetch.source()
					+ ".token is not set; set it to " + kind + ", then restart");
		}
		return token;
	}

	/** The body as a JSON object, or an {@link ApiPageException} naming the page. */
	public static JsonNode json(StreamFetch fetch, ApiResponse response) {
		JsonNode body;
		try {
			body = JSON.readTree(response.body());
		}
		catch (RuntimeException ex) {
			throw new ApiPageException(fetch, "the response is not JSON");
		}
		if (body == null || !body.isObject()) {
			throw new ApiPageException(fetch, "the response is not a JSON object");
		}
		return body;
	}

	/** The elements of the array {@code field} of a page, or an {@link ApiPageException} when it has none. */
	public static List<JsonNode> array(StreamFetch fetch, JsonNode page, String field, String vendor) {
		JsonNode array = page.get(field);
		if (array == null || !array.isArray()) {
			throw new ApiPageException(fetch, "the response is not a " + vendor + " page (no " + field + " array)");
		}
		List<JsonNode> records = new ArrayList<>(array.size());
		array.forEach(records::add);
		return records;
	}

	/** The URI of an RFC 8288 {@code Link} header's relation ({@code next}). */
	public static @Nullable URI link(ApiResponse response, String relation) {
		String header = response.header("Link").orElse(null);
		if (header == null) {
			return null;
		}
		Matcher matcher = LINK.matcher(header);
		while (matcher.find()) {
			if (matcher.group(2).equals(relation)) {
				return URI.create(matcher.group(1).strip());
			}
		}
		return null;
	}

	/** The decoded value of a query parameter of a URI. */
	public static @Nullable String queryParameter(URI uri, String name) {
		String query = uri.getRawQuery();
		if (query == null) {
			return null;
		}
		for (String pair : query.split("&")) {
			int eq = pair.indexOf('=');
			String key = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
			if (key.equals(name)) {
				return eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
			}
		}
		return null;
	}

	/** A query value, URL-encoded. */
	public static String encode(String value) {
		return URLEncoder.encode(value, StandardCharsets.UTF_8);
	}
}
