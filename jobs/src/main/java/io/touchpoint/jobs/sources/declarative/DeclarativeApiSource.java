package io.touchpoint.jobs.sources.declarative;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import io.touchpoint.jobs.config.TouchpointProperties.Connection;
import io.touchpoint.jobs.sources.SourceMapper.MappingContext;
import io.touchpoint.jobs.sources.SourceMapper.TagFeed;
import io.touchpoint.jobs.sources.api.ApiPageException;
import io.touchpoint.jobs.sources.api.ApiPages;
import io.touchpoint.jobs.sources.api.ApiSource;
import io.touchpoint.jobs.sources.api.StreamFetch;
import io.touchpoint.jobs.sources.declarative.Connector.Auth;
import io.touchpoint.jobs.sources.declarative.Connector.Pagination;
import io.touchpoint.jobs.sources.declarative.Connector.Stream;
import io.touchpoint.readers.MalformedRecordException;
import io.touchpoint.readers.http.ApiClient;
import io.touchpoint.readers.http.ApiRequest;
import io.touchpoint.readers.http.ApiResponse;
import io.touchpoint.readers.http.RequestBudget;
import io.touchpoint.readers.http.RetryPolicy;
import io.touchpoint.readers.http.Sleeper;
import io.touchpoint.readers.jsonl.JsonRecord;
import io.touchpoint.writers.staging.StagedRow;

/**
 * An {@link ApiSource} run from a {@link Connector} file: builds each page's request from the stream's
 * path, parameters, body, window and pagination token, reads the page's records and next token, and maps
 * records with the stream's {@link RecordMapping}. The {@code fetch-api} step does the rest (budgets,
 * retries, landing, restart at the next page, cursors), exactly as for the Java API sources.
 *
 * <p>A page token is the vendor's (a URL, a cursor, an offset, a page number). A stream with a
 * {@code max_window} or {@code requery_at} prefixes it with the start of the query window it belongs to
 * ({@code 2026-10-11T00:00:00Z|3}), so that a restart resumes within the same window.
 */
public final class DeclarativeApiSource implements ApiSource {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private static final Pattern PLACEHOLDER = Pattern.compile("\\{([a-z_]+(?:\\.[A-Za-z0-9_-]+)?)(?::([^}]*))?}");

	private final Connector connector;

	private final Clock clock;

	private final Map<String, AccessToken> accessTokens = new ConcurrentHashMap<>();

	public DeclarativeApiSource(Connector connector) {
		this(connector, Clock.systemUTC());
	}

	DeclarativeApiSource(Connector connector, Clock clock) {
		this.connector = connector;
		this.clock = clock;
	}

	public Connector connector() {
		return connector;
	}

	@Override
	public String source() {
		return connector.source();
	}

	@Override
	public TagFeed tagFeed() {
		return connector.tagFeed();
	}

	@Override
	public List<String> streams() {
		return connector.streamNames();
	}

	@Override
	public Defaults defaults() {
		return new Defaults(connector.baseUrl(), connector.rate(), connector.lookback());
	}

	private Stream stream(StreamFetch fetch) {
		Stream stream = connector.streams().get(fetch.stream());
		if (stream == null) {
			throw new IllegalStateException(connector.source() + " has no stream " + fetch.stream() + " (streams: "
					+ connector.streamNames() + ")");
		}
		return stream;
	}

	@Override
	public ApiRequest request(StreamFetch fetch, String pageToken) {
		Stream stream = stream(fetch);
		if (stream.partition() == null) {
			return request(fetch, stream, pageToken, stream.path(), stream.params(), fetch.describe());
		}
		Part part = Part.parse(pageToken);
		String item = partitions(fetch, stream).get(part.index());
		Map<String, String> params = new LinkedHashMap<>();
		stream.params().forEach((name, value) -> params.put(name, value.replace("{partition}", item)));
		return request(fetch, stream, part.rest(), stream.path().replace("{partition}", ApiPages.encode(item)), params,
				fetch.describe() + " (" + stream.partition().field() + " " + item + ")");
	}

