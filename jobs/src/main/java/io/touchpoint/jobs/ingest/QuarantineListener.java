package io.touchpoint.jobs.ingest;

import java.time.Clock;
import java.util.List;

import org.springframework.batch.core.listener.ChunkListener;
import org.springframework.batch.core.listener.SkipListener;
import org.springframework.batch.infrastructure.item.Chunk;

import io.touchpoint.readers.MalformedRecordException;
import io.touchpoint.readers.SourceRecord;
import io.touchpoint.writers.quarantine.QuarantineBuffer;
import io.touchpoint.writers.quarantine.QuarantineRow;
import io.touchpoint.writers.staging.StagedRow;

/**
 * Turns every skipped record into a quarantine row (source, file, line, reason, raw text) in the same
 * chunk: the rows go to the writer's buffer and are staged with the chunk, so bad input is counted and
 * kept exactly like good input. A failed chunk discards its buffered rows with the chunk.
 */
public class QuarantineListener implements SkipListener<SourceRecord, List<StagedRow>>, ChunkListener<SourceRecord, List<StagedRow>> {

	private final QuarantineBuffer buffer;

	private final String tenantId;

	private final String batchId;

	private final Clock clock;

	public QuarantineListener(QuarantineBuffer buffer, String tenantId, String batchId, Clock clock) {
		this.buffer = buffer;
		this.tenantId = tenantId;
		this.batchId = batchId;
		this.clock = clock;
	}

	/** The buffer the step's writer drains into the quarantine table's parts. */
	public QuarantineBuffer buffer() {
		return buffer;
	}

	@Override
	public void onSkipInRead(Throwable t) {
		quarantine(t);
	}

	@Override
	public void onSkipInProcess(SourceRecord item, Throwable t) {
		quarantine(t);
	}

	@Override
	public void onChunkError(Exception exception, Chunk<List<StagedRow>> chunk) {
		buffer.clear();
	}

	private void quarantine(Throwable t) {
		if (t instanceof MalformedRecordException bad) {
			buffer.add(new QuarantineRow(tenantId, batchId, bad.source(), bad.file(), bad.line(), bad.reason(),
					bad.rawText(), clock.instant()));
		}
	}
}
