package io.touchpoint.jobs.ingest.partition;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.batch.infrastructure.item.ExecutionContext;

import io.touchpoint.jobs.sources.SourceMapper.FileFormat;
import io.touchpoint.jobs.support.TargetTempDirs;
import io.touchpoint.readers.csv.CsvRecord;
import io.touchpoint.readers.csv.CsvRecordReader;
import io.touchpoint.readers.inbox.Inbox;
import io.touchpoint.readers.inbox.InboxFile;

class NormalizePartitionerTests {

	// "id,note\n" is bytes 0-7 (line 1); "1,\"x\ny\"\n" 8-15 (lines 2-3, its quoted LF at 12); "2,z\n" 16-19
	// (line 4); "3,w\n" 20-23 (line 5)
	private static final String CSV = "id,note\n1,\"x\ny\"\n2,z\n3,w\n";

	private static final FileFormat CSV_FORMAT = new FileFormat(FileFormat.Kind.CSV, StandardCharsets.UTF_8, List.of());

	private static final FileFormat JSONL = new FileFormat(FileFormat.Kind.JSON_LINES, StandardCharsets.UTF_8, List.of());

	@TempDir(factory = TargetTempDirs.class)
	Path inbox;

	@Test
	void aCutFallingOnAQuotedLineBreakMovesToTheNextRecordAndRangesKeepTheFilesLines() throws Exception {
		// given one 24-byte file in 2 partitions: the cut at 12 bytes falls on the LF inside record 1's quotes
		InboxFile file = write("stripe/a.csv", CSV);
		var partitioner = new NormalizePartitioner(List.of(file), f -> Inbox.of(inbox.toString(), null), f -> CSV_FORMAT);

		// when
		List<List<FileSlice>> partitions = partitioner.slices(2);

		// then the cut is after that record, at 16 bytes, line 4; the header is 8 bytes, 1 line
		assertThat(partitions).containsExactly(List.of(new FileSlice(0, 0, 16, 8, 1, 1, "UTF-8")),
				List.of(new FileSlice(0, 16, 24, 8, 1, 4, "UTF-8")));
		assertThat(read(file, partitions.get(0).get(0))).containsExactly("2:1,\"x\ny\"");
		assertThat(read(file, partitions.get(1).get(0))).containsExactly("4:2,z", "5:3,w");
	}

	@Test
	void filesThatCannotBeCutGoWholeAndACutBetweenFilesSplitsTheList() throws Exception {
		// given a 40-byte JSON lines file then the 24-byte CSV: 64 bytes, the cut of 2 partitions at 32 falls in
		// the JSON lines file, which is read whole; the CSV starts the second partition
		InboxFile events = write("segment/events.jsonl", "{\"a\":1}\n".repeat(5));
		InboxFile csv = write("stripe/a.csv", CSV);
		var partitioner = new NormalizePartitioner(List.of(events, csv), f -> Inbox.of(inbox.toString(), null),
				f -> f.path().endsWith(".csv") ? CSV_FORMAT : JSONL);

		// when
		List<List<FileSlice>> partitions = partitioner.slices(2);

		// then
		assertThat(partitions).containsExactly(List.of(FileSlice.whole(0)), List.of(FileSlice.whole(1)));
	}

	@Test
	void oneFileInThreePartitionsCoversEveryRecordOnce() throws Exception {
		// given 24 bytes in 3 partitions: cuts at 8 (the header's end) and 16
		InboxFile file = write("stripe/a.csv", CSV);
		var partitioner = new NormalizePartitioner(List.of(file), f -> Inbox.of(inbox.toString(), null), f -> CSV_FORMAT);

		// when
		List<List<FileSlice>> partitions = partitioner.slices(3);
		List<String> records = new ArrayList<>();
		for (List<FileSlice> partition : partitions) {
			for (FileSlice slice : partition) {
				records.addAll(read(file, slice));
			}
		}

		// then
		assertThat(partitions).hasSize(3);
		assertThat(records).containsExactly("2:1,\"x\ny\"", "4:2,z", "5:3,w");
	}

	@Test
	void gzipFilesAreReadWhole() throws Exception {
		// given
		Path path = inbox.resolve("stripe/a.csv.gz");
		Files.createDirectories(path.getParent());
		try (var out = new java.util.zip.GZIPOutputStream(Files.newOutputStream(path))) {
			out.write(CSV.repeat(10).getBytes(StandardCharsets.UTF_8));
		}
		InboxFile file = new InboxFile("stripe", "stripe/a.csv.gz", path.toUri().toString(), Files.size(path));
		var partitioner = new NormalizePartitioner(List.of(file), f -> Inbox.of(inbox.toString(), null), f -> CSV_FORMAT);

		// when / then
		assertThat(partitioner.slices(2)).containsExactly(List.of(FileSlice.whole(0)));
	}

	@Test
	void slicesSurviveTheExecutionContext() {
		// given
		List<FileSlice> slices = List.of(FileSlice.whole(0), new FileSlice(1, 16, 24, 8, 1, 4, "windows-1252"));

		// when / then
		assertThat(FileSlice.parse(FileSlice.format(slices))).isEqualTo(slices);
		assertThat(FileSlice.parse("")).isEmpty();
	}

	private InboxFile write(String relative, String text) throws Exception {
		Path path = inbox.resolve(relative);
		Files.createDirectories(path.getParent());
		Files.writeString(path, text, StandardCharsets.UTF_8);
		return new InboxFile(relative.substring(0, relative.indexOf('/')), relative, path.toUri().toString(),
				Files.size(path));
	}

	/** The records of a slice as "line:raw text", read as a partition reads a range. */
	private List<String> read(InboxFile file, FileSlice slice) throws Exception {
		Inbox local = Inbox.of(inbox.toString(), null);
		var reader = new CsvRecordReader(file.source(), file.path(), () -> PartitionReader.open(local, file, slice),
				StandardCharsets.UTF_8, ',');
		if (slice.afterHeader()) {
			reader.numberLinesAfter(slice.headerLines(), slice.firstLine());
		}
		reader.open(new ExecutionContext());
		List<String> records = new ArrayList<>();
		for (CsvRecord record = reader.read(); record != null; record = reader.read()) {
			records.add(record.line() + ":" + record.rawText());
		}
		reader.close();
		return records;
	}
}
