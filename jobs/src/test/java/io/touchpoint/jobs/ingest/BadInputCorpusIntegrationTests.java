package io.touchpoint.jobs.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.stream.Stream;

import javax.sql.DataSource;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

import io.touchpoint.jobs.config.WarehouseDataSource;
import io.touchpoint.jobs.executions.ExecutionQueries;
import io.touchpoint.jobs.executions.JobRuns;
import io.touchpoint.jobs.support.Inboxes;
import io.touchpoint.jobs.support.IntegrationTest;
import io.touchpoint.readers.MalformedFileException;
import io.touchpoint.readers.csv.CsvRecordReader;

/**
 * The bad-input corpus ({@code src/test/resources/bad-input/}, its README lists every case): each case
 * runs {@code nightly} for a tenant of its own over an inbox holding the case's file, and checks the
 * documented outcome against values read off the fixture by hand: the row accepted with its
 * normalization, quarantined with its reason and line, or the file rejected with a message naming it.
 * Every case that reads its file also keeps the invariant: records read = written + filtered +
 * quarantined, and the quarantine table holds exactly the skipped records.
 */
class BadInputCorpusIntegrationTests extends IntegrationTest {

	private static final LocalDate NIGHT = LocalDate.of(2026, 11, 1);

	private static final String STRIPE = "stripe/unified_payments.csv";

	private static final String HUBSPOT = "hubspot/hubspot-contacts.csv";

	private static final String HEADER =
			"id,Created date (UTC),Amount,Amount Refunded,Currency,Captured,Status,Customer Email,Description\n";

	@Autowired
	private JobRuns runs;

	@Autowired
	private ExecutionQueries queries;

	@Autowired
	@WarehouseDataSource
	private DataSource warehouse;

	/** One corpus case: the inbox files it needs (inbox path to resource or generator), then what must hold. */
	record Case(String name, Map<String, Fixture> files, Consumer<Run> then) {

		@Override
		public String toString() {
			return name;
		}
	}

	/** Writes one inbox file. */
	interface Fixture {

		void writeTo(Path target) throws IOException;
	}

	static Fixture resource(String name) {
		return target -> Inboxes.copyTo(target, "/bad-input/" + name);
	}

	static Case stripe(String name, String resource, Consumer<Run> then) {
		return new Case(name, Map.of(STRIPE, resource(resource)), then);
	}

	static Case hubspot(String name, String resource, Consumer<Run> then) {
		return new Case(name, Map.of(HUBSPOT, resource(resource)), then);
	}

