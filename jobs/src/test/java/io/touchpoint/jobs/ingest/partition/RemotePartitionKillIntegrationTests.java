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
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.touchpoint.jobs.support.ChildCli;
import io.touchpoint.jobs.support.HomeTables;
import io.touchpoint.jobs.support.ResidentHome;
import io.touchpoint.jobs.support.TargetTempDirs;

/**
 * Remote partitioning across processes: a resident stack ({@code touchpoint up}) serving the embedded Artemis
 * broker, two {@code touchpoint worker} JVMs per test, and a night ({@code touchpoint run}, another JVM) that sends
 * one Stripe export's 4 partitions over the broker. The first worker is stopped while it writes the third chunk
 * of its first partition (chunks of 25 rows stage one work part in each of 3 tables: it is stopped on its 8th
 * part, two chunks committed):
 * <ul>
 * <li>killed with SIGKILL, it leaves the partition STARTED: the night gives up on it after
 * {@code touchpoint.workers.timeout}, naming it, and {@code touchpoint restart} sends it again to the worker left;</li>
 * <li>stopped with SIGTERM, it stops the partition at its chunk boundary (STOPPED, never COMPLETED with records
 * unread): the night ends STOPPED once the other partitions are done, and the restart sends it again.</li>
 * </ul>
 * Either way the worker resumes the partition from its last committed chunk, the partitions' committed reads add
 * up to the export's records, and every row is loaded exactly once: the count and the sum of the amounts equal
 * those computed from the export as it is written, and each malformed record is quarantined once.
 */
class RemotePartitionKillIntegrationTests {

	private static final LocalDate DATE = LocalDate.of(2026, 11, 1);

	private static final int ROWS = 1500;

	/** Malformed (3 fields where the header has 16), one in each of 3 of the 4 partitions. */
	private static final List<Integer> MALFORMED = List.of(100, 750, 1400);

	/** Row i's amount is i cents: the good rows' sum is 1500 * 1501 / 2 - (100 + 750 + 1400) = 1,123,500. */
	private static final long GOOD_SUM = 1_123_500;

	private static final Predicate<String> STAGED = line -> line.contains("staged work part");

	private static final Predicate<String> LISTENING = line -> line.startsWith("Worker listening on queue ");

	/** A hang guard for each wait, never a delay: every wait ends on a line the test waits for. */
	private static final Duration LIMIT = Duration.ofMinutes(4);

	/** The settings every process of the home runs with. */
	private static final List<String> SETTINGS = List.of("--touchpoint.workers.remote=true",
			"--touchpoint.ingest.partitions=4", "--touchpoint.ingest.chunk-size=25", "--touchpoint.ingest.rows-per-part=25",
			"--touchpoint.workers.poll-interval=200ms", "--touchpoint.workers.timeout=45s",
			"--logging.level.io.touchpoint.writers.staging.StagingPartWriter=DEBUG");

	@TempDir(factory = TargetTempDirs.class)
	static Path dir;

	static Path home;

	static ResidentHome stack;

	@BeforeAll
	static void stackWithBroker() throws Exception {
		home = dir.resolve("home");
		List<String> up = new ArrayList<>(SETTINGS);
		up.add("up");
		stack = ResidentHome.start(home, line -> line.startsWith("Other commands on this home now attach"),
				up.toArray(String[]::new));
		assertThat(Integer.parseInt(stack.stackFile().getProperty("broker.port"))).isPositive();
		assertThat(stack.credentials().getProperty("broker.password")).hasSize(32);
	}

	@AfterAll
	static void noServerLeft() throws InterruptedException {
		stop(List.of(stack.process()));
		HomeTables.stopServersUnder(dir);
	}

	@Test
	void aWorkerKilledMidPartitionLeavesItToTheRestartAndEveryRowIsLoadedOnce() throws Exception {
		// given one export of 1,500 rows in the inbox, and two workers, the first killed right after it staged the
		// 8th work part of its first partition
		Path inbox = inbox("acme");
		ChildCli killed = ChildCli.start(Map.of(), STAGED, 8, args("worker"));
		ChildCli survivor = ChildCli.start(Map.of(), line -> false, 0, args("worker"));
		try {
			killed.awaitLine(LISTENING, LIMIT);
			survivor.awaitLine(LISTENING, LIMIT);

			// when the night runs, its normalize partitions sent over the broker
			ChildCli night = ChildCli.run(Map.of(), night("acme", inbox));

			// then the first worker was killed mid-partition, and the night failed after the timeout naming it
			assertThat(killed.exitCode(5)).as(killed.output()).isEqualTo(137);
			assertThat(night.exitCode(5)).as(night.output()).isEqualTo(1);
			String partition = taken(killed);
			assertThat(night.output())
				.containsPattern("normalize failed: after 45s \\(touchpoint.workers.timeout\\), (\\S+, )*" + partition
						+ "(, \\S+)* taken by a worker but not finished \\(did that worker die\\?\\)")
				.contains("touchpoint worker").contains("touchpoint restart");
			long execution = executionId(night.output(), "touchpoint restart (\\d+)");

			// when the night is restarted, with the survivor still listening
			ChildCli restart = ChildCli.run(Map.of(), args("restart", Long.toString(execution)));

			// then it completed, the survivor took the killed partition again, and every row is loaded once
			assertThat(restart.exitCode(5)).as(restart.output()).isZero();
			assertThat(survivor.lines()).as(survivor.output())
				.anyMatch(line -> line.contains(" Partition " + partition + " taken"));
			readOnce(partition, "FAILED", execution, executionId(restart.output(), "\\(execution (\\d+),"));
			loadedOnce("acme");
		}
		finally {
			stop(List.of(killed, survivor));
		}
	}

