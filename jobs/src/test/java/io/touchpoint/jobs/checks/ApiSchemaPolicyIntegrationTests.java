package io.touchpoint.jobs.checks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

import io.touchpoint.jobs.checks.CheckResult.Outcome;
import io.touchpoint.jobs.config.TouchpointProperties.SchemaPolicy;
import io.touchpoint.jobs.executions.JobRuns;
import io.touchpoint.jobs.ingest.IngestParameters;
import io.touchpoint.jobs.support.IntegrationTest;
import io.touchpoint.jobs.support.StripeApi;
import io.touchpoint.jobs.support.VendorApiServer;
import io.touchpoint.readers.MalformedFileException;
import io.touchpoint.readers.MalformedRecordException;
import io.touchpoint.readers.jsonl.JsonRecord;

/**
 * A field added to the records of an API stream (the built-in Stripe connector against the local Stripe-shaped
 * server): recorded per night in {@code tp_source_schemas}, and handled per touchpoint.sources.schema-policy.
 */
class ApiSchemaPolicyIntegrationTests extends IntegrationTest {

	/** The top-level fields of a charge as the test server serves it (StripeApi#charge), in its order. */
	private static final List<String> CHARGE = List.of("id", "object", "amount", "amount_captured", "amount_refunded",
			"balance_transaction", "captured", "created", "currency", "livemode", "paid", "refunded", "status",
			"description", "customer", "payment_intent", "billing_details", "metadata", "outcome");

	private static final JsonMapper JSON = JsonMapper.builder().build();

	@Autowired
	private JobRuns runs;

	@Autowired
	private SourceSchemas schemas;

	@Autowired
	private DataCheckStore checks;

	@Test
	void underEvolveAFieldAddedToAPageIsRecordedTheNightProceedsAndItsChecksWarn() throws Exception {
		// given a first night of two charges
		String tenant = "api-stripe-schema";
		StripeApi api = new StripeApi(apiToken(tenant, "stripe"));
		api.charge("ch_S1", 1000, "usd", Instant.parse("2026-11-09T10:00:00Z"), "ann@example.com", null, "pi_S1",
				"succeeded", true, false);
		api.charge("ch_S2", 2000, "usd", Instant.parse("2026-11-10T10:00:00Z"), "bob@example.com", null, "pi_S2",
				"succeeded", true, false);
		VendorApiServer.INSTANCE.route(tenant + "/stripe", api);
		LocalDate first = LocalDate.of(2026, 11, 10);
		assertThat(night(tenant, first).getStatus()).isEqualTo(BatchStatus.COMPLETED);

		// when the next night's page has a charge with a field the stream did not have
		ObjectNode withFee = api.charge("ch_S3", 3000, "usd", Instant.parse("2026-11-11T10:00:00Z"), "cat@example.com",
				null, "pi_S3", "succeeded", true, false);
		withFee.put("application_fee_amount", 90);
		LocalDate second = first.plusDays(1);
		JobExecution night = night(tenant, second);

		// then the night loads it, the field is active from the second night, the others seen on both nights
		assertThat(night.getStatus()).isEqualTo(BatchStatus.COMPLETED);
		assertThat(schemas.columns(tenant, "stripe")).filteredOn(c -> c.stream().equals("stripe/charges"))
			.extracting(SourceSchemas.Column::column)
			.containsExactlyInAnyOrderElementsOf(
					java.util.stream.Stream.concat(CHARGE.stream(), java.util.stream.Stream.of("application_fee_amount"))
						.toList());
		assertThat(schemas.columns(tenant, "stripe"))
			.filteredOn(c -> c.column().equals("id") || c.column().equals("application_fee_amount"))
			.extracting(SourceSchemas.Column::stream, SourceSchemas.Column::column, SourceSchemas.Column::status,
					SourceSchemas.Column::firstSeen, SourceSchemas.Column::lastSeen, SourceSchemas.Column::firstFile)
			.containsExactlyInAnyOrder(
					tuple("stripe/charges", "id", "active", first, second, "api/stripe/charges/page-00001.jsonl"),
					tuple("stripe/charges", "application_fee_amount", "active", second, second,
							"api/stripe/charges/page-00001.jsonl"));
		assertThat(checks.forExecution(night.getId())).filteredOn(s -> s.result().check().equals(CheckResult.SCHEMA))
			.extracting(s -> s.result().source(), s -> s.result().outcome(), s -> s.result().message())
			.containsExactly(tuple("stripe", Outcome.WARN, "columns changed: charges.application_fee_amount added"));
	}

