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
}
