package io.touchpoint.jobs.sources.declarative;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.springframework.batch.infrastructure.item.ExecutionContext;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import io.touchpoint.jobs.config.TouchpointProperties.Connection;
import io.touchpoint.jobs.sources.SourceMapper.MappingContext;
import io.touchpoint.jobs.sources.api.ApiSource;
import io.touchpoint.jobs.sources.api.ApiSources;
import io.touchpoint.jobs.sources.api.StreamFetch;
import io.touchpoint.readers.MalformedRecordException;
import io.touchpoint.readers.http.ApiClient;
import io.touchpoint.readers.http.ApiResponse;
import io.touchpoint.readers.http.RequestBudget;
import io.touchpoint.readers.http.RetryPolicy;
import io.touchpoint.readers.jsonl.JsonLinesReader;
import io.touchpoint.readers.jsonl.JsonRecord;
import io.touchpoint.writers.staging.StagedRow;

/**
 * Runs one stream of an {@link ApiSource} the way the {@code fetch-api} step does, without the database:
 * page after page through a real {@link ApiClient} (retries, {@code Retry-After}, a request budget), each
 * page's records written as JSON lines and read back by the {@link JsonLinesReader} as a landed page is,
 * then mapped; the page token is kept between pages, so a run stopped after a page can be resumed from it.
 * The sleeper records the waits instead of sleeping them.
 */
final class StreamRun {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	final ApiSource source;

	final String tenant;

	final String stream;

	final Connection connection;

	final Instant from;

	final Instant to;

	final List<Duration> waits = new ArrayList<>();

	final List<StagedRow> rows = new ArrayList<>();

	final List<String> quarantined = new ArrayList<>();

	int pages;

	String token;

	boolean done;

	private final ApiClient client;

	private final RequestBudget budget;

	StreamRun(ApiSource source, String tenant, String stream, Connection connection, Instant from, Instant to) {
		this.source = source;
		this.tenant = tenant;
		this.stream = stream;
		this.connection = connection;
		this.from = from;
		this.to = to;
		this.client = new ApiClient(new RetryPolicy(3, Duration.ofMillis(10), Duration.ofMillis(100),
				Duration.ofMinutes(2), Duration.ofSeconds(20)), waits::add);
		this.budget = new RequestBudget("tenant " + tenant, 1000, 0, waits::add, 0);
	}

	/** The built-in connector of a source, as a source, its {@code ${...}} settings at their defaults. */
	static DeclarativeApiSource builtIn(String source) {
		return new DeclarativeApiSource(Connectors.builtIn().stream().filter(c -> c.source().equals(source)).findFirst()
			.orElseThrow());
	}

	/** A connection to a local route with this token, page size and options. */
	static Connection connection(String baseUrl, String token, int pageSize, Map<String, String> options) {
		return new Connection(URI.create(baseUrl), token, null, LocalDate.of(2026, 1, 1), null, 1000, null, pageSize, null,
				options);
	}

	/** Fetches and maps the next page; returns false once the stream is done. */
	boolean page() throws InterruptedException {
		if (done) {
			return false;
		}
		int page = pages + 1;
		StreamFetch fetch = new StreamFetch(tenant, source.source(), stream, connection, connection.baseUrl(), from, to,
				page, token);
		ApiResponse response = client.send(source.request(fetch, token), budget);
		ApiSource.Page result = source.page(fetch, response);
		map(page, result.records());
		pages = page;
		token = result.nextToken();
		done = token == null;
		return !done;
	}

	/** Fetches every remaining page. */
	StreamRun all() throws InterruptedException {
		while (page()) {
			// next page
		}
		return this;
	}

	/** A run that goes on from where this one stopped (a restart: same window, the saved token). */
	StreamRun restart() {
		StreamRun restarted = new StreamRun(source, tenant, stream, connection, from, to);
		restarted.pages = pages;
		restarted.token = token;
		restarted.rows.addAll(rows);
		restarted.quarantined.addAll(quarantined);
		return restarted;
	}

	int requests() {
		return budget.used();
	}

	private void map(int page, List<JsonNode> records) {
		if (records.isEmpty()) {
			return;
		}
		var out = new ByteArrayOutputStream();
		for (JsonNode record : records) {
			out.writeBytes(JSON.writeValueAsString(record).getBytes(StandardCharsets.UTF_8));
			out.write('\n');
		}
		byte[] bytes = out.toByteArray();
		String path = ApiSources.pagePath(source.source(), stream, page);
		JsonLinesReader reader = new JsonLinesReader(source.source(), path, () -> new ByteArrayInputStream(bytes),
				StandardCharsets.UTF_8);
		reader.open(new ExecutionContext());
		try {
			while (true) {
				JsonRecord record;
				try {
					record = reader.read();
				}
				catch (MalformedRecordException ex) {
					quarantined.add(path + " " + ex.getMessage());
					continue;
				}
				if (record == null) {
					break;
				}
				try {
					rows.addAll(source.map(record, stream, new MappingContext(tenant, "batch-1", java.time.Instant.parse(
							"2026-11-02T00:00:00Z"))));
				}
				catch (MalformedRecordException ex) {
					quarantined.add(path + ":" + record.line() + " " + ex.getMessage());
				}
			}
		}
		catch (java.io.IOException ex) {
			throw new java.io.UncheckedIOException(ex);
		}
		finally {
			reader.close();
		}
	}
}
