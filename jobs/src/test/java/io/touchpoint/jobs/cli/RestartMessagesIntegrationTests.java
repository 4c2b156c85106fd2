package io.touchpoint.jobs.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;

import org.junit.jupiter.api.Test;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.beans.factory.annotation.Autowired;

import io.touchpoint.jobs.alerts.FailureAlerts;
import io.touchpoint.jobs.executions.ExecutionQueries;
import io.touchpoint.jobs.executions.JobRuns;
import io.touchpoint.jobs.ingest.IngestParameters;
import io.touchpoint.jobs.support.Inboxes;
import io.touchpoint.jobs.support.IntegrationTest;

/**
 * A night that failed and was restarted to completion shows no failure: the restart's line, {@code execution ID}'s
 * steps and error are those of the completed run, not the failed one's.
 */
class RestartMessagesIntegrationTests extends IntegrationTest {

	@Autowired
	private JobRuns runs;

	@Autowired
	private ExecutionQueries queries;

	@Autowired
	private FailureAlerts alerts;

	@Test
	void restartThatCompletesShowsNoTraceOfTheOldFailure() throws Exception {
		// given a night whose inbox had not arrived
		Path inbox = home().resolve("test-inboxes").resolve("late-restart");
		JobExecution failed = runs.start("nightly", IngestParameters.nightly("late", LocalDate.of(2026, 11, 3), inbox.toString()));
		assertThat(failed.getStatus()).isEqualTo(BatchStatus.FAILED);
		String failedLine = Printer.oneLine(failed);
		assertThat(failedLine).contains("fetch failed: the inbox " + inbox + " does not exist")
			.endsWith("Fix the cause, then: ./touchpoint restart " + failed.getId());

		// when the exports arrive and the execution is restarted
		Files.createDirectories(inbox);
		Inboxes.copy(inbox, "stripe", "/inbox/small/unified_payments.csv", "unified_payments.csv");
		JobExecution restarted = runs.restart(failed.getId());

		// then the restart's line, its steps and its error say it completed, and nothing else
		assertThat(restarted.getStatus()).isEqualTo(BatchStatus.COMPLETED);
		String line = Printer.oneLine(restarted);
		assertThat(line).startsWith("nightly late 2026-11-03: COMPLETED in ")
			// one quarantined record: ch_4's amount 12.345 has more decimals than USD
			.matches("(?s).*\\(execution " + restarted.getId() + ", \\d+ rows loaded, 1 quarantined\\)")
			.doesNotContain("\n").doesNotContain("failed").doesNotContain("restart");
		JobExecution stored = queries.execution(restarted.getId());
		var steps = queries.steps(stored);
		assertThat(steps).extracting(ExecutionQueries.StepLine::error).containsOnlyNulls();
		assertThat(steps).filteredOn(step -> step.name().equals("fetch")).extracting(ExecutionQueries.StepLine::status)
			.containsExactly("COMPLETED");
		assertThat(ExecutionQueries.error(stored, steps)).isNull();
		// while the failed execution keeps its own error
		assertThat(ExecutionQueries.error(queries.execution(failed.getId()), queries.steps(queries.execution(failed.getId()))))
			.startsWith("the inbox " + inbox + " does not exist");
		assertThat(alerts.message(queries.execution(failed.getId()))).contains("Failed step: fetch");
	}
}
