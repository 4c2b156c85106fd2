package io.touchpoint.readers.csv;

import static io.touchpoint.readers.TestFiles.concat;
import static io.touchpoint.readers.TestFiles.firstHalf;
import static io.touchpoint.readers.TestFiles.gzip;
import static io.touchpoint.readers.TestFiles.opener;
import static io.touchpoint.readers.TestFiles.utf8;
import static io.touchpoint.readers.TestReaders.openedAfter;
import static io.touchpoint.readers.TestReaders.readAll;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;
import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.batch.infrastructure.item.ItemStreamException;

import io.touchpoint.readers.MalformedFileException;
import io.touchpoint.readers.MalformedRecordException;

class CsvRecordReaderTests {

	private static final String FILE = "stripe/unified_payments.csv";

	private static CsvRecordReader reader(byte[] bytes) {
		return reader(bytes, StandardCharsets.UTF_8);
	}

	private static CsvRecordReader reader(byte[] bytes, Charset charset) {
		return new CsvRecordReader("stripe", FILE, opener(bytes), charset, ',');
	}

	@Test
	void readsQuotedFieldsWithSeparatorsEscapedQuotesAndEmbeddedCrlf() throws Exception {
		// given
		String csv = "id,name,note\r\n"
				+ "1,\"Smith, John\",plain\r\n"
				+ "2,\"She said \"\"hi\"\"\",\"line one\r\nline two\"\r\n"
				+ "3,x,y\r\n";
		CsvRecordReader reader = reader(utf8(csv));
		reader.open(new ExecutionContext());

		// when
		List<CsvRecord> records = readAll(reader);

		// then
		assertThat(records).hasSize(3);
		assertThat(records.get(0).values()).containsExactly("1", "Smith, John", "plain");
		assertThat(records.get(0).line()).isEqualTo(2);
		assertThat(records.get(0).rawText()).isEqualTo("1,\"Smith, John\",plain");
		assertThat(records.get(1).values()).containsExactly("2", "She said \"hi\"", "line one\r\nline two");
		assertThat(records.get(1).line()).isEqualTo(3);
		assertThat(records.get(1).rawText()).isEqualTo("2,\"She said \"\"hi\"\"\",\"line one\r\nline two\"");
		assertThat(records.get(2).values()).containsExactly("3", "x", "y");
		assertThat(records.get(2).line()).isEqualTo(5);
		assertThat(records.get(2).rawText()).isEqualTo("3,x,y");
		assertThat(records).allSatisfy(r -> {
			assertThat(r.source()).isEqualTo("stripe");
			assertThat(r.file()).isEqualTo(FILE);
		});
	}

	@Test
	void aQuotedFieldMaySpanSeveralLinesAndAnEmptyQuotedFieldIsEmpty() throws Exception {
		// given
		String csv = "a,b\n\"x\ny\nz\",\"\"\n\"q\",r";
		CsvRecordReader reader = reader(utf8(csv));

		// when
		List<CsvRecord> records = readAll(reader);

		// then
		assertThat(records).hasSize(2);
		assertThat(records.get(0).values()).containsExactly("x\ny\nz", "");
		assertThat(records.get(0).line()).isEqualTo(2);
		assertThat(records.get(1).values()).containsExactly("q", "r");
		assertThat(records.get(1).line()).isEqualTo(5);
		assertThat(records.get(1).rawText()).isEqualTo("\"q\",r");
	}

	@Test
	void aQuoteInsideAnUnquotedFieldIsKeptAsText() throws Exception {
		// given
		String csv = "product,size\nmonitor 27\" wide,L\nlamp,S\n";
		CsvRecordReader reader = reader(utf8(csv));

		// when
		List<CsvRecord> records = readAll(reader);

		// then
		assertThat(records).extracting(r -> r.get("product")).containsExactly("monitor 27\" wide", "lamp");
		assertThat(records).extracting(CsvRecord::line).containsExactly(2L, 3L);
	}

