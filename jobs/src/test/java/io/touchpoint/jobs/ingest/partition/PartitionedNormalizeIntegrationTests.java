package io.touchpoint.jobs.ingest.partition;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import javax.sql.DataSource;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.jdbc.core.JdbcTemplate;

import io.touchpoint.jobs.cli.Session;
import io.touchpoint.jobs.executions.JobRuns;
import io.touchpoint.jobs.failures.FailureMessages;
import io.touchpoint.jobs.ingest.BatchFiles;
import io.touchpoint.jobs.ingest.IngestParameters;
import io.touchpoint.jobs.support.TargetTempDirs;

/**
 * Normalize in 3 partitions on 2 threads ({@code touchpoint.ingest.partitions=3}), on an embedded home of its
 * own: one Stripe export with quoted line breaks, three malformed records (one per partition) and a byte that is
 * not UTF-8 in the second partition, which fails that partition alone; once the byte is fixed (same length, so the
 * same cuts), the restart runs only that partition from its last committed chunk and every row is loaded once.
 */
class PartitionedNormalizeIntegrationTests {

	private static final LocalDate DATE = LocalDate.of(2026, 11, 1);

	private static final int ROWS = 1500;

	/** Malformed (3 fields where the header has 16): about 12 KB, 87 KB and 161 KB into the 172 KB file. */
	private static final List<Integer> MALFORMED = List.of(100, 750, 1400);

	/** Its description holds byte 0xFF, invalid in UTF-8, past the 64 KiB the encoding is told from. */
	private static final int BAD_BYTE_ROW = 760;

	@TempDir(factory = TargetTempDirs.class)
	static Path dir;

	@Test
	void aRestartAfterAFailureInPartitionTwoOfThreeLoadsEveryRowOnceWithEachPartitionsQuarantine() throws Exception {
		// given
		Path home = dir.resolve("home");
		Path file = home.resolve("inbox/acme/" + DATE + "/stripe/unified_payments.csv");
		Files.createDirectories(file.getParent());
		Export export = export();
		Files.write(file, export.bytes());
		try (Session session = Session.open(home, true, "touchpoint.ingest.partitions=3", "touchpoint.ingest.threads=2",
				"touchpoint.ingest.chunk-size=50", "touchpoint.ingest.rows-per-part=200")) {
			JobRuns runs = session.bean(JobRuns.class);
			JdbcTemplate warehouse = new JdbcTemplate(session.bean("warehouseDataSource", DataSource.class));

			// when
			JobExecution failed = runs.start("nightly",
					IngestParameters.nightly("acme", DATE, file.getParent().getParent().toString()));

			// then only the second partition failed, naming the file's own line of the bad byte
			assertThat(failed.getStatus()).isEqualTo(BatchStatus.FAILED);
			Map<String, StepExecution> partitions = partitions(failed);
			assertThat(partitions.keySet()).containsExactly("normalize-partition:partition0",
					"normalize-partition:partition1", "normalize-partition:partition2");
			assertThat(partitions.get("normalize-partition:partition0").getStatus()).isEqualTo(BatchStatus.COMPLETED);
			assertThat(partitions.get("normalize-partition:partition2").getStatus()).isEqualTo(BatchStatus.COMPLETED);
			StepExecution second = partitions.get("normalize-partition:partition1");
			assertThat(second.getStatus()).isEqualTo(BatchStatus.FAILED);
			assertThat(second.getCommitCount()).as("chunks committed before the failing one").isPositive();
			assertThat(second.getFailureExceptions()).anySatisfy(failure -> assertThat(failure)
				.hasStackTraceContaining("stripe/unified_payments.csv line " + export.badByteLine() + ": bytes that are not valid UTF-8"));

			// the run's failure names the partition, the file and the line, and the dry run of a restart says so
			assertThat(FailureMessages.stepError(step(failed, "normalize"))).startsWith("partition1: ")
				.contains("stripe/unified_payments.csv line " + export.badByteLine() + ": bytes that are not valid UTF-8");
			assertThat(session.bean(BatchFiles.class).inputFiles(failed, step(failed, "normalize")))
				.extracting(BatchFiles.InputFile::action, BatchFiles.InputFile::detail)
				.containsExactly(org.assertj.core.groups.Tuple.tuple("read",
						"in partitions: those that did not complete run again, each from its last committed chunk"));

			// when the byte is fixed and the run restarted
			byte[] fixed = export.bytes().clone();
			fixed[export.badByteOffset()] = 'x';
			Files.write(file, fixed);
			JobExecution restarted = runs.restart(failed.getId());

			// then only the failed partition ran again, and every row is loaded once
			assertThat(restarted.getStatus()).isEqualTo(BatchStatus.COMPLETED);
			assertThat(partitions(restarted).keySet()).containsExactly("normalize-partition:partition1");
			long good = ROWS - MALFORMED.size();
			assertThat(count(warehouse, "purchases")).isEqualTo(good);
			// staged and loaded once: the ledger's rows, not only the keys (a purchase loaded twice keeps one key)
			assertThat(warehouse.queryForObject("SELECT SUM(row_count) FROM load_ledger WHERE tenant_id = 'acme'"
					+ " AND table_name = 'purchases'", Long.class)).isEqualTo(good);
			assertThat(count(warehouse, "quarantine")).isEqualTo(MALFORMED.size());
			// one malformed record in each partition, counted in its own step executions (partition 1's in the
			// failed run's committed chunks or in the restart's)
			Map<String, StepExecution> again = partitions(restarted);
			for (Map.Entry<String, StepExecution> partition : partitions.entrySet()) {
				long skips = partition.getValue().getSkipCount();
				if (again.containsKey(partition.getKey())) {
					skips += again.get(partition.getKey()).getSkipCount();
				}
				assertThat(skips).as(partition.getKey()).isEqualTo(1);
			}
			assertThat(step(failed, "normalize").getSkipCount() + step(restarted, "normalize").getSkipCount())
				.as("the normalize step's skips, summed over its partitions").isEqualTo(MALFORMED.size());
		}
	}

