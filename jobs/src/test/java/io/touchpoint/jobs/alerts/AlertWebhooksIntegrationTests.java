package io.touchpoint.jobs.alerts;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.List;

import javax.sql.DataSource;

import org.junit.jupiter.api.Test;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.json.JsonMapper;

import io.touchpoint.jobs.executions.JobRuns;
import io.touchpoint.jobs.ingest.IngestParameters;
import io.touchpoint.jobs.support.AlertReceiver;
import io.touchpoint.jobs.support.Inboxes;
import io.touchpoint.jobs.support.IntegrationTest;
import io.touchpoint.jobs.support.VendorApiServer;

/**
 * Failure alerts reach a real local HTTP server (the shared context lists an unreachable webhook before
 * it); completed runs post nothing; the stale check reports pairs whose last success is too old.
 */
class AlertWebhooksIntegrationTests extends IntegrationTest {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	@Autowired
	private JobRuns runs;

	@Autowired
	private StaleRuns staleRuns;

	@Autowired
	private DataSource metadataDataSource;

	@Test
	void aFailedRunPostsOneMessageNamingTenantExecutionAndStepWithNoSecretDespiteAnUnreachableWebhook() throws Exception {
		// given an inbox that has not arrived, whose path holds a configured secret (an API token)
		String[] connection = VendorApiServer.connections().get(0);
		String token = apiToken(connection[0], connection[1]);
		Path inbox = home().resolve("test-inboxes").resolve("alerts-fail-" + token);

		// when
		JobExecution failed = runs.start("nightly",
				IngestParameters.nightly("alerts-fail", LocalDate.of(2026, 11, 19), inbox.toString()));

		// then the run failed as it would have, and the receiver (listed after the unreachable one) got one message
		assertThat(failed.getStatus()).isEqualTo(BatchStatus.FAILED);
		List<String> bodies = AlertReceiver.INSTANCE.bodiesContaining("alerts-fail");
		assertThat(bodies).hasSize(1);
		String text = JSON.readTree(bodies.get(0)).get("text").asString();
		assertThat(text).contains("nightly FAILED for tenant alerts-fail on 2026-11-19")
			.contains("(execution " + failed.getId() + ")")
			.contains("Failed step: fetch")
			.contains("does not exist")
			.contains("touchpoint restart " + failed.getId());
		assertThat(text).doesNotContain(token).doesNotContain("S3CRET").doesNotContain(AlertReceiver.PATH_SECRET)
			.contains("alerts-fail-****");
		assertThat(bodies.get(0)).doesNotContain(token);
	}

	@Test
	void aCompletedRunPostsNothingAndIsStaleOnlyOnceItsSuccessIsOlderThanStaleAfter() throws Exception {
		// given
		Path inbox = Inboxes.standard(home(), "alerts-ok");

		// when
		JobExecution completed = runs.start("nightly",
				IngestParameters.nightly("alerts-ok", LocalDate.of(2026, 11, 19), inbox.toString()));

		// then no failure alert; only the data checks' warning (the fixture quarantines 1 record in 4 to 6 per source)
		assertThat(completed.getStatus()).isEqualTo(BatchStatus.COMPLETED);
		assertThat(AlertReceiver.INSTANCE.bodiesContaining("alerts-ok")).singleElement()
			.satisfies(body -> assertThat(body).contains("data checks warned for tenant alerts-ok")
				.contains("check quarantine").doesNotContain("FAILED"));

		// and the stale check, computed by hand from the run's end time
		LocalDateTime end = staleRuns.lastCompleted("nightly", "alerts-ok");
		assertThat(end).isNotNull();
		Duration staleAfter = Duration.ofHours(36);
		assertThat(staleRuns.check(List.of("nightly"), List.of("alerts-ok"), staleAfter, end.plusHours(35))).isEmpty();
		assertThat(staleRuns.check(List.of("nightly"), List.of("alerts-ok"), staleAfter, end.plusHours(37)))
			.singleElement()
			.satisfies(stale -> {
				assertThat(stale.job()).isEqualTo("nightly");
				assertThat(stale.tenant()).isEqualTo("alerts-ok");
				assertThat(stale.lastCompleted()).isEqualTo(end);
			});
		// a tenant that never completed is stale; one that only failed too
		assertThat(staleRuns.check(List.of("nightly"), List.of("alerts-never"), staleAfter, end))
			.singleElement()
			.satisfies(stale -> assertThat(stale.lastCompleted()).isNull());
	}

	@Test
	void theStaleCheckAlertsOncePerDayPerPair() throws Exception {
		// given a completed run, and a check with stale-after short, posting to the receiver
		Path inbox = Inboxes.standard(home(), "alerts-stale");
		JobExecution completed = runs.start("nightly",
				IngestParameters.nightly("alerts-stale", LocalDate.of(2026, 11, 18), inbox.toString()));
		assertThat(completed.getStatus()).isEqualTo(BatchStatus.COMPLETED);
		var properties = new AlertProperties(List.of(URI.create(AlertReceiver.INSTANCE.url())), Duration.ofMinutes(30),
				List.of("nightly"), Duration.ofSeconds(2), Duration.ofHours(1));
		StaleRuns check = new StaleRuns(metadataDataSource, properties, () -> List.of("alerts-stale"),
				new Webhooks(properties.webhooks(), properties.timeout()));
		LocalDateTime end = check.lastCompleted("nightly", "alerts-stale");

		// when checked twice on one day, and once the next day (10:00 and 11:00 the day after the run, not the
		// run's time plus hours, which crossed midnight when the suite ran after 21:00)
		LocalDateTime day = end.toLocalDate().plusDays(1).atTime(10, 0);
		List<StaleRuns.Stale> first = check.alertOncePerDay(day);
		List<StaleRuns.Stale> again = check.alertOncePerDay(day.plusHours(1));
		List<StaleRuns.Stale> nextDay = check.alertOncePerDay(day.plusDays(1));

		// then
		assertThat(first).hasSize(1);
		assertThat(again).isEmpty();
		assertThat(nextDay).hasSize(1);
		assertThat(AlertReceiver.INSTANCE.bodiesContaining("tenant alerts-stale has not completed since")).hasSize(2);
		// a fresh run is not stale
		assertThat(check.check(end.plusMinutes(10))).isEmpty();
	}

	@Test
	void anUnreachableWebhookIsLoggedMaskedAndNeverThrows() {
		// given
		String unreachable = AlertReceiver.unreachable() + "/SECRETPATH";
		Webhooks webhooks = new Webhooks(List.of(URI.create(unreachable)), Duration.ofSeconds(1));

		// when
		int delivered = webhooks.post("hello");

		// then
		assertThat(delivered).isZero();
		assertThat(webhooks.masked()).containsExactly("http://127.0.0.1/****");
	}
}
