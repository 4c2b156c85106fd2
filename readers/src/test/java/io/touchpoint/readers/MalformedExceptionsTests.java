package io.touchpoint.readers;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class MalformedExceptionsTests {

	@Test
	void malformedRecordMessageNamesFileAndLine() {
		// given / when
		MalformedRecordException e = new MalformedRecordException("stripe", "stripe/a.csv", 12, "1,2",
				"expected 3 fields, found 2");

		// then
		assertThat(e.getMessage()).isEqualTo("stripe/a.csv line 12: expected 3 fields, found 2");
		assertThat(e.source()).isEqualTo("stripe");
		assertThat(e.file()).isEqualTo("stripe/a.csv");
		assertThat(e.line()).isEqualTo(12);
		assertThat(e.rawText()).isEqualTo("1,2");
		assertThat(e.reason()).isEqualTo("expected 3 fields, found 2");
	}

	@Test
	void malformedRecordFromARecordTakesItsPosition() {
		// given
		SourceRecord record = new SourceRecord() {
			public String source() {
				return "meta";
			}

			public String file() {
				return "meta/ads.jsonl";
			}

			public long line() {
				return 7;
			}

			public String rawText() {
				return "{\"id\":1}";
			}
		};

		// when
		MalformedRecordException e = MalformedRecordException.of(record, "unknown campaign");

		// then
		assertThat(e.getMessage()).isEqualTo("meta/ads.jsonl line 7: unknown campaign");
		assertThat(e.source()).isEqualTo("meta");
		assertThat(e.rawText()).isEqualTo("{\"id\":1}");
	}

	@Test
	void malformedFileMessageOmitsTheLineWhenThereIsNone() {
		// given / when
		MalformedFileException withLine = new MalformedFileException("stripe/a.csv", 3, "broken; re-export it");
		MalformedFileException withoutLine = new MalformedFileException("stripe/a.csv", 0, "empty; re-export it");

		// then
		assertThat(withLine.getMessage()).isEqualTo("stripe/a.csv line 3: broken; re-export it");
		assertThat(withLine.line()).isEqualTo(3);
		assertThat(withLine.file()).isEqualTo("stripe/a.csv");
		assertThat(withoutLine.getMessage()).isEqualTo("stripe/a.csv: empty; re-export it");
		assertThat(withoutLine.reason()).isEqualTo("empty; re-export it");
	}
}
