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

        assertThat(csv).isEqualTo("2024-03-05 07:08:09.123456,0999-12-31 23:59:59.000000,1970-01-01 00:00:00.000000\n");
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
}