	static Stream<Case> corpus() {
		return Stream.of(
				// files rejected: the run fails naming the file (and line) and says what to do
				new Case("truncated gzip", Map.of(STRIPE + ".gz", resource("stripe-truncated.csv.gz")),
						run -> run.rejected(STRIPE + ".gz", "gzip stream is truncated or corrupt", "re-export")),
				stripe("empty file", "stripe-empty.csv", run -> run.rejected(STRIPE, "the file is empty (no header line)")),
				stripe("semicolon-separated", "stripe-semicolon-delimiter.csv",
						run -> run.rejected(STRIPE, "missing required columns 'id', 'Amount', 'Currency'",
								"separated by ';'")),
				stripe("missing required column", "stripe-missing-amount-column.csv",
						run -> run.rejected(STRIPE, "missing required column 'Amount'",
								"(found: id, Created date (UTC), Currency, Status, Customer Email)")),
				stripe("duplicated header column", "stripe-duplicated-header-column.csv",
						run -> run.rejected(STRIPE, "line 1", "duplicated column 'Amount' in the header (columns 3 and 6)")),
				stripe("invalid UTF-8 after valid UTF-8", "stripe-invalid-utf8.csv",
						run -> run.rejected(STRIPE, "line 3", "UTF-8")),
				stripe("byte undefined in Windows-1252", "stripe-undecodable-bytes.csv",
						run -> run.rejected(STRIPE, "line 2", "windows-1252")),
				stripe("unterminated quote", "stripe-unterminated-quote.csv",
						run -> run.rejected(STRIPE, "line 3", "never closed")),
				hubspot("missing Email column", "hubspot-missing-email-column.csv",
						run -> run.rejected(HUBSPOT, "missing required column 'Email'")),
				new Case("a 1 GiB line without a newline", Map.of(STRIPE, BadInputCorpusIntegrationTests::gigabyteLine),
						run -> run.rejected(STRIPE, "line 2", "longer than 10000000 characters")),

				// files read: each record accepted with a normalization, filtered, or quarantined with a reason
				stripe("header only", "stripe-header-only.csv", run -> run.counts(0, 0, 0, 0).purchases(Map.of())),
				stripe("UTF-8 byte-order mark", "stripe-utf8-bom.csv",
						run -> run.counts(2, 2, 0, 0).purchases(Map.of("stripe:ch_bom1", 1000L, "stripe:ch_bom2", 2000L))),
				stripe("CRLF and blank lines", "stripe-crlf-and-blank-lines.csv",
						run -> run.counts(2, 2, 0, 0).purchases(Map.of("stripe:ch_cr1", 1000L, "stripe:ch_cr2", 1000L))),
				stripe("quoted newlines", "stripe-quoted-newlines.csv",
						run -> run.counts(3, 2, 0, 1)
							.purchases(Map.of("stripe:ch_q1", 1000L, "stripe:ch_q2", 1000L))
							.sourceRefs(Map.of("stripe:ch_q1", STRIPE + ":2", "stripe:ch_q2", STRIPE + ":4"))
							.quarantined("7: Amount: a charge cannot be negative (-1.00)")),
				stripe("wrong field count", "stripe-field-count.csv",
						run -> run.counts(4, 2, 0, 2)
							.purchases(Map.of("stripe:ch_f1", 1000L, "stripe:ch_f4", 1000L))
							.quarantined("3: expected 9 fields, found 10", "4: expected 9 fields, found 3")),
				// chunks of 3: e1, e2, e3 (broken); then e4 (broken) alone, a chunk with no readable record
				stripe("wrong field count on the last lines", "stripe-field-count-at-end.csv",
						run -> run.counts(4, 2, 0, 2)
							.purchases(Map.of("stripe:ch_e1", 1000L, "stripe:ch_e2", 1000L))
							.quarantined("4: expected 9 fields, found 10", "5: expected 9 fields, found 3")),
				stripe("negative amount", "stripe-negative-amount.csv",
						run -> run.counts(2, 1, 0, 1)
							.purchases(Map.of("stripe:ch_n2", 500L))
							.quarantined("2: Amount: a charge cannot be negative (-5.00)")),
				stripe("fraction of a cent", "stripe-fractional-cent.csv",
						run -> run.counts(2, 1, 0, 1)
							.purchases(Map.of("stripe:ch_c2", 1234L))
							.quarantined("2: Amount: amount '12.345' has a fraction of a minor unit of USD (2 decimals)")),
				stripe("exponent notation", "stripe-exponent-amount.csv",
						run -> run.counts(2, 1, 0, 1)
							.purchases(Map.of("stripe:ch_e2", 120000L))
							.quarantined("2: Amount: amount '1.2E+3' is not a plain decimal number")),
				stripe("thousands separator", "stripe-thousands-separator.csv",
						run -> run.counts(2, 1, 0, 1)
							.purchases(Map.of("stripe:ch_k2", 123456L))
							.quarantined("2: Amount: amount '1,234.56' is not a plain decimal number")),
				stripe("amount out of range", "stripe-huge-amount.csv",
						run -> run.counts(2, 1, 0, 1)
							.purchases(Map.of("stripe:ch_h2", 1000L))
							.quarantinedStartingWith("2: Amount: amount '9999999999")),
				stripe("empty and non-numeric amount", "stripe-empty-amount.csv",
						run -> run.counts(2, 0, 0, 2)
							.purchases(Map.of())
							.quarantined("2: Amount: missing amount", "3: Amount: amount 'abc' is not a plain decimal number")),
				stripe("unknown, missing and zero-decimal currencies", "stripe-unknown-currency.csv",
						run -> run.counts(4, 2, 0, 2)
							.purchases(Map.of("stripe:ch_y3", 1200L, "stripe:ch_y4", 350L))
							.currencies(Map.of("stripe:ch_y3", "JPY", "stripe:ch_y4", "EUR"))
							.quarantined("2: Currency: unknown currency 'xyz'", "3: Currency: missing currency")),
				stripe("refund above the amount", "stripe-refund-above-amount.csv",
						run -> run.counts(2, 1, 0, 1)
							.purchases(Map.of("stripe:ch_r2", 1000L))
							.refunds(Map.of("stripe:ch_r2:refunded:1000", -1000L))
							.quarantined("2: Amount Refunded 12.00 is outside 0..10.00")),
				stripe("dates in five formats", "stripe-dates-five-formats.csv",
						run -> run.counts(7, 5, 0, 2)
							.times(Map.of("stripe:ch_df1", "2026-11-01 10:00:00.000000", "stripe:ch_df2",
									"2026-11-01 10:00:00.000000", "stripe:ch_df3", "2026-11-01 10:00:00.250000",
									"stripe:ch_df4", "2026-11-01 10:00:00.000000", "stripe:ch_df5",
									"2026-11-01 00:00:00.000000"))
							.quarantined("7: Created date (UTC): unreadable timestamp '11/01/2026 10:00'",
									"8: Created date (UTC): unreadable timestamp '1 Nov 2026'")),
				stripe("dates with offsets", "stripe-dates-offsets.csv",
						run -> run.counts(5, 4, 0, 1)
							.times(Map.of("stripe:ch_do1", "2026-11-01 10:00:00.000000", "stripe:ch_do2",
									"2026-11-02 04:30:00.000000", "stripe:ch_do3", "2026-11-01 10:00:00.000000",
									"stripe:ch_do4", "2026-11-01 10:00:00.000000"))
							.quarantined("6: Created date (UTC): unreadable timestamp '2026-11-01T10:00:00+25:00'")),
				stripe("dates in the future, before 1970, and impossible", "stripe-dates-future-and-pre-1970.csv",
						run -> run.counts(4, 3, 0, 1)
							.times(Map.of("stripe:ch_dy1", "2099-12-31 23:59:59.000000", "stripe:ch_dy2",
									"1969-07-20 20:17:40.000000", "stripe:ch_dy3", "1900-01-01 00:00:00.000000"))
							.quarantined("5: Created date (UTC): unreadable timestamp '2026-02-30 10:00:00'")),
				stripe("duplicated rows", "stripe-duplicated-rows.csv",
						run -> run.counts(3, 3, 0, 0)
							.purchases(Map.of("stripe:ch_dup1", 1000L, "stripe:ch_dup2", 1000L))),
				new Case("the same export twice in one inbox",
						Map.of("stripe/export-1.csv", resource("stripe-same-export.csv"), "stripe/export-2.csv",
								resource("stripe-same-export.csv")),
						run -> run.counts(4, 4, 0, 0)
							.purchases(Map.of("stripe:ch_same1", 1000L, "stripe:ch_same2", 2000L))),
				stripe("SQL and HTML in ids", "stripe-sql-and-html.csv",
						run -> run.counts(2, 2, 0, 0)
							.purchases(Map.of("stripe:ch_'; DROP TABLE purchases; --", 1000L, "stripe:ch_<b>bold</b>",
									1000L))),
				stripe("id longer than the key column", "stripe-long-id.csv",
						run -> run.counts(2, 1, 0, 1)
							.purchases(Map.of("stripe:ch_ok1", 1000L))
							.quarantined("2: id: longer than 200 characters")),
				new Case("a 10 MB field", Map.of(STRIPE, BadInputCorpusIntegrationTests::tenMegabyteField),
						run -> run.counts(2, 1, 0, 1)
							.purchases(Map.of("stripe:ch_ok", 1000L))
							.quarantined("2: Amount: a charge cannot be negative (-1.00) (raw text truncated)")
							.rawTextLength(2, 65_000)),
				hubspot("ISO-8859-1", "hubspot-iso-8859-1.csv",
						run -> run.counts(2, 2, 0, 0).names("Jos\u00e9 Mu\u00f1oz", "Zo\u00eb Br\u00fcnnhilde")),
				hubspot("Windows-1252 smart quotes", "hubspot-windows-1252.csv",
						run -> run.counts(1, 1, 0, 0).names("\u201cBuzz\u201d O\u2019Neil")),
				hubspot("bad values", "hubspot-bad-values.csv",
						run -> run.counts(5, 0, 0, 5)
							.names()
							.quarantined("2: Email: 'not-an-email' is not an e-mail address", "3: empty Record ID",
									"4: Last Modified Date: unreadable timestamp 'yesterday'",
									"5: Tags: a value longer than 255 characters",
									"6: no Last Modified Date, Last Activity Date, Create Date")),
				hubspot("SQL and HTML in names and tags", "hubspot-sql-and-html.csv",
						run -> run.counts(1, 1, 0, 0)
							.names("'; DROP TABLE contacts; -- <img src=x onerror=alert(1)>")
							.tags("<b>vip</b>", "')", "DELETE FROM tag_applications", "--")),
				hubspot("name longer than its column", "hubspot-long-name.csv",
						run -> run.counts(2, 1, 0, 1)
							.names("Ann Archer")
							.quarantined("2: First Name: longer than 200 characters")),
				hubspot("e-mail case and spaces", "hubspot-email-case-and-spaces.csv",
						run -> run.counts(2, 2, 0, 0).emails("mixed.case@example.com")),

				// a value longer than its column, from sources without a check of their own (ColumnLimits)
				new Case("Segment campaign longer than its column",
						Map.of("segment/events.jsonl", resource("segment-long-campaign.jsonl")),
						run -> run.counts(2, 1, 0, 1)
							.quarantined("1: touchpoints.campaign: longer than 255 characters (300)")),
				new Case("Salesforce last name longer than its column",
						Map.of("salesforce/Contact.csv", resource("salesforce-long-last-name.csv")),
						run -> run.counts(2, 1, 0, 1)
							.names("Ann Archer")
							.quarantined("2: contacts.last_name: longer than 200 characters (250)")),
				new Case("mapping-file key longer than its column",
						Map.of("chargebee/invoices.csv", resource("mapped-long-key.csv")),
						run -> run.counts(2, 1, 0, 1)
							.purchases(Map.of("chargebee:INV-003", 1999L))
							.quarantined("2: purchases.purchase_key: longer than 255 characters (314)")));
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("corpus")
	void eachBadInputHasItsDocumentedOutcome(Case badInput) throws Exception {
		// given an inbox holding the case's file(s), for a tenant of its own
		String tenant = "bad-" + Integer.toHexString(badInput.name().hashCode());
		Path inbox = Inboxes.create(home(), tenant);
		for (Map.Entry<String, Fixture> file : badInput.files().entrySet()) {
			Path target = inbox.resolve(file.getKey());
			Files.createDirectories(target.getParent());
			file.getValue().writeTo(target);
		}

		// when
		JobExecution execution = runs.start("nightly", IngestParameters.nightly(tenant, NIGHT, inbox.toString()));

		// then
		try {
			badInput.then().accept(new Run(tenant, execution));
		}
		finally {
			for (String file : badInput.files().keySet()) {
				Files.deleteIfExists(inbox.resolve(file));
			}
		}
	}

	@Test
	void aGigabyteLineIsReadOnlyUpToTheRecordLimitSoMemoryStaysBounded() throws Exception {
		// given a header, then 1 GiB without a line break, generated as it is read and counted
		long gigabyte = 1L << 30;
		AtomicLong consumed = new AtomicLong();
		byte[] header = HEADER.getBytes(StandardCharsets.US_ASCII);
		InputStream endless = new InputStream() {

			@Override
			public int read() {
				long at = consumed.get();
				if (at >= header.length + gigabyte) {
					return -1;
				}
				consumed.incrementAndGet();
				return at < header.length ? header[(int) at] : 'x';
			}

			@Override
			public int read(byte[] into, int offset, int length) {
				int n = 0;
				while (n < length) {
					int b = read();
					if (b < 0) {
						return n == 0 ? -1 : n;
					}
					into[offset + n++] = (byte) b;
				}
				return n;
			}
		};
		int limit = 1_000_000;
		CsvRecordReader reader = new CsvRecordReader("stripe", STRIPE, () -> endless, StandardCharsets.UTF_8, ',', limit);

		// when / then: the file fails on line 2, having pulled about the limit, not the gigabyte
		assertThatThrownBy(reader::read).isInstanceOf(MalformedFileException.class)
			.hasMessageContaining(STRIPE + " line 2")
			.hasMessageContaining("longer than 1000000 characters");
		reader.close();
		// the limit, plus at most the reader's and decoder's buffers (tens of KiB), never the whole line
		assertThat(consumed.get()).isBetween((long) limit, (long) limit + 256 * 1024);
	}

	/** A header, then a record whose last field runs on for 1 GiB of NUL bytes: a sparse file, nothing in memory. */
	private static void gigabyteLine(Path target) throws IOException {
		Files.writeString(target, HEADER + "ch_big,2026-11-01 10:00:00,10.00,0.00,usd,true,Paid,big@example.com,");
		try (RandomAccessFile file = new RandomAccessFile(target.toFile(), "rw")) {
			file.setLength(1L << 30);
		}
	}

	/** A negative charge whose Description is 9,990,000 characters (under the 10,000,000 limit), then a good one. */
	private static void tenMegabyteField(Path target) throws IOException {
		try (OutputStream out = Files.newOutputStream(target)) {
			out.write((HEADER + "ch_neg,2026-11-01 10:00:00,-1.00,0.00,usd,true,Paid,neg@example.com,")
				.getBytes(StandardCharsets.US_ASCII));
			byte[] block = "0123456789".repeat(1000).getBytes(StandardCharsets.US_ASCII);
			for (int i = 0; i < 999; i++) {
				out.write(block);
			}
			out.write("\nch_ok,2026-11-01 10:00:00,10.00,0.00,usd,true,Paid,ok@example.com,Plan\n"
				.getBytes(StandardCharsets.US_ASCII));
		}
	}

	/** A finished run of one case and what it left in the warehouse. */
	final class Run {

		private final String tenant;

		private final JobExecution execution;

		private final JdbcTemplate jdbc = new JdbcTemplate(warehouse);

		Run(String tenant, JobExecution execution) {
			this.tenant = tenant;
			this.execution = execution;
		}

		/** The file was rejected: the run failed naming it, and nothing of it was loaded or quarantined. */
		void rejected(String file, String... fragments) {
			assertThat(execution.getStatus()).isEqualTo(BatchStatus.FAILED);
			String error = ExecutionQueries.error(execution, queries.steps(queries.execution(execution.getId())));
			assertThat(error).contains(file).contains(fragments).contains("restart");
			assertThat(count("purchases") + count("contacts") + count("quarantine")).isZero();
		}

		/**
		 * The run completed; the normalize step read {@code read} records (counted by hand in the fixture)
		 * and wrote, filtered and quarantined the given numbers, which add up to {@code read}.
		 */
		Run counts(long read, long written, long filtered, long quarantined) {
			assertThat(execution.getStatus()).as(() -> ExecutionQueries.error(execution,
					queries.steps(queries.execution(execution.getId())))).isEqualTo(BatchStatus.COMPLETED);
			StepExecution normalize = execution.getStepExecutions().stream()
				.filter(step -> step.getStepName().equals("normalize"))
				.findFirst()
				.orElseThrow();
			long skipped = normalize.getReadSkipCount() + normalize.getProcessSkipCount() + normalize.getWriteSkipCount();
			assertThat(normalize.getReadCount() + normalize.getReadSkipCount()).as("records read").isEqualTo(read);
			assertThat(normalize.getWriteCount()).as("written").isEqualTo(written);
			assertThat(normalize.getFilterCount()).as("filtered").isEqualTo(filtered);
			assertThat(skipped).as("quarantined").isEqualTo(quarantined);
			assertThat(normalize.getReadCount() + normalize.getReadSkipCount())
				.as("read = written + filtered + quarantined")
				.isEqualTo(normalize.getWriteCount() + normalize.getFilterCount() + skipped);
			assertThat(count("quarantine")).as("quarantine rows").isEqualTo(quarantined);
			return this;
		}

		Run purchases(Map<String, Long> amounts) {
			assertThat(map("SELECT purchase_key, amount_minor FROM purchases WHERE tenant_id = ?")).isEqualTo(amounts);
			return this;
		}

		Run currencies(Map<String, String> currencies) {
			assertThat(map("SELECT purchase_key, currency FROM purchases WHERE tenant_id = ?")).isEqualTo(currencies);
			return this;
		}

		Run refunds(Map<String, Long> amounts) {
			assertThat(map("SELECT refund_key, amount_minor FROM refunds WHERE tenant_id = ?")).isEqualTo(amounts);
			return this;
		}

		Run sourceRefs(Map<String, String> refs) {
			assertThat(map("SELECT purchase_key, source_ref FROM purchases WHERE tenant_id = ?")).isEqualTo(refs);
			return this;
		}

		Run times(Map<String, String> times) {
			assertThat(map("SELECT purchase_key, DATE_FORMAT(occurred_at, '%Y-%m-%d %H:%i:%s.%f') FROM purchases"
					+ " WHERE tenant_id = ?")).isEqualTo(times);
			return this;
		}

		/** The quarantine rows as {@code line: reason}, in line order. */
		Run quarantined(String... lineAndReason) {
			assertThat(quarantine()).containsExactly(lineAndReason);
			return this;
		}

		Run quarantinedStartingWith(String prefix) {
			assertThat(quarantine()).singleElement().asString().startsWith(prefix);
			return this;
		}

		Run rawTextLength(long line, int length) {
			assertThat(jdbc.queryForObject("SELECT CHAR_LENGTH(raw_text) FROM quarantine WHERE tenant_id = ? AND line = ?",
					Integer.class, tenant, line)).isEqualTo(length);
			return this;
		}

		/** The contacts' names as {@code first last}, in any order. */
		Run names(String... names) {
			assertThat(jdbc.queryForList("SELECT CONCAT(first_name, ' ', last_name) FROM contacts WHERE tenant_id = ?",
					String.class, tenant)).containsExactlyInAnyOrder(names);
			return this;
		}

		Run emails(String... emails) {
			assertThat(jdbc.queryForList("SELECT email FROM contacts WHERE tenant_id = ?", String.class, tenant))
				.containsExactlyInAnyOrder(emails);
			return this;
		}

		Run tags(String... tags) {
			assertThat(jdbc.queryForList("SELECT tag FROM tag_applications WHERE tenant_id = ?", String.class, tenant))
				.containsExactlyInAnyOrder(tags);
			return this;
		}

		private List<String> quarantine() {
			return jdbc.queryForList("SELECT CONCAT(line, ': ', reason) FROM quarantine WHERE tenant_id = ? ORDER BY line",
					String.class, tenant);
		}

		private Map<String, Object> map(String sql) {
			Map<String, Object> rows = new LinkedHashMap<>();
			jdbc.query(sql, rs -> {
				rows.put(rs.getString(1), rs.getObject(2));
			}, tenant);
			return rows;
		}

		private long count(String table) {
			return jdbc.queryForObject("SELECT COUNT(*) FROM " + table + " WHERE tenant_id = ?", Long.class, tenant);
		}
	}
}
