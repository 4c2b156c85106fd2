package io.touchpoint.readers.text;

import static io.touchpoint.readers.TestFiles.concat;
import static io.touchpoint.readers.TestFiles.opener;
import static io.touchpoint.readers.TestFiles.utf8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.touchpoint.readers.MalformedFileException;

class NumberedLineReaderTests {

	@Test
	void numbersLinesEndingWithLfCrlfOrCrAndALastLineWithoutTerminator() throws IOException {
		// given
		NumberedLineReader lines = NumberedLineReader.open("s/a.txt", opener(utf8("a\nb\r\nc\rd")),
				StandardCharsets.UTF_8);
		List<String> read = new ArrayList<>();
		List<Long> numbers = new ArrayList<>();
		List<Integer> terminators = new ArrayList<>();

		// when
		StringBuilder line = new StringBuilder();
		while (lines.appendLine(line, 100) == NumberedLineReader.Status.LINE) {
			read.add(line.toString());
			numbers.add(lines.lineNumber());
			terminators.add(lines.terminatorLength());
			line.setLength(0);
		}

		// then
		assertThat(read).containsExactly("a\n", "b\r\n", "c\r", "d");
		assertThat(numbers).containsExactly(1L, 2L, 3L, 4L);
		assertThat(terminators).containsExactly(1, 2, 1, 0);
	}

	@Test
	void stopsAppendingAtTheLimit() throws IOException {
		// given
		NumberedLineReader lines = NumberedLineReader.open("s/a.txt", opener(utf8("short\n" + "x".repeat(50) + "\n")),
				StandardCharsets.UTF_8);
		StringBuilder line = new StringBuilder();
		lines.appendLine(line, 10);
		line.setLength(0);

		// when
		NumberedLineReader.Status status = lines.appendLine(line, 10);

		// then
		assertThat(status).isEqualTo(NumberedLineReader.Status.TOO_LONG);
		assertThat(lines.lineNumber()).isEqualTo(2);
		assertThat(line.length()).isLessThanOrEqualTo(10);
	}

	@Test
	void namesTheLineAndColumnOfAnInvalidByteAfterACarriageReturn() throws IOException {
		// given
		byte[] bytes = concat(utf8("one\r"), new byte[] { (byte) 0x96 }, utf8("two\n"));
		NumberedLineReader lines = NumberedLineReader.open("s/a.txt", opener(bytes), StandardCharsets.UTF_8);
		StringBuilder line = new StringBuilder();

		// when / then
		assertThatThrownBy(() -> lines.appendLine(line, 100))
			.isInstanceOf(MalformedFileException.class)
			.hasMessage("s/a.txt line 2: bytes that are not valid UTF-8 (0x96 at column 1; the file looks like"
					+ " Windows-1252); re-export it as UTF-8, or declare the source's encoding, then restart");
	}
}