	@Test
	void underFreezeTheStreamFailsNamingTheFieldUntilAcceptedAndUnderDiscardItsRecordsAreQuarantined() {
		// given a stream whose fields are known from an earlier night
		String tenant = "api-schema-freeze";
		LocalDate first = LocalDate.of(2026, 11, 1);
		LocalDate second = LocalDate.of(2026, 11, 2);
		String page = "api/stripe/charges/page-00001.jsonl";
		new SchemaWatch(schemas, SchemaPolicy.FREEZE, tenant, first).fields(record(page, 1, "{\"id\":\"ch_1\",\"amount\":100}"));
		JsonRecord added = record(page, 2, "{\"id\":\"ch_2\",\"amount\":200,\"fee\":3}");

		// when / then freeze: the stream fails, naming the field and how to accept it
		assertThatThrownBy(() -> new SchemaWatch(schemas, SchemaPolicy.FREEZE, tenant, second).fields(added))
			.isInstanceOf(MalformedFileException.class)
			.hasMessageContaining("stripe charges stream have a field it did not have before: [fee]")
			.hasMessageContaining("touchpoint schema accept --tenant api-schema-freeze --source stripe");
		assertThat(schemas.columns(tenant, "stripe")).filteredOn(c -> c.column().equals("fee"))
			.extracting(SourceSchemas.Column::status)
			.containsExactly("pending");

		// discard: the record with the field is quarantined, a record without it of the same page proceeds
		SchemaWatch discard = new SchemaWatch(schemas, SchemaPolicy.DISCARD, tenant, second);
		assertThatThrownBy(() -> discard.fields(added)).isInstanceOf(MalformedRecordException.class)
			.hasMessageContaining("quarantines the records that have it");
		assertThatCode(() -> discard.fields(record(page, 3, "{\"id\":\"ch_3\",\"amount\":300}")))
			.doesNotThrowAnyException();

		// once accepted, the field is part of the stream
		assertThat(schemas.accept(tenant, "stripe", second)).isEqualTo(1);
		assertThatCode(() -> new SchemaWatch(schemas, SchemaPolicy.FREEZE, tenant, second).fields(added))
			.doesNotThrowAnyException();
	}

	@Test
	void everyFieldOfAStreamsFirstNightIsPartOfItEvenWhenOnlyALaterRecordHasIt() {
		// given a first night whose first record leaves an empty field out, as JSON APIs do
		String tenant = "api-schema-first";
		LocalDate night = LocalDate.of(2026, 11, 1);
		String page = "api/stripe/charges/page-00001.jsonl";
		SchemaWatch watch = new SchemaWatch(schemas, SchemaPolicy.FREEZE, tenant, night);

		// when / then: nothing is held back
		assertThatCode(() -> {
			watch.fields(record(page, 1, "{\"id\":\"ch_1\"}"));
			watch.fields(record(page, 2, "{\"id\":\"ch_2\",\"customer\":\"cus_1\"}"));
		}).doesNotThrowAnyException();
		assertThat(schemas.columns(tenant, "stripe")).extracting(SourceSchemas.Column::column,
				SourceSchemas.Column::status).containsExactlyInAnyOrder(tuple("id", "active"), tuple("customer", "active"));
	}

	private static JsonRecord record(String page, long line, String json) {
		return new JsonRecord("stripe", page, line, json, JSON.readTree(json));
	}

	private JobExecution night(String tenant, LocalDate date) throws Exception {
		// no inbox folder: the tenant's API connection is its only source
		return runs.start("nightly", IngestParameters.nightly(tenant, date, home().resolve("no-inbox").toString()));
	}
}
