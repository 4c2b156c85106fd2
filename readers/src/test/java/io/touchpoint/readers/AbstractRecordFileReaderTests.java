package io.touchpoint.readers;

import static io.touchpoint.readers.TestFiles.opener;
import static io.touchpoint.readers.TestFiles.utf8;
import static io.touchpoint.readers.TestReaders.openedAfter;
import static io.touchpoint.readers.TestReaders.readAll;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;
import org.springframework.batch.infrastructure.item.ExecutionContext;

class AbstractRecordFileReaderTests {

	private static final String FILE = "notes/lines.txt";

	private record Line(String source, String file, long line, String rawText) implements SourceRecord {
	}

	/** One record a line, or several lines joined while a line ends with a backslash. */
	private static final class LineReader extends AbstractRecordFileReader<Line> {

		LineReader(String text) {
			super("lines", "notes", FILE, opener(utf8(text)), StandardCharsets.UTF_8);
		}

		@Override
		protected Line toRecord(String text, long line) {
			return new Line(source(), file(), line, text);
		}

		@Override
		protected boolean recordContinues(CharSequence record, int lineStart, int lineEnd) {
			return lineEnd > lineStart && record.charAt(lineEnd - 1) == '\\';
		}

		@Override
		protected String tooLongReason(int maxRecordChars) {
			return "longer than " + maxRecordChars;
		}
	}

	@Test
	void joinsTheLinesOfARecordAndSkipsBlankOnes() throws Exception {
		// given
		LineReader reader = new LineReader("a\r\n\n  \nb\\\nc\nd");

		// then
		assertThat(readAll(reader)).containsExactly(new Line("notes", FILE, 1, "a"),
				new Line("notes", FILE, 4, "b\\\nc"), new Line("notes", FILE, 6, "d"));
	}

	@Test
	void aFileEndingInsideARecordFailsAtTheLineWhereTheRecordStarts() throws Exception {
		// given
		LineReader reader = openedAfter(new LineReader("a\nb\\\nc\\\n"), 1);

		// when / then
		assertThatThrownBy(reader::read)
			.isInstanceOfSatisfying(MalformedFileException.class, e -> {
				assertThat(e.line()).isEqualTo(2);
				assertThat(e.getMessage()).isEqualTo(FILE + " line 2: the record starting on this line is not"
						+ " finished at the end of the file; fix the file or re-export it, then restart the"
						+ " execution");
			});
	}

	@Test
	void theCountIsSavedWhileOpenAndAClosedReaderRefusesToRead() throws Exception {
		// given
		LineReader reader = new LineReader("a\nb\n");
		ExecutionContext beforeOpen = new ExecutionContext();
		ExecutionContext whileOpen = new ExecutionContext();
		ExecutionContext afterClose = new ExecutionContext();

		// when
		reader.update(beforeOpen);
		openedAfter(reader, 1).update(whileOpen);
		reader.close();
		reader.update(afterClose);

		// then
		assertThat(beforeOpen.isEmpty()).isTrue();
		assertThat(whileOpen.getLong("lines.records")).isEqualTo(1);
		assertThat(afterClose.isEmpty()).isTrue();
		assertThatThrownBy(reader::read).isInstanceOf(IllegalStateException.class)
			.hasMessage(FILE + ": the reader is closed; open it before reading");
		reader.open(whileOpen);
		assertThat(reader.read().rawText()).isEqualTo("b");
	}
}
