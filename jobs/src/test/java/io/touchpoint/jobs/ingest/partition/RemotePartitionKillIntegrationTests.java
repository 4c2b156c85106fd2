package io.touchpoint.jobs.ingest.partition;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.touchpoint.jobs.support.ChildCli;
import io.touchpoint.jobs.support.HomeTables;
import io.touchpoint.jobs.support.ResidentHome;
import io.touchpoint.jobs.support.TargetTempDirs;

/**
 * Remote partitioning across processes: a resident stack ({@code touchpoint up}) serving the embedded Artemis
 * broker, two {@code touchpoint worker} JVMs, and a night ({@code touchpoint run}, a fourth JVM) that sends one
 * Stripe export's 4 partitions over the broker. The first worker is killed with SIGKILL while it writes the third
 * chunk of its first partition (its chunks of 25 rows stage one work part in each of 3 tables: it is killed on
 * its 8th part, two chunks committed); the night gives up on that partition after
 * {@code touchpoint.workers.timeout}, naming it, and {@code touchpoint restart} sends it again to the worker left,
 * which resumes it from its last committed chunk. Every row is then loaded exactly once: the count and the sum of
 * the amounts equal those computed from the export as it is written, and each malformed record is quarantined once.
 */
class RemotePartitionKillIntegrationTests {

	private static final LocalDate DATE = LocalDate.of(2026, 11, 1);

	private static final int ROWS = 1500;

	/** Malformed (3 fields where the header has 16), one in each of 3 of the 4 partitions. */
	private static final List<Integer> MALFORMED = List.of(100, 750, 1400);

	/** Row i's amount is i cents: the good rows' sum is 1500 * 1501 / 2 - (100 + 750 + 1400) = 1,123,500. */
	private static final long GOOD_SUM = 1_123_500;

	/** A hang guard for each wait, never a delay: every wait ends on a line the test waits for. */
	private static final Duration LIMIT = Duration.ofMinutes(4);

	/** The settings every process of the home runs with. */
	private static final List<String> SETTINGS = List.of("--touchpoint.workers.remote=true",
			"--touchpoint.ingest.partitions=4", "--touchpoint.ingest.chunk-size=25", "--touchpoint.ingest.rows-per-part=25",
			"--touchpoint.workers.poll-interval=200ms", "--touchpoint.workers.timeout=45s",
			"--logging.level.io.touchpoint.writers.staging.StagingPartWriter=DEBUG");

	@TempDir(factory = TargetTempDirs.class)
	static Path dir;

	@AfterAll
	static void noServerLeft() {
		HomeTables.stopServersUnder(dir);
	}