	@Test
	void mapsValuesByColumnNameWhateverTheColumnOrder() throws Exception {
		// given
		String csv = " amount ,extra,id\n12.50,ignored,ch_1\n";
		CsvRecordReader reader = reader(utf8(csv));
		reader.open(new ExecutionContext());

		// when
		CsvRecord record = reader.read();

		// then
		assertThat(reader.header().names()).containsExactly("amount", "extra", "id");
		assertThat(record.get("id")).isEqualTo("ch_1");
		assertThat(record.get("amount")).isEqualTo("12.50");
		assertThat(record.get(1)).isEqualTo("ignored");
		assertThat(record.has("extra")).isTrue();
		assertThat(record.get("currency")).isNull();
		assertThat(record.has("currency")).isFalse();
		assertThat(record.header()).isSameAs(reader.header());
	}

	@Test
	void skipsBlankLinesAndReadsALastLineWithoutTerminator() throws Exception {
		// given
		String csv = "\nid,name\n1,a\n\n   \n2,b";
		CsvRecordReader reader = reader(utf8(csv));

		// when
		List<CsvRecord> records = readAll(reader);

		// then
		assertThat(reader.header().names()).containsExactly("id", "name");
		assertThat(records).extracting(CsvRecord::rawText).containsExactly("1,a", "2,b");
		assertThat(records).extracting(CsvRecord::line).containsExactly(3L, 6L);
	}

	@Test
	void usesTheGivenSeparator() throws Exception {
		// given
		String csv = "id;amount\n1;\"3,50\"\n";
		CsvRecordReader reader = new CsvRecordReader("shop", "shop/orders.csv", opener(utf8(csv)),
				StandardCharsets.UTF_8, ';');

		// when
		CsvRecord record = reader.read();

		// then
		assertThat(record.get("amount")).isEqualTo("3,50");
		assertThat(record.source()).isEqualTo("shop");
		assertThat(record.file()).isEqualTo("shop/orders.csv");
	}

	@Test
	void aRecordWithTheWrongFieldCountIsMalformedAndReadingGoesOn() throws Exception {
		// given
		String csv = "id,name,amount\n1,a,10\n2,b\n3,c,30\n";
		CsvRecordReader reader = openedAfter(reader(utf8(csv)), 1);

		// when / then
		assertThatThrownBy(reader::read)
			.isInstanceOfSatisfying(MalformedRecordException.class, e -> {
				assertThat(e.getMessage()).isEqualTo(FILE + " line 3: expected 3 fields, found 2");
				assertThat(e.reason()).isEqualTo("expected 3 fields, found 2");
				assertThat(e.line()).isEqualTo(3);
				assertThat(e.rawText()).isEqualTo("2,b");
				assertThat(e.source()).isEqualTo("stripe");
				assertThat(e.file()).isEqualTo(FILE);
			});
		CsvRecord next = reader.read();
		assertThat(next.get("id")).isEqualTo("3");
		assertThat(next.line()).isEqualTo(4);
		assertThat(reader.read()).isNull();
	}

	@Test
	void aQuoteNeverClosedFailsTheFileAtTheLineWhereTheRecordStarts() throws Exception {
		// given
		String csv = "id,note\n1,ok\n2,\"never closed\n3,more\n4,text\n";
		CsvRecordReader reader = openedAfter(reader(utf8(csv)), 1);

		// when / then
		assertThatThrownBy(reader::read)
			.isInstanceOfSatisfying(MalformedFileException.class, e -> {
				assertThat(e.file()).isEqualTo(FILE);
				assertThat(e.line()).isEqualTo(3);
				assertThat(e.getMessage()).startsWith(FILE + " line 3: a quoted field opened in the record"
						+ " starting on this line is never closed");
				assertThat(e.getMessage()).contains("restart");
			});
	}

	@Test
	void aRecordLongerThanTheLimitFailsTheFileWithoutReadingItAll() throws Exception {
		// given
		StringBuilder csv = new StringBuilder("id,note\n1,\"opened");
		for (int i = 0; i < 1_000; i++) {
			csv.append("\nfiller line ").append(i);
		}
		CsvRecordReader reader = reader(utf8(csv.toString()));
		reader.setMaxRecordChars(100);

		// when / then
		assertThatThrownBy(reader::read)
			.isInstanceOfSatisfying(MalformedFileException.class, e -> {
				assertThat(e.line()).isEqualTo(2);
				assertThat(e.getMessage()).startsWith(FILE + " line 2: the record starting on this line is"
						+ " longer than 100 characters");
			});
	}