	/** The values a partitioned stream is fetched for, one after the other. */
	private List<String> partitions(StreamFetch fetch, Stream stream) {
		String each = render(stream.partition().each(), fetch, stream, fetch.from(), fetch.to());
		List<String> items = java.util.Arrays.stream(each.split(",")).map(String::strip).filter(v -> !v.isEmpty()).toList();
		if (items.isEmpty()) {
			throw new IllegalStateException(stream.partition().each() + " of tenant " + fetch.tenantId() + " names no "
					+ stream.partition().field() + " for the " + fetch.source() + " " + fetch.stream() + " stream; set it (a"
					+ " comma-separated list), or leave the stream out of touchpoint.connections." + fetch.tenantId() + "."
					+ fetch.source() + ".streams, then restart");
		}
		return items;
	}

	/** A partitioned stream's page token: the partition's index, then the token within it. */
	private record Part(int index, @Nullable String rest) {

		static Part parse(@Nullable String token) {
			if (token == null) {
				return new Part(0, null);
			}
			int slash = token.indexOf('/');
			return new Part(Integer.parseInt(token.substring(0, slash)),
					slash == token.length() - 1 ? null : token.substring(slash + 1));
		}

		@Override
		public String toString() {
			return index + "/" + (rest == null ? "" : rest);
		}
	}

	private ApiRequest request(StreamFetch fetch, Stream stream, String pageToken, String path, Map<String, String> params,
			String describeBase) {
		Token token = Token.parse(pageToken, fetch.from(), windowed(stream));
		Instant from = token.from();
		Instant to = windowEnd(stream, from, fetch.to());
		Pagination pagination = stream.pagination();
		Map<String, String> headers = new LinkedHashMap<>();
		connector.headers().forEach((name, value) -> headers.put(name, render(value, fetch, stream, from, to)));
		Map<String, String> authQuery = auth(fetch, headers);
		URI uri;
		String body = null;
		if (token.inner() != null && (pagination.type() == Pagination.Type.NEXT_URL
				|| pagination.type() == Pagination.Type.LINK_HEADER)) {
			uri = withQuery(fetch.baseUrl().resolve(token.inner()), authQuery, true);
		}
		else {
			Map<String, String> query = new LinkedHashMap<>();
			params.forEach((name, value) -> query.put(name, render(value, fetch, stream, from, to)));
			if (stream.incremental() != null) {
				if (stream.incremental().fromParam() != null) {
					query.put(stream.incremental().fromParam(), stream.incremental().format().format(from));
				}
				if (stream.incremental().toParam() != null) {
					query.put(stream.incremental().toParam(), stream.incremental().format().format(to));
				}
			}
			if (pagination.sizeParam() != null) {
				query.put(pagination.sizeParam(), String.valueOf(pageSize(fetch, stream)));
			}
			String position = position(pagination, token.inner());
			if (position != null && !pagination.inBody()) {
				query.put(pagination.param(), position);
			}
			query.putAll(authQuery);
			uri = withQuery(URI.create(fetch.url(render(path, fetch, stream, from, to))), query, false);
			if (stream.body() != null) {
				Object rendered = renderBody(stream.body(), fetch, stream, from, to);
				if (position != null && pagination.inBody() && rendered instanceof Map<?, ?> map) {
					@SuppressWarnings("unchecked")
					Map<String, Object> object = (Map<String, Object>) map;
					object.put(pagination.param(), position);
				}
				body = JSON.writeValueAsString(rendered);
			}
		}
		String describe = describeBase + (windowed(stream) ? " (window from " + from + ")" : "");
		return stream.method().equals("POST") ? ApiRequest.post(uri, headers, body == null ? "{}" : body, describe)
				: ApiRequest.get(uri, headers, describe);
	}

	/** The query parameter value of the page asked for: none on the first page of cursor pagination. */
	private static String position(Pagination pagination, @Nullable String inner) {
		return switch (pagination.type()) {
			case CURSOR -> inner;
			case OFFSET, PAGE -> inner != null ? inner : String.valueOf(pagination.start());
			default -> null;
		};
	}

