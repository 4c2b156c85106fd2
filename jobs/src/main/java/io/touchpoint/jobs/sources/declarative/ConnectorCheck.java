package io.touchpoint.jobs.sources.declarative;

import java.io.PrintWriter;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import io.touchpoint.jobs.config.TouchpointProperties.Connection;
import io.touchpoint.jobs.sources.SourceMapper.MappingContext;
import io.touchpoint.jobs.sources.api.ApiSource;
import io.touchpoint.jobs.sources.api.ApiSources;
import io.touchpoint.jobs.sources.api.StreamFetch;
import io.touchpoint.readers.MalformedRecordException;
import io.touchpoint.readers.http.ApiClient;
import io.touchpoint.readers.http.ApiException;
import io.touchpoint.readers.http.ApiResponse;
import io.touchpoint.readers.http.RequestBudget;
import io.touchpoint.readers.http.RetryPolicy;
import io.touchpoint.readers.http.SafeUris;
import io.touchpoint.readers.http.Sleeper;
import io.touchpoint.readers.jsonl.JsonRecord;
import io.touchpoint.writers.staging.StagedRow;

/**
 * {@code connectors check}: the first page of each stream of a connector, asked with a tenant's connection
 * over the window the tenant's first night would fetch (from the connection's {@code start}, else 30 days
 * back, to the end of today, UTC), and its first records mapped as a nightly run would map them. It
 * writes nothing: no cursor, no landed page, no row.
 */
public final class ConnectorCheck {

	private static final JsonMapper JSON = JsonMapper.builder().enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
		.build();

	private final Connector connector;

	private final RetryPolicy policy;

	public ConnectorCheck(Connector connector, RetryPolicy policy) {
		this.connector = connector;
		this.policy = policy;
	}

	/**
	 * Checks every stream the connection fetches, printing to {@code out}.
	 *
	 * @return whether every stream answered a page that could be read
	 */
	public boolean run(String tenant, Connection connection, int records, PrintWriter out) throws InterruptedException {
		ApiSource source = new DeclarativeApiSource(connector);
		List<String> streams = connection.streams() == null || connection.streams().isEmpty() ? connector.streamNames()
				: connection.streams();
		Instant to = LocalDate.now(ZoneOffset.UTC).plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant();
		Instant from = (connection.start() != null ? connection.start() : LocalDate.now(ZoneOffset.UTC).minusDays(30))
			.atStartOfDay(ZoneOffset.UTC).toInstant();
		ApiClient client = new ApiClient(policy, Sleeper.SYSTEM);
		RequestBudget budget = new RequestBudget("tenant " + tenant + ", source " + connector.source() + " (check)",
				streams.size() * policy.maxAttempts(), connection.requestsPerSecond() != null ? connection.requestsPerSecond()
						: connector.rate(), Sleeper.SYSTEM, 0);
		boolean ok = true;
		for (String stream : streams) {
			out.println(connector.source() + " " + stream + " [" + from + ", " + to + "):");
			if (!connector.streams().containsKey(stream)) {
				out.println("  no such stream (streams: " + connector.streamNames() + ")");
				ok = false;
				continue;
			}
			StreamFetch fetch = new StreamFetch(tenant, connector.source(), stream, connection,
					connection.baseUrl() != null ? connection.baseUrl() : connector.baseUrl(), from, to, 1, null);
			try {
				var request = source.request(fetch, null);
				out.println("  " + request.method() + " " + SafeUris.mask(request.uri()));
				ApiResponse response = client.send(request, budget);
				ApiSource.Page page = source.page(fetch, response);
				out.println("  HTTP " + response.status() + ": " + page.records().size() + " record(s) on the first page, "
						+ (page.nextToken() == null ? "no next page" : "a next page follows"));
				print(source, stream, tenant, page.records(), records, out);
			}
			catch (ApiException | IllegalStateException | io.touchpoint.jobs.sources.api.ApiPageException ex) {
				out.println("  failed: " + SafeUris.mask(ex.getMessage()));
				ok = false;
			}
		}
		return ok;
	}

	private static void print(ApiSource source, String stream, String tenant, List<JsonNode> records, int limit,
			PrintWriter out) {
		String path = ApiSources.pagePath(source.source(), stream, 1);
		for (int i = 0; i < Math.min(limit, records.size()); i++) {
			String text = JSON.writeValueAsString(records.get(i));
			JsonRecord record = new JsonRecord(source.source(), path, i + 1, text, JSON.readTree(text));
			out.println("  record " + (i + 1) + ":");
			try {
				List<StagedRow> rows = source.map(record, stream, new MappingContext(tenant, "check", Instant.now()));
				if (rows.isEmpty()) {
					out.println("    (filtered: not data)");
				}
				for (StagedRow row : rows) {
					out.println("    " + row.table() + " " + row);
				}
			}
			catch (MalformedRecordException ex) {
				out.println("    quarantined: " + ex.getMessage());
			}
		}
	}

	/** How a connector authenticates, in words, naming the settings that hold its secrets. */
	public static String describe(Connector.Auth auth, String source) {
		String prefix = "touchpoint.connections.<tenant>." + source + ".";
		return switch (auth.kind()) {
			case NONE -> "none";
			case BEARER -> "bearer token (" + prefix + "token)";
			case BASIC -> "basic (user " + prefix + "options.username, password " + prefix + "token)";
			case HEADER -> "key in header " + auth.name() + " (" + prefix + "token)";
			case QUERY -> "key in query parameter " + auth.name() + " (" + prefix + "token)";
			case OAUTH2 -> "OAuth2 client credentials at " + auth.tokenUrl() + " (" + prefix + "options.client-id, secret "
					+ prefix + "token)";
		};
	}

	/** How a stream pages and which window parameters it sends, in words. */
	public static String describe(Connector.Stream stream) {
		Connector.Pagination p = stream.pagination();
		String paging = switch (p.type()) {
			case NONE -> "one page";
			case NEXT_URL -> "next URL at " + p.pointer();
			case LINK_HEADER -> "Link rel=next";
			case CURSOR -> "cursor " + p.param() + " from " + (p.pointer() != null ? p.pointer() : "last record " + p.lastRecord());
			case OFFSET -> "offset " + p.param() + (p.pointer() == null ? "" : " to total " + p.pointer());
			case PAGE -> "page " + p.param() + (p.pointer() != null ? " to " + p.pointer()
					: p.header() != null ? " to header " + p.header() : "");
		};
		Connector.Incremental inc = stream.incremental();
		String window = inc == null ? "no window" : "window " + (inc.fromParam() == null ? "" : inc.fromParam() + "/")
				+ (inc.toParam() == null ? "" : inc.toParam() + " ") + "(" + inc.format().kind() + ")"
				+ (inc.maxWindow() == null ? "" : " split at " + inc.maxWindow().toDays() + " days")
				+ (inc.filterRecords() ? " filtered by " + inc.field() : "");
		return paging + ", " + window;
	}

	/** The canonical tables a stream's records map to. */
	public static List<String> tables(Connector.Stream stream) {
		List<String> tables = new ArrayList<>();
		stream.mapping().rows().keySet().forEach(table -> tables.add(table.tableName));
		return tables;
	}
}