	@Test
	void anEmptyFileIsMalformed() {
		// given
		CsvRecordReader reader = reader(new byte[0]);

		// when / then
		assertThatThrownBy(() -> reader.open(new ExecutionContext()))
			.isInstanceOf(MalformedFileException.class)
			.hasMessage(FILE + ": the file is empty (no header line); re-export the file or replace it in the"
					+ " inbox, then restart the execution");
	}

	@Test
	void aDuplicatedHeaderColumnFailsTheFile() {
		// given
		CsvRecordReader reader = reader(utf8("id,name,id\n1,a,2\n"));

		// when / then
		assertThatThrownBy(() -> reader.open(new ExecutionContext()))
			.isInstanceOfSatisfying(MalformedFileException.class, e -> {
				assertThat(e.line()).isEqualTo(1);
				assertThat(e.getMessage()).startsWith(FILE + " line 1: duplicated column 'id' in the header");
			});
	}

	@Test
	void stripsAUtf8ByteOrderMarkFromTheFirstColumnName() throws Exception {
		// given
		byte[] bytes = concat(new byte[] { (byte) 0xEF, (byte) 0xBB, (byte) 0xBF }, utf8("id,name\n1,a\n"));
		CsvRecordReader reader = reader(bytes);

		// when
		CsvRecord record = reader.read();

		// then
		assertThat(reader.header().names()).containsExactly("id", "name");
		assertThat(record.get("id")).isEqualTo("1");
	}

	@Test
	void latin1BytesReadAsUtf8FailTheFileNamingTheLine() throws Exception {
		// given: "René" written in ISO-8859-1 (é is the single byte 0xE9)
		byte[] bytes = concat(utf8("id,name\n1,Ann\n2,Ren"), new byte[] { (byte) 0xE9 }, utf8("\n3,Bob\n"));
		CsvRecordReader reader = openedAfter(reader(bytes), 1);

		// when / then
		assertThatThrownBy(reader::read)
			.isInstanceOfSatisfying(MalformedFileException.class, e -> {
				assertThat(e.file()).isEqualTo(FILE);
				assertThat(e.line()).isEqualTo(3);
				assertThat(e.getMessage()).isEqualTo(FILE + " line 3: bytes that are not valid UTF-8 (0xE9 at"
						+ " column 6; the file looks like ISO-8859-1); re-export it as UTF-8, or declare the"
						+ " source's encoding, then restart");
			});
	}

	@Test
	void latin1BytesDecodeWhenTheReaderIsToldTheFileIsLatin1() throws Exception {
		// given
		byte[] bytes = concat(utf8("id,name\n2,Ren"), new byte[] { (byte) 0xE9 }, utf8("\n"));
		CsvRecordReader reader = reader(bytes, StandardCharsets.ISO_8859_1);

		// when
		CsvRecord record = reader.read();

		// then
		assertThat(record.get("name")).isEqualTo("René");
	}

	@Test
	void gzipIsRecognisedByItsMagicBytesWhateverTheFileName() throws Exception {
		// given: the display name says .csv, the bytes are gzip
		CsvRecordReader reader = reader(gzip(utf8("id,name\n1,a\n2,b\n")));

		// when
		List<CsvRecord> records = readAll(reader);

		// then
		assertThat(records).extracting(r -> r.get("name")).containsExactly("a", "b");
		assertThat(records).extracting(CsvRecord::line).containsExactly(2L, 3L);
	}