	@Override
	public Page page(StreamFetch fetch, ApiResponse response) {
		Stream stream = stream(fetch);
		if (stream.partition() == null) {
			return page(fetch, stream, response, fetch.pageToken(), null);
		}
		Part part = Part.parse(fetch.pageToken());
		List<String> items = partitions(fetch, stream);
		Page page = page(fetch, stream, response, part.rest(), items.get(part.index()));
		if (page.nextToken() != null) {
			return new Page(page.records(), new Part(part.index(), page.nextToken()).toString());
		}
		return new Page(page.records(), part.index() + 1 < items.size() ? new Part(part.index() + 1, null).toString() : null);
	}

	private Page page(StreamFetch fetch, Stream stream, ApiResponse response, String pageToken, @Nullable String item) {
		JsonNode body;
		try {
			body = JSON.readTree(response.body());
		}
		catch (RuntimeException ex) {
			throw new ApiPageException(fetch, "the response is not JSON");
		}
		JsonNode array = body == null ? null : body.at(stream.records());
		if (array == null || !array.isArray()) {
			throw new ApiPageException(fetch, "the response has no records array at '" + stream.records() + "'");
		}
		List<JsonNode> records = new ArrayList<>(array.size());
		for (JsonNode record : array) {
			if (!record.isObject()) {
				throw new ApiPageException(fetch, "a record at '" + stream.records() + "' is not a JSON object");
			}
			records.add(item == null ? record : ((tools.jackson.databind.node.ObjectNode) record)
				.put(stream.partition().field(), item));
		}
		Token token = Token.parse(pageToken, fetch.from(), windowed(stream));
		String next = next(fetch, stream, token.inner(), body, records, response);
		Instant from = token.from();
		if (stream.incremental() != null && stream.incremental().filterRecords()) {
			Instant end = windowEnd(stream, from, fetch.to());
			records = records.stream().filter(record -> inWindow(fetch, stream, record, from, end)).toList();
		}
		if (next != null && stream.pagination().requeryAt() != null && next.chars().allMatch(Character::isDigit)
				&& Long.parseLong(next) >= Long.parseLong(render(stream.pagination().requeryAt(), fetch, stream, from,
						fetch.to()))) {
			return new Page(records, requery(fetch, stream, records, from).toString());
		}
		if (!windowed(stream)) {
			return new Page(records, next);
		}
		if (next != null) {
			return new Page(records, new Token(from, next).toString());
		}
		Instant end = windowEnd(stream, from, fetch.to());
		return new Page(records, end.isBefore(fetch.to()) ? new Token(end, null).toString() : null);
	}

	/** Whether a record's cursor field is within {@code [from, to)}; a record without a readable one fails the page. */
	private static boolean inWindow(StreamFetch fetch, Stream stream, JsonNode record, Instant from, Instant to) {
		JsonNode node = record.at(stream.incremental().field());
		Instant at;
		try {
			at = node.isMissingNode() || node.isNull() ? null
					: cursorTime(node.asString().strip(), stream.incremental().format());
		}
		catch (RuntimeException ex) {
			at = null;
		}
		if (at == null) {
			throw new ApiPageException(fetch, "a record without a readable " + stream.incremental().field() + " ("
					+ record + ")");
		}
		return !at.isBefore(from) && at.isBefore(to);
	}

