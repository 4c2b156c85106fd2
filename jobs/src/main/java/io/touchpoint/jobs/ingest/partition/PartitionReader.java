package io.touchpoint.jobs.ingest.partition;

import java.io.IOException;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.nio.charset.Charset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.batch.infrastructure.item.ItemStreamException;
import org.springframework.batch.infrastructure.item.ItemStreamReader;

import io.touchpoint.jobs.ingest.NormalizeProgressListener;
import io.touchpoint.jobs.ingest.NormalizeReaders;
import io.touchpoint.jobs.sources.SourceMapper;
import io.touchpoint.jobs.sources.SourceMappers;
import io.touchpoint.readers.MultiFileRecordReader;
import io.touchpoint.readers.SourceRecord;
import io.touchpoint.readers.csv.CsvRecordReader;
import io.touchpoint.readers.inbox.Inbox;
import io.touchpoint.readers.inbox.InboxFile;

/**
 * The reader of one normalize partition: its slices one after another, a whole file as normalize reads any
 * file, a range of a CSV file as the file's header followed by the range's bytes, in the charset the file's
 * first bytes show and with the file's line numbers. Restart is {@link MultiFileRecordReader}'s, within the
 * partition: the slice being read and the records of it already read, under {@code normalize.*} in the
 * partition's own execution context.
 */
public class PartitionReader implements ItemStreamReader<SourceRecord> {

	private final MultiFileRecordReader files;

	PartitionReader(List<InboxFile> batchFiles, List<FileSlice> slices, BatchInboxes inboxes, SourceMappers mappers,
			NormalizeProgressListener progress) {
		Map<String, FileSlice> byPath = new HashMap<>();
		List<InboxFile> read = slices.stream().map(slice -> {
			InboxFile file = batchFiles.get(slice.file());
			byPath.put(file.path(), slice);
			return file;
		}).toList();
		this.files = new MultiFileRecordReader(read, file -> reader(file, byPath.get(file.path()),
				inboxes.of(file), mappers.forFile(file.source(), file.path()), progress));
		this.files.setName("normalize");
	}

	private static ItemStreamReader<? extends SourceRecord> reader(InboxFile file, FileSlice slice, Inbox inbox,
			SourceMapper mapper, NormalizeProgressListener progress) {
		if (slice.isWhole()) {
			return NormalizeReaders.fileReader(inbox, file, mapper, progress);
		}
		SourceMapper.FileFormat format = mapper.format(file.path());
		var reader = new CsvRecordReader(file.source(), file.path(), () -> progress.track(file, open(inbox, file, slice)),
				Charset.forName(slice.charset()), format.delimiter());
		if (slice.afterHeader()) {
			reader.numberLinesAfter(slice.headerLines(), slice.firstLine());
		}
		return reader;
	}

	/** The slice's bytes: the range, after the header when the range does not start the file. */
	static InputStream open(Inbox inbox, InboxFile file, FileSlice slice) throws IOException {
		if (!slice.afterHeader()) {
			return new RangeInputStream(inbox.open(file), slice.end());
		}
		InputStream header = new RangeInputStream(inbox.open(file), slice.headerEnd());
		InputStream range;
		try {
			range = inbox.open(file, slice.start());
		}
		catch (IOException | RuntimeException ex) {
			header.close();
			throw ex;
		}
		return new SequenceInputStream(header, new RangeInputStream(range, slice.end() - slice.start()));
	}

	@Override
	public SourceRecord read() throws Exception {
		return files.read();
	}

	@Override
	public void open(ExecutionContext executionContext) throws ItemStreamException {
		files.open(executionContext);
	}

	@Override
	public void update(ExecutionContext executionContext) throws ItemStreamException {
		files.update(executionContext);
	}

	@Override
	public void close() throws ItemStreamException {
		files.close();
	}
}
