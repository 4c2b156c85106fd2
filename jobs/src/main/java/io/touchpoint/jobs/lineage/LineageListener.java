package io.touchpoint.jobs.lineage;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import java.util.stream.Collectors;

import io.openlineage.client.OpenLineage;
import io.openlineage.client.OpenLineage.RunEvent.EventType;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.listener.JobExecutionListener;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.dao.DataAccessException;

import io.touchpoint.jobs.ingest.BatchContext;
import io.touchpoint.jobs.ingest.IngestParameters;

/**
 * Emits an OpenLineage run event when a nightly or import run starts ({@code START}) and when it ends
 * ({@code COMPLETE}, {@code FAIL}, or {@code ABORT} when stopped), each under the job name
 * {@code <tenant>.<job>} in the configured namespace. The run id is derived from the job execution, so both
 * events of a run carry it; a restart is a new run. The end event names the batch's datasets
 * ({@link LineageDatasets}); the start event of a restart names its inputs already known. Nothing here fails a
 * run: a dataset that cannot be read or an event that cannot be delivered is logged and left out.
 */
public class LineageListener implements JobExecutionListener {

	private static final Logger log = LoggerFactory.getLogger(LineageListener.class);

	/** What the events name as their producer. */
	static final URI PRODUCER = URI.create("urn:io.touchpoint:touchpoint-jobs");

	/** The step whose execution context lists the rollup tables it wrote ({@code RollupTasklet}). */
	static final String ROLLUP_STEP = "rollup";

	/** The rollup tables a rollup step wrote, comma-separated, in its execution context. */
	public static final String ROLLUP_TABLES = "rollup.tables";

	private final OpenLineage ol = new OpenLineage(PRODUCER);

	private final LineageEmitter emitter;

	private final LineageDatasets datasets;

	private final String namespace;

	private final Clock clock;

	public LineageListener(LineageEmitter emitter, LineageDatasets datasets, String namespace, Clock clock) {
		this.emitter = emitter;
		this.datasets = datasets;
		this.namespace = namespace;
		this.clock = clock;
	}

	@Override
	public void beforeJob(JobExecution execution) {
		emit(EventType.START, execution);
	}

	@Override
	public void afterJob(JobExecution execution) {
		BatchStatus status = execution.getStatus();
		EventType type = switch (status) {
			case COMPLETED -> EventType.COMPLETE;
			case STOPPED, STOPPING, ABANDONED -> EventType.ABORT;
			default -> EventType.FAIL;
		};
		emit(type, execution);
	}

	private void emit(EventType type, JobExecution execution) {
		try {
			emitter.emit(event(type, execution));
		}
		catch (RuntimeException ex) {
			log.warn("OpenLineage {} event of execution {} not built: {}; the run goes on without it", type,
					execution.getId(), ex.toString());
		}
	}

	OpenLineage.RunEvent event(EventType type, JobExecution execution) {
		String tenant = execution.getJobParameters().getString(IngestParameters.TENANT);
		LocalDate date = execution.getJobParameters().getLocalDate(IngestParameters.DATE);
		String batchId = execution.getExecutionContext().containsKey(BatchContext.BATCH_ID)
				? execution.getExecutionContext().getString(BatchContext.BATCH_ID) : null;
		var runFacets = ol.newRunFacetsBuilder()
			.processing_engine(ol.newProcessingEngineRunFacet(version(LineageListener.class), "touchpoint",
					version(OpenLineage.class)));
		if (date != null) {
			ZonedDateTime start = date.atStartOfDay(ZoneOffset.UTC);
			runFacets.nominalTime(ol.newNominalTimeRunFacet(start, start.plusDays(1)));
		}
		if (type == EventType.FAIL && !execution.getAllFailureExceptions().isEmpty()) {
			// Touchpoint's failure messages name the file, page or system and never carry a secret
			String message = execution.getAllFailureExceptions()
				.stream()
				.map(ex -> ex.getMessage() == null ? ex.getClass().getSimpleName() : ex.getMessage())
				.distinct()
				.collect(Collectors.joining("; "));
			runFacets.errorMessage(ol.newErrorMessageRunFacet(message, "JAVA", null));
		}
		List<OpenLineage.InputDataset> inputs = List.of();
		List<OpenLineage.OutputDataset> outputs = List.of();
		if (batchId != null && tenant != null) {
			try {
				inputs = datasets.inputs(ol, tenant, batchId);
				if (type != EventType.START) {
					outputs = datasets.outputs(ol, batchId, rollupTables(execution));
				}
			}
			catch (DataAccessException ex) {
				// the metadata database is what a failed run may have failed on: the event goes without datasets
				log.warn("the datasets of batch {} could not be read for its OpenLineage {} event: {}", batchId, type,
						ex.getMostSpecificCause().toString());
				inputs = List.of();
				outputs = List.of();
			}
		}
		return ol.newRunEventBuilder()
			.eventType(type)
			.eventTime(ZonedDateTime.now(clock))
			.run(ol.newRun(runId(execution), runFacets.build()))
			.job(ol.newJobBuilder()
				.namespace(namespace)
				.name(jobName(tenant, execution.getJobInstance().getJobName()))
				.facets(ol.newJobFacetsBuilder()
					.jobType(ol.newJobTypeJobFacet("BATCH", "SPRING_BATCH", "JOB", null))
					.build())
				.build())
			.inputs(inputs)
			.outputs(outputs)
			.build();
	}

	/** {@code <tenant>.<job>}: {@code acme.nightly}. */
	static String jobName(@Nullable String tenant, String job) {
		return tenant == null ? job : tenant + "." + job;
	}

	/** The same for both events of an execution, different for each execution (and each restart). */
	private UUID runId(JobExecution execution) {
		String key = namespace + "/" + execution.getId() + "/" + execution.getCreateTime();
		return UUID.nameUUIDFromBytes(key.getBytes(StandardCharsets.UTF_8));
	}

	private static List<String> rollupTables(JobExecution execution) {
		for (StepExecution step : execution.getStepExecutions()) {
			if (step.getStepName().equals(ROLLUP_STEP) && step.getStatus() == BatchStatus.COMPLETED
					&& step.getExecutionContext().containsKey(ROLLUP_TABLES)) {
				String tables = step.getExecutionContext().getString(ROLLUP_TABLES);
				return Arrays.stream(tables.split(",")).filter(t -> !t.isBlank()).toList();
			}
		}
		return List.of();
	}

	/** The version of the jar a class came from ({@code dev} when run from classes). */
	private static String version(Class<?> type) {
		String version = type.getPackage().getImplementationVersion();
		return version == null ? "dev" : version;
	}
}
