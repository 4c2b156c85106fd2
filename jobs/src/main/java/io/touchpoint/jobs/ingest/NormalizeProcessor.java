package io.touchpoint.jobs.ingest;

import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;

import org.jspecify.annotations.Nullable;
import org.springframework.batch.core.listener.ChunkListener;
import org.springframework.batch.infrastructure.item.Chunk;
import org.springframework.batch.infrastructure.item.ItemProcessor;

import io.touchpoint.jobs.model.TagSnapshot;
import io.touchpoint.jobs.sources.SourceMapper;
import io.touchpoint.jobs.sources.SourceMappers;
import io.touchpoint.readers.SourceRecord;
import io.touchpoint.readers.csv.CsvHeader;
import io.touchpoint.readers.csv.CsvRecord;
import io.touchpoint.writers.staging.IdleDaemonPool;
import io.touchpoint.writers.staging.StagedRow;

/**
 * normalize: a raw record to canonical rows through its source's mapper. Checks each CSV file's header
 * for the source's required columns once. Returns null for records that are not data (Spring Batch
 * counts them as filtered); bad records throw and are quarantined by the step's skip policy, and so is a
 * record whose row holds a value longer than its column ({@link ColumnLimits}).
 *
 * <p>With {@code threads} above 1 it is also the step's chunk listener: once a chunk is read, its records
 * are mapped ahead on that many threads (mappers are pure functions of the record), and {@link #process}
 * hands out each record's rows, or throws its mapping failure, on the step's thread, in the chunk's order:
 * what is skipped, quarantined, written and committed is the same as with one thread; only the mapping
 * itself runs in parallel. A record that was not mapped ahead is mapped when it is processed.
 */
public class NormalizeProcessor
		implements ItemProcessor<SourceRecord, List<StagedRow>>, ChunkListener<SourceRecord, List<StagedRow>> {

	private final SourceMappers mappers;

	private final SourceMapper.MappingContext context;

	private final ColumnLimits limits;

	private final int threads;

	private final Set<CsvHeader> checkedHeaders = Collections.newSetFromMap(new IdentityHashMap<>());

	/** The current chunk's records mapped ahead, by identity; emptied when the chunk ends. */
	private final Map<SourceRecord, Mapped> ahead = new IdentityHashMap<>();

	private @Nullable ExecutorService pool;

	/** The schema-change policy of the night's files (none: headers are only checked for required columns). */
	private io.touchpoint.jobs.checks.@Nullable SchemaWatch schemas;

	public NormalizeProcessor watchSchemas(io.touchpoint.jobs.checks.SchemaWatch watch) {
		this.schemas = watch;
		return this;
	}

	public NormalizeProcessor(SourceMappers mappers, SourceMapper.MappingContext context, ColumnLimits limits) {
		this(mappers, context, limits, 1);
	}

	public NormalizeProcessor(SourceMappers mappers, SourceMapper.MappingContext context, ColumnLimits limits,
			int threads) {
		if (threads < 1) {
			throw new IllegalArgumentException("threads is " + threads + ": configure 1 or more");
		}
		this.mappers = mappers;
		this.context = context;
		this.limits = limits;
		this.threads = threads;
	}

	@Override
	public @Nullable List<StagedRow> process(SourceRecord record) {
		if (record instanceof UnreadableRecords.Unreadable unreadable) {
			throw unreadable.failure();
		}
		SourceMapper mapper = mappers.forFile(record.source(), record.file());
		if (record instanceof CsvRecord csv && checkedHeaders.add(csv.header())) {
			HeaderCheck.require(mappers, mapper, csv);
			if (schemas != null) {
				schemas.header(csv);
			}
		}
		if (schemas != null && record instanceof CsvRecord csv) {
			schemas.record(csv);
		}
		if (schemas != null && record instanceof io.touchpoint.readers.jsonl.JsonRecord json) {
			schemas.fields(json);
		}
		Mapped mapped = ahead.get(record);
		List<StagedRow> rows = mapped == null ? mapper.map(record, context) : mapped.rows();
		for (StagedRow row : rows) {
			limits.check(record, row);
			if (row instanceof TagSnapshot && mapper.tagFeed() != SourceMapper.TagFeed.SNAPSHOT) {
				throw new IllegalStateException("The mapper of source " + mapper.source() + " lists tags (tag_snapshots) "
						+ "but declares its tags as changes: declare tagFeed() SNAPSHOT, or map tags as applications");
			}
		}
		return rows.isEmpty() ? null : rows;
	}

	/** Maps the chunk's records ahead: the calling thread one slice, the pool the others. */
	@Override
	public void beforeChunk(Chunk<SourceRecord> chunk) {
		ahead.clear();
		if (threads < 2) {
			return;
		}
		List<SourceRecord> records = new ArrayList<>(chunk.size());
		for (Object item : chunk.getItems()) {
			if (item instanceof SourceRecord record && !(item instanceof UnreadableRecords.Unreadable)) {
				// a scan after a failed write passes processed items; an unreadable record has nothing to map
				records.add(record);
			}
		}
		int slices = Math.min(threads, records.size());
		if (slices < 2) {
			return;
		}
		List<Future<Mapped[]>> others = new ArrayList<>(slices - 1);
		for (int s = 1; s < slices; s++) {
			List<SourceRecord> slice = records.subList(records.size() * s / slices, records.size() * (s + 1) / slices);
			others.add(pool().submit(() -> mapAll(slice)));
		}
		List<SourceRecord> first = records.subList(0, records.size() / slices);
		put(first, mapAll(first));
		for (int s = 1; s < slices; s++) {
			put(records.subList(records.size() * s / slices, records.size() * (s + 1) / slices), result(others.get(s - 1)));
		}
	}

	@Override
	public void afterChunk(Chunk<List<StagedRow>> chunk) {
		ahead.clear();
	}

	@Override
	public void onChunkError(Exception exception, Chunk<List<StagedRow>> chunk) {
		ahead.clear();
	}

	private void put(List<SourceRecord> records, Mapped[] mapped) {
		for (int i = 0; i < mapped.length; i++) {
			ahead.put(records.get(i), mapped[i]);
		}
	}

	private Mapped[] mapAll(List<SourceRecord> records) {
		Mapped[] mapped = new Mapped[records.size()];
		for (int i = 0; i < mapped.length; i++) {
			SourceRecord record = records.get(i);
			try {
				mapped[i] = new Mapped(mappers.forFile(record.source(), record.file()).map(record, context), null);
			}
			catch (RuntimeException ex) {
				mapped[i] = new Mapped(null, ex);
			}
		}
		return mapped;
	}

	private static Mapped[] result(Future<Mapped[]> future) {
		try {
			return future.get();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("interrupted while mapping a chunk ahead; restart the execution", ex);
		}
		catch (ExecutionException ex) {
			if (ex.getCause() instanceof Error error) {
				throw error;
			}
			throw new IllegalStateException("mapping a chunk ahead failed: " + ex.getCause(), ex.getCause());
		}
	}

	private synchronized ExecutorService pool() {
		if (pool == null) {
			pool = IdleDaemonPool.of(threads - 1, "normalize-" + context.batchId());
		}
		return pool;
	}

	/** A record's rows, or the failure its mapping threw (thrown again when the record is processed). */
	private record Mapped(List<StagedRow> rows, @Nullable RuntimeException failure) {

		@Override
		public List<StagedRow> rows() {
			if (failure != null) {
				throw failure;
			}
			return rows;
		}
	}
}
