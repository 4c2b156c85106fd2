package io.touchpoint.writers.staging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.util.function.Consumer;

import org.junit.jupiter.api.Test;

class CsvRowEncoderTests {

	private static String encode(Consumer<CsvRowEncoder> rows) {
		ByteArrayOutputStream bytes = new ByteArrayOutputStream();
		CsvRowEncoder encoder = new CsvRowEncoder(bytes);
		rows.accept(encoder);
		encoder.flush();
		return bytes.toString(StandardCharsets.UTF_8);
	}

	@Test
	void stringsAreAlwaysQuotedWithBackslashAndQuoteEscaped() {
		String csv = encode(e -> e.string("plain").string("a,b").string("say \"hi\"").string("C:\\dir").endRow());

		assertThat(csv).isEqualTo("\"plain\",\"a,b\",\"say \\\"hi\\\"\",\"C:\\\\dir\"\n");
	}

	@Test
	void newlinesAndCarriageReturnsStayInsideTheQuotes() {
		String csv = encode(e -> e.string("line1\nline2\r\nline3").endRow());

		assertThat(csv).isEqualTo("\"line1\nline2\r\nline3\"\n");
	}

	@Test
	void nullIsUnquotedBackslashNAndEmptyStringIsTwoQuotes() {
		String csv = encode(e -> e.string(null).string("").nullableNumber(null).timestamp(null).date(null).endRow());

		assertThat(csv).isEqualTo("\\N,\"\",\\N,\\N,\\N\n");
	}

	@Test
	void numbersArePlainDecimals() {
		String csv = encode(e -> e.number(0).number(-42).number(1234567890123L).nullableNumber(7L)
			.number(Long.MAX_VALUE).number(Long.MIN_VALUE).endRow());

		assertThat(csv).isEqualTo("0,-42,1234567890123,7,9223372036854775807,-9223372036854775808\n");
	}

	@Test
	void timestampsAreUtcWithMicrosecondsTruncated() {
		String csv = encode(e -> e.timestamp(Instant.parse("2024-03-05T07:08:09.123456789Z"))
			.timestamp(Instant.parse("0999-12-31T23:59:59Z"))
			.timestamp(Instant.EPOCH).endRow());

		assertThat(csv).isEqualTo("2024-03-05 07:08:09.123456,0999-12-31 23:59:59,1970-01-01 00:00:00\n");
	}

	@Test
	void datesAreIsoDates() {
		String csv = encode(e -> e.date(LocalDate.of(2024, 2, 29)).date(LocalDate.of(7, 1, 2)).endRow());

		assertThat(csv).isEqualTo("2024-02-29,0007-01-02\n");
	}

	@Test
	void yearsTheWarehouseCannotReadAreRefused() {
		assertThatThrownBy(() -> encode(e -> e.date(LocalDate.of(10_000, 1, 1))))
			.isInstanceOf(IllegalArgumentException.class)
			.hasMessageContaining("+10000-01-01");
	}

	@Test
	void nonAsciiIsWrittenAsUtf8() {
		ByteArrayOutputStream bytes = new ByteArrayOutputStream();
		CsvRowEncoder encoder = new CsvRowEncoder(bytes);
		encoder.string("Acme™ 日本 é 😀").endRow().flush();

		assertThat(bytes.toByteArray()).isEqualTo("\"Acme™ 日本 é 😀\"\n".getBytes(StandardCharsets.UTF_8));
	}

	@Test
	void endRowIsIgnoredWhenTheRowIsAlreadyEnded() {
		ByteArrayOutputStream bytes = new ByteArrayOutputStream();
		CsvRowEncoder encoder = new CsvRowEncoder(bytes);
		encoder.number(1).endRow().endRow().number(2).number(3).endRow();
		encoder.flush();

		assertThat(bytes.toString(StandardCharsets.UTF_8)).isEqualTo("1\n2,3\n");
		assertThat(encoder.rows()).isEqualTo(2);
	}

	@Test
	void stringsLongerThanTheBufferAreWrittenWhole() {
		String big = "x\"y".repeat(20_000);

		String csv = encode(e -> e.string(big).number(1).endRow());

		assertThat(csv).isEqualTo("\"" + "x\\\"y".repeat(20_000) + "\",1\n");
	}

	@Test
	void loadDataFormatIsTheSqlTextMariaDbNeeds() {
		assertThat(CsvRowEncoder.LOAD_DATA_FORMAT).isEqualTo(
				"FIELDS TERMINATED BY ',' OPTIONALLY ENCLOSED BY '\"' ESCAPED BY '\\\\' LINES TERMINATED BY '\\n'");
		assertThat(CsvRowEncoder.LOAD_DATA_FORMAT).contains("ESCAPED BY '" + "\\" + "\\" + "'");
	}

