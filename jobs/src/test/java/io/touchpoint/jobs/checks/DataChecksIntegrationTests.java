package io.touchpoint.jobs.checks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;

import javax.sql.DataSource;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.scope.context.ChunkContext;
import org.springframework.batch.core.scope.context.StepContext;
import org.springframework.batch.core.step.StepContribution;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.test.MetaDataInstanceFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

import io.touchpoint.jobs.checks.CheckResult.Outcome;
import io.touchpoint.jobs.executions.JobRuns;
import io.touchpoint.jobs.ingest.BatchContext;
import io.touchpoint.jobs.ingest.IngestParameters;
import io.touchpoint.jobs.rollup.RollupRunner;
import io.touchpoint.jobs.support.AlertReceiver;
import io.touchpoint.jobs.support.IntegrationTest;
import io.touchpoint.jobs.watch.RunMetrics;

/**
 * The nightly data checks over real nights: Segment event files written here, one page view per line, so
 * each good line is one touchpoint row (no identify, so no contact or identity rows) and each broken line
 * one quarantined record.
 */
class DataChecksIntegrationTests extends IntegrationTest {

	@Autowired
	private JobRuns runs;

	@Autowired
	private DataSource metadataDataSource;

	@Autowired
	private DataChecks dataChecks;

	@Autowired
	private DataCheckStore store;

	@Autowired
	private RollupRunner rollups;

	@Test
	void aNightWithAThirdOfTheUsualRowsWarnsAndStillRollsUp() throws Exception {
		// given: seven nights of 9 events each
		String tenant = "checks-third";
		LocalDate first = LocalDate.of(2026, 11, 1);
		for (int night = 0; night < 7; night++) {
			JobExecution usual = night(tenant, first.plusDays(night), 9, 0);
			assertThat(usual.getStatus()).isEqualTo(BatchStatus.COMPLETED);
		}

		// when: the eighth night brings 3
		JobExecution third = night(tenant, first.plusDays(7), 3, 0);

		// then: by hand, the trailing 7 nights had 9 rows each, mean 9; the band is 0.5 x 9 .. 1.5 x 9 = 4.5..13.5,
		// and 3 is below it: a warning (the default action), the night completes and rolls up
		assertThat(third.getStatus()).isEqualTo(BatchStatus.COMPLETED);
		assertThat(step(third, "rollup").getStatus()).isEqualTo(BatchStatus.COMPLETED);
		assertThat(step(third, "checks").getExitStatus().getExitDescription())
			.contains("warn: segment row-count 3 outside 4.5..13.5");
		assertThat(store.forExecution(third.getId())).extracting(s -> s.result().check(), s -> s.result().outcome(),
				s -> s.result().measured(), s -> s.result().low(), s -> s.result().high())
			.contains(tuple("row-count", Outcome.WARN, 3.0, 4.5, 13.5));
		// the first three nights had too few earlier nights to compare with; the fourth had three
		assertThat(new JdbcTemplate(metadataDataSource).queryForList("SELECT outcome FROM tp_data_checks "
				+ "WHERE tenant_id = ? AND check_name = 'row-count' ORDER BY business_date", String.class, tenant))
			.containsExactly("SKIP", "SKIP", "SKIP", "PASS", "PASS", "PASS", "PASS", "WARN");
		// and the warning reached the alert webhook, once
		assertThat(AlertReceiver.INSTANCE.bodiesContaining("tenant checks-third")).singleElement()
			.satisfies(body -> assertThat(body).contains("data checks warned for tenant checks-third on 2026-11-08")
				.contains("source segment, check row-count: measured 3, band 4.5..13.5"));
	}

	@Test
	void aQuarantineShareOverTheThresholdWarns() throws Exception {
		// when: 2 good lines and 2 broken ones
		JobExecution execution = night("checks-quarantine", LocalDate.of(2026, 11, 1), 2, 2);

		// then: by hand, 2 quarantined / (2 quarantined + 2 rows) = 0.5, over the default 0.05
		assertThat(execution.getStatus()).isEqualTo(BatchStatus.COMPLETED);
		assertThat(store.forExecution(execution.getId()))
			.filteredOn(s -> s.result().check().equals(CheckResult.QUARANTINE))
			.extracting(s -> s.result().source(), s -> s.result().outcome(), s -> s.result().measured(),
					s -> s.result().high())
			.containsExactly(tuple("segment", Outcome.WARN, 0.5, 0.05));
		assertThat(step(execution, "checks").getExitStatus().getExitDescription())
			.contains("warn: segment quarantine 0.5 outside ..0.05");
		// and a scheduler node's metrics count it when the run ends
		var registry = new SimpleMeterRegistry();
		var metrics = new RunMetrics(metadataDataSource, ZoneOffset.UTC);
		metrics.attach(registry);
		metrics.onRunFinished(new JobRuns.RunFinished(execution));
		assertThat(registry.get("touchpoint.data.checks").tags("tenant", "checks-quarantine", "source", "segment", "check",
				"quarantine", "outcome", "WARN").counter().count()).isEqualTo(1.0);
	}

