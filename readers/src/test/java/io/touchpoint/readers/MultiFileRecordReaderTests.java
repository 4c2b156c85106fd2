package io.touchpoint.readers;

import static io.touchpoint.readers.TestFiles.opener;
import static io.touchpoint.readers.TestFiles.utf8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.batch.infrastructure.item.ItemStreamException;
import org.springframework.batch.infrastructure.item.ItemStreamReader;

import io.touchpoint.readers.csv.CsvRecordReader;
import io.touchpoint.readers.inbox.InboxFile;

class MultiFileRecordReaderTests {

	private static final InboxFile JANUARY = new InboxFile("shop", "shop/2026-01.csv", "file:///inbox/shop/2026-01.csv", 0);
	private static final InboxFile FEBRUARY = new InboxFile("shop", "shop/2026-02.csv", "file:///inbox/shop/2026-02.csv", 0);

	private static final Map<String, String> CONTENTS = Map.of(
			"shop/2026-01.csv", "id,amount\nj1,1\nj2,2\n",
			"shop/2026-02.csv", "id,amount\nf1,10\nf2\nf3,30\nf4,40\n");

	private static ItemStreamReader<? extends SourceRecord> csv(InboxFile file) {
		return new CsvRecordReader(file.source(), file.path(), opener(utf8(CONTENTS.get(file.path()))),
				StandardCharsets.UTF_8, ',');
	}

	private static MultiFileRecordReader reader(List<InboxFile> files) {
		MultiFileRecordReader reader = new MultiFileRecordReader(files, MultiFileRecordReaderTests::csv);
		reader.setName("orders");
		return reader;
	}

	private static String id(SourceRecord record) {
		return record.rawText().substring(0, 2);
	}

	@Test
	void readsTheFilesOneAfterAnotherSkippingAMalformedRecord() throws Exception {
		// given
		MultiFileRecordReader reader = reader(List.of(JANUARY, FEBRUARY));
		reader.open(new ExecutionContext());
		List<String> read = new ArrayList<>();
		List<String> rejected = new ArrayList<>();

		// when
		while (true) {
			try {
				SourceRecord record = reader.read();
				if (record == null) {
					break;
				}
				read.add(record.file() + ":" + record.line() + ":" + id(record));
			}
			catch (MalformedRecordException e) {
				rejected.add(e.getMessage());
			}
		}
		reader.close();

		// then
		assertThat(read).containsExactly("shop/2026-01.csv:2:j1", "shop/2026-01.csv:3:j2",
				"shop/2026-02.csv:2:f1", "shop/2026-02.csv:4:f3", "shop/2026-02.csv:5:f4");
		assertThat(rejected).containsExactly("shop/2026-02.csv line 3: expected 2 fields, found 1");
	}

	@Test
	void aRestartInTheMiddleOfTheSecondFileResumesAtTheNextRecord() throws Exception {
		// given: j1, j2, f1 and the malformed f2 have been read when the chunk commits
		ExecutionContext context = new ExecutionContext();
		MultiFileRecordReader first = reader(List.of(JANUARY, FEBRUARY));
		first.open(context);
		first.read();
		first.read();
		first.read();
		assertThatThrownBy(first::read).isInstanceOf(MalformedRecordException.class);
		first.update(context);
		first.close();

		// when
		MultiFileRecordReader second = reader(List.of(JANUARY, FEBRUARY));
		second.open(context);
		SourceRecord next = second.read();

		// then
		assertThat(context.getInt("orders.fileIndex")).isEqualTo(1);
		assertThat(context.getString("orders.filePath")).isEqualTo("shop/2026-02.csv");
		assertThat(context.getLong("orders.file.records")).isEqualTo(2);
		assertThat(next.file()).isEqualTo("shop/2026-02.csv");
		assertThat(id(next)).isEqualTo("f3");
		assertThat(id(second.read())).isEqualTo("f4");
		assertThat(second.read()).isNull();
	}

	@Test
	void movingToTheNextFileDropsThePreviousFilesPosition() throws Exception {
		// given: both January records are read, and a third read moves into February
		ExecutionContext context = new ExecutionContext();
		MultiFileRecordReader first = reader(List.of(JANUARY, FEBRUARY));
		first.open(context);
		first.read();
		first.read();
		first.update(context);
		assertThat(context.getLong("orders.file.records")).isEqualTo(2);
		first.read();

		// when
		first.update(context);

		// then
		assertThat(context.getInt("orders.fileIndex")).isEqualTo(1);
		assertThat(context.getLong("orders.file.records")).isEqualTo(1);
		MultiFileRecordReader second = reader(List.of(JANUARY, FEBRUARY));
		second.open(context);
		assertThatThrownBy(second::read).isInstanceOfSatisfying(MalformedRecordException.class,
				e -> assertThat(e.rawText()).isEqualTo("f2"));
	}

	@Test
	void afterTheLastFileTheSavedPositionIsTheEnd() throws Exception {
		// given
		ExecutionContext context = new ExecutionContext();
		MultiFileRecordReader first = reader(List.of(JANUARY));
		first.open(context);
		while (first.read() != null) {
			// read everything
		}
		first.update(context);

		// when
		MultiFileRecordReader second = reader(List.of(JANUARY));
		second.open(context);

		// then
		assertThat(context.getInt("orders.fileIndex")).isEqualTo(1);
		assertThat(context.containsKey("orders.file.records")).isFalse();
		assertThat(second.read()).isNull();
	}

	@Test
	void aRestartWithADifferentFileListFailsTheOpen() {
		// given
		ExecutionContext context = new ExecutionContext();
		context.putInt("orders.fileIndex", 1);
		context.putString("orders.filePath", "shop/2026-02.csv");
		MultiFileRecordReader reader = reader(List.of(FEBRUARY, JANUARY));

		// when / then
		assertThatThrownBy(() -> reader.open(context))
			.isInstanceOf(ItemStreamException.class)
			.hasMessageContaining("file #2 is shop/2026-02.csv but it is now shop/2026-01.csv");
	}

	@Test
	void noFilesMeansNoRecords() throws Exception {
		// given
		MultiFileRecordReader reader = reader(List.of());
		reader.open(new ExecutionContext());

		// when / then
		assertThat(reader.read()).isNull();
	}
}
