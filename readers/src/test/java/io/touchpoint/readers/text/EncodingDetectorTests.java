package io.touchpoint.readers.text;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

import org.junit.jupiter.api.Test;

class EncodingDetectorTests {

	private static final Charset UTF_8 = StandardCharsets.UTF_8;

	private static final Charset LATIN_1 = StandardCharsets.ISO_8859_1;

	private static Charset detect(byte[] bytes, Charset declared) {
		return EncodingDetector.detect(bytes, bytes.length, declared);
	}

	@Test
	void aByteOrderMarkDecides() {
		assertThat(detect(new byte[] { (byte) 0xEF, (byte) 0xBB, (byte) 0xBF, 'a' }, LATIN_1)).isEqualTo(UTF_8);
		assertThat(detect(new byte[] { (byte) 0xFF, (byte) 0xFE, 'a', 0 }, UTF_8)).isEqualTo(StandardCharsets.UTF_16);
		assertThat(detect(new byte[] { (byte) 0xFE, (byte) 0xFF, 0, 'a' }, UTF_8)).isEqualTo(StandardCharsets.UTF_16);
	}

	@Test
	void utf8TextIsUtf8EvenWhenLatin1WasDeclared() {
		// a Salesforce org that exports UTF-8: "José" is 4A 6F 73 C3 A9
		assertThat(detect("Id,Name\n1,José\n".getBytes(UTF_8), LATIN_1)).isEqualTo(UTF_8);
	}

	@Test
	void latin1TextIsReadAsTheDeclaredSingleByteCharsetOrWindows1252() {
		byte[] latin1 = "Id,Name\n1,José Müller\n".getBytes(LATIN_1); // E9 and FC never start valid UTF-8 here
		assertThat(detect(latin1, LATIN_1)).isEqualTo(LATIN_1);
		assertThat(detect(latin1, UTF_8)).isEqualTo(EncodingDetector.WINDOWS_1252);
	}

	@Test
	void damagedUtf8StaysUtf8SoThatStrictDecodingNamesTheLine() {
		byte[] good = "a,Café\n".getBytes(UTF_8);
		byte[] bad = "b,Caf\u00e9\n".getBytes(LATIN_1);
		byte[] both = Arrays.copyOf(good, good.length + bad.length);
		System.arraycopy(bad, 0, both, good.length, bad.length);
		assertThat(detect(both, UTF_8)).isEqualTo(UTF_8);
	}

	@Test
	void asciiKeepsTheDeclaredCharset() {
		assertThat(detect("a,b\n1,2\n".getBytes(UTF_8), LATIN_1)).isEqualTo(LATIN_1);
		assertThat(detect("a,b\n1,2\n".getBytes(UTF_8), UTF_8)).isEqualTo(UTF_8);
	}

	@Test
	void aMultiByteSequenceCutByTheEndOfTheSampleIsNotCountedAgainstUtf8() {
		byte[] cut = { 'a', (byte) 0xC3 };
		assertThat(detect(cut, UTF_8)).isEqualTo(UTF_8);
	}

	@Test
	void detectingFromAStreamLeavesItAtItsStart() throws IOException {
		byte[] bytes = "x,José\n".getBytes(UTF_8);
		InputStream in = EncodingDetector.markable(new ByteArrayInputStream(bytes));
		assertThat(EncodingDetector.detect(in, LATIN_1)).isEqualTo(UTF_8);
		assertThat(in.readAllBytes()).isEqualTo(bytes);
	}

	@Test
	void aLineReaderWithDetectionReadsALatin1FileDeclaredUtf8() throws IOException {
		byte[] latin1 = "name\nRen\u00e9\n".getBytes(LATIN_1);
		try (NumberedLineReader lines = NumberedLineReader.open("s/a.csv", () -> new ByteArrayInputStream(latin1), UTF_8,
				true)) {
			StringBuilder text = new StringBuilder();
			while (lines.appendLine(text, 1000) == NumberedLineReader.Status.LINE) {
				// read all lines
			}
			assertThat(text.toString()).isEqualTo("name\nRené\n");
		}
	}
}