	@Test
	void aStaleSourceFailsFreshnessNamingTheValueAndBandUntilAccepted() throws Exception {
		// given: a night of 2026-11-10 whose newest event is 2026-11-05 12:00 UTC (freshness is off by default,
		// so the night completes and records the age)
		String tenant = "checks-stale";
		LocalDate date = LocalDate.of(2026, 11, 10);
		JobExecution night = night(tenant, date, LocalDate.of(2026, 11, 5), 2, 0);
		assertThat(night.getStatus()).isEqualTo(BatchStatus.COMPLETED);
		String batchId = night.getExecutionContext().getString(BatchContext.BATCH_ID);
		var settings = new CheckProperties(true, new CheckProperties.RowCount(CheckProperties.Action.WARN, 7, 3, 0.5, 1.5),
				new CheckProperties.Quarantine(CheckProperties.Action.WARN, 0.05),
				new CheckProperties.Money(CheckProperties.Action.WARN, 0.5), Duration.ofDays(2), CheckProperties.Action.FAIL);
		ChecksTasklet checks = new ChecksTasklet(dataChecks, store, settings, rollups::endOf);
		StepExecution step = checkStep(night, batchId, 900_001L);

		// when / then: by hand, the end of 2026-11-10 UTC (the tenant's zone) is 2026-11-11 00:00, 5 days 12 hours =
		// 475200 s after the newest event; the band is at most 2 days = 172800 s
		assertThatThrownBy(() -> run(checks, step)).isInstanceOf(DataCheckFailedException.class)
			.hasMessageContaining("tenant checks-stale on 2026-11-10")
			.hasMessageContaining("source segment, check freshness: measured 475200, band ..172800")
			.hasMessageContaining("newest event 2026-11-05 12:00:00 UTC")
			.hasMessageContaining("Rollups were not run")
			.hasMessageContaining("touchpoint checks accept " + step.getJobExecution().getId()
					+ " --source segment --check freshness, then touchpoint restart " + step.getJobExecution().getId());
		assertThat(store.forExecution(step.getJobExecution().getId()))
			.filteredOn(s -> s.result().check().equals(CheckResult.FRESHNESS))
			.extracting(s -> s.result().outcome())
			.containsExactly(Outcome.FAIL);

		// and once accepted, the same check passes the restarted step
		assertThat(store.accept(step.getJobExecution().getId(), "segment", "freshness")).isEqualTo(1);
		StepExecution again = checkStep(night, batchId, 900_002L);
		run(checks, again);
		assertThat(store.forExecution(again.getJobExecution().getId()))
			.filteredOn(s -> s.result().check().equals(CheckResult.FRESHNESS))
			.extracting(s -> s.result().outcome())
			.containsExactly(Outcome.ACCEPTED);
	}

	/** A checks step of the night's batch in an execution of its own (an id no real run has here). */
	private static StepExecution checkStep(JobExecution night, String batchId, long executionId) {
		JobExecution execution = MetaDataInstanceFactory.createJobExecution("nightly", night.getJobInstance().getInstanceId(),
				executionId, night.getJobParameters());
		execution.getExecutionContext().putString(BatchContext.BATCH_ID, batchId);
		return MetaDataInstanceFactory.createStepExecution(execution, "checks", executionId);
	}

	private static void run(ChecksTasklet tasklet, StepExecution step) throws Exception {
		tasklet.execute(new StepContribution(step), new ChunkContext(new StepContext(step)));
	}

	private JobExecution night(String tenant, LocalDate date, int good, int broken) throws Exception {
		return night(tenant, date, date, good, broken);
	}

	/** A nightly run over one Segment file of {@code broken} lines, then {@code good} page views on {@code day}. */
	private JobExecution night(String tenant, LocalDate date, LocalDate day, int good, int broken) throws Exception {
		Path inbox = home().resolve("test-inboxes").resolve(tenant + "-" + date);
		Files.createDirectories(inbox.resolve("segment"));
		StringBuilder lines = new StringBuilder();
		for (int i = 0; i < broken; i++) {
			lines.append("{\"type\":\"page\",\"name\":}\n");
		}
		for (int i = 0; i < good; i++) {
			lines.append("{\"type\":\"page\",\"messageId\":\"").append(tenant).append('-').append(date).append('-').append(i)
				.append("\",\"anonymousId\":\"anon-").append(i).append("\",\"timestamp\":\"").append(day)
				.append(String.format("T%02d:00:00.000Z\",\"name\":\"Home\"}%n", 12 - Math.min(i, 12)));
		}
		Files.writeString(inbox.resolve("segment/events.jsonl"), lines);
		return runs.start("nightly", IngestParameters.nightly(tenant, date, inbox.toString()));
	}

}
