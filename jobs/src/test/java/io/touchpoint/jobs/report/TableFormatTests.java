package io.touchpoint.jobs.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.Test;

/**
 * Output that cannot hurt its reader: CSV text cells a spreadsheet would evaluate start with an apostrophe
 * (numbers, negative ones included, stay numbers); tables show control characters as escapes; JSON is exact.
 */
class TableFormatTests {

	private static final List<String> COLUMNS = List.of("name", "amount");

	@Test
	void csvNeutralizesEveryFormulaPrefixAndLeavesNumbersAlone() {
		// given one text cell per dangerous first character, and numbers that start with '-'
		List<List<Object>> rows = List.of(
				Arrays.asList("=HYPERLINK(\"http://evil.example\",\"click\")", -5L),
				Arrays.asList("+1+1", new BigDecimal("-1.50")),
				Arrays.asList("-2+3", 0),
				Arrays.asList("@SUM(A1:A2)", null),
				Arrays.asList("\tindented", 7L),
				Arrays.asList("\r=1", 8L),
				Arrays.asList("Ann = fine", 9L));

		// when
		String csv = TableFormat.csv(COLUMNS, rows);

		// then (RFC 4180 quoting on top of the apostrophe where a quote, comma or CR is in the cell)
		assertThat(csv).isEqualTo("name,amount\r\n"
				+ "\"'=HYPERLINK(\"\"http://evil.example\"\",\"\"click\"\")\",-5\r\n"
				+ "'+1+1,-1.50\r\n"
				+ "'-2+3,0\r\n"
				+ "'@SUM(A1:A2),\r\n"
				+ "'\tindented,7\r\n"
				+ "\"'\r=1\",8\r\n"
				+ "Ann = fine,9\r\n");
	}

	@Test
	void tableShowsControlCharactersAsEscapesAndJsonKeepsThemExact() {
		// given a cell that would clear the screen, one with a bidi override and a bell, and a header with ESC
		List<List<Object>> rows = List.of(Arrays.asList("\u001b[2Jgotcha", 1L), Arrays.asList("abc\u202Efdp.exe\u0007", 2L));

		// when
		String table = TableFormat.table(List.of("name\u001b", "amount"), rows);
		String json = TableFormat.json(COLUMNS, rows);

		// then
		assertThat(table).isEqualTo("""
				name\\x1b              amount
				--------------------  ------
				\\x1b[2Jgotcha              1
				abc\\u202Efdp.exe\\x07       2
				""");
		assertThat(table.chars()).noneMatch(c -> c < 0x20 && c != '\n');
		assertThat(json).contains("\"name\" : \"\\u001B[2Jgotcha\"").contains("\"name\" : \"abc\u202Efdp.exe\\u0007\"");
		assertThat(TableFormat.json(COLUMNS, List.of(Arrays.asList("=1+1", -5L)))).contains("\"name\" : \"=1+1\"")
			.contains("\"amount\" : -5");
	}
}