	private static StepExecution step(JobExecution execution, String name) {
		return execution.getStepExecutions().stream().filter(s -> s.getStepName().equals(name)).findFirst().orElseThrow();
	}

	private static long count(JdbcTemplate warehouse, String table) {
		return warehouse.queryForObject("SELECT COUNT(*) FROM " + table + " WHERE tenant_id = 'acme'", Long.class);
	}

	private static Map<String, StepExecution> partitions(JobExecution execution) {
		Map<String, StepExecution> partitions = new TreeMap<>();
		for (StepExecution step : execution.getStepExecutions()) {
			if (step.getStepName().startsWith(PartitionedNormalizeConfiguration.WORKER + ":")) {
				partitions.put(step.getStepName(), step);
			}
		}
		return partitions;
	}

	private record Export(byte[] bytes, int badByteOffset, long badByteLine) {
	}

	/** The export, counting its lines as it is written (a quoted line break adds one). */
	private static Export export() {
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		write(out, "id,Created date (UTC),Amount,Amount Refunded,Currency,Captured,Converted Amount,"
				+ "Converted Amount Refunded,Converted Currency,Description,Refunded date (UTC),Status,Seller Message,"
				+ "Customer ID,Customer Email,plan (metadata)\n");
		long line = 2;
		int badOffset = -1;
		long badLine = -1;
		for (int i = 1; i <= ROWS; i++) {
			if (MALFORMED.contains(i)) {
				write(out, "ch_bad" + i + ",only,three\n");
				line++;
				continue;
			}
			String description = i % 7 == 0 ? "\"Monthly plan\nwith a note\"" : "Monthly plan";
			String before = "ch_" + i + ",2026-11-01 10:00:00,1.00,0.00,usd,true,1.00,0.00,usd," + description;
			write(out, before);
			if (i == BAD_BYTE_ROW) {
				badOffset = out.size();
				badLine = line;
				out.write(0xFF);
			}
			write(out, ",,Paid,Payment complete.,cus_" + i + ",u" + i + "@example.com,pro\n");
			line += i % 7 == 0 ? 2 : 1;
		}
		return new Export(out.toByteArray(), badOffset, badLine);
	}

	private static void write(ByteArrayOutputStream out, String text) {
		out.writeBytes(text.getBytes(StandardCharsets.UTF_8));
	}
}
