package io.touchpoint.jobs.sources;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import io.touchpoint.jobs.demo.DemoExports;
import io.touchpoint.jobs.model.AdSpend;
import io.touchpoint.jobs.model.Money;
import io.touchpoint.jobs.sources.facebook.FacebookAdsExportMapper;
import io.touchpoint.jobs.support.CsvRecords;
import io.touchpoint.readers.MalformedFileException;
import io.touchpoint.readers.MalformedRecordException;
import io.touchpoint.readers.csv.CsvRecord;
import io.touchpoint.writers.staging.StagedRow;

/**
 * The Meta Ads Manager export mapped from the hand-written fixture in the documented shape (see
 * fixtures/facebook/PROVENANCE.txt) and from inline variants: currency from the header, total row,
 * non-daily rows, campaign-level and localized exports, and the demo's exports.
 */
class FacebookAdsExportMapperTests {

	private static final String FIXTURE = "/fixtures/facebook/ads_manager_export.csv";

	private final FacebookAdsExportMapper mapper = new FacebookAdsExportMapper();

	private final SourceMapper.MappingContext context = new SourceMapper.MappingContext("t1", "b1",
			java.time.Instant.parse("2026-11-02T00:00:00Z"));

	@Test
	void dailyAdLevelExportBecomesOneAdSpendRowPerAdAndDayInMinorUnitsOfTheHeaderCurrency() throws Exception {
		// given the fixture's five good rows (lines 3-7)
		List<CsvRecord> records = read(FIXTURE);

		// when
		List<StagedRow> rows = new ArrayList<>();
		for (CsvRecord record : records.subList(1, 6)) {
			rows.addAll(mapper.map(record, context));
		}

		// then: 39.90 USD = 3990 cents; line 6 has an empty Link clicks (0; Clicks (all) 6 is not used)
		assertThat(rows).containsExactly(
				spend("spring_sale", "US, 25-44", "Carousel A", "2026-10-31", 3800, 76, 3990),
				spend("spring_sale", "US, 25-44", "Carousel A", "2026-11-01", 4000, 84, 4200),
				spend("spring_sale", "US, 25-44", "Video B", "2026-11-01", 1800, 30, 1850),
				spend("retargeting", "Cart abandoners", "Dynamic product ad", "2026-11-01", 1800, 0, 725),
				spend("brand_search", "Lookalike 1%", "Static \"Autumn\" banner", "2026-11-01", 120, 3, 99));
		assertThat(rows).extracting(StagedRow::table).containsOnly("ad_spend");
		assertThat(rows.stream().mapToLong(StagedRow::moneyMinor).sum()).isEqualTo(3990 + 4200 + 1850 + 725 + 99);
	}

	@Test
	void totalRowWithAnEmptyCampaignNameIsFiltered() throws Exception {
		// given line 2, the total Ads Manager adds (spanning the whole report range)
		CsvRecord total = read(FIXTURE).get(0);

		// when / then
		assertThat(total.line()).isEqualTo(2);
		assertThat(mapper.map(total, context)).isEmpty();
	}

	@Test
	void rowSpanningSeveralDaysIsQuarantinedAskingForADailyBreakdown() throws Exception {
		// given line 8: Reporting starts 2026-10-25, Reporting ends 2026-11-01
		CsvRecord weekly = read(FIXTURE).get(6);

		// when / then
		assertThatThrownBy(() -> mapper.map(weekly, context)).isInstanceOf(MalformedRecordException.class)
			.hasMessageContaining("ads_manager_export.csv line 8")
			.hasMessageContaining("2026-10-25 to 2026-11-01")
			.hasMessageContaining("Breakdown > By time > Day");
	}

	@Test
	void countWithAThousandsSeparatorIsQuarantinedNamingTheColumn() throws Exception {
		// given line 9: Impressions "1,234"
		CsvRecord bad = read(FIXTURE).get(7);

		// when / then
		assertThatThrownBy(() -> mapper.map(bad, context)).isInstanceOf(MalformedRecordException.class)
			.hasMessageContaining("line 9")
			.hasMessageContaining("Impressions: '1,234' is not a whole non-negative number");
	}

