package io.touchpoint.readers.text;

import static io.touchpoint.readers.TestFiles.concat;
import static io.touchpoint.readers.TestFiles.gzip;
import static io.touchpoint.readers.TestFiles.utf8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.nio.charset.MalformedInputException;
import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

class TextDecodingTests {

	private static String readAll(Reader reader) throws IOException {
		StringBuilder text = new StringBuilder();
		char[] chunk = new char[3];
		for (int n = reader.read(chunk); n >= 0; n = reader.read(chunk)) {
			text.append(chunk, 0, n);
		}
		return text.toString();
	}

	@Test
	void leavesPlainBytesAsTheyAre() throws IOException {
		// given
		InputStream in = TextDecoding.decompressIfGzip(new ByteArrayInputStream(utf8("id,name\n")));

		// when
		byte[] bytes = in.readAllBytes();

		// then
		assertThat(new String(bytes, StandardCharsets.UTF_8)).isEqualTo("id,name\n");
	}

	@Test
	void decompressesBytesThatStartWithTheGzipMagic() throws IOException {
		// given
		InputStream in = TextDecoding.decompressIfGzip(new ByteArrayInputStream(gzip(utf8("id,name\n"))));

		// when
		byte[] bytes = in.readAllBytes();

		// then
		assertThat(new String(bytes, StandardCharsets.UTF_8)).isEqualTo("id,name\n");
	}

	@Test
	void readsAnEmptyOrOneByteStream() throws IOException {
		assertThat(TextDecoding.decompressIfGzip(new ByteArrayInputStream(new byte[0])).readAllBytes()).isEmpty();
		assertThat(TextDecoding.decompressIfGzip(new ByteArrayInputStream(new byte[] { 0x1f })).readAllBytes())
			.containsExactly(0x1f);
	}

	@Test
	void skipsAUtf8ByteOrderMark() throws IOException {
		// given
		byte[] bytes = concat(new byte[] { (byte) 0xEF, (byte) 0xBB, (byte) 0xBF }, utf8("héllo"));

		// when
		String text = readAll(TextDecoding.strictReader(new ByteArrayInputStream(bytes), StandardCharsets.UTF_8));

		// then
		assertThat(text).isEqualTo("héllo");
	}

	@Test
	void returnsTheTextBeforeAnInvalidByteThenReportsIt() throws IOException {
		// given
		byte[] bytes = concat(utf8("ab"), new byte[] { (byte) 0xE9 }, utf8("cd"));
		Reader reader = TextDecoding.strictReader(new ByteArrayInputStream(bytes), StandardCharsets.UTF_8);
		char[] chunk = new char[10];

		// when
		int n = reader.read(chunk);

		// then
		assertThat(new String(chunk, 0, n)).isEqualTo("ab");
		assertThatThrownBy(() -> reader.read(chunk)).isInstanceOf(MalformedInputException.class)
			.hasMessage("bytes 0xE9 are not valid UTF-8");
	}

	@Test
	void reportsATruncatedMultiByteCharacterAtTheEnd() {
		// given: the first two bytes of the three-byte euro sign
		byte[] bytes = concat(utf8("5 "), new byte[] { (byte) 0xE2, (byte) 0x82 });
		Reader reader = TextDecoding.strictReader(new ByteArrayInputStream(bytes), StandardCharsets.UTF_8);

		// when / then
		assertThatThrownBy(() -> readAll(reader)).isInstanceOf(MalformedInputException.class);
	}
}
