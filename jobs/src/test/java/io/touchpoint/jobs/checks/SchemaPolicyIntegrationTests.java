package io.touchpoint.jobs.checks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.beans.factory.annotation.Autowired;

import io.touchpoint.jobs.checks.CheckResult.Outcome;
import io.touchpoint.jobs.config.TouchpointProperties.SchemaPolicy;
import io.touchpoint.jobs.executions.JobRuns;
import io.touchpoint.jobs.ingest.IngestParameters;
import io.touchpoint.jobs.support.IntegrationTest;
import io.touchpoint.readers.MalformedFileException;
import io.touchpoint.readers.MalformedRecordException;
import io.touchpoint.readers.csv.CsvHeader;
import io.touchpoint.readers.csv.CsvRecord;

/** A column added to a Stripe payments export: recorded, and handled per touchpoint.sources.schema-policy. */
class SchemaPolicyIntegrationTests extends IntegrationTest {

	/** The header of the hand-written Stripe export (inbox/small/unified_payments.csv). */
	private static final List<String> STRIPE = List.of("id", "Created date (UTC)", "Amount", "Amount Refunded", "Currency",
			"Captured", "Converted Amount", "Converted Amount Refunded", "Converted Currency", "Description",
			"Refunded date (UTC)", "Status", "Seller Message", "Customer ID", "Customer Email", "plan (metadata)");

	@Autowired
	private JobRuns runs;

	@Autowired
	private SourceSchemas schemas;

	@Autowired
	private DataCheckStore checks;

	@Test
	void underEvolveAnAddedColumnIsRecordedTheNightProceedsAndItsChecksWarn() throws Exception {
		// given a first night with the export as it was
		String tenant = "schema-evolve";
		assertThat(night(tenant, LocalDate.of(2026, 11, 1), STRIPE, "ch_1").getStatus()).isEqualTo(BatchStatus.COMPLETED);

		// when the next night's export has a Fee column too
		List<String> withFee = new java.util.ArrayList<>(STRIPE);
		withFee.add("Fee");
		JobExecution second = night(tenant, LocalDate.of(2026, 11, 2), withFee, "ch_2");

		// then
		assertThat(second.getStatus()).isEqualTo(BatchStatus.COMPLETED);
		assertThat(schemas.columns(tenant, "stripe")).filteredOn(c -> c.column().equals("Fee") || c.column().equals("id"))
			.extracting(SourceSchemas.Column::stream, SourceSchemas.Column::column, SourceSchemas.Column::status,
					SourceSchemas.Column::firstSeen, SourceSchemas.Column::lastSeen)
			.containsExactly(
					tuple("stripe/payments", "id", "active", LocalDate.of(2026, 11, 1), LocalDate.of(2026, 11, 2)),
					tuple("stripe/payments", "Fee", "active", LocalDate.of(2026, 11, 2), LocalDate.of(2026, 11, 2)));
		assertThat(checks.forExecution(second.getId())).filteredOn(s -> s.result().check().equals(CheckResult.SCHEMA))
			.extracting(s -> s.result().source(), s -> s.result().outcome(), s -> s.result().message())
			.containsExactly(tuple("stripe", Outcome.WARN, "columns changed: payments.Fee added"));
	}

	@Test
	void underFreezeTheFileFailsNamingTheColumnUntilAcceptedAndUnderDiscardItsRecordsAreQuarantined() {
		// given a stream whose columns are known
		String tenant = "schema-freeze";
		LocalDate first = LocalDate.of(2026, 11, 1);
		LocalDate second = LocalDate.of(2026, 11, 2);
		new SchemaWatch(schemas, SchemaPolicy.FREEZE, tenant, first).header(record(STRIPE, "payments-2026-11-01.csv"));
		List<String> renamed = STRIPE.stream().map(c -> c.equals("plan (metadata)") ? "Plan" : c).toList();
		CsvRecord changed = record(renamed, "payments-2026-11-02.csv");

		// when / then freeze: the file fails, naming both sides of the rename and how to accept it
		assertThatThrownBy(() -> new SchemaWatch(schemas, SchemaPolicy.FREEZE, tenant, second).header(changed))
			.isInstanceOf(MalformedFileException.class)
			.hasMessageContaining("stripe/payments-2026-11-02.csv")
			.hasMessageContaining("added [Plan], dropped [plan (metadata)]")
			.hasMessageContaining("touchpoint schema accept --tenant schema-freeze --source stripe");
		// read again (a restart) before anyone accepted: held back again
		SchemaWatch discard = new SchemaWatch(schemas, SchemaPolicy.DISCARD, tenant, second);
		discard.header(changed);
		assertThatThrownBy(() -> discard.record(changed)).isInstanceOf(MalformedRecordException.class)
			.hasMessageContaining("added [Plan], dropped [plan (metadata)]");

		// when accepted
		assertThat(schemas.accept(tenant, "stripe", second)).isEqualTo(2);

		// then the same file passes under both policies
		SchemaWatch after = new SchemaWatch(schemas, SchemaPolicy.DISCARD, tenant, second);
		assertThatCode(() -> {
			after.header(changed);
			after.record(changed);
		}).doesNotThrowAnyException();
		assertThat(schemas.columns(tenant, "stripe")).filteredOn(c -> !STRIPE.contains(c.column())
				|| c.column().equals("plan (metadata)"))
			.extracting(SourceSchemas.Column::column, SourceSchemas.Column::status)
			.containsExactlyInAnyOrder(tuple("Plan", "active"), tuple("plan (metadata)", "dropped"));
	}

	@Test
	void aFilesStreamIsItsNameWithoutDigitsOrExtension() {
		assertThat(SourceSchemas.stream("stripe/payments-2026-11-01.csv")).isEqualTo("payments");
		assertThat(SourceSchemas.stream("unified_payments.csv.gz")).isEqualTo("unified_payments");
		assertThat(SourceSchemas.stream("2026-11-01.csv")).isEqualTo("file");
	}

	private static CsvRecord record(List<String> header, String file) {
		String[] names = header.toArray(String[]::new);
		String[] values = header.stream().map(c -> "x").toArray(String[]::new);
		return new CsvRecord("stripe", "stripe/" + file, 2, String.join(",", values),
				CsvHeader.of("stripe/" + file, names), values);
	}

	/** A nightly run over one Stripe export {@code payments-DATE.csv} with these columns and one paid charge. */
	private JobExecution night(String tenant, LocalDate date, List<String> header, String charge) throws Exception {
		Path inbox = home().resolve("test-inboxes").resolve(tenant + "-" + date);
		Files.createDirectories(inbox.resolve("stripe"));
		String row = header.stream().map(column -> switch (column) {
			case "id" -> charge;
			case "Created date (UTC)" -> date + " 10:00:00";
			case "Amount", "Converted Amount" -> "10.00";
			case "Amount Refunded", "Converted Amount Refunded" -> "0.00";
			case "Currency", "Converted Currency" -> "usd";
			case "Captured" -> "true";
			case "Status" -> "Paid";
			case "Customer Email" -> "ann@example.com";
			case "Fee" -> "0.59";
			default -> "";
		}).collect(Collectors.joining(","));
		Files.writeString(inbox.resolve("stripe/payments-" + date + ".csv"),
				String.join(",", header) + "\n" + row + "\n");
		return runs.start("nightly", IngestParameters.nightly(tenant, date, inbox.toString()));
	}
}
