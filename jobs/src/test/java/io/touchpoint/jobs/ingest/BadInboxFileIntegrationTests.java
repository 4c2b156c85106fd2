package io.touchpoint.jobs.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.zip.GZIPOutputStream;

import javax.sql.DataSource;

import org.junit.jupiter.api.Test;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

import io.touchpoint.jobs.config.WarehouseDataSource;
import io.touchpoint.jobs.executions.ExecutionQueries;
import io.touchpoint.jobs.executions.JobRuns;
import io.touchpoint.jobs.support.Inboxes;
import io.touchpoint.jobs.support.IntegrationTest;

/**
 * A bad inbox file (truncated gzip, a header without a required column, Latin-1 bytes in a UTF-8
 * export) fails the run with a message naming the file; what earlier nights loaded stays, and after
 * the file is replaced a restart loads it exactly once.
 */
class BadInboxFileIntegrationTests extends IntegrationTest {

	private static final String HEADER =
			"id,Created date (UTC),Amount,Amount Refunded,Currency,Captured,Status,Customer Email,Description\n";

	@Autowired
	private JobRuns runs;

	@Autowired
	private ExecutionQueries queries;

	@Autowired
	@WarehouseDataSource
	private DataSource warehouse;

	@Test
	void truncatedGzipFailsNamingTheFileAndARestartWithTheFullFileLoadsEveryRowOnce() throws Exception {
		// given a first night that loaded 2 purchases, and a second night whose 300-charge export is cut short
		String tenant = "gzip";
		firstNight(tenant);
		byte[] full = gzip(payments(300, "day2"));
		Path inbox = Inboxes.create(home(), "gzip-day2");
		Path file = inbox.resolve("stripe/unified_payments.csv.gz");
		Files.createDirectories(file.getParent());
		Files.write(file, Arrays.copyOf(full, full.length / 2));

		// when
		JobExecution failed = runs.start("nightly", IngestParameters.nightly(tenant, LocalDate.of(2026, 11, 2), inbox.toString()));

		// then
		assertThat(failed.getStatus()).isEqualTo(BatchStatus.FAILED);
		assertThat(error(failed)).contains("stripe/unified_payments.csv.gz").contains("gzip");
		assertThat(purchases(tenant)).isEqualTo(2);

		// when the full file replaces the truncated one and the run is restarted
		Files.write(file, full);
		JobExecution restarted = runs.restart(failed.getId());

		// then
		assertThat(restarted.getStatus()).isEqualTo(BatchStatus.COMPLETED);
		assertThat(purchases(tenant)).isEqualTo(2 + 300);
		assertThat(new JdbcTemplate(warehouse).queryForObject(
				"SELECT SUM(amount_minor) FROM purchases WHERE tenant_id = ? AND purchase_key LIKE 'stripe:ch_day2_%'",
				Long.class, tenant)).isEqualTo(300L * 1234);
	}

	@Test
	void headerWithoutARequiredColumnFailsNamingTheColumnAndTheFile() throws Exception {
		// given
		String tenant = "header";
		firstNight(tenant);
		Path inbox = Inboxes.create(home(), "header-day2");
		Path file = inbox.resolve("hubspot/contacts.csv");
		Files.createDirectories(file.getParent());
		Files.writeString(file, "Record ID,First Name,Last Name,E-mail address\n201,Zed,Zulu,zed@example.com\n");

		// when
		JobExecution failed = runs.start("nightly", IngestParameters.nightly(tenant, LocalDate.of(2026, 11, 2), inbox.toString()));

		// then
		assertThat(failed.getStatus()).isEqualTo(BatchStatus.FAILED);
		assertThat(error(failed)).contains("hubspot/contacts.csv").contains("'Email'");
		assertThat(purchases(tenant)).isEqualTo(2);
		assertThat(new JdbcTemplate(warehouse).queryForObject("SELECT COUNT(*) FROM contacts WHERE tenant_id = ?", Long.class,
				tenant)).isEqualTo(4);
	}

