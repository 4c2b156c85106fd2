package io.touchpoint.jobs.sources;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.touchpoint.jobs.model.ContactIds;
import io.touchpoint.jobs.model.Purchase;
import io.touchpoint.jobs.sources.stripe.StripePaymentsMapper;
import io.touchpoint.jobs.support.CsvRecords;
import io.touchpoint.readers.MalformedFileException;
import io.touchpoint.readers.MalformedRecordException;
import io.touchpoint.readers.csv.CsvRecord;
import io.touchpoint.writers.staging.StagedRow;

/** The Stripe payments export mapped from the vendor-format fixtures (see fixtures/stripe/PROVENANCE.txt). */
class StripePaymentsMapperTests {

	private final StripePaymentsMapper mapper = new StripePaymentsMapper();

	private final SourceMapper.MappingContext context = new SourceMapper.MappingContext("t1", "b1",
			Instant.parse("2026-11-02T00:00:00Z"));

	@Test
	void allColumnsExportKeepsChargeAndSettlementCurrencyInMinorUnits() throws Exception {
		// given the real "all columns" export: a 15.00 USD charge settled as 534.80 THB
		List<CsvRecord> records = read("/fixtures/stripe/dashboard_unified_payments_all_columns_usd_to_thb.csv");

		// when
		List<StagedRow> rows = mapper.map(records.get(0), context);

		// then
		Purchase purchase = rows.stream().filter(Purchase.class::isInstance).map(Purchase.class::cast).findFirst().orElseThrow();
		assertThat(purchase.purchaseKey()).isEqualTo("stripe:ch_3POsheC8ukEwBaxR1SBP6Pvo");
		assertThat(purchase.amountMinor()).isEqualTo(1500);
		assertThat(purchase.currency()).isEqualTo("USD");
		assertThat(purchase.settlementAmountMinor()).isEqualTo(53480);
		assertThat(purchase.settlementCurrency()).isEqualTo("THB");
		assertThat(purchase.occurredAt()).isEqualTo(Instant.parse("2024-06-07T02:38:54Z"));
		assertThat(purchase.contactId()).isEqualTo(ContactIds.forEmail("t1", "user1@example.invalid"));
		assertThat(rows).hasSize(3);
	}

	@Test
	void customColumnSubsetWithoutCurrencyIsRejectedNamingTheColumnAndFile() throws Exception {
		// given the real user-picked subset, which has no Currency column
		List<CsvRecord> records = read("/fixtures/stripe/dashboard_unified_payments_custom_column_subset.csv");

		// when / then
		assertThatThrownBy(() -> records.get(0).header().require(mapper.format().requiredColumns()))
			.isInstanceOf(MalformedFileException.class)
			.hasMessageContaining("'Currency'")
			.hasMessageContaining("dashboard_unified_payments_custom_column_subset.csv");
	}

	@Test
	void zeroDecimalCurrencyIsNotMultipliedAndAFractionIsQuarantined() throws Exception {
		// given
		List<CsvRecord> records = readText("id,Created (UTC),Amount,Currency,Status,Customer ID\n"
				+ "ch_jp,2023-03-01 14:05,4800,jpy,Paid,cus_J\n" + "ch_bad,2023-03-01 14:06,4800.5,jpy,Paid,cus_J\n");

		// when
		List<StagedRow> rows = mapper.map(records.get(0), context);

		// then
		assertThat(rows).filteredOn(Purchase.class::isInstance).singleElement()
			.satisfies(row -> {
				assertThat(((Purchase) row).amountMinor()).isEqualTo(4800);
				assertThat(((Purchase) row).occurredAt()).isEqualTo(Instant.parse("2023-03-01T14:05:00Z"));
			});
		assertThatThrownBy(() -> mapper.map(records.get(1), context)).isInstanceOf(MalformedRecordException.class)
			.hasMessageContaining("line 3")
			.hasMessageContaining("fraction of a minor unit of JPY");
	}

	@Test
	void emptyIdFailedAndUncapturedRowsAreNotPurchases() throws Exception {
		// given
		List<CsvRecord> records = readText("id,Created date (UTC),Amount,Currency,Captured,Status\n"
				+ ",2025-06-09 10:42:51,644.00,usd,false,requires_payment_method\n"
				+ "ch_f,2025-06-09 10:43:00,10.00,usd,false,Failed\n" + "ch_u,2025-06-09 10:44:00,10.00,usd,false,Paid\n");

		// when / then
		for (CsvRecord record : records) {
			assertThat(mapper.map(record, context)).as("line %d", record.line()).isEmpty();
		}
	}

	private static List<CsvRecord> read(String resource) throws Exception {
		return CsvRecords.resource("stripe", resource.substring(resource.lastIndexOf('/') + 1), resource);
	}

	private static List<CsvRecord> readText(String csv) throws Exception {
		return CsvRecords.text("stripe", "inline.csv", csv);
	}
}
