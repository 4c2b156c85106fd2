package io.touchpoint.readers.csv;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import com.opencsv.CSVParserBuilder;
import com.opencsv.ICSVParser;
import com.opencsv.RFC4180ParserBuilder;
import org.junit.jupiter.api.Test;
import org.springframework.batch.infrastructure.item.ExecutionContext;

/**
 * Why the readers split records themselves instead of with OpenCSV: on records that real exports contain, both of
 * OpenCSV's parsers read other values than the readers' documented rules (readers/README.md, "CSV"): a quote in the
 * middle of an unquoted field is text ({@code 27" screen}), and text after a closing quote is kept up to the next
 * separator ({@code "ab"c} reads {@code abc}). OpenCSV's {@code RFC4180Parser} then joins two fields into one, which
 * the reader would quarantine as a record with the wrong field count or, worse, read shifted; its {@code CSVParser}
 * (escape character off, so a backslash stays data) fails a record that has such a quote. The expected values are
 * those rules applied by hand. ParseBenchmark's {@code openCsv} measures its speed beside {@code split}.
 */
class OpenCsvReadingTests {

	/** A Stripe-like export: a product name with an inch mark, and a description with a quoted word and a suffix. */
	private static final String EXPORT = "id,name,qty\n" + "1,27\" screen,3\n" + "2,\"ab\"c,4\n" + "3,\"x\",\"a\"\"\"b\"\n";

	@Test
	void theReaderKeepsAStrayQuoteAsTextAndTextAfterAClosingQuote() throws IOException {
		assertThat(read(EXPORT)).containsExactly(List.of("1", "27\" screen", "3"), List.of("2", "abc", "4"),
				List.of("3", "x", "a\"b\""));
	}

	@Test
	void openCsvsRfc4180ParserJoinsTheFieldsAfterAQuotedFieldWithASuffix() throws IOException {
		var parser = new RFC4180ParserBuilder().withSeparator(',').build();

		assertThat(parser.parseLine("1,27\" screen,3")).containsExactly("1", "27\" screen", "3");
		// two fields where the header has three: "ab"c and 4 became one value
		assertThat(parser.parseLine("2,\"ab\"c,4")).containsExactly("2", "ab\"c,4");
	}

	@Test
	void openCsvsCsvParserFailsARecordWithAQuoteInAnUnquotedField() {
		var parser = new CSVParserBuilder().withSeparator(',').withEscapeChar(ICSVParser.NULL_CHARACTER).build();

		assertThatThrownBy(() -> parser.parseLine("1,27\" screen,3")).isInstanceOf(IOException.class)
			.hasMessageContaining("Unterminated quoted field");
	}

	private static List<List<String>> read(String csv) throws IOException {
		CsvRecordReader reader = new CsvRecordReader("stripe", "stripe/export.csv",
				() -> new ByteArrayInputStream(csv.getBytes(StandardCharsets.UTF_8)), StandardCharsets.UTF_8, ',');
		reader.open(new ExecutionContext());
		List<List<String>> values = new ArrayList<>();
		try {
			for (CsvRecord record = reader.read(); record != null; record = reader.read()) {
				values.add(List.of(record.values()));
			}
		}
		finally {
			reader.close();
		}
		return values;
	}
}
