package io.touchpoint.readers.csv;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class Rfc4180Tests {

	@Test
	void splitsEmptyAndQuotedFields() {
		assertThat(Rfc4180.split("a,,\"b,c\",", ',')).containsExactly("a", "", "b,c", "");
		assertThat(Rfc4180.split("\"\"\"\"", ',')).containsExactly("\"");
		assertThat(Rfc4180.split("\"ab\"c,d", ',')).containsExactly("abc", "d");
		assertThat(Rfc4180.split("x", ',')).containsExactly("x");
	}

	@Test
	void knowsWhenALineEndsInsideQuotes() {
		// given
		Rfc4180 quotes = new Rfc4180(',');

		// when
		quotes.scan("1,\"open", 0, 7);

		// then
		assertThat(quotes.insideQuotes()).isTrue();
		quotes.scan("still \"\" open", 0, 13);
		assertThat(quotes.insideQuotes()).isTrue();
		quotes.scan("closed\",2", 0, 9);
		assertThat(quotes.insideQuotes()).isFalse();
	}

	@Test
	void aQuoteInTheMiddleOfAFieldDoesNotOpenQuotes() {
		// given
		Rfc4180 quotes = new Rfc4180(',');

		// when
		quotes.scan("27\" screen,x", 0, 12);

		// then
		assertThat(quotes.insideQuotes()).isFalse();
	}

	@Test
	void splitsRecordsWithoutQuotesAtEverySeparator() {
		assertThat(Rfc4180.split("a,,b,", ',')).containsExactly("a", "", "b", "");
		assertThat(Rfc4180.split(",", ',')).containsExactly("", "");
		assertThat(Rfc4180.split("", ',')).containsExactly("");
		assertThat(Rfc4180.split(" a ;b c;", ';')).containsExactly(" a ", "b c", "");
		assertThat(Rfc4180.split("1\t2,3\t", '\t')).containsExactly("1", "2,3", "");
	}

	@Test
	void splitsTheLenientCasesAsSpreadsheetsDo() {
		// a quote inside an unquoted field is a character; text after a closing quote is kept, quotes and all
		assertThat(Rfc4180.split("a\"b,\"c\"\"d\",", ',')).containsExactly("a\"b", "c\"d", "");
		assertThat(Rfc4180.split("\"x\"y\"z\",w", ',')).containsExactly("xy\"z\"", "w");
		// an unterminated quoted field runs to the end of the record, separators included
		assertThat(Rfc4180.split("1,\"open, still", ',')).containsExactly("1", "open, still");
		assertThat(Rfc4180.split("\"a\"\"", ',')).containsExactly("a\"");
		assertThat(Rfc4180.split("\"\",\"\"", ',')).containsExactly("", "");
		assertThat(Rfc4180.split(";\"a;b\";", ';')).containsExactly("", "a;b", "");
		assertThat(Rfc4180.split("\"é\t😀\"\t\"\"\"\"x", '\t')).containsExactly("é\t😀", "\"x");
	}

	@Test
	void carriesTheQuoteStateAcrossLines() {
		// given a line that ends right after a closing quote, one that ends at a separator, one mid-field
		Rfc4180 closed = new Rfc4180(',');
		Rfc4180 atSeparator = new Rfc4180(',');
		Rfc4180 midField = new Rfc4180(',');
		closed.scan("x,\"a\"", 0, 5);
		atSeparator.scan("x,", 0, 2);
		midField.scan("x", 0, 1);

		// when each goes on with a quote
		closed.scan("\"b", 0, 2);
		atSeparator.scan("\"b", 0, 2);
		midField.scan("\"b", 0, 2);

		// then the first quote doubles the closing one, the second opens a field, the third is a character
		assertThat(closed.insideQuotes()).isTrue();
		assertThat(atSeparator.insideQuotes()).isTrue();
		assertThat(midField.insideQuotes()).isFalse();
	}

	@Test
	void scansOnlyTheGivenRangeOfTheBuffer() {
		// given a buffer whose quote lies past the range
		Rfc4180 quotes = new Rfc4180(',');

		// when
		quotes.scan(new StringBuilder("\"a,b,\"c"), 1, 5);

		// then
		assertThat(quotes.insideQuotes()).isFalse();
	}
}
