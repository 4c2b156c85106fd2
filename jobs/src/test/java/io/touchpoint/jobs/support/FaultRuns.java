package io.touchpoint.jobs.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

import javax.sql.DataSource;

import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.jdbc.core.JdbcTemplate;

import io.touchpoint.jobs.executions.JobRuns;
import io.touchpoint.jobs.ingest.BatchContext;
import io.touchpoint.jobs.ingest.FailureSummaryListener;
import io.touchpoint.jobs.ingest.IngestParameters;

/**
 * What the fault tests share: the night they run (the standard small fixture for a tenant of their own), a
 * clean run of it to compare with, the failed step's one-sentence error, and predicates that recognize an
 * HTTP request or a SQL statement in the bytes a {@link FaultProxy} sees.
 */
public final class FaultRuns {

	public static final LocalDate DATE = LocalDate.of(2026, 11, 1);

	private final JobRuns runs;

	private final DataSource warehouse;

	private final Path home;

	public FaultRuns(JobRuns runs, DataSource warehouse, Path home) {
		this.runs = runs;
		this.warehouse = warehouse;
		this.home = home;
	}

	/** The nightly run of the standard fixture for {@code tenant}, as it ends. */
	public JobExecution night(String tenant) throws Exception {
		Path inbox = Inboxes.standard(home, tenant);
		return runs.start("nightly", IngestParameters.nightly(tenant, DATE, inbox.toString()));
	}

	/** A clean run of the same files for {@code tenant}: the tables every faulted run must end with. */
	public Map<String, List<String>> cleanRun(String tenant) throws Exception {
		JobExecution execution = night(tenant);
		assertThat(execution.getStatus()).isEqualTo(BatchStatus.COMPLETED);
		return snapshot(tenant);
	}

	public Map<String, List<String>> snapshot(String tenant) {
		return WarehouseSnapshot.of(new JdbcTemplate(warehouse), tenant);
	}

	public JobExecution restart(JobExecution failed) throws Exception {
		return runs.restart(failed.getId());
	}

	public static StepExecution step(JobExecution execution, String name) {
		return execution.getStepExecutions()
			.stream()
			.filter(s -> s.getStepName().equals(name))
			.findFirst()
			.orElseThrow(() -> new AssertionError("no step " + name + " in " + execution));
	}

	/** The error the CLI and the alerts show for a failed step. */
	public static String failure(JobExecution execution, String stepName) {
		StepExecution step = step(execution, stepName);
		assertThat(step.getStatus()).as("step %s", stepName).isEqualTo(BatchStatus.FAILED);
		return step.getExecutionContext().getString(FailureSummaryListener.FAILURE);
	}

	/** The staged key of part {@code n} of {@code table} in the run's batch. */
	public static String stagedKey(JobExecution execution, String table, int n) {
		String batchId = execution.getExecutionContext().getString(BatchContext.BATCH_ID);
		String tenant = execution.getJobParameters().getString(IngestParameters.TENANT);
		return "staging/" + table + "/tenant=" + tenant + "/date=" + DATE + "/batch=" + batchId + "/part-"
				+ String.format("%05d", n) + ".csv.gz";
	}

	/**
	 * An HTTP request line with this method that holds every piece (an S3 key's {@code =} is sent as
	 * {@code %3D}, so pieces are matched both ways).
	 */
	public static Predicate<String> request(String method, String... pieces) {
		return text -> Arrays.stream(text.split("\r\n"))
			.filter(line -> line.contains(method + " /"))
			.map(line -> line.substring(line.indexOf(method + " /")))
			.anyMatch(line -> Arrays.stream(pieces)
				.allMatch(piece -> line.contains(piece) || line.contains(piece.replace("=", "%3D"))));
	}

	/** A SQL statement whose text holds every piece. */
	public static Predicate<String> statement(String... pieces) {
		return text -> Arrays.stream(pieces).allMatch(text::contains);
	}
}
