package io.touchpoint.jobs.ingest;

import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.batch.infrastructure.item.ItemStreamException;
import org.springframework.batch.infrastructure.item.ItemStreamReader;

import io.touchpoint.readers.MalformedRecordException;
import io.touchpoint.readers.SourceRecord;

/**
 * The normalize step's reader: a record its file reader cannot read (wrong field count, bad quoting) is
 * handed on as an {@link Unreadable} item, which {@link NormalizeProcessor} refuses, so it is skipped and
 * quarantined in processing rather than in reading.
 *
 * <p>That keeps every quarantined record in the chunk that commits past it. A chunk whose every read was
 * skipped holds no item, and Spring Batch's chunk-oriented step does not call the writer for it, yet it
 * commits the reader's position: the quarantine rows of such a chunk (two broken lines at the end of a
 * file, say) would never be staged, and a restart would not read them again.
 */
public final class UnreadableRecords implements ItemStreamReader<SourceRecord> {

	private final ItemStreamReader<SourceRecord> records;

	public UnreadableRecords(ItemStreamReader<SourceRecord> records) {
		this.records = records;
	}

	@Override
	public SourceRecord read() throws Exception {
		try {
			return records.read();
		}
		catch (MalformedRecordException ex) {
			return new Unreadable(ex);
		}
	}

	@Override
	public void open(ExecutionContext context) throws ItemStreamException {
		records.open(context);
	}

	@Override
	public void update(ExecutionContext context) throws ItemStreamException {
		records.update(context);
	}

	@Override
	public void close() throws ItemStreamException {
		records.close();
	}

	/** A record that could not be read: where it is and why, for the quarantine. */
	record Unreadable(MalformedRecordException failure) implements SourceRecord {

		@Override
		public String source() {
			return failure.source();
		}

		@Override
		public String file() {
			return failure.file();
		}

		@Override
		public long line() {
			return failure.line();
		}

		@Override
		public String rawText() {
			return failure.rawText();
		}
	}
}
