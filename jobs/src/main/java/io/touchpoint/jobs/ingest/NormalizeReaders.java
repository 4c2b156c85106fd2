package io.touchpoint.jobs.ingest;

import java.nio.charset.Charset;

import org.springframework.batch.infrastructure.item.ItemStreamReader;

import io.touchpoint.jobs.sources.SourceMapper;
import io.touchpoint.readers.SourceRecord;
import io.touchpoint.readers.csv.CsvRecordReader;
import io.touchpoint.readers.inbox.Inbox;
import io.touchpoint.readers.inbox.InboxFile;
import io.touchpoint.readers.jsonl.JsonLinesReader;

/**
 * How normalize reads one file of a batch: the reader its source's format asks for, counting bytes for
 * progress. The restart preview ({@link BatchFiles}) opens files the same way to say where a restart resumes.
 */
public final class NormalizeReaders {

	private NormalizeReaders() {
	}

	/** The reader of one file of the batch, as normalize reads it (also used to preview where a restart resumes). */
	public static ItemStreamReader<? extends SourceRecord> fileReader(Inbox inbox, InboxFile file, SourceMapper mapper,
			NormalizeProgressListener progress) {
		SourceMapper.FileFormat format = mapper.format(file.path());
		Charset charset = format.charset();
		return switch (format.kind()) {
			case CSV -> {
				var reader = new CsvRecordReader(file.source(), file.path(), () -> progress.track(file, inbox.open(file)),
						charset, format.delimiter());
				// exports come in whatever encoding the exporting user's settings gave them
				reader.setDetectEncoding(true);
				yield reader;
			}
			case JSON_LINES -> new JsonLinesReader(file.source(), file.path(),
					() -> progress.track(file, inbox.open(file)), charset);
		};
	}
}