	@Test
	void aTruncatedGzipFailsTheFileNamingIt() throws Exception {
		// given: a gzip of 2,000 distinct lines, cut in half
		StringBuilder csv = new StringBuilder("id,hash\n");
		for (int i = 0; i < 2_000; i++) {
			csv.append(i).append(',').append(Integer.toHexString(i * 0x9E3779B1)).append('\n');
		}
		CsvRecordReader reader = reader(firstHalf(gzip(utf8(csv.toString()))));
		reader.open(new ExecutionContext());

		// when / then
		assertThatThrownBy(() -> {
			while (reader.read() != null) {
				// read until the stream breaks
			}
		}).isInstanceOfSatisfying(MalformedFileException.class, e -> {
			assertThat(e.file()).isEqualTo(FILE);
			assertThat(e.line()).isPositive();
			assertThat(e.getMessage()).startsWith(FILE + " line " + e.line() + ": the gzip stream is truncated or"
					+ " corrupt after line " + e.line());
			assertThat(e.getMessage()).contains("re-export the file or replace it in the inbox, then restart");
		});
	}

	@Test
	void aRestartedReaderReturnsTheRecordAfterTheLastSavedOne() throws Exception {
		// given
		String csv = "id,name\n1,a\n2,\"b\nb\"\n3,c\n4,d\n5,e\n";
		ExecutionContext context = new ExecutionContext();
		CsvRecordReader first = reader(utf8(csv));
		first.open(context);
		first.read();
		first.read();
		first.read();
		first.update(context);
		first.close();

		// when
		CsvRecordReader second = reader(utf8(csv));
		second.open(context);
		CsvRecord fourth = second.read();

		// then
		assertThat(context.getLong("csv.records")).isEqualTo(3);
		assertThat(fourth.get("id")).isEqualTo("4");
		assertThat(fourth.line()).isEqualTo(6);
		assertThat(second.read().get("id")).isEqualTo("5");
		assertThat(second.read()).isNull();
	}

	@Test
	void theRestartCountIncludesMalformedRecordsAndUsesTheReaderName() throws Exception {
		// given
		String csv = "id,name\n1,a\n2\n3,c\n";
		ExecutionContext context = new ExecutionContext();
		CsvRecordReader first = reader(utf8(csv));
		first.setName("payments");
		first.open(context);
		first.read();
		assertThatThrownBy(first::read).isInstanceOf(MalformedRecordException.class);
		first.update(context);

		// when
		CsvRecordReader second = reader(utf8(csv));
		second.setName("payments");
		second.open(context);

		// then
		assertThat(context.getLong("payments.records")).isEqualTo(2);
		assertThat(context.containsKey("csv.records")).isFalse();
		assertThat(second.read().get("id")).isEqualTo("3");
	}

	@Test
	void aRestartCountBeyondTheEndOfTheFileFailsTheOpen() {
		// given
		ExecutionContext context = new ExecutionContext();
		context.putLong("csv.records", 5);
		CsvRecordReader reader = reader(utf8("id\n1\n2\n"));

		// when / then
		assertThatThrownBy(() -> reader.open(context))
			.isInstanceOf(MalformedFileException.class)
			.hasMessageContaining("says 5 records were already read but the file has only 2");
	}

	@Test
	void theFileIsOpenedAgainOnEveryOpen() throws Exception {
		// given
		AtomicInteger opens = new AtomicInteger();
		CsvRecordReader reader = new CsvRecordReader("s", "s/a.csv",
				io.touchpoint.readers.TestFiles.countingOpener(utf8("id\n1\n"), opens), StandardCharsets.UTF_8, ',');

		// when
		reader.open(new ExecutionContext());
		reader.close();
		reader.open(new ExecutionContext());

		// then
		assertThat(opens).hasValue(2);
		assertThat(reader.read().get("id")).isEqualTo("1");
	}

	@Test
	void aFileThatCannotBeOpenedFailsTheOpenNamingIt() {
		// given
		CsvRecordReader reader = new CsvRecordReader("s", "s/gone.csv", () -> {
			throw new java.nio.file.NoSuchFileException("/inbox/s/gone.csv");
		}, StandardCharsets.UTF_8, ',');

		// when / then
		assertThatThrownBy(() -> reader.open(new ExecutionContext()))
			.isInstanceOf(ItemStreamException.class)
			.hasMessageStartingWith("s/gone.csv: could not open the file");
	}
}
