package io.touchpoint.jobs.lineage;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;

import io.openlineage.client.OpenLineage.RunEvent.EventType;
import io.openlineage.client.OpenLineageClientUtils;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.test.MetaDataInstanceFactory;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import io.touchpoint.jobs.ingest.IngestParameters;

/**
 * The emitter over the client's HTTP transport against a local HTTP receiver, and over its file transport: the
 * events arrive, validate against the spec's JSON schema and carry the token only in the header; an endpoint that
 * fails or does not answer never fails the run and is warned about once, naming the endpoint and the status.
 */
@ExtendWith(OutputCaptureExtension.class)
class LineageEmitterTests {

	private final LineageReceiver receiver = new LineageReceiver();

	@AfterEach
	void stop() {
		receiver.stop();
	}

	@Test
	void anHttpEndpointReceivesAStartAndACompleteEventOfOneRunThatValidateAgainstTheSpec(CapturedOutput output) {
		// given an emitter posting to the local receiver with a token
		LineageEmitter emitter = new LineageEmitter(http(receiver.url()));
		LineageListener listener = listener(emitter);
		JobExecution execution = execution("lineage-unit", 41L);

		// when the run starts and completes
		listener.beforeJob(execution);
		execution.setStatus(BatchStatus.COMPLETED);
		listener.afterJob(execution);

		// then two events of the same run, each valid, the token in the Authorization header only
		List<LineageReceiver.Received> received = receiver.containing("lineage-unit.nightly");
		assertThat(received).hasSize(2);
		assertThat(received).allSatisfy(r -> {
			assertThat(OpenLineageSchema.errors(r.body())).isEmpty();
			assertThat(r.authorization()).isEqualTo("Bearer " + LineageReceiver.TOKEN);
			assertThat(r.body()).doesNotContain(LineageReceiver.TOKEN);
		});
		var start = OpenLineageClientUtils.runEventFromJson(received.get(0).body());
		var complete = OpenLineageClientUtils.runEventFromJson(received.get(1).body());
		assertThat(start.getEventType()).isEqualTo(EventType.START);
		assertThat(complete.getEventType()).isEqualTo(EventType.COMPLETE);
		assertThat(complete.getRun().getRunId()).isEqualTo(start.getRun().getRunId());
		assertThat(complete.getJob().getNamespace()).isEqualTo("touchpoint-test");
		// the business date 2026-11-02 as the nominal time: that UTC day
		assertThat(complete.getRun().getFacets().getNominalTime().getNominalStartTime().toInstant())
			.isEqualTo(Instant.parse("2026-11-02T00:00:00Z"));
		assertThat(output.getAll()).doesNotContain(LineageReceiver.TOKEN);
	}

	@Test
	void aFailedRunEmitsFailWithItsMessage() {
		// given
		LineageEmitter emitter = new LineageEmitter(http(receiver.url()));
		LineageListener listener = listener(emitter);
		JobExecution execution = execution("lineage-fail", 42L);
		listener.beforeJob(execution);

		// when the run fails
		execution.setStatus(BatchStatus.FAILED);
		execution.addFailureException(new IllegalStateException("payments-2026-11-02.csv line 7: no Amount column"));
		listener.afterJob(execution);

		// then
		List<LineageReceiver.Received> received = receiver.containing("lineage-fail.nightly");
		assertThat(received).hasSize(2);
		var fail = OpenLineageClientUtils.runEventFromJson(received.get(1).body());
		assertThat(fail.getEventType()).isEqualTo(EventType.FAIL);
		assertThat(fail.getRun().getFacets().getErrorMessage().getMessage())
			.isEqualTo("payments-2026-11-02.csv line 7: no Amount column");
		assertThat(OpenLineageSchema.errors(received.get(1).body())).isEmpty();
	}

	@Test
	void anEndpointThatFailsNeverFailsTheRunAndIsWarnedAboutOnceWithItsStatus(CapturedOutput output) {
		// given an endpoint answering 503
		receiver.status(503);
		LineageEmitter emitter = new LineageEmitter(http(receiver.url()));
		LineageListener listener = listener(emitter);
		JobExecution execution = execution("lineage-down", 43L);

		// when a run starts and completes: no exception reaches the job
		listener.beforeJob(execution);
		execution.setStatus(BatchStatus.COMPLETED);
		listener.afterJob(execution);

		// then both were tried (the client tries a 503 once more), and one warning names the endpoint and the
		// status, never the token
		assertThat(receiver.containing("lineage-down.nightly"))
			.extracting(r -> OpenLineageClientUtils.runEventFromJson(r.body()).getEventType())
			.containsOnly(EventType.START, EventType.COMPLETE)
			.contains(EventType.START, EventType.COMPLETE);
		String warning = "not delivered to " + receiver.url() + ": HTTP status 503";
		assertThat(output.getAll().split(warning, -1)).hasSize(2);
		assertThat(output.getAll()).contains("WARN").doesNotContain(LineageReceiver.TOKEN);
	}