	@Test
	void campaignLevelExportInYenFallsBackToClicksAllAndLeavesAdSetAndAdEmpty() throws Exception {
		// given a campaign-level export without Ad set name, Ad name or Link clicks; JPY has no decimals
		List<CsvRecord> records = readText("Reporting starts,Reporting ends,Campaign name,Amount spent (JPY),Impressions,"
				+ "Clicks (all)\n" + "2026-11-01,2026-11-01,spring_sale,1200,5000,\n"
				+ "2026-11-02,2026-11-02,spring_sale,980,,42\n");

		// when
		List<StagedRow> first = mapper.map(records.get(0), context);
		List<StagedRow> second = mapper.map(records.get(1), context);

		// then: an empty count is 0
		assertThat(first).containsExactly(new AdSpend("t1", "facebook", "spring_sale", null, null,
				LocalDate.of(2026, 11, 1), 5000, 0, 1200, "JPY", "facebook", "b1"));
		assertThat(second).containsExactly(new AdSpend("t1", "facebook", "spring_sale", null, null,
				LocalDate.of(2026, 11, 2), 0, 42, 980, "JPY", "facebook", "b1"));
	}

	@Test
	void amountWithAFractionOfACentOrANegativeAmountIsQuarantinedNamingTheColumn() throws Exception {
		// given
		List<CsvRecord> records = readText("Reporting starts,Reporting ends,Campaign name,Amount spent (EUR)\n"
				+ "2026-11-01,2026-11-01,spring_sale,12.345\n" + "2026-11-01,2026-11-01,spring_sale,-1.00\n"
				+ "01/11/2026,01/11/2026,spring_sale,1.00\n");

		// when / then
		assertThatThrownBy(() -> mapper.map(records.get(0), context)).isInstanceOf(MalformedRecordException.class)
			.hasMessageContaining("line 2")
			.hasMessageContaining("Amount spent (EUR): amount '12.345' has a fraction of a minor unit of EUR");
		assertThatThrownBy(() -> mapper.map(records.get(1), context)).isInstanceOf(MalformedRecordException.class)
			.hasMessageContaining("line 3")
			.hasMessageContaining("Amount spent (EUR): spend cannot be negative");
		assertThatThrownBy(() -> mapper.map(records.get(2), context)).isInstanceOf(MalformedRecordException.class)
			.hasMessageContaining("line 4")
			.hasMessageContaining("Reporting starts: '01/11/2026' is not a date (yyyy-MM-dd)");
	}

	@Test
	void exportWithoutAnAmountSpentColumnIsRejectedNamingTheFileAndTheExpectedColumn() throws Exception {
		// given
		CsvRecord record = readText("Reporting starts,Reporting ends,Campaign name,Impressions,\"CPM (cost per 1,000 "
				+ "impressions) (USD)\"\n2026-11-01,2026-11-01,spring_sale,100,1.00\n").get(0);

		// when / then
		assertThatThrownBy(() -> mapper.map(record, context)).isInstanceOf(MalformedFileException.class)
			.hasMessageStartingWith("inline.csv line 1: ")
			.hasMessageContaining("no 'Amount spent (<currency>)' column")
			.hasMessageContaining("'Amount spent (USD)'");
	}

	@Test
	void exportWithTwoCurrenciesIsRejectedNamingBothColumns() throws Exception {
		// given
		CsvRecord record = readText("Reporting starts,Reporting ends,Campaign name,Amount spent (USD),Amount spent (EUR)\n"
				+ "2026-11-01,2026-11-01,spring_sale,1.00,0.92\n").get(0);

		// when / then
		assertThatThrownBy(() -> mapper.map(record, context)).isInstanceOf(MalformedFileException.class)
			.hasMessageStartingWith("inline.csv line 1: ")
			.hasMessageContaining("'Amount spent (USD)', 'Amount spent (EUR)'")
			.hasMessageContaining("expected one 'Amount spent (<currency>)' column");
	}