	@Test
	void aWorkerStoppedWithSigtermMidPartitionLeavesItStoppedAndTheRestartLoadsEveryRowOnce() throws Exception {
		// given the same export for another tenant, and two workers
		Path inbox = inbox("globex");
		ChildCli stopped = ChildCli.start(Map.of(), line -> false, 0, args("worker"));
		ChildCli other = ChildCli.start(Map.of(), line -> false, 0, args("worker"));
		try {
			stopped.awaitLine(LISTENING, LIMIT);
			other.awaitLine(LISTENING, LIMIT);

			// when the night runs and the first worker gets SIGTERM right after it staged its 8th work part
			ChildCli night = ChildCli.start(Map.of(), line -> false, 0, night("globex", inbox));
			stopped.awaitLine(line -> stopped.lines().stream().filter(STAGED).count() >= 8, LIMIT);
			stopped.process().destroy();

			// then it stopped its partition at a chunk boundary (STOPPED, not COMPLETED with records unread), and
			// the night ended STOPPED once the other worker had run the other partitions, without waiting for the
			// timeout
			// (its step execution's status is read below: the last lines of a process ended by a signal may be lost)
			assertThat(stopped.exitCode(5)).as(stopped.output()).isEqualTo(143);
			String partition = taken(stopped);
			assertThat(night.exitCode(5)).as(night.output()).isEqualTo(1);
			assertThat(night.output()).contains("STOPPED");
			long execution = executionId(night.output(), "touchpoint restart (\\d+)");

			// when the night is restarted
			ChildCli restart = ChildCli.run(Map.of(), args("restart", Long.toString(execution)));

			// then the other worker resumed the partition and every row is loaded once
			assertThat(restart.exitCode(5)).as(restart.output()).isZero();
			readOnce(partition, "STOPPED", execution, executionId(restart.output(), "\\(execution (\\d+),"));
			loadedOnce("globex");
		}
		finally {
			stop(List.of(stopped, other));
		}
	}

	/** The export in the tenant's inbox for the night. */
	private static Path inbox(String tenant) throws Exception {
		Path inbox = home.resolve("inbox/" + tenant + "/" + DATE);
		Files.createDirectories(inbox.resolve("stripe"));
		Files.write(inbox.resolve("stripe/unified_payments.csv"), export());
		return inbox;
	}

	private static String[] night(String tenant, Path inbox) {
		return args("run", "nightly", "--tenant", tenant, "--date", DATE.toString(), "--inbox", inbox.toString());
	}

	/**
	 * The interrupted partition had committed chunks, and the records were read once over the two runs: the
	 * partitions' committed reads (and skipped malformed records) add up to the export's records.
	 */
	private static void readOnce(String partition, String status, long night, long restart) throws Exception {
		String executions = " JOB_EXECUTION_ID IN (" + night + ", " + restart + ")";
		try (Connection metadata = stack.owner("touchpoint_meta"); Statement sql = metadata.createStatement()) {
			assertThat(single(sql, "SELECT MAX(COMMIT_COUNT) FROM BATCH_STEP_EXECUTION WHERE STEP_NAME = "
					+ "'normalize-partition:" + partition + "' AND STATUS = '" + status + "' AND" + executions))
				.isGreaterThanOrEqualTo(2);
			assertThat(single(sql, "SELECT SUM(READ_COUNT + READ_SKIP_COUNT) FROM BATCH_STEP_EXECUTION"
					+ " WHERE STEP_NAME LIKE 'normalize-partition:%' AND STATUS IN ('COMPLETED', '" + status + "') AND"
					+ executions)).isEqualTo(ROWS);
		}
	}

	/** The count and the sum of the purchases, the load ledger's rows and the quarantine, against the export's. */
	private static void loadedOnce(String tenant) throws Exception {
		String of = " WHERE tenant_id = '" + tenant + "'";
		try (Connection warehouse = stack.owner("touchpoint"); Statement sql = warehouse.createStatement()) {
			long good = ROWS - MALFORMED.size();
			assertThat(single(sql, "SELECT COUNT(*) FROM purchases" + of)).isEqualTo(good);
			assertThat(single(sql, "SELECT SUM(amount_minor) FROM purchases" + of)).isEqualTo(GOOD_SUM);
			// staged and loaded once: the ledger's rows, not only the keys (a purchase loaded twice keeps one key)
			assertThat(single(sql, "SELECT SUM(row_count) FROM load_ledger" + of + " AND table_name = 'purchases'"))
				.isEqualTo(good);
			assertThat(single(sql, "SELECT COUNT(*) FROM quarantine" + of)).isEqualTo(MALFORMED.size());
		}
	}

	/** SIGTERM to each process still running, then waits for it. */
	private static void stop(List<ChildCli> processes) throws InterruptedException {
		for (ChildCli process : processes) {
			process.process().destroy();
		}
		for (ChildCli process : processes) {
			process.exitCode(2);
		}
	}

	private static String[] args(String... command) {
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

	private static long executionId(String output, String pattern) {
		Matcher id = Pattern.compile(pattern).matcher(output);
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
