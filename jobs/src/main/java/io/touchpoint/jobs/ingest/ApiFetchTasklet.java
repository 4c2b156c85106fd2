package io.touchpoint.jobs.ingest;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.core.ExitStatus;
import org.springframework.batch.core.scope.context.ChunkContext;
import org.springframework.batch.core.step.StepContribution;
import org.springframework.batch.core.step.tasklet.Tasklet;
import org.springframework.batch.infrastructure.repeat.RepeatStatus;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.PutObjectRequest;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import io.touchpoint.jobs.config.TouchpointProperties;
import io.touchpoint.jobs.config.TouchpointProperties.Connection;
import io.touchpoint.jobs.model.Digests;
import io.touchpoint.jobs.sources.api.ApiSource;
import io.touchpoint.jobs.sources.api.ApiSources;
import io.touchpoint.jobs.sources.api.CursorStore;
import io.touchpoint.jobs.sources.api.StreamFetch;
import io.touchpoint.readers.http.ApiClient;
import io.touchpoint.readers.http.ApiResponse;
import io.touchpoint.readers.http.RequestBudget;
import io.touchpoint.readers.http.Sleeper;
import io.touchpoint.readers.inbox.InboxFile;

/**
 * fetch-api: pulls the tenant's API sources page by page. Each stream fetches the window
 * {@code [cursor - lookback, end of the business date)} (a backfill: its own dates, leaving the live
 * cursor alone), fixed when the batch first plans it. Each call of this tasklet fetches one page, lands
 * its records as JSON lines in S3 under the batch's landing prefix, registers the page as a file of the
 * batch and records the next page's token, all in one transaction; a restarted run therefore continues
 * after the last committed page. The live cursors move only when the batch has reconciled.
 */
public class ApiFetchTasklet implements Tasklet {

	private static final Logger log = LoggerFactory.getLogger(ApiFetchTasklet.class);

	/** The first day fetched for a stream without a cursor nor a configured start: this many days back. */
	static final int DEFAULT_HISTORY_DAYS = 30;

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private final ApiSources sources;

	private final TouchpointProperties properties;

	private final CursorStore cursors;

	private final InboxFileRegistry registry;

	private final S3Client s3;

	private final String bucket;

	private final ApiClient client;

	private final Sleeper sleeper;

	/** Request budgets of running step executions, by step execution id and source. */
	private final Map<String, RequestBudget> budgets = new ConcurrentHashMap<>();

	public ApiFetchTasklet(ApiSources sources, TouchpointProperties properties, CursorStore cursors, InboxFileRegistry registry,
			S3Client s3, String bucket, Sleeper sleeper) {
		this.sources = sources;
		this.properties = properties;
		this.cursors = cursors;
		this.registry = registry;
		this.s3 = s3;
		this.bucket = bucket;
		this.sleeper = sleeper;
		this.client = new ApiClient(properties.api().retryPolicy(), sleeper);
	}

	@Override
	public RepeatStatus execute(StepContribution contribution, ChunkContext chunkContext) throws Exception {
		var step = chunkContext.getStepContext().getStepExecution();
		BatchContext batch = BatchContext.of(step);
		Map<String, Connection> connections = properties.connectionsOf(batch.tenantId());
		if (connections.isEmpty()) {
			contribution.setExitStatus(ExitStatus.COMPLETED.addExitDescription("no API connections for tenant "
					+ batch.tenantId()));
			return RepeatStatus.FINISHED;
		}
		if (!step.getExecutionContext().containsKey("planned")) {
			plan(batch, step.getJobExecution().getJobParameters().getLocalDate(IngestParameters.FROM), connections);
			step.getExecutionContext().putString("planned", "yes");
			return RepeatStatus.CONTINUABLE;
		}
		CursorStore.Fetch next = cursors.fetches(batch.batchId()).stream().filter(f -> !f.done()).findFirst().orElse(null);
		if (next == null) {
			budgets.keySet().removeIf(key -> key.startsWith(step.getId() + "/"));
			String summary = summary(cursors.fetches(batch.batchId()));
			log.info("fetch-api {} for tenant {}: {}", batch.batchId(), batch.tenantId(), summary);
			contribution.setExitStatus(ExitStatus.COMPLETED.addExitDescription(summary));
			return RepeatStatus.FINISHED;
		}
		fetchPage(batch, step.getId(), next, connections.get(next.source()), contribution);
		return RepeatStatus.CONTINUABLE;
	}

