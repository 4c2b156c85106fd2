package io.touchpoint.jobs.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

import javax.sql.DataSource;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

import io.touchpoint.jobs.config.WarehouseDataSource;
import io.touchpoint.jobs.executions.JobRuns;
import io.touchpoint.jobs.failures.FailureSummaryListener;
import io.touchpoint.jobs.ingest.BatchContext;
import io.touchpoint.jobs.ingest.IngestParameters;

/**
 * Base of the S3, warehouse and metadata database fault tests: the night they run (the standard small fixture,
 * for a tenant of each test's own), a clean run of it to compare with (once per test JVM), the proxies put back
 * to passing after each test, the failed step's one-sentence error, the restart check, and predicates that
 * recognize an HTTP request or a SQL statement in the bytes a {@link FaultProxy} sees.
 */
public abstract class FaultIntegrationTest extends IntegrationTest {

	protected static final LocalDate DATE = LocalDate.of(2026, 11, 1);

	private static final Logger log = LoggerFactory.getLogger(FaultIntegrationTest.class);

	/** The clean run's tables; every faulted run, once restarted, must end with exactly these. */
	private static Map<String, List<String>> clean;

	/** The clean run's load ledger and inbox-file registry (as {@link #ledgers}). */
	private static Map<String, List<String>> cleanLedgers;

	@Autowired
	protected JobRuns runs;

	@Autowired
	protected NetworkFaults network;

	@Autowired
	@WarehouseDataSource
	private DataSource warehouse;

	@Autowired
	private DataSource metadata;

	@BeforeEach
	void cleanRunOnce() throws Exception {
		if (clean == null) {
			JobExecution execution = night("fault-clean");
			assertThat(execution.getStatus()).isEqualTo(BatchStatus.COMPLETED);
			clean = snapshot("fault-clean");
			cleanLedgers = ledgers("fault-clean");
		}
	}

	@AfterEach
	void serversAreBack() {
		network.passAll();
	}

	/** The nightly run of the standard fixture for {@code tenant}, as it ends. */
	protected JobExecution night(String tenant) throws Exception {
		Path inbox = Inboxes.standard(home(), tenant);
		return runs.start("nightly", IngestParameters.nightly(tenant, DATE, inbox.toString()));
	}

	/**
	 * With the servers back, a restart of {@code failed} completes and its tenant's tables equal the clean run's:
	 * canonical and rollup tables row for row, every staged file in the load ledger once with the clean run's rows
	 * and money, every inbox file registered once and marked loaded.
	 */
	protected void assertRestartEndsLikeACleanRun(JobExecution failed) throws Exception {
		network.passAll();
		JobExecution restarted = runs.restart(failed.getId());
		assertThat(restarted.getStatus()).isEqualTo(BatchStatus.COMPLETED);
		Map<String, List<String>> after = snapshot(failed.getJobParameters().getString(IngestParameters.TENANT));
		assertThat(WarehouseSnapshot.counts(after)).isEqualTo(WarehouseSnapshot.counts(clean));
		assertThat(after).isEqualTo(clean);
		assertThat(ledgers(failed.getJobParameters().getString(IngestParameters.TENANT))).isEqualTo(cleanLedgers);
		log.info("restart of execution {} ends like a clean run: rows compared per table {}", failed.getId(),
				WarehouseSnapshot.counts(after));
		// the fixture: 2 purchases, 1 refund, 4 contacts, 3 quarantined records
		assertThat(WarehouseSnapshot.counts(after)).containsEntry("purchases", 2).containsEntry("refunds", 1)
			.containsEntry("contacts", 4).containsEntry("quarantine", 3);
	}

	private Map<String, List<String>> snapshot(String tenant) {
		return WarehouseSnapshot.of(jdbc(), tenant);
	}

	/**
	 * The tenant's load ledger (warehouse) and inbox-file registry (metadata database) as sorted rows, without what
	 * differs between tenants and batches by construction (batch id, the folders in keys and paths, times).
	 */
	private Map<String, List<String>> ledgers(String tenant) {
		Map<String, List<String>> ledgers = new LinkedHashMap<>();
		ledgers.put("load_ledger", sorted(jdbc().queryForList("SELECT CONCAT_WS('|', table_name, "
				+ "SUBSTRING_INDEX(staged_key, '/', -1), row_count, money_minor, rows_inserted) FROM load_ledger "
				+ "WHERE tenant_id = ?", String.class, tenant)));
		ledgers.put("tp_inbox_files", sorted(new JdbcTemplate(metadata).queryForList("SELECT CONCAT_WS('|', source, "
				+ "SUBSTRING_INDEX(path, '/', -1), size_bytes, sha256, duplicate_of IS NULL, loaded_at IS NOT NULL) "
				+ "FROM tp_inbox_files WHERE tenant_id = ?", String.class, tenant)));
		return ledgers;
	}

	private static List<String> sorted(List<String> rows) {
		return rows.stream().sorted().toList();
	}

	protected List<String> ledgerKeys(String tenant) {
		return jdbc().queryForList("SELECT staged_key FROM load_ledger WHERE tenant_id = ?", String.class, tenant);
	}

	protected long count(String table, String tenant) {
		return jdbc().queryForObject("SELECT COUNT(*) FROM " + table + " WHERE tenant_id = ?", Long.class, tenant);
	}

	private JdbcTemplate jdbc() {
		return new JdbcTemplate(warehouse);
	}

	/** The error the CLI and the alerts show for a failed step (which must have failed). */
	protected static String failure(JobExecution execution, String stepName) {
		StepExecution step = execution.getStepExecutions()
			.stream()
			.filter(s -> s.getStepName().equals(stepName))
			.findFirst()
			.orElseThrow(() -> new AssertionError("no step " + stepName + " in " + execution));
		assertThat(step.getStatus()).as("step %s", stepName).isEqualTo(BatchStatus.FAILED);
		return step.getExecutionContext().getString(FailureSummaryListener.FAILURE);
	}

	/** The staged key of part {@code n} of {@code table} in the run's batch. */
	protected static String stagedKey(JobExecution execution, String table, int n) {
		String batchId = execution.getExecutionContext().getString(BatchContext.BATCH_ID);
		String tenant = execution.getJobParameters().getString(IngestParameters.TENANT);
		return "staging/" + table + "/tenant=" + tenant + "/date=" + DATE + "/batch=" + batchId + "/part-"
				+ String.format("%05d", n) + ".csv.gz";
	}

	/**
	 * An HTTP request line with this method that holds every piece (an S3 key's {@code =} is sent as
	 * {@code %3D}, so pieces are matched both ways).
	 */
	protected static Predicate<String> request(String method, String... pieces) {
		return text -> Arrays.stream(text.split("\r\n"))
			.filter(line -> line.contains(method + " /"))
			.map(line -> line.substring(line.indexOf(method + " /")))
			.anyMatch(line -> Arrays.stream(pieces)
				.allMatch(piece -> line.contains(piece) || line.contains(piece.replace("=", "%3D"))));
	}

	/** A SQL statement whose text holds every piece. */
	protected static Predicate<String> statement(String... pieces) {
		return text -> Arrays.stream(pieces).allMatch(text::contains);
	}
}
