package io.touchpoint.jobs.sources.declarative;

import java.net.URI;
import java.time.Duration;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;

import io.touchpoint.jobs.sources.SourceMapper.TagFeed;

/**
 * An API source declared in a connector file ({@code connectors/*.yml}): base URL, authentication, rate,
 * lookback and its streams (request, records, pagination, incremental window, mapping to canonical rows).
 * Built only by {@link #parse}, which validates the whole file and names file, line and key in every
 * message. The file holds no secret: tokens come from {@code touchpoint.connections.<tenant>.<source>.*}.
 *
 * @param file        the file, as messages name it
 * @param source      the source name (rows' {@code source}, connection key, inbox folder)
 * @param title       the vendor's name
 * @param docs        the vendor's API reference
 * @param baseUrl     the public API root
 * @param auth        how requests authenticate
 * @param headers     headers every request sends (an API version), never a secret
 * @param rate        the requests per second the vendor allows, kept under
 * @param lookback    how far before the cursor a run starts again
 * @param tagFeed     whether the source's tags are changes or snapshots
 * @param notCovered  what of the vendor's API the connector leaves out, for {@code connectors show}
 * @param streams     the streams in fetch order
 */
public record Connector(String file, String source, String title, String docs, URI baseUrl, Auth auth,
		Map<String, String> headers, double rate, Duration lookback, TagFeed tagFeed, String notCovered,
		Map<String, Stream> streams) {

	private static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9_-]*");

	private static final Set<String> KEYS = Set.of("source", "title", "docs", "base_url", "auth", "headers", "rate_limit", "lookback",
			"tags", "not_covered", "streams");

	/** How requests authenticate; the secret values come from the connection. */
	public record Auth(Kind kind, String name, String prefix, String tokenUrl, String scope) {

		/**
		 * {@code none}; {@code bearer}: {@code Authorization: Bearer <token>}; {@code basic}: user
		 * {@code options.username} (else {@code account}), password {@code token}; {@code header} and
		 * {@code query}: the token in a named header or query parameter; {@code oauth2}: client credentials
		 * {@code options.client-id} and {@code token} exchanged at {@code token_url} for a bearer token.
		 */
		public enum Kind {
			NONE, BEARER, BASIC, HEADER, QUERY, OAUTH2
		}
	}

	/**
	 * One stream: the request for its pages, where its records are, how it pages, its window, and how a
	 * record maps to canonical rows.
	 */
	public record Stream(String name, String method, String path, Map<String, String> params, Object body,
			String records, int maxPageSize, Pagination pagination, Incremental incremental, Partition partition,
			RecordMapping mapping) {
	}

	/**
	 * A stream fetched once per value of a comma-separated list ({@code each}, a template such as
	 * {@code "{options.lists}"}), one after the other: {@code {partition}} in the path and parameters is the
	 * value, and each record gets it as {@code field}.
	 */
	public record Partition(String each, String field) {
	}

	/**
	 * How pages follow each other.
	 *
	 * @param type       the kind of pagination
	 * @param param      the request parameter carrying the token, offset or page number
	 * @param inBody     whether {@code param} goes into the JSON body rather than the query
	 * @param pointer    JSON pointer in the body: the next URL, the next token, or the total (items or pages)
	 * @param header     a response header holding the total of pages
	 * @param lastRecord JSON pointer in the last record whose value is the next token
	 * @param more       JSON pointer of a boolean saying whether more pages follow
	 * @param sizeParam  the page size parameter
	 * @param start      the first page number or offset
	 * @param requeryAt  a token (a result offset) at which the vendor stops paging: the next query starts from
	 *                   the last record's cursor instead (a template, e.g. {@code "{options.search-limit:10000}"})
	 */
	public record Pagination(Type type, String param, boolean inBody, String pointer, String header, String lastRecord,
			String more, String sizeParam, int start, String requeryAt) {

		public enum Type {
			NONE, NEXT_URL, LINK_HEADER, CURSOR, OFFSET, PAGE
		}
	}

	/**
	 * The incremental window of a stream: {@code [from, to)} sent as {@code fromParam}/{@code toParam} (and
	 * as {@code {from}}/{@code {to}} in parameters and body) in {@code format}; windows longer than
	 * {@code maxWindow} are split; {@code field} is the records' cursor, and with {@code filterRecords} (an API
	* that cannot filter by time) records whose {@code field} is outside the window are dropped from the page.
	 */
	public record Incremental(String field, TimeFormat format, String fromParam, String toParam, Duration maxWindow,
			boolean filterRecords) {
	}

	public static Connector parse(String file, String yaml) {
		YamlNode root = YamlNode.parse(file, yaml).only(KEYS);
		String source = root.required("source").text();
		if (!NAME.matcher(source).matches() || source.length() > 32) {
			throw root.required("source").invalid("'" + source + "' must be at most 32 lower-case letters, digits, '_' or"
					+ " '-'");
		}
		URI baseUrl = uri(root.required("base_url"));
		Auth auth = auth(root.get("auth"));
		double rate = 0;
		YamlNode limit = root.get("rate_limit");
		if (limit != null) {
			limit.only(Set.of("requests_per_second"));
			rate = positive(limit.required("requests_per_second"));
		}
		Duration lookback = root.get("lookback") == null ? Duration.ZERO : duration(root.get("lookback"));
		TagFeed tags = TagFeed.CHANGES;
		YamlNode tagNode = root.get("tags");
		if (tagNode != null) {
			tags = switch (tagNode.text()) {
				case "changes" -> TagFeed.CHANGES;
				case "snapshot" -> TagFeed.SNAPSHOT;
				default -> throw tagNode.invalid("use changes or snapshot");
			};
		}
		Map<String, Stream> streams = new LinkedHashMap<>();
		YamlNode streamNodes = root.required("streams");
		for (var entry : streamNodes.entries().entrySet()) {
			if (!NAME.matcher(entry.getKey()).matches()) {
				throw entry.getValue().invalid("a stream name must be lower-case letters, digits, '_' or '-'");
			}
			streams.put(entry.getKey(), stream(entry.getKey(), entry.getValue(), source));
		}
		if (streams.isEmpty()) {
			throw streamNodes.invalid("declare at least one stream");
		}
		Map<String, String> headers = new LinkedHashMap<>();
		if (root.get("headers") != null) {
			root.get("headers").entries().forEach((name, value) -> {
				if (name.equalsIgnoreCase("Authorization")) {
					throw value.invalid("credentials are not written in a connector file; declare 'auth' and set the"
							+ " token in touchpoint.connections.<tenant>." + source + ".token");
				}
				headers.put(name, value.text());
			});
		}
		return new Connector(file, source, root.text("title", source), root.text("docs", ""), baseUrl, auth,
				Map.copyOf(headers), rate, lookback, tags, root.text("not_covered", ""), streams);
	}

	private static final Set<String> STREAM_KEYS = Set.of("method", "path", "params", "body", "records", "page_size_max",
			"pagination", "incremental", "filter", "contact", "rows", "partition");

	private static Stream stream(String name, YamlNode node, String source) {
		node.only(STREAM_KEYS);
		String method = node.text("method", "GET").toUpperCase(Locale.ROOT);
		if (!method.equals("GET") && !method.equals("POST")) {
			throw node.required("method").invalid("use GET or POST");
		}
		String path = node.required("path").text();
		if (!path.startsWith("/")) {
			throw node.required("path").invalid("a path starts with '/'");
		}
		Map<String, String> params = new LinkedHashMap<>();
		YamlNode paramNode = node.get("params");
		if (paramNode != null) {
			paramNode.entries().forEach((key, value) -> params.put(key, value.text()));
		}
		Object body = null;
		if (node.get("body") != null) {
			if (!method.equals("POST")) {
				throw node.get("body").invalid("only a POST stream has a body");
			}
			body = node.get("body").plain();
		}
		String records = pointer(node.required("records"));
		int maxPageSize = node.get("page_size_max") == null ? Integer.MAX_VALUE
				: (int) positive(node.get("page_size_max"));
		Partition partition = null;
		YamlNode partitionNode = node.get("partition");
		if (partitionNode != null) {
			partitionNode.only(Set.of("each", "field"));
			partition = new Partition(partitionNode.required("each").text(), partitionNode.required("field").text());
			if (!path.contains("{partition}") && params.values().stream().noneMatch(v -> v.contains("{partition}"))) {
				throw partitionNode.invalid("a partitioned stream uses {partition} in its path or parameters");
			}
		}
		Pagination pagination = pagination(node.get("pagination"));
		Incremental incremental = incremental(node.get("incremental"));
		if (partition != null && incremental != null && (incremental.maxWindow() != null || pagination.requeryAt() != null)) {
			throw partitionNode.invalid("a partitioned stream cannot also split its window (max_window, requery_at)");
		}
		return new Stream(name, method, path, params, body, records, maxPageSize, pagination, incremental, partition,
				RecordMapping.parse(node, source));
	}

	private static final Set<String> PAGINATION_KEYS = Set.of("type", "param", "in_body", "next", "token", "total",
			"total_pages", "total_pages_header", "last_record", "more", "size_param", "start", "requery_at");

	private static Pagination pagination(@Nullable YamlNode node) {
		if (node == null) {
			return new Pagination(Pagination.Type.NONE, null, false, null, null, null, null, null, 0, null);
		}
		node.only(PAGINATION_KEYS);
		YamlNode typeNode = node.required("type");
		Pagination.Type type = switch (typeNode.text()) {
			case "none" -> Pagination.Type.NONE;
			case "next_url" -> Pagination.Type.NEXT_URL;
			case "link_header" -> Pagination.Type.LINK_HEADER;
			case "cursor" -> Pagination.Type.CURSOR;
			case "offset" -> Pagination.Type.OFFSET;
			case "page" -> Pagination.Type.PAGE;
			default -> throw typeNode.invalid("unknown pagination '" + typeNode.text()
					+ "'; use next_url, link_header, cursor, offset, page or none");
		};
		String param = node.text("param", null);
		String pointer = null;
		String header = null;
		String lastRecord = null;
		switch (type) {
			case NEXT_URL -> pointer = pointer(node.required("next"));
			case CURSOR -> {
				require(node, param, "param");
				if (node.get("token") != null) {
					pointer = pointer(node.get("token"));
				}
				else if (node.get("last_record") != null) {
					lastRecord = pointer(node.get("last_record"));
				}
				else {
					throw node.invalid("a cursor pagination needs 'token' (a JSON pointer in the page) or 'last_record'"
							+ " (a JSON pointer in the page's last record)");
				}
			}
			case OFFSET -> {
				require(node, param, "param");
				pointer = node.get("total") == null ? null : pointer(node.get("total"));
			}
			case PAGE -> {
				require(node, param, "param");
				pointer = node.get("total_pages") == null ? null : pointer(node.get("total_pages"));
				header = node.text("total_pages_header", null);
			}
			default -> {
			}
		}
		String more = node.get("more") == null ? null : pointer(node.get("more"));
		int start = node.get("start") == null ? (type == Pagination.Type.PAGE ? 1 : 0) : (int) whole(node.get("start"));
		return new Pagination(type, param, Boolean.parseBoolean(node.text("in_body", "false")), pointer, header,
				lastRecord, more, node.text("size_param", null), start, node.text("requery_at", null));
	}

	private static void require(YamlNode node, String value, String key) {
		if (value == null) {
			throw node.invalid("missing key '" + key + "'");
		}
	}

	private static @Nullable Incremental incremental(@Nullable YamlNode node) {
		if (node == null) {
			return null;
		}
		node.only(Set.of("field", "format", "from_param", "to_param", "max_window", "filter_records"));
		boolean filterRecords = Boolean.parseBoolean(node.text("filter_records", "false"));
		if (filterRecords && node.get("field") == null) {
			throw node.invalid("filter_records needs 'field', the records' time to filter by");
		}
		TimeFormat format = node.get("format") == null ? TimeFormat.ISO : TimeFormat.parse(node.get("format"), null);
		return new Incremental(node.get("field") == null ? null : pointer(node.get("field")), format,
				node.text("from_param", null), node.text("to_param", null),
				node.get("max_window") == null ? null : duration(node.get("max_window")), filterRecords);
	}

	private static Auth auth(@Nullable YamlNode node) {
		if (node == null) {
			return new Auth(Auth.Kind.NONE, null, null, null, null);
		}
		node.only(Set.of("type", "name", "prefix", "token_url", "scope"));
		YamlNode typeNode = node.required("type");
		Auth.Kind kind;
		try {
			kind = Auth.Kind.valueOf(typeNode.text().toUpperCase(Locale.ROOT));
		}
		catch (IllegalArgumentException ex) {
			throw typeNode.invalid("unknown auth '" + typeNode.text() + "'; use none, bearer, basic, header, query or oauth2");
		}
		if ((kind == Auth.Kind.HEADER || kind == Auth.Kind.QUERY) && node.get("name") == null) {
			throw node.invalid("auth " + typeNode.text() + " needs 'name', the header or query parameter of the key");
		}
		if (kind == Auth.Kind.QUERY && !io.touchpoint.readers.http.SafeUris.isSecret(node.get("name").text())) {
			throw node.get("name").invalid("a key sent as query parameter '" + node.get("name").text() + "' would appear"
					+ " in messages and logs; Touchpoint masks only " + String.join(", ",
							io.touchpoint.readers.http.SafeUris.secretParameters()) + " (or send the key in a header)");
		}
		if (kind == Auth.Kind.OAUTH2 && node.get("token_url") == null) {
			throw node.invalid("auth oauth2 needs 'token_url', where client credentials are exchanged for a token");
		}
		return new Auth(kind, node.text("name", null), node.text("prefix", ""), node.text("token_url", null),
				node.text("scope", null));
	}

	static String pointer(YamlNode node) {
		String text = node.text();
		if (!text.isEmpty() && !text.startsWith("/")) {
			throw node.invalid("'" + text + "' is not a JSON pointer; write it like /data or /paging/next/after");
		}
		return text;
	}

	private static URI uri(YamlNode node) {
		try {
			URI uri = URI.create(node.text());
			if (uri.getScheme() == null || uri.getHost() == null) {
				throw new IllegalArgumentException("no scheme or host");
			}
			return uri;
		}
		catch (IllegalArgumentException ex) {
			throw node.invalid("'" + node.text() + "' is not an absolute URL");
		}
	}

	static Duration duration(YamlNode node) {
		String text = node.text().strip().toLowerCase(Locale.ROOT);
		var matcher = Pattern.compile("([0-9]+)(ms|s|m|h|d)").matcher(text);
		if (!matcher.matches()) {
			throw node.invalid("'" + node.text() + "' is not a duration; write it like 500ms, 30s, 5m, 2h or 31d");
		}
		long amount = Long.parseLong(matcher.group(1));
		return switch (matcher.group(2)) {
			case "ms" -> Duration.ofMillis(amount);
			case "s" -> Duration.ofSeconds(amount);
			case "m" -> Duration.ofMinutes(amount);
			case "h" -> Duration.ofHours(amount);
			default -> Duration.ofDays(amount);
		};
	}

	private static double positive(YamlNode node) {
		try {
			double value = Double.parseDouble(node.text());
			if (value > 0) {
				return value;
			}
		}
		catch (NumberFormatException ex) {
			// reported below
		}
		throw node.invalid("'" + node.text() + "' must be a positive number");
	}

	private static long whole(YamlNode node) {
		try {
			return Long.parseLong(node.text());
		}
		catch (NumberFormatException ex) {
			throw node.invalid("'" + node.text() + "' must be a whole number");
		}
	}

	/**
	 * How a time is written: ISO-8601, Unix seconds or milliseconds, or a {@code java.time} pattern read
	 * (and, for request parameters, written) in {@code zone}.
	 */
	public record TimeFormat(String kind, DateTimeFormatter pattern, ZoneId zone) {

		public static final TimeFormat ISO = new TimeFormat("iso", null, ZoneOffset.UTC);

		static TimeFormat parse(@Nullable YamlNode format, @Nullable YamlNode zoneNode) {
			ZoneId zone = ZoneOffset.UTC;
			if (zoneNode != null) {
				try {
					zone = ZoneId.of(zoneNode.text());
				}
				catch (java.time.DateTimeException ex) {
					throw zoneNode.invalid("unknown zone '" + zoneNode.text() + "'; use a region id such as Europe/Paris");
				}
			}
			String text = format == null ? "iso" : format.text();
			return switch (text) {
				case "iso", "epoch_seconds", "epoch_millis" -> new TimeFormat(text, null, zone);
				default -> {
					try {
						yield new TimeFormat("pattern", DateTimeFormatter.ofPattern(text, Locale.ROOT), zone);
					}
					catch (IllegalArgumentException ex) {
						throw format.invalid("'" + text + "' is neither iso, epoch_seconds, epoch_millis nor a java.time"
								+ " pattern (" + ex.getMessage() + ")");
					}
				}
			};
		}

		/** The instant as this format writes it in a request. */
		public String format(java.time.Instant instant) {
			return switch (kind) {
				case "epoch_seconds" -> String.valueOf(instant.getEpochSecond());
				case "epoch_millis" -> String.valueOf(instant.toEpochMilli());
				case "iso" -> DateTimeFormatter.ISO_INSTANT.format(instant);
				default -> pattern.format(instant.atZone(zone));
			};
		}
	}

	/** The stream names, in fetch order. */
	public List<String> streamNames() {
		return new ArrayList<>(streams.keySet());
	}
}
