package io.touchpoint.jobs.lineage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import io.openlineage.client.OpenLineage;
import io.openlineage.client.OpenLineage.RunEvent.EventType;
import io.openlineage.client.OpenLineageClientUtils;
import org.junit.jupiter.api.Test;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.beans.factory.annotation.Autowired;

import io.touchpoint.jobs.config.Endpoints;
import io.touchpoint.jobs.executions.JobRuns;
import io.touchpoint.jobs.ingest.IngestParameters;
import io.touchpoint.jobs.support.IntegrationTest;
import io.touchpoint.jobs.support.StripeApi;
import io.touchpoint.jobs.support.VendorApiServer;

/**
 * Real nights with {@code touchpoint.lineage.*} on (the shared test context posts to {@link LineageReceiver}):
 * their START and COMPLETE events validate against the spec's JSON schema and name the export or the API streams
 * they read and the warehouse tables they loaded and rolled up.
 */
class LineageIntegrationTests extends IntegrationTest {

	/** A Stripe unified payments export's header (as inbox/small/unified_payments.csv). */
	private static final List<String> STRIPE = List.of("id", "Created date (UTC)", "Amount", "Amount Refunded", "Currency",
			"Captured", "Converted Amount", "Converted Amount Refunded", "Converted Currency", "Description",
			"Refunded date (UTC)", "Status", "Seller Message", "Customer ID", "Customer Email", "plan (metadata)");

	@Autowired
	private JobRuns runs;

	@Autowired
	private Endpoints endpoints;

	@Test
	void aNightEmitsStartAndCompleteNamingTheExportItReadAndTheTablesItWrote() throws Exception {
		// given an export of two paid charges of two customers
		String tenant = "lineage-night";
		LocalDate date = LocalDate.of(2026, 11, 2);
		Path inbox = home().resolve("test-inboxes").resolve(tenant);
		Files.createDirectories(inbox.resolve("stripe"));
		Path export = inbox.resolve("stripe/payments-2026-11-02.csv");
		Files.writeString(export, String.join(",", STRIPE) + "\n" + row("ch_1", "ann@example.com") + "\n"
				+ row("ch_2", "bob@example.com") + "\n");

		// when the night runs
		JobExecution night = runs.start("nightly", IngestParameters.nightly(tenant, date, inbox.toString()));

		// then
		assertThat(night.getStatus()).isEqualTo(BatchStatus.COMPLETED);
		List<LineageReceiver.Received> received = LineageReceiver.INSTANCE.containing("\"" + tenant + ".nightly\"");
		assertThat(received).hasSize(2).allSatisfy(r -> {
			assertThat(OpenLineageSchema.errors(r.body())).isEmpty();
			assertThat(r.authorization()).isEqualTo("Bearer " + LineageReceiver.TOKEN);
		});
		OpenLineage.RunEvent start = OpenLineageClientUtils.runEventFromJson(received.get(0).body());
		OpenLineage.RunEvent complete = OpenLineageClientUtils.runEventFromJson(received.get(1).body());
		assertThat(start.getEventType()).isEqualTo(EventType.START);
		assertThat(complete.getEventType()).isEqualTo(EventType.COMPLETE);
		assertThat(complete.getRun().getRunId()).isEqualTo(start.getRun().getRunId());
		assertThat(complete.getJob().getNamespace()).isEqualTo("touchpoint");

		// the export (a local inbox: the naming spec's file namespace and the absolute path), with its columns
		assertThat(complete.getInputs()).hasSize(1);
		OpenLineage.InputDataset input = complete.getInputs().get(0);
		assertThat(input.getNamespace()).isEqualTo("file");
		assertThat(input.getName()).isEqualTo(export.toAbsolutePath().normalize().toString());
		assertThat(input.getFacets().getSchema().getFields()).extracting(f -> f.getName())
			.containsExactlyInAnyOrderElementsOf(STRIPE);

		// the tables loaded, in the warehouse's namespace: one purchase per charge, and the rollups
		URI warehouse = URI.create(endpoints.warehouse().url().substring("jdbc:".length()));
		String namespace = "mysql://" + warehouse.getHost() + ":" + warehouse.getPort();
		String database = warehouse.getPath().substring(1);
		assertThat(complete.getOutputs()).allSatisfy(output -> {
			assertThat(output.getNamespace()).isEqualTo(namespace);
			assertThat(output.getName()).startsWith(database + ".");
		});
		Map<String, Long> rows = complete.getOutputs()
			.stream()
			.filter(o -> o.getOutputFacets() != null && o.getOutputFacets().getOutputStatistics() != null)
			.collect(Collectors.toMap(o -> o.getName().substring(database.length() + 1),
					o -> o.getOutputFacets().getOutputStatistics().getRowCount()));
		assertThat(rows).containsEntry("purchases", 2L);
		assertThat(complete.getOutputs()).extracting(o -> o.getName().substring(database.length() + 1))
			.contains("purchases", "contact_value");
	}

	@Test
	void aNightOfAnApiSourceNamesEachStreamItFetchedInTheApisNamespace() throws Exception {
		// given a tenant whose only source is its Stripe connection (the local Stripe-shaped server)
		String tenant = "api-stripe-lineage";
		StripeApi api = new StripeApi(apiToken(tenant, "stripe"));
		api.charge("ch_L1", 1000, "usd", Instant.parse("2026-11-09T10:00:00Z"), "ann@example.com", null, "pi_L1",
				"succeeded", true, false);
		VendorApiServer.INSTANCE.route(tenant + "/stripe", api);

		// when the night runs
		JobExecution night = runs.start("nightly",
				IngestParameters.nightly(tenant, LocalDate.of(2026, 11, 10), home().resolve("no-inbox").toString()));

		// then its inputs are the connector's streams (stripe.yml: charges, customers, refunds) at the API's origin
		assertThat(night.getStatus()).isEqualTo(BatchStatus.COMPLETED);
		List<LineageReceiver.Received> received = LineageReceiver.INSTANCE.containing("\"" + tenant + ".nightly\"");
		assertThat(received).hasSize(2).allSatisfy(r -> assertThat(OpenLineageSchema.errors(r.body())).isEmpty());
		OpenLineage.RunEvent complete = OpenLineageClientUtils.runEventFromJson(received.get(1).body());
		URI server = URI.create(VendorApiServer.INSTANCE.baseUrl(tenant + "/stripe"));
		assertThat(complete.getInputs()).extracting(i -> i.getNamespace(), i -> i.getName())
			.containsExactly(tuple("http://127.0.0.1:" + server.getPort(), "stripe/charges"),
					tuple("http://127.0.0.1:" + server.getPort(), "stripe/customers"),
					tuple("http://127.0.0.1:" + server.getPort(), "stripe/refunds"));
		assertThat(complete.getOutputs()).extracting(o -> o.getName()).anyMatch(name -> name.endsWith(".purchases"));
	}

	private static String row(String charge, String email) {
		return STRIPE.stream().map(column -> switch (column) {
			case "id" -> charge;
			case "Created date (UTC)" -> "2026-11-02 10:00:00";
			case "Amount", "Converted Amount" -> "10.00";
			case "Amount Refunded", "Converted Amount Refunded" -> "0.00";
			case "Currency", "Converted Currency" -> "usd";
			case "Captured" -> "true";
			case "Status" -> "Paid";
			case "Customer Email" -> email;
			default -> "";
		}).collect(Collectors.joining(","));
	}
}
