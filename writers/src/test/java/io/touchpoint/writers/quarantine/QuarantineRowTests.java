package io.touchpoint.writers.quarantine;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;

import org.junit.jupiter.api.Test;

import io.touchpoint.writers.staging.CsvRowEncoder;

class QuarantineRowTests {

	private static final Instant AT = Instant.parse("2024-03-05T10:11:12.5Z");

	@Test
	void writesTheQuarantineColumnsInOrder() {
		QuarantineRow row = new QuarantineRow("acme", "b1", "pos", "in/a.csv", 17, "bad amount", "x,\"y\"", AT);
		ByteArrayOutputStream bytes = new ByteArrayOutputStream();
		CsvRowEncoder encoder = new CsvRowEncoder(bytes);

		row.writeCsv(encoder);
		encoder.endRow().flush();

		assertThat(row.table()).isEqualTo("quarantine");
		assertThat(row.moneyMinor()).isZero();
		assertThat(bytes.toString(StandardCharsets.UTF_8))
			.isEqualTo("\"pos\",\"in/a.csv\",17,\"bad amount\",\"x,\\\"y\\\"\",2024-03-05 10:11:12.5\n");
		assertThat(QuarantineRow.COLUMNS).containsExactly(
				"tenant_id", "batch_id", "source", "file", "line", "reason", "raw_text", "quarantined_at");
	}

	@Test
	void longRawTextIsTruncatedAndTheReasonSaysSo() {
		String raw = "r".repeat(70_000);

		QuarantineRow row = new QuarantineRow("acme", "b1", "pos", "a.csv", 1, "bad amount", raw, AT);

		assertThat(row.rawText()).hasSize(65_000);
		assertThat(row.reason()).isEqualTo("bad amount (raw text truncated)");
	}

	@Test
	void aReasonLongerThanItsColumnIsCutAndSaysSoKeepingTheRawTextNote() {
		// given a reason quoting a 2,000-digit amount, and a raw text over its limit
		String reason = "amount '" + "9".repeat(2_000) + "' is out of range";

		// when
		QuarantineRow row = new QuarantineRow("acme", "b1", "pos", "a.csv", 1, reason, "r".repeat(70_000), AT);

		// then: 1000 characters = 957 of the reason + "... (reason truncated)" (22) + " (raw text truncated)" (21)
		assertThat(row.reason()).hasSize(1_000)
			.isEqualTo("amount '" + "9".repeat(949) + "... (reason truncated) (raw text truncated)");
	}

	@Test
	void rawTextOfExactlyTheLimitIsKept() {
		String raw = "r".repeat(65_000);

		QuarantineRow row = new QuarantineRow("acme", "b1", "pos", "a.csv", 1, "bad amount", raw, AT);

		assertThat(row.rawText()).isEqualTo(raw);
		assertThat(row.reason()).isEqualTo("bad amount");
	}

	@Test
	void truncationNeverSplitsASurrogatePair() {
		String raw = "r".repeat(64_999) + "😀" + "tail";

		QuarantineRow row = new QuarantineRow("acme", "b1", "pos", "a.csv", 1, "bad", raw, AT);

		assertThat(row.rawText()).isEqualTo("r".repeat(64_999));
	}
}
