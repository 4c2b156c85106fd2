package io.touchpoint.jobs.logging;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.beans.factory.annotation.Autowired;

import io.touchpoint.jobs.executions.JobRuns;
import io.touchpoint.jobs.ingest.IngestParameters;
import io.touchpoint.jobs.support.Inboxes;
import io.touchpoint.jobs.support.IntegrationTest;

/**
 * A job's log lines name their run: every line the steps of a nightly run write (in the step's thread and in the
 * load step's worker threads) carries the MDC keys tenant, job, execution and step, and none is left on the thread
 * after the run.
 */
class JobLogContextIntegrationTests extends IntegrationTest {

	private static final String TENANT = "mdclog";

	@Autowired
	JobRuns runs;

	@Test
	void everyLineOfANightlyRunCarriesTenantJobExecutionAndStep() throws Exception {
		// given
		var inbox = Inboxes.standard(home(), "mdc-inbox");
		ListAppender<ILoggingEvent> captured = new ListAppender<>();
		List<Logger> loggers = List.of(logger("io.touchpoint"), logger("org.springframework.batch"));
		captured.start();
		loggers.forEach(logger -> logger.addAppender(captured));
		JobExecution run;
		try {
			// when
			run = runs.start("nightly", IngestParameters.nightly(TENANT, LocalDate.of(2026, 11, 12), inbox.toString()));
		}
		finally {
			loggers.forEach(logger -> logger.detachAppender(captured));
		}

		// then
		assertThat(run.getStatus()).isEqualTo(BatchStatus.COMPLETED);
		List<ILoggingEvent> stepLines = captured.list.stream()
			.filter(event -> event.getLoggerName().startsWith("io.touchpoint.jobs.ingest")
					|| event.getLoggerName().startsWith("io.touchpoint.writers")
					|| event.getLoggerName().startsWith("io.touchpoint.jobs.rollup")
					|| event.getLoggerName().startsWith("io.touchpoint.jobs.report"))
			.toList();
		assertThat(stepLines).as("lines the steps wrote").isNotEmpty();
		assertThat(stepLines).allSatisfy(event -> {
			Map<String, String> mdc = event.getMDCPropertyMap();
			assertThat(mdc).as(event.getLoggerName() + ": " + event.getFormattedMessage())
				.containsEntry(JobLogContext.TENANT, TENANT)
				.containsEntry(JobLogContext.JOB, "nightly")
				.containsEntry(JobLogContext.EXECUTION, Long.toString(run.getId()))
				.containsKey(JobLogContext.STEP);
		});
		// the load step's lines, some from its worker threads, name the load step
		assertThat(captured.list).filteredOn(event -> event.getLoggerName().equals("io.touchpoint.jobs.ingest.LoadTasklet"))
			.isNotEmpty()
			.allSatisfy(event -> assertThat(event.getMDCPropertyMap()).containsEntry(JobLogContext.STEP, "load"));
		assertThat(MDC.getCopyOfContextMap() == null ? Map.of() : MDC.getCopyOfContextMap()).doesNotContainKeys(
				JobLogContext.TENANT, JobLogContext.JOB, JobLogContext.EXECUTION, JobLogContext.STEP);
	}

	private static Logger logger(String name) {
		return (Logger) LoggerFactory.getLogger(name);
	}
}
