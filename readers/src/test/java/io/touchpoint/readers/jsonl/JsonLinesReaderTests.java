package io.touchpoint.readers.jsonl;

import static io.touchpoint.readers.TestFiles.concat;
import static io.touchpoint.readers.TestFiles.gzip;
import static io.touchpoint.readers.TestFiles.opener;
import static io.touchpoint.readers.TestFiles.utf8;
import static io.touchpoint.readers.TestReaders.openedAfter;
import static io.touchpoint.readers.TestReaders.readAll;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.springframework.batch.infrastructure.item.ExecutionContext;

import io.touchpoint.readers.MalformedFileException;
import io.touchpoint.readers.MalformedRecordException;

class JsonLinesReaderTests {

	private static final String FILE = "meta/ad_insights.jsonl";

	private static JsonLinesReader reader(byte[] bytes) {
		return new JsonLinesReader("meta", FILE, opener(bytes), StandardCharsets.UTF_8);
	}

	@Test
	void readsOneObjectPerLineSkippingBlankLines() throws Exception {
		// given
		String jsonl = "{\"id\":\"a1\",\"spend\":12.30}\r\n\n{\"id\":\"a2\",\"spend\":4}\n";
		JsonLinesReader reader = reader(utf8(jsonl));
		reader.open(new ExecutionContext());

		// when
		JsonRecord first = reader.read();
		JsonRecord second = reader.read();

		// then
		assertThat(first.node().get("id").asString()).isEqualTo("a1");
		assertThat(first.node().get("spend").decimalValue()).isEqualByComparingTo(new BigDecimal("12.30"));
		assertThat(first.line()).isEqualTo(1);
		assertThat(first.rawText()).isEqualTo("{\"id\":\"a1\",\"spend\":12.30}");
		assertThat(first.source()).isEqualTo("meta");
		assertThat(first.file()).isEqualTo(FILE);
		assertThat(second.node().get("id").asString()).isEqualTo("a2");
		assertThat(second.line()).isEqualTo(3);
		assertThat(reader.read()).isNull();
	}

	@Test
	void aBrokenLineIsMalformedAndReadingGoesOn() throws Exception {
		// given
		String jsonl = "{\"id\":1}\n{\"id\": 2, broken}\n{\"id\":3}\n";
		JsonLinesReader reader = openedAfter(reader(utf8(jsonl)), 1);

		// when / then
		assertThatThrownBy(reader::read)
			.isInstanceOfSatisfying(MalformedRecordException.class, e -> {
				assertThat(e.line()).isEqualTo(2);
				assertThat(e.file()).isEqualTo(FILE);
				assertThat(e.rawText()).isEqualTo("{\"id\": 2, broken}");
				assertThat(e.reason()).startsWith("not a JSON object: Unexpected character");
				assertThat(e.reason().length()).isLessThanOrEqualTo(200);
				assertThat(e.getMessage()).startsWith(FILE + " line 2: not a JSON object: ");
			});
		JsonRecord third = reader.read();
		assertThat(third.node().get("id").asInt()).isEqualTo(3);
		assertThat(third.line()).isEqualTo(3);
	}

	@Test
	void aLineThatIsJsonButNotAnObjectIsMalformed() throws Exception {
		// given
		JsonLinesReader reader = reader(utf8("[1,2]\n42\n{\"ok\":true} trailing\n"));

		// when / then
		assertThatThrownBy(reader::read).isInstanceOf(MalformedRecordException.class)
			.hasMessage(FILE + " line 1: not a JSON object: found array");
		assertThatThrownBy(reader::read).isInstanceOf(MalformedRecordException.class)
			.hasMessage(FILE + " line 2: not a JSON object: found number");
		assertThatThrownBy(reader::read).isInstanceOfSatisfying(MalformedRecordException.class,
				e -> assertThat(e.line()).isEqualTo(3));
		assertThat(reader.read()).isNull();
	}

	@Test
	void aRestartedReaderReturnsTheLineAfterTheLastSavedOne() throws Exception {
		// given
		String jsonl = "{\"n\":1}\n\n{\"n\":2}\nnot json\n{\"n\":4}\n{\"n\":5}\n";
		ExecutionContext context = new ExecutionContext();
		JsonLinesReader first = reader(utf8(jsonl));
		first.open(context);
		first.read();
		first.read();
		assertThatThrownBy(first::read).isInstanceOf(MalformedRecordException.class);
		first.update(context);
		first.close();

		// when
		JsonLinesReader second = reader(utf8(jsonl));
		second.open(context);
		JsonRecord next = second.read();

		// then
		assertThat(context.getLong("jsonl.records")).isEqualTo(3);
		assertThat(next.node().get("n").asInt()).isEqualTo(4);
		assertThat(next.line()).isEqualTo(5);
	}

	@Test
	void readsGzippedLines() throws Exception {
		// given
		JsonLinesReader reader = reader(gzip(utf8("{\"n\":1}\n{\"n\":2}\n")));

		// when
		List<JsonRecord> records = readAll(reader);

		// then
		assertThat(records).extracting(r -> r.node().get("n").asInt()).containsExactly(1, 2);
	}

	@Test
	void aLineLongerThanTheLimitFailsTheFile() throws Exception {
		// given
		JsonLinesReader reader = new JsonLinesReader("meta", FILE,
				opener(utf8("{\"n\":1}\n{\"text\":\"" + "x".repeat(200) + "\"}\n")), StandardCharsets.UTF_8, 100);
		reader.read();

		// when / then
		assertThatThrownBy(reader::read).isInstanceOf(MalformedFileException.class)
			.hasMessageStartingWith(FILE + " line 2: the line is longer than 100 characters");
	}

	@Test
	void invalidUtf8FailsTheFileNamingTheLine() throws Exception {
		// given
		byte[] bytes = concat(utf8("{\"n\":1}\n{\"name\":\"Ren"), new byte[] { (byte) 0xE9 }, utf8("\"}\n"));
		JsonLinesReader reader = reader(bytes);
		reader.read();

		// when / then
		assertThatThrownBy(reader::read).isInstanceOfSatisfying(MalformedFileException.class, e -> {
			assertThat(e.line()).isEqualTo(2);
			assertThat(e.getMessage()).startsWith(FILE + " line 2: bytes that are not valid UTF-8 (0xE9 at column 13;");
		});
	}
}