	/** The next page within the query, or null after the last. */
	private @Nullable String next(StreamFetch fetch, Stream stream, @Nullable String inner, JsonNode body, List<JsonNode> records,
			ApiResponse response) {
		Pagination pagination = stream.pagination();
		int pageSize = pageSize(fetch, stream);
		switch (pagination.type()) {
			case NEXT_URL -> {
				return nonEmpty(body.at(pagination.pointer()));
			}
			case LINK_HEADER -> {
				URI link = ApiPages.link(response, "next");
				return link == null ? null : link.toString();
			}
			case CURSOR -> {
				if (pagination.more() != null && !body.at(pagination.more()).asBoolean(false)) {
					return null;
				}
				if (pagination.pointer() != null) {
					return nonEmpty(body.at(pagination.pointer()));
				}
				if (records.isEmpty()) {
					if (pagination.more() != null) {
						throw new ApiPageException(fetch, "the page says more follow but has no last record to continue after");
					}
					return null;
				}
				String next = nonEmpty(records.get(records.size() - 1).at(pagination.lastRecord()));
				if (next == null && pagination.more() != null) {
					throw new ApiPageException(fetch, "the last record has no '" + pagination.lastRecord()
							+ "' to continue after");
				}
				return next;
			}
			case OFFSET -> {
				long offset = inner != null ? Long.parseLong(inner) : pagination.start();
				long next = offset + records.size();
				if (records.isEmpty()) {
					return null;
				}
				if (pagination.pointer() != null) {
					JsonNode total = body.at(pagination.pointer());
					if (!total.isMissingNode() && !total.isNull()) {
						return next < total.asLong() ? String.valueOf(next) : null;
					}
				}
				return records.size() < pageSize ? null : String.valueOf(next);
			}
			case PAGE -> {
				long page = inner != null ? Long.parseLong(inner) : pagination.start();
				Long total = null;
				if (pagination.pointer() != null && !body.at(pagination.pointer()).isMissingNode()
						&& !body.at(pagination.pointer()).isNull()) {
					total = body.at(pagination.pointer()).asLong();
				}
				else if (pagination.header() != null && response.header(pagination.header()).isPresent()) {
					try {
						total = Long.parseLong(response.header(pagination.header()).get().strip());
					}
					catch (NumberFormatException ex) {
						throw new ApiPageException(fetch, "the " + pagination.header() + " header is not a number");
					}
				}
				if (total != null) {
					return page < total ? String.valueOf(page + 1) : null;
				}
				return records.isEmpty() || records.size() < pageSize ? null : String.valueOf(page + 1);
			}
			default -> {
				return null;
			}
		}
	}

	/**
	 * A new query from the last record's cursor, where the vendor stops paging a query (a search's result
	 * limit); it fails when the records did not move past the query's start.
	 */
	private static Token requery(StreamFetch fetch, Stream stream, List<JsonNode> records, Instant from) {
		Instant last = null;
		if (!records.isEmpty() && stream.incremental() != null && stream.incremental().field() != null) {
			JsonNode node = records.get(records.size() - 1).at(stream.incremental().field());
			try {
				last = node.isMissingNode() || node.isNull() ? null
						: cursorTime(node.asString().strip(), stream.incremental().format());
			}
			catch (RuntimeException ex) {
				last = null;
			}
		}
		if (last == null || !last.isAfter(from)) {
			throw new ApiPageException(fetch, "the query reached the vendor's result limit without moving past " + from);
		}
		return new Token(last, null);
	}

	/**
	 * A record's cursor value: whole numbers in the stream's epoch format (milliseconds unless it says seconds),
	 * other text as the format's pattern or as ISO-8601, since an API may be asked in one form and answer in
	 * another (HubSpot: asked in epoch milliseconds, answering ISO times).
	 */
	private static Instant cursorTime(String text, Connector.TimeFormat format) {
		if (text.chars().allMatch(Character::isDigit)) {
			long value = Long.parseLong(text);
			return format.kind().equals("epoch_seconds") ? Instant.ofEpochSecond(value) : Instant.ofEpochMilli(value);
		}
		if (format.kind().equals("pattern")) {
			try {
				return FieldValue.parseTime(text, format);
			}
			catch (RuntimeException notThePattern) {
				// ISO below
			}
		}
		return io.touchpoint.jobs.model.Timestamps.parse(text, format.zone());
	}

	private static @Nullable String nonEmpty(@Nullable JsonNode node) {
		if (node == null || node.isMissingNode() || node.isNull()) {
			return null;
		}
		String text = node.asString().strip();
		return text.isEmpty() ? null : text;
	}

	@Override
	public List<StagedRow> map(JsonRecord record, String stream, MappingContext context) {
		Stream declared = connector.streams().get(stream);
		if (declared == null) {
			throw MalformedRecordException.of(record, "unknown " + connector.source() + " stream " + stream);
		}
		return declared.mapping().map(record, context);
	}

	private static boolean windowed(Stream stream) {
		return stream.incremental() != null && (stream.incremental().maxWindow() != null
				|| stream.pagination().requeryAt() != null);
	}

	private static Instant windowEnd(Stream stream, Instant from, Instant to) {
		if (stream.incremental() == null || stream.incremental().maxWindow() == null) {
			return to;
		}
		Instant end = from.plus(stream.incremental().maxWindow());
		return end.isBefore(to) ? end : to;
	}

