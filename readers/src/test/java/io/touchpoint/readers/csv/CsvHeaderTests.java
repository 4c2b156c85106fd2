package io.touchpoint.readers.csv;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;

import org.junit.jupiter.api.Test;

import io.touchpoint.readers.MalformedFileException;

class CsvHeaderTests {

	private static final String FILE = "stripe/unified_payments.csv";

	@Test
	void findsColumnsByTrimmedName() {
		// given
		CsvHeader header = CsvHeader.of(FILE, new String[] { " id", "amount ", "currency" });

		// when / then
		assertThat(header.names()).containsExactly("id", "amount", "currency");
		assertThat(header.indexOf("amount")).isEqualTo(1);
		assertThat(header.indexOf("currency")).isEqualTo(2);
		assertThat(header.indexOf("Amount")).isEqualTo(-1);
		assertThat(header.indexOf("fee")).isEqualTo(-1);
		assertThat(header.size()).isEqualTo(3);
	}

	@Test
	void aDuplicatedColumnNameFailsTheFile() {
		// when / then
		assertThatThrownBy(() -> CsvHeader.of(FILE, new String[] { "id", "amount", "id " }))
			.isInstanceOfSatisfying(MalformedFileException.class, e -> {
				assertThat(e.file()).isEqualTo(FILE);
				assertThat(e.line()).isEqualTo(1);
				assertThat(e.getMessage()).isEqualTo(FILE + " line 1: duplicated column 'id' in the header"
						+ " (columns 1 and 3); rename one of them or re-export the file, then restart");
			});
	}

	@Test
	void blankColumnNamesMayRepeatButCannotBeLookedUp() {
		// given
		CsvHeader header = CsvHeader.of(FILE, new String[] { "id", "", " " });

		// when / then
		assertThat(header.names()).containsExactly("id", "", "");
		assertThat(header.indexOf("")).isEqualTo(-1);
	}

	@Test
	void aMissingRequiredColumnIsNamedWithTheColumnsFound() {
		// given
		CsvHeader header = CsvHeader.of(FILE, new String[] { "id", "amount", "currency" });

		// when / then
		assertThatThrownBy(() -> header.require(List.of("id", "created")))
			.isInstanceOf(MalformedFileException.class)
			.hasMessage(FILE + " line 1: missing required column 'created' (found: id, amount, currency);"
					+ " export the file with that column again, then replace it in the nightly inbox and restart, or import the new file");
	}

	@Test
	void severalMissingColumnsAreNamedTogether() {
		// given
		CsvHeader header = CsvHeader.of(FILE, new String[] { "id" });

		// when / then
		assertThatThrownBy(() -> header.require("amount", "currency"))
			.isInstanceOf(MalformedFileException.class)
			.hasMessage(FILE + " line 1: missing required columns 'amount', 'currency' (found: id);"
					+ " export the file with those columns again, then replace it in the nightly inbox and restart, or import the new file");
	}

	@Test
	void aHeaderOfOneColumnHoldingSemicolonsSaysTheFileLooksSemicolonSeparated() {
		// given: a semicolon-separated export read with ','
		CsvHeader header = CsvHeader.of(FILE, new String[] { "id;amount;currency" });

		// when / then
		assertThatThrownBy(() -> header.require("id", "amount"))
			.isInstanceOf(MalformedFileException.class)
			.hasMessage(FILE + " line 1: missing required columns 'id', 'amount' (found: id;amount;currency);"
					+ " the header seems separated by ';', not by the expected separator;"
					+ " export the file with those columns again, then replace it in the nightly inbox and restart, or import the new file");
	}

	@Test
	void requiringPresentColumnsPasses() {
		// given
		CsvHeader header = CsvHeader.of(FILE, new String[] { "id", "amount" });

		// when / then
		assertThatCode(() -> header.require(List.of("amount", "id"))).doesNotThrowAnyException();
	}
}
