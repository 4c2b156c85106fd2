package io.touchpoint.jobs.sources.api;

import java.net.URI;
import java.time.Duration;
import java.util.List;

import tools.jackson.databind.JsonNode;

import io.touchpoint.jobs.sources.SourceMapper.MappingContext;
import io.touchpoint.readers.http.ApiRequest;
import io.touchpoint.readers.http.ApiResponse;
import io.touchpoint.readers.jsonl.JsonRecord;
import io.touchpoint.writers.staging.StagedRow;

/**
 * A vendor API as a source: how to ask for one page of a stream within a time window, how to read the
 * page's records and its next-page token, and how to map a record to canonical rows. The
 * {@code fetch-api} step does the rest: windows and cursors, retries, budgets, landing each page in S3
 * and resuming a restarted run at its next page. Landed pages are normalized like export files, so a
 * bad record is quarantined naming its page and position.
 */
public interface ApiSource {

	/** The source name, the same as its file exports' ({@code stripe}): rows from both are one source. */
	String source();

	/** How the source states tags (see {@link io.touchpoint.jobs.sources.SourceMapper#tagFeed()}). */
	default io.touchpoint.jobs.sources.SourceMapper.TagFeed tagFeed() {
		return io.touchpoint.jobs.sources.SourceMapper.TagFeed.CHANGES;
	}

	/** The streams in fetch order ({@code charges}, {@code refunds}, ...). */
	List<String> streams();

	/** The public API root, the request rate the vendor allows, and the lookback of a run before its cursor. */
	Defaults defaults();

	/**
	 * The request for one page: the first when {@code pageToken} is null, else the page the previous
	 * page's token points at.
	 */
	ApiRequest request(StreamFetch fetch, String pageToken);

	/**
	 * The records of a page and the token of the next page (null on the last page).
	 *
	 * @throws ApiPageException when the response is not a page of this API
	 */
	Page page(StreamFetch fetch, ApiResponse response);

	/** Canonical rows for one landed record of {@code stream} (empty: not data, filtered). */
	List<StagedRow> map(JsonRecord record, String stream, MappingContext context);

	/**
	 * @param baseUrl           the public API root
	 * @param requestsPerSecond the vendor's documented rate, kept under
	 * @param lookback          how far before the cursor a run starts again (late or restated records)
	 */
	record Defaults(URI baseUrl, double requestsPerSecond, Duration lookback) {
	}

	/** One page: its records, in the order the API returned them, and the next page's token or null. */
	record Page(List<JsonNode> records, String nextToken) {
	}
}