	private static int pageSize(StreamFetch fetch, Stream stream) {
		return Math.min(fetch.connection().pageSize(), stream.maxPageSize());
	}

	/** Replaces {@code {from}}, {@code {to}}, {@code {page_size}}, {@code {account}}, {@code {options.NAME[:default]}}. */
	private String render(String template, StreamFetch fetch, Stream stream, Instant from, Instant to) {
		Matcher matcher = PLACEHOLDER.matcher(template);
		StringBuilder out = new StringBuilder();
		while (matcher.find()) {
			String name = matcher.group(1);
			Connector.TimeFormat format = stream.incremental() == null ? Connector.TimeFormat.ISO
					: stream.incremental().format();
			String value = switch (name) {
				case "from" -> format.format(from);
				case "to" -> format.format(to);
				case "page_size" -> String.valueOf(pageSize(fetch, stream));
				case "account" -> required(fetch, "account", fetch.connection().account(), matcher.group(2));
				default -> {
					if (!name.startsWith("options.")) {
						throw new IllegalStateException(connector.file() + ": unknown placeholder {" + name + "}");
					}
					String option = name.substring("options.".length());
					yield required(fetch, name, fetch.connection().options().get(option), matcher.group(2));
				}
			};
			matcher.appendReplacement(out, Matcher.quoteReplacement(value));
		}
		matcher.appendTail(out);
		return out.toString();
	}

	private static String required(StreamFetch fetch, String property, @Nullable String value, @Nullable String fallback) {
		if (value != null && !value.isBlank()) {
			return value;
		}
		if (fallback != null) {
			return fallback;
		}
		throw new IllegalStateException("touchpoint.connections." + fetch.tenantId() + "." + fetch.source() + "."
				+ property + " is not set; the " + fetch.source() + " connector needs it. Set it, then restart");
	}

	/**
	 * A JSON body from the stream's YAML {@code body}: placeholders rendered, a list item {@code {each: "a,b"}}
	 * spread into its values; {@code {page_size}}, plain whole numbers and {@code true}/{@code false} are JSON
	 * numbers and booleans, everything else a string ({@code {from}} in epoch milliseconds included).
	 */
	private Object renderBody(Object template, StreamFetch fetch, Stream stream, Instant from, Instant to) {
		if (template instanceof Map<?, ?> map) {
			Map<String, Object> out = new LinkedHashMap<>();
			map.forEach((key, value) -> out.put((String) key, renderBody(value, fetch, stream, from, to)));
			return out;
		}
		if (template instanceof List<?> list) {
			List<Object> out = new ArrayList<>();
			for (Object item : list) {
				if (item instanceof Map<?, ?> map && map.size() == 1 && map.get("each") instanceof String each) {
					for (String value : render(each, fetch, stream, from, to).split(",")) {
						if (!value.isBlank()) {
							out.add(value.strip());
						}
					}
				}
				else {
					out.add(renderBody(item, fetch, stream, from, to));
				}
			}
			return out;
		}
		String raw = (String) template;
		String text = render(raw, fetch, stream, from, to);
		if (raw.equals("{page_size}") || raw.matches("-?[0-9]{1,15}")) {
			return Long.parseLong(text);
		}
		if (raw.equals("true") || raw.equals("false")) {
			return Boolean.parseBoolean(raw);
		}
		return text;
	}

	/** Sets the auth headers; returns the auth query parameters. */
	private Map<String, String> auth(StreamFetch fetch, Map<String, String> headers) {
		Auth auth = connector.auth();
		Connection connection = fetch.connection();
		switch (auth.kind()) {
			case NONE -> {
				return Map.of();
			}
			case BEARER -> headers.put("Authorization", "Bearer " + ApiPages.token(fetch, "the API token of "
					+ connector.title()));
			case BASIC -> {
				String user = connection.options().getOrDefault("username", connection.account());
				String password = ApiPages.token(fetch, "the password or API key of " + connector.title());
				headers.put("Authorization", "Basic " + Base64.getEncoder().encodeToString(((user == null ? "" : user)
						+ ":" + password).getBytes(StandardCharsets.UTF_8)));
			}
			case HEADER -> headers.put(auth.name(), auth.prefix() + ApiPages.token(fetch, "the API key of "
					+ connector.title()));
			case QUERY -> {
				return Map.of(auth.name(), ApiPages.token(fetch, "the API key of " + connector.title()));
			}
			case OAUTH2 -> headers.put("Authorization", "Bearer " + accessToken(fetch));
		}
		return Map.of();
	}