	@Test
	void timestampsMatchJavaTimesCalendarAcrossLeapDaysCyclesAndNegativeEpochs() {
		// given instants on both sides of the epoch, of 400-year cycles, of leap days and of the year range
		java.time.format.DateTimeFormatter expected = java.time.format.DateTimeFormatter
			.ofPattern("uuuu-MM-dd HH:mm:ss.SSSSSS").withZone(java.time.ZoneOffset.UTC);
		java.util.List<Instant> instants = new java.util.ArrayList<>();
		for (String text : java.util.List.of("0000-01-01T00:00:00Z", "0000-02-29T23:59:59.999999Z",
				"0000-03-01T00:00:00Z", "1600-02-29T12:00:00Z", "1899-12-31T23:59:59Z", "1900-03-01T00:00:00Z",
				"1969-12-31T23:59:59.000001Z", "1970-01-01T00:00:00Z", "2000-02-29T00:00:00Z", "2000-03-01T00:00:00Z",
				"2024-12-31T23:59:59.5Z", "2100-02-28T23:00:00Z", "2100-03-01T01:00:00Z", "9999-12-31T23:59:59.999999999Z")) {
			instants.add(Instant.parse(text));
		}
		java.util.SplittableRandom random = new java.util.SplittableRandom(7);
		long min = Instant.parse("0000-01-01T00:00:00Z").getEpochSecond();
		long max = Instant.parse("9999-12-31T23:59:59Z").getEpochSecond();
		for (int i = 0; i < 20_000; i++) {
			instants.add(Instant.ofEpochSecond(random.nextLong(min, max + 1), random.nextInt(1_000_000_000)));
		}

		// when each is written as a field
		String csv = encode(e -> instants.forEach(instant -> e.timestamp(instant).endRow()));

		// then each line is java.time's own calendar (truncated to microseconds)
		StringBuilder lines = new StringBuilder();
		instants.forEach(instant -> lines.append(expected.format(instant).replaceAll("\\.?0+$", "")).append('\n'));
		assertThat(csv).isEqualTo(lines.toString());
	}

	@Test
	void timestampsOutsideTheYearsTheWarehouseReadsAreRefused() {
		assertThatThrownBy(() -> encode(e -> e.timestamp(Instant.parse("+10000-01-01T00:00:00Z"))))
			.isInstanceOf(IllegalArgumentException.class).hasMessageContaining("+10000-01-01T00:00:00Z");
		assertThatThrownBy(() -> encode(e -> e.timestamp(Instant.parse("-0001-12-31T23:59:59Z"))))
			.isInstanceOf(IllegalArgumentException.class).hasMessageContaining("-0001-12-31T23:59:59Z");
	}

	@Test
	void stringsOfEveryLengthAndKindAcrossBufferEdgesAreEscapedAndEncodedLikeStringGetBytes() {
		// given strings of ASCII, quotes, backslashes, 2- and 3-byte chars, surrogate pairs and lone surrogates
		char[] alphabet = { 'a', 'Z', '0', ',', '"', '\\', '\n', 'é', '日', '\uD83D', '\uDE00', '™' };
		java.util.SplittableRandom random = new java.util.SplittableRandom(11);
		java.util.List<String> values = new java.util.ArrayList<>();
		for (int i = 0; i < 3_000; i++) {
			StringBuilder value = new StringBuilder();
			int length = i % 100 == 0 ? 6_000 + random.nextInt(4_000) : random.nextInt(40);
			for (int c = 0; c < length; c++) {
				value.append(alphabet[random.nextInt(alphabet.length)]);
			}
			values.add(value.toString());
		}

		// when written as one row
		ByteArrayOutputStream bytes = new ByteArrayOutputStream();
		CsvRowEncoder encoder = new CsvRowEncoder(bytes);
		values.forEach(encoder::string);
		encoder.endRow().flush();

		// then each is quoted, with \ and " escaped by a backslash, and UTF-8 as String.getBytes writes it
		StringBuilder expected = new StringBuilder();
		for (String value : values) {
			expected.append(expected.length() == 0 ? "" : ",").append(ReferenceCsv.quoted(value));
		}
		expected.append('\n');
		assertThat(bytes.toByteArray()).isEqualTo(expected.toString().getBytes(StandardCharsets.UTF_8));
	}
}