	@Test
	void aWorkerKilledMidPartitionLeavesItToTheRestartAndEveryRowIsLoadedOnce() throws Exception {
		// given a home whose resident stack serves the broker, and one export of 1,500 rows in its inbox
		Path home = dir.resolve("home");
		Path inbox = home.resolve("inbox/acme/" + DATE);
		Files.createDirectories(inbox.resolve("stripe"));
		Files.write(inbox.resolve("stripe/unified_payments.csv"), export());
		List<String> up = new ArrayList<>(SETTINGS);
		up.add("up");
		ResidentHome stack = ResidentHome.start(home, line -> line.startsWith("Other commands on this home now attach"),
				up.toArray(String[]::new));
		List<ChildCli> started = new ArrayList<>(List.of(stack.process()));
		try {
			assertThat(Integer.parseInt(stack.stackFile().getProperty("broker.port"))).isPositive();
			assertThat(stack.credentials().getProperty("broker.password")).hasSize(32);

			// and two workers, the first killed right after it staged the 8th work part of its first partition
			Predicate<String> staged = line -> line.contains("staged work part");
			ChildCli killed = ChildCli.start(Map.of(), staged, 8, args(home, "worker"));
			started.add(killed);
			ChildCli survivor = ChildCli.start(Map.of(), line -> false, 0, args(home, "worker"));
			started.add(survivor);
			Predicate<String> listening = line -> line.startsWith("Worker listening on queue ");
			killed.awaitLine(listening, LIMIT);
			survivor.awaitLine(listening, LIMIT);

			// when the night runs, its normalize partitions sent over the broker
			ChildCli night = ChildCli.run(Map.of(), args(home, "run", "nightly", "--tenant", "acme", "--date", DATE.toString(),
					"--inbox", inbox.toString()));

			// then the first worker was killed mid-partition, and the night failed after the timeout naming it
			assertThat(killed.exitCode(5)).as(killed.output()).isEqualTo(137);
			assertThat(night.exitCode(5)).as(night.output()).isEqualTo(1);
			String partition = taken(killed);
			assertThat(night.output()).containsPattern("normalize: (\\S+, )*" + partition + "(, \\S+)* still running after")
				.contains("touchpoint worker").contains("touchpoint restart");
			long execution = executionId(night.output());

			// when the night is restarted, with the survivor still listening
			ChildCli restart = ChildCli.run(Map.of(), args(home, "restart", Long.toString(execution)));

			// then it completed, the survivor took the killed partition again, and every row is loaded once
			assertThat(restart.exitCode(5)).as(restart.output()).isZero();
			assertThat(survivor.lines()).filteredOn(line -> line.contains(" Partition " + partition + " taken"))
				.as(survivor.output())
				.hasSizeGreaterThanOrEqualTo(1);
			try (Connection metadata = stack.owner("touchpoint_meta"); Statement sql = metadata.createStatement()) {
				// the killed partition had committed chunks, and its records were read once over both runs: the
				// partitions' committed reads (and skipped malformed records) add up to the export's records
				assertThat(single(sql, "SELECT MAX(COMMIT_COUNT) FROM BATCH_STEP_EXECUTION WHERE STEP_NAME = "
						+ "'normalize-partition:" + partition + "' AND STATUS = 'FAILED'")).isGreaterThanOrEqualTo(2);
				assertThat(single(sql, "SELECT SUM(READ_COUNT + READ_SKIP_COUNT) FROM BATCH_STEP_EXECUTION"
						+ " WHERE STEP_NAME LIKE 'normalize-partition:%' AND STATUS IN ('COMPLETED', 'FAILED')"))
					.isEqualTo(ROWS);
			}
			try (Connection warehouse = stack.owner("touchpoint"); Statement sql = warehouse.createStatement()) {
				long good = ROWS - MALFORMED.size();
				assertThat(single(sql, "SELECT COUNT(*) FROM purchases WHERE tenant_id = 'acme'")).isEqualTo(good);
				assertThat(single(sql, "SELECT SUM(amount_minor) FROM purchases WHERE tenant_id = 'acme'"))
					.isEqualTo(GOOD_SUM);
				// staged and loaded once: the ledger's rows, not only the keys (a purchase loaded twice keeps one key)
				assertThat(single(sql, "SELECT SUM(row_count) FROM load_ledger WHERE tenant_id = 'acme'"
						+ " AND table_name = 'purchases'")).isEqualTo(good);
				assertThat(single(sql, "SELECT COUNT(*) FROM quarantine WHERE tenant_id = 'acme'"))
					.isEqualTo(MALFORMED.size());
			}
		}
		finally {
			for (ChildCli process : started) {
				process.process().destroy(); // SIGTERM: the workers stop, the stack stops its servers
			}
			for (ChildCli process : started) {
				process.exitCode(2);
			}
		}
	}

	private static String[] args(Path home, String... command) {
		List<String> all = new ArrayList<>(List.of("--home", home.toString()));
		all.addAll(SETTINGS);
		all.addAll(List.of(command));
		return all.toArray(String[]::new);
	}

	/** The partition the worker took last before it was killed. */
	private static String taken(ChildCli worker) {
		String partition = null;
		Matcher taken = Pattern.compile(" Partition (\\S+) taken").matcher("");
		for (String line : worker.lines()) {
			if (taken.reset(line).find()) {
				partition = taken.group(1);
			}
		}
		assertThat(partition).as(worker.output()).isNotNull();
		return partition;
	}

	private static long executionId(String output) {
		Matcher id = Pattern.compile("touchpoint restart (\\d+)").matcher(output);
		assertThat(id.find()).as(output).isTrue();
		return Long.parseLong(id.group(1));
	}

	private static long single(Statement sql, String query) throws Exception {
		try (ResultSet rows = sql.executeQuery(query)) {
			rows.next();
			return rows.getLong(1);
		}
	}

	/** The export: row i is charge ch_i of i cents; every 7th has a quoted line break in its description. */
	private static byte[] export() {
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		write(out, "id,Created date (UTC),Amount,Amount Refunded,Currency,Captured,Converted Amount,"
				+ "Converted Amount Refunded,Converted Currency,Description,Refunded date (UTC),Status,Seller Message,"
				+ "Customer ID,Customer Email,plan (metadata)\n");
		for (int i = 1; i <= ROWS; i++) {
			if (MALFORMED.contains(i)) {
				write(out, "ch_bad" + i + ",only,three\n");
				continue;
			}
			String amount = (i / 100) + "." + String.format("%02d", i % 100);
			String description = i % 7 == 0 ? "\"Monthly plan\nwith a note\"" : "Monthly plan";
			write(out, "ch_" + i + ",2026-11-01 10:00:00," + amount + ",0.00,usd,true," + amount + ",0.00,usd," + description
					+ ",,Paid,Payment complete.,cus_" + i + ",u" + i + "@example.com,pro\n");
		}
		return out.toByteArray();
	}

	private static void write(ByteArrayOutputStream out, String text) {
		out.writeBytes(text.getBytes(StandardCharsets.UTF_8));
	}
}
