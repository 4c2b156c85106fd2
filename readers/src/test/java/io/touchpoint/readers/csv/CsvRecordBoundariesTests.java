package io.touchpoint.readers.csv;

import static io.touchpoint.readers.TestFiles.concat;
import static io.touchpoint.readers.TestFiles.opener;
import static io.touchpoint.readers.TestFiles.utf8;
import static io.touchpoint.readers.TestReaders.readAll;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.springframework.batch.infrastructure.item.ExecutionContext;

import io.touchpoint.readers.MalformedFileException;
import io.touchpoint.readers.csv.CsvRecordBoundaries.Cut;

class CsvRecordBoundariesTests {

	// offsets: "id,text\n" is bytes 0-7; "1,\"a\nb\"\n" 8-15 (its quoted LF at 12, line 2-3);
	// "2,c\r\n" 16-20 (line 4); "3,d" 21-23 (line 5, no terminator); 24 bytes
	private static final String CSV = "id,text\n1,\"a\nb\"\n2,c\r\n3,d";

	@Test
	void cutsAfterTheRecordHoldingAQuotedLineBreakNeverInsideIt() throws Exception {
		// when
		CsvRecordBoundaries.Result result = CsvRecordBoundaries.scan(in(CSV), ',',
				new long[] { 0, 12, 13, 16, 17, 22 });

		// then
		assertThat(result.header()).isEqualTo(new Cut(8, 2));
		assertThat(result.cuts()).containsExactly(new Cut(8, 2), new Cut(16, 4), new Cut(16, 4), new Cut(16, 4),
				new Cut(21, 5), new Cut(24, 5));
		assertThat(result.length()).isEqualTo(24);
	}

	@Test
	void skipsBlankLinesBeforeTheHeaderAndCountsLoneCrAsALineEnd() throws Exception {
		// given "\n" (line 1, ends at 1), "\r\n" (line 2, ends at 3), "h\r" (the header, line 3, ends at 5),
		// "1\r" (line 4, ends at 7)
		String csv = "\n\r\nh\r1\r";

		// when
		CsvRecordBoundaries.Result result = CsvRecordBoundaries.scan(in(csv), ',', new long[] { 0, 6 });

		// then
		assertThat(result.header()).isEqualTo(new Cut(5, 4));
		assertThat(result.cuts()).containsExactly(new Cut(5, 4), new Cut(7, 5));
	}

	@Test
	void aQuoteNeverClosedLeavesNoCutAfterIt() throws Exception {
		// given the record on line 2 opens a quote that the file never closes
		String csv = "id,text\n1,\"open\n2,x\n3,y\n";

		// when
		CsvRecordBoundaries.Result result = CsvRecordBoundaries.scan(in(csv), ',', new long[] { 9 });

		// then the only cut is the end of the file (line 5 after four terminators)
		assertThat(result.cuts()).containsExactly(new Cut(csv.length(), 5));
	}

	@Test
	void aRangeReadAfterTheHeaderHasTheFilesRecordsAndLineNumbers() throws Exception {
		// given the range from the cut at 16 (line 4), read after the header's 8 bytes (1 line)
		byte[] bytes = utf8(CSV);
		byte[] range = concat(Arrays.copyOfRange(bytes, 0, 8), Arrays.copyOfRange(bytes, 16, 24));
		CsvRecordReader reader = new CsvRecordReader("s", "f.csv", opener(range), StandardCharsets.UTF_8, ',');
		reader.numberLinesAfter(1, 4);
		reader.open(new ExecutionContext());

		// when
		List<CsvRecord> records = readAll(reader);

		// then
		assertThat(records).extracting(CsvRecord::line).containsExactly(4L, 5L);
		assertThat(records).extracting(CsvRecord::rawText).containsExactly("2,c", "3,d");
		assertThat(reader.header().names()).containsExactly("id", "text");
	}

	@Test
	void anInvalidByteInARangeIsReportedOnTheFilesLine() {
		// given lines 1-3 are the header and two records, line 4 holds a byte invalid in UTF-8; the range starts at
		// line 3 (offset 12)
		byte[] bytes = concat(utf8("id,t\n1,a\n2,b\n3,"), new byte[] { (byte) 0xFF }, utf8("\n"));
		byte[] range = concat(Arrays.copyOfRange(bytes, 0, 5), Arrays.copyOfRange(bytes, 9, bytes.length));
		CsvRecordReader reader = new CsvRecordReader("s", "f.csv", opener(range), StandardCharsets.UTF_8, ',');
		reader.numberLinesAfter(1, 3);
		reader.open(new ExecutionContext());

		// when / then
		assertThatThrownBy(() -> readAll(reader)).isInstanceOf(MalformedFileException.class)
			.hasMessageContaining("line 4");
	}

	private static ByteArrayInputStream in(String text) {
		return new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8));
	}
}