	private void plan(BatchContext batch, @Nullable LocalDate backfillFrom, Map<String, Connection> connections) {
		Instant to = batch.date().plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant();
		for (var entry : connections.entrySet()) {
			ApiSource source = sources.find(entry.getKey());
			if (source == null) {
				throw new IllegalStateException("touchpoint.connections." + batch.tenantId() + "." + entry.getKey()
						+ " names no API source (API sources: " + sources.names() + "); fix the configuration, then restart");
			}
			Connection connection = entry.getValue();
			Duration lookback = connection.lookback() != null ? connection.lookback() : source.defaults().lookback();
			for (String stream : streams(source, connection, batch.tenantId())) {
				Instant from;
				if (backfillFrom != null) {
					from = backfillFrom.atStartOfDay(ZoneOffset.UTC).toInstant();
				}
				else {
					Instant cursor = cursors.cursor(batch.tenantId(), source.source(), stream);
					LocalDate start = connection.start() != null ? connection.start()
							: batch.date().minusDays(DEFAULT_HISTORY_DAYS);
					from = cursor != null ? cursor.minus(lookback) : start.atStartOfDay(ZoneOffset.UTC).toInstant();
				}
				cursors.plan(batch.batchId(), batch.tenantId(), source.source(), stream, from, to, backfillFrom != null);
			}
		}
	}

	private static List<String> streams(ApiSource source, Connection connection, String tenant) {
		if (connection.streams() == null || connection.streams().isEmpty()) {
			return source.streams();
		}
		for (String stream : connection.streams()) {
			if (!source.streams().contains(stream)) {
				throw new IllegalStateException("touchpoint.connections." + tenant + "." + source.source() + ".streams names '"
						+ stream + "', which " + source.source() + " does not have (streams: " + source.streams() + ")");
			}
		}
		return source.streams().stream().filter(connection.streams()::contains).toList();
	}

	private void fetchPage(BatchContext batch, Long stepId, CursorStore.Fetch fetch, Connection connection,
			StepContribution contribution) throws InterruptedException {
		ApiSource source = sources.find(fetch.source());
		var defaults = source.defaults();
		double rate = connection.requestsPerSecond() != null ? connection.requestsPerSecond() : defaults.requestsPerSecond();
		RequestBudget budget = budgets.computeIfAbsent(stepId + "/" + fetch.source(),
				key -> new RequestBudget("tenant " + batch.tenantId() + ", source " + fetch.source(),
						connection.maxRequests(), rate, sleeper, cursors.requestsUsed(batch.batchId(), fetch.source())));
		int page = fetch.pages() + 1;
		StreamFetch streamFetch = new StreamFetch(batch.tenantId(), fetch.source(), fetch.stream(), connection,
				connection.baseUrl() != null ? connection.baseUrl() : defaults.baseUrl(), fetch.from(), fetch.to(), page,
				fetch.nextToken());
		int before = budget.used();
		ApiResponse response = client.send(source.request(streamFetch, streamFetch.pageToken()), budget);
		ApiSource.Page result = source.page(streamFetch, response);
		if (!result.records().isEmpty()) {
			land(batch, fetch, page, result.records());
			contribution.incrementReadCount();
		}
		cursors.pageLanded(batch.batchId(), fetch.source(), fetch.stream(), result.records().size(), budget.used() - before,
				result.nextToken());
		log.debug("{}: {} record(s){}", streamFetch.describe(), result.records().size(),
				result.nextToken() == null ? ", last page" : "");
	}

	private void land(BatchContext batch, CursorStore.Fetch fetch, int page, List<JsonNode> records) {
		var out = new ByteArrayOutputStream();
		for (JsonNode record : records) {
			out.writeBytes(JSON.writeValueAsString(record).getBytes(StandardCharsets.UTF_8));
			out.write('\n');
		}
		byte[] bytes = out.toByteArray();
		String path = ApiSources.pagePath(fetch.source(), fetch.stream(), page);
		String key = ApiSources.landingPrefix(batch.tenantId(), batch.date(), batch.batchId()) + path;
		s3.putObject(PutObjectRequest.builder().bucket(bucket).key(key).contentType("application/x-ndjson").build(),
				RequestBody.fromBytes(bytes));
		registry.register(batch.tenantId(), batch.batchId(),
				new InboxFile(fetch.source(), path, "s3://" + bucket + "/" + key, bytes.length), Digests.sha256Hex(bytes), null);
	}

	private static String summary(List<CursorStore.Fetch> fetches) {
		List<String> parts = new ArrayList<>();
		for (CursorStore.Fetch f : fetches) {
			parts.add(f.source() + " " + f.stream() + ": " + f.records() + " record(s) in " + f.pages() + " page(s) of ["
					+ f.from() + ", " + f.to() + ")" + (f.backfill() ? " (backfill)" : ""));
		}
		return String.join("; ", parts);
	}

}
