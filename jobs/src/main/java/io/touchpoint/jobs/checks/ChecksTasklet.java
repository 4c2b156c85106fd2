package io.touchpoint.jobs.checks;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Locale;
import java.util.function.BiFunction;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.core.ExitStatus;
import org.springframework.batch.core.scope.context.ChunkContext;
import org.springframework.batch.core.step.StepContribution;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.core.step.tasklet.Tasklet;
import org.springframework.batch.infrastructure.repeat.RepeatStatus;

import io.touchpoint.jobs.checks.CheckResult.Outcome;
import io.touchpoint.jobs.ingest.BatchContext;
import io.touchpoint.jobs.ingest.IngestParameters;

/**
 * checks: the night's data checks per source ({@link DataChecks}), recorded in {@link DataCheckStore}
 * under this execution. Runs after reconcile and before rollup; a result whose action is {@code fail}
 * fails the step, so no rollup reads the night, with a message naming tenant, source, check, the value
 * and the band, and how to accept it and restart. Backfills are not checked (their windows are not
 * nights to compare).
 */
public class ChecksTasklet implements Tasklet {

	private static final Logger log = LoggerFactory.getLogger(ChecksTasklet.class);

	private final DataChecks checks;

	private final DataCheckStore store;

	private final CheckProperties properties;

	private final BiFunction<String, LocalDate, Instant> endOfDay;

	/** {@code endOfDay} gives the end of a tenant's business date in its zone. */
	public ChecksTasklet(DataChecks checks, DataCheckStore store, CheckProperties properties,
			BiFunction<String, LocalDate, Instant> endOfDay) {
		this.checks = checks;
		this.store = store;
		this.properties = properties;
		this.endOfDay = endOfDay;
	}

	@Override
	public RepeatStatus execute(StepContribution contribution, ChunkContext chunkContext) {
		StepExecution step = chunkContext.getStepContext().getStepExecution();
		if (!properties.enabled()) {
			contribution.setExitStatus(ExitStatus.COMPLETED.addExitDescription("data checks are off (touchpoint.checks.enabled)"));
			return RepeatStatus.FINISHED;
		}
		if (step.getJobExecution().getJobParameters().getLocalDate(IngestParameters.FROM) != null) {
			contribution.setExitStatus(ExitStatus.COMPLETED.addExitDescription("a backfill is not checked"));
			return RepeatStatus.FINISHED;
		}
		BatchContext batch = BatchContext.of(step);
		long executionId = step.getJobExecution().getId();
		List<CheckResult> results = checks.run(properties, batch.tenantId(), batch.date(), batch.batchId(),
				endOfDay.apply(batch.tenantId(), batch.date()));
		store.record(executionId, batch.batchId(), batch.tenantId(), batch.date(), results);
		String summary = summary(results);
		log.info("checks {}: {}", batch.batchId(), summary);
		List<CheckResult> failed = results.stream().filter(r -> r.outcome() == Outcome.FAIL).toList();
		if (!failed.isEmpty()) {
			throw new DataCheckFailedException(batch.tenantId(), batch.date(), executionId, failed);
		}
		contribution.setExitStatus(ExitStatus.COMPLETED.addExitDescription(summary));
		return RepeatStatus.FINISHED;
	}

	/** {@code 12 check(s): 9 pass, 1 warn, 2 skipped; warn: segment row-count 3 outside 4.5..13.5}. */
	static String summary(List<CheckResult> results) {
		long pass = count(results, Outcome.PASS);
		long warn = count(results, Outcome.WARN);
		long fail = count(results, Outcome.FAIL);
		long skip = count(results, Outcome.SKIP);
		long accepted = count(results, Outcome.ACCEPTED);
		StringBuilder text = new StringBuilder().append(results.size()).append(" check(s): ").append(pass).append(" pass");
		if (warn > 0) {
			text.append(", ").append(warn).append(" warn");
		}
		if (fail > 0) {
			text.append(", ").append(fail).append(" fail");
		}
		if (accepted > 0) {
			text.append(", ").append(accepted).append(" accepted");
		}
		text.append(", ").append(skip).append(" skipped");
		for (CheckResult r : results) {
			if (r.outcome() == Outcome.WARN || r.outcome() == Outcome.FAIL) {
				text.append("; ").append(r.outcome().name().toLowerCase(Locale.ROOT)).append(": ").append(r.source())
					.append(' ').append(r.label()).append(' ').append(r.measured() == null ? "-" : CheckResult.number(r.measured()))
					.append(" outside ").append(r.band());
			}
		}
		return text.toString();
	}

	private static long count(List<CheckResult> results, Outcome outcome) {
		return results.stream().filter(r -> r.outcome() == outcome).count();
	}
}