	@Test
	void aLatin1ExportIsDetectedAndReadButADamagedUtf8ExportFailsNamingTheFileAndLine() throws Exception {
		// given: day 2 brings a Latin-1 export (Excel's Windows-1252), day 3 a UTF-8 export with a stray Latin-1 byte
		String tenant = "latin1";
		firstNight(tenant);
		Path latin1 = Inboxes.create(home(), "latin1-day2");
		Path file = latin1.resolve("stripe/unified_payments.csv");
		Files.createDirectories(file.getParent());
		Files.write(file, (HEADER + "ch_l1,2026-11-02 10:00:00,12.34,0.00,usd,true,Paid,l1@example.com,Caf\u00e9 au lait\n")
			.getBytes(StandardCharsets.ISO_8859_1));
		Path damaged = Inboxes.create(home(), "latin1-day3");
		Path utf8 = damaged.resolve("stripe/unified_payments.csv");
		Files.createDirectories(utf8.getParent());
		byte[] good = (HEADER + "ch_l2,2026-11-03 10:00:00,1.00,0.00,usd,true,Paid,l2@example.com,Caf\u00e9 cr\u00e8me\n")
			.getBytes(StandardCharsets.UTF_8);
		byte[] bad = "ch_l3,2026-11-03 11:00:00,2.00,0.00,usd,true,Paid,l3@example.com,Caf\u00e9 noir\n"
			.getBytes(StandardCharsets.ISO_8859_1);
		Files.write(utf8, concat(good, bad));

		// when
		JobExecution read = runs.start("nightly", IngestParameters.nightly(tenant, LocalDate.of(2026, 11, 2), latin1.toString()));
		JobExecution failed = runs.start("nightly", IngestParameters.nightly(tenant, LocalDate.of(2026, 11, 3), damaged.toString()));

		// then the Latin-1 file loaded its charge; the damaged one failed on its third line
		assertThat(read.getStatus()).isEqualTo(BatchStatus.COMPLETED);
		assertThat(purchases(tenant)).isEqualTo(3);
		assertThat(failed.getStatus()).isEqualTo(BatchStatus.FAILED);
		assertThat(error(failed)).contains("stripe/unified_payments.csv").contains("line 3").contains("UTF-8");
		assertThat(purchases(tenant)).isEqualTo(3);
	}

	private static byte[] concat(byte[] a, byte[] b) {
		byte[] all = java.util.Arrays.copyOf(a, a.length + b.length);
		System.arraycopy(b, 0, all, a.length, b.length);
		return all;
	}

	private void firstNight(String tenant) throws Exception {
		Path inbox = Inboxes.standard(home(), tenant + "-day1");
		JobExecution first = runs.start("nightly", IngestParameters.nightly(tenant, LocalDate.of(2026, 11, 1), inbox.toString()));
		assertThat(first.getStatus()).isEqualTo(BatchStatus.COMPLETED);
		assertThat(purchases(tenant)).isEqualTo(2);
	}

	private String error(JobExecution execution) {
		return ExecutionQueries.error(execution, queries.steps(queries.execution(execution.getId())));
	}

	private long purchases(String tenant) {
		return new JdbcTemplate(warehouse).queryForObject("SELECT COUNT(*) FROM purchases WHERE tenant_id = ?", Long.class,
				tenant);
	}

	/** {@code n} paid charges of 12.34 USD, one per line, ids ch_{prefix}_{i}. */
	static String payments(int n, String prefix) {
		StringBuilder csv = new StringBuilder(HEADER);
		for (int i = 1; i <= n; i++) {
			csv.append("ch_").append(prefix).append('_').append(i).append(",2026-11-02 10:00:00,12.34,0.00,usd,true,Paid,")
				.append("buyer").append(i).append("@example.com,\"Order ").append(i).append(", thanks\"\n");
		}
		return csv.toString();
	}

	static byte[] gzip(String text) throws Exception {
		ByteArrayOutputStream bytes = new ByteArrayOutputStream();
		try (GZIPOutputStream out = new GZIPOutputStream(bytes)) {
			out.write(text.getBytes(StandardCharsets.UTF_8));
		}
		return bytes.toByteArray();
	}
}