	@Test
	void anEndpointThatDoesNotAnswerNeverFailsTheRun() {
		// given an endpoint where nothing listens
		receiver.stop();
		LineageEmitter emitter = new LineageEmitter(http(receiver.url()));

		// when / then
		JobExecution execution = execution("lineage-refused", 44L);
		assertThat(emitter.emit(listener(emitter).event(EventType.START, execution))).isFalse();
	}

	@Test
	void theFileTransportAppendsOneValidEventPerLine(@TempDir Path dir) throws Exception {
		// given
		Path file = dir.resolve("events.jsonl");
		LineageEmitter emitter = new LineageEmitter(new LineageProperties(true, LineageProperties.Transport.FILE, null,
				file, "touchpoint-test", null, Duration.ofSeconds(2)));
		LineageListener listener = listener(emitter);
		JobExecution execution = execution("lineage-file", 45L);

		// when
		listener.beforeJob(execution);
		execution.setStatus(BatchStatus.COMPLETED);
		listener.afterJob(execution);

		// then
		List<String> lines = Files.readAllLines(file);
		assertThat(lines).hasSize(2);
		assertThat(lines).allSatisfy(line -> assertThat(OpenLineageSchema.errors(line)).isEmpty());
		assertThat(lines.get(1)).contains("\"eventType\":\"COMPLETE\"", "\"name\":\"lineage-file.nightly\"");
	}

	@Test
	void theSchemaRejectsWhatTheSpecDoesNotAllow(@TempDir Path dir) throws Exception {
		// given a valid event written by the file transport
		Path file = dir.resolve("events.jsonl");
		LineageEmitter emitter = new LineageEmitter(new LineageProperties(true, LineageProperties.Transport.FILE, null,
				file, "touchpoint-test", null, Duration.ofSeconds(2)));
		emitter.emit(listener(emitter).event(EventType.START, execution("lineage-schema", 46L)));
		String event = Files.readAllLines(file).get(0);

		// when / then: the same event with a run id that is no UUID, or an unknown event type, is refused
		assertThat(OpenLineageSchema.errors(event)).isEmpty();
		assertThat(OpenLineageSchema.errors(event.replaceFirst("\"runId\":\"[^\"]+\"", "\"runId\":\"run-46\"")))
			.isNotEmpty();
		assertThat(OpenLineageSchema.errors(event.replace("\"START\"", "\"STARTED\""))).isNotEmpty();
	}

	@Test
	void theWarehouseJdbcUrlBecomesTheNamingSpecsMysqlNamespace() {
		assertThat(LineageDatasets.Warehouse.of("jdbc:mariadb://127.0.0.1:33061/touchpoint?useSsl=false"))
			.isEqualTo(new LineageDatasets.Warehouse("mysql://127.0.0.1:33061", "touchpoint"));
		assertThat(LineageDatasets.Warehouse.of("jdbc:singlestore://Db.Example.com/warehouse"))
			.isEqualTo(new LineageDatasets.Warehouse("mysql://db.example.com:3306", "warehouse"));
		assertThat(LineageDatasets.fileDataset("s3://touchpoint/inbox/acme/stripe/payments.csv"))
			.containsExactly("s3://touchpoint", "inbox/acme/stripe/payments.csv");
		assertThat(LineageDatasets.fileDataset("file:/data/inbox/stripe/payments.csv"))
			.containsExactly("file", "/data/inbox/stripe/payments.csv");
	}

	private static LineageProperties http(String url) {
		return new LineageProperties(true, LineageProperties.Transport.HTTP, URI.create(url), null, "touchpoint-test",
				LineageReceiver.TOKEN, Duration.ofSeconds(2));
	}

	/** A listener whose events name no datasets: the executions here have no batch. */
	private static LineageListener listener(LineageEmitter emitter) {
		return new LineageListener(emitter, null, "touchpoint-test",
				Clock.fixed(Instant.parse("2026-11-03T02:00:00Z"), ZoneOffset.UTC));
	}

	private static JobExecution execution(String tenant, long id) {
		return MetaDataInstanceFactory.createJobExecution("nightly", id, id,
				IngestParameters.nightly(tenant, LocalDate.of(2026, 11, 2), "/data/inbox"));
	}
}