	@Test
	void unknownCurrencyInTheHeaderIsRejected() throws Exception {
		// given
		CsvRecord record = readText("Reporting starts,Reporting ends,Campaign name,Amount spent (XYZ)\n"
				+ "2026-11-01,2026-11-01,spring_sale,1.00\n").get(0);

		// when / then
		assertThatThrownBy(() -> mapper.map(record, context)).isInstanceOf(MalformedFileException.class)
			.hasMessageContaining("column 'Amount spent (XYZ)': unknown currency 'XYZ'");
	}

	@Test
	void englishExportMissingAReportingColumnIsRejectedNamingIt() throws Exception {
		// given
		CsvRecord record = readText("Campaign name,Amount spent (USD)\nspring_sale,1.00\n").get(0);

		// when / then
		assertThatThrownBy(() -> mapper.map(record, context)).isInstanceOf(MalformedFileException.class)
			.hasMessageContaining("missing required columns 'Reporting starts', 'Reporting ends'");
	}

	@ParameterizedTest
	@ValueSource(strings = {
			"Début des rapports,Fin des rapports,Nom de la campagne,Montant dépensé (EUR),Impressions",
			"Berichtsbeginn,Berichtsende,Kampagnenname,Ausgegebener Betrag (EUR),Impressionen",
			"Reporting starts,Reporting ends,Campaign name,Montant dépensé (EUR),Impressions" })
	void localizedExportIsRejectedSayingOnlyEnglishIsSupported(String header) throws Exception {
		// given
		CsvRecord record = readText(header + "\n2026-11-01,2026-11-01,spring_sale,1.00,100\n").get(0);

		// when / then
		assertThatThrownBy(() -> mapper.map(record, context)).isInstanceOf(MalformedFileException.class)
			.hasMessageStartingWith("inline.csv line 1: the header is not in English")
			.hasMessageContaining("(EUR)'")
			.hasMessageContaining("only English Ads Manager exports are supported for now");
	}

	@Test
	void demoExportOfEveryTenantMapsOneRowPerAdSummingToItsTotalRowAndQuarantinesTheWeeklyRow(@TempDir Path root)
			throws Exception {
		// given one demo day for each tenant
		LocalDate date = LocalDate.of(2026, 11, 19);
		new DemoExports(10, 42).write(root, DemoExports.TENANTS, date, 1);

		for (DemoExports.Tenant tenant : DemoExports.TENANTS) {
			String currency = tenant.currency().toUpperCase(Locale.ROOT);
			Path file = root.resolve(tenant.id()).resolve(date.toString()).resolve("facebook")
				.resolve("ads-manager-export-" + date + ".csv");
			List<CsvRecord> records = CsvRecords.readText("facebook", Files.readString(file));

			// when
			List<StagedRow> rows = new ArrayList<>();
			List<Long> quarantined = new ArrayList<>();
			for (CsvRecord record : records) {
				try {
					rows.addAll(mapper.map(record, context));
				}
				catch (MalformedRecordException ex) {
					quarantined.add(ex.line());
				}
			}

			// then: line 2 is the total row (filtered), lines 3-6 the four ads, line 7 spans a week
			long total = Money.toMinor(records.get(0).get("Amount spent (" + currency + ")"), currency);
			assertThat(rows).as(tenant.id()).hasSize(4).allSatisfy(row -> {
				assertThat(((AdSpend) row).currency()).isEqualTo(currency);
				assertThat(((AdSpend) row).spendDate()).isEqualTo(date);
			});
			assertThat(rows).extracting(row -> ((AdSpend) row).campaign())
				.containsExactly("spring_sale", "spring_sale", "brand_search", "retargeting");
			assertThat(rows.stream().mapToLong(StagedRow::moneyMinor).sum()).as(tenant.id()).isEqualTo(total);
			assertThat(quarantined).as(tenant.id()).containsExactly(7L);
		}
	}

	private static AdSpend spend(String campaign, String adSet, String ad, String date, long impressions, long clicks,
			long amountMinor) {
		return new AdSpend("t1", "facebook", campaign, adSet, ad, LocalDate.parse(date), impressions, clicks, amountMinor,
				"USD", "facebook", "b1");
	}

	private static List<CsvRecord> read(String resource) throws Exception {
		return CsvRecords.read("facebook", resource);
	}

	private static List<CsvRecord> readText(String csv) throws Exception {
		return CsvRecords.readText("facebook", csv);
	}
}