	/** An OAuth2 client-credentials access token, fetched again a minute before it expires. */
	private String accessToken(StreamFetch fetch) {
		String key = fetch.tenantId() + "/" + fetch.source();
		AccessToken cached = accessTokens.get(key);
		Instant now = clock.instant();
		if (cached != null && cached.expires().isAfter(now.plusSeconds(60))) {
			return cached.value();
		}
		String clientId = fetch.connection().options().get("client-id");
		if (clientId == null || clientId.isBlank()) {
			throw new IllegalStateException("touchpoint.connections." + fetch.tenantId() + "." + fetch.source()
					+ ".options.client-id is not set; set it to the OAuth client id (and .token to its secret), then restart");
		}
		String secret = ApiPages.token(fetch, "the OAuth client secret of " + connector.title());
		Auth auth = connector.auth();
		String form = "grant_type=client_credentials" + (auth.scope() == null ? "" : "&scope=" + ApiPages.encode(auth.scope()));
		URI tokenUri = URI.create(auth.tokenUrl().contains("://") ? auth.tokenUrl() : fetch.url(auth.tokenUrl()));
		Map<String, String> headers = Map.of("Authorization", "Basic " + Base64.getEncoder().encodeToString((clientId + ":"
				+ secret).getBytes(StandardCharsets.UTF_8)), "Content-Type", "application/x-www-form-urlencoded",
				"Accept", "application/json");
		String describe = connector.source() + " access token of tenant " + fetch.tenantId();
		ApiResponse response;
		try {
			response = new ApiClient(RetryPolicy.DEFAULT, Sleeper.SYSTEM).send(ApiRequest.post(tokenUri, headers, form,
					describe), new RequestBudget("tenant " + fetch.tenantId() + ", " + connector.source() + " token", 5, 0,
							Sleeper.SYSTEM, 0));
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(describe + ": interrupted");
		}
		JsonNode body;
		try {
			body = JSON.readTree(response.body());
		}
		catch (RuntimeException ex) {
			body = null;
		}
		String value = body == null ? null : nonEmpty(body.get("access_token"));
		if (value == null) {
			throw new IllegalStateException(describe + ": the token endpoint answered no access_token; check the client"
					+ " id and secret of the connection, then restart");
		}
		long seconds = body.has("expires_in") ? body.get("expires_in").asLong(3600) : 3600;
		accessTokens.put(key, new AccessToken(value, now.plusSeconds(seconds)));
		return value;
	}

	private record AccessToken(String value, Instant expires) {
	}

	private static URI withQuery(URI uri, Map<String, String> query, boolean onlyMissing) {
		StringBuilder text = new StringBuilder(uri.toString());
		boolean first = uri.getRawQuery() == null;
		for (var entry : query.entrySet()) {
			if (onlyMissing && ApiPages.queryParameter(uri, entry.getKey()) != null) {
				continue;
			}
			text.append(first ? '?' : '&').append(ApiPages.encode(entry.getKey())).append('=')
				.append(ApiPages.encode(entry.getValue()));
			first = false;
		}
		return URI.create(text.toString());
	}

	/** A page token: the start of its query window and the vendor's token within it (null: the first page). */
	record Token(Instant from, @Nullable String inner) {

		static Token parse(@Nullable String token, Instant windowFrom, boolean windowed) {
			if (token == null) {
				return new Token(windowFrom, null);
			}
			if (!windowed) {
				return new Token(windowFrom, token);
			}
			int bar = token.indexOf('|');
			return new Token(Instant.parse(token.substring(0, bar)), bar == token.length() - 1 ? null : token.substring(bar + 1));
		}

		@Override
		public String toString() {
			return from + "|" + (inner == null ? "" : inner);
		}
	}
}
