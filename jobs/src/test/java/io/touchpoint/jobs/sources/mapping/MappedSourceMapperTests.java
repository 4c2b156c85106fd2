package io.touchpoint.jobs.sources.mapping;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;

import io.touchpoint.jobs.model.Contact;
import io.touchpoint.jobs.model.ContactIdentity;
import io.touchpoint.jobs.model.ContactIds;
import io.touchpoint.jobs.model.Purchase;
import io.touchpoint.jobs.model.TagApplication;
import io.touchpoint.jobs.sources.SourceMapper.MappingContext;
import io.touchpoint.jobs.support.CsvRecords;
import io.touchpoint.readers.MalformedRecordException;
import io.touchpoint.readers.csv.CsvRecord;
import io.touchpoint.writers.staging.StagedRow;

/** A mapping file's mapper on small inline exports; expected instants and amounts worked out by hand. */
class MappedSourceMapperTests {

	private static final MappingContext CONTEXT = new MappingContext("t1", "b1",
			Instant.parse("2026-11-02T00:00:00Z"));

	private static final MappedSourceMapper INVOICES = new MappedSourceMapper(MappingFile.parse("invoices.yml", """
			source: invoicer
			table: purchases
			delimiter: ";"
			timestamp_format: "dd/MM/yyyy HH:mm"
			time_zone: Europe/Paris
			columns:
			  purchase_key: Invoice Number
			  email: Customer Email
			  occurred_at: Date
			  amount: Amount
			  status: Status
			constants:
			  currency: EUR
			""", Set.of()));

	private static final String INVOICES_CSV = """
			Invoice Number;Customer Email;Date;Amount;Status
			inv-1;Ann@Example.com;15/01/2026 10:30;12.50;
			inv-2;bob@example.com;15/07/2026 09:00;1200;Refunded
			inv-3;cat@example.com;16/07/2026 09:00;12,50;
			""";

	@Test
	void purchasesAreReadInTheirZoneAndCurrencyWithAContactPerEmail() throws Exception {
		// given
		List<CsvRecord> records = CsvRecords.text("invoicer", "invoices.csv", INVOICES_CSV, ';');

		// when
		List<StagedRow> first = INVOICES.map(records.get(0), CONTEXT);
		List<StagedRow> second = INVOICES.map(records.get(1), CONTEXT);

		// then: Paris is UTC+1 in January and UTC+2 in July; EUR has 2 decimals
		String ann = ContactIds.forEmail("t1", "ann@example.com");
		String bob = ContactIds.forEmail("t1", "bob@example.com");
		Instant january = Instant.parse("2026-01-15T09:30:00Z");
		Instant july = Instant.parse("2026-07-15T07:00:00Z");
		assertThat(first).containsExactly(
				new Contact("t1", ann, "ann@example.com", null, null, null, null, january, "invoicer", "b1"),
				new Purchase("t1", "invoicer:inv-1", ann, january, 1250, "EUR", null, null, "paid", "invoicer",
						"invoices.csv:2", "b1"));
		assertThat(second).containsExactly(
				new Contact("t1", bob, "bob@example.com", null, null, null, null, july, "invoicer", "b1"),
				new Purchase("t1", "invoicer:inv-2", bob, july, 120000, "EUR", null, null, "refunded", "invoicer",
						"invoices.csv:3", "b1"));
	}

	@Test
	void aBadAmountIsQuarantinedNamingTheFieldAndColumn() throws Exception {
		// given
		CsvRecord record = CsvRecords.text("invoicer", "invoices.csv", INVOICES_CSV, ';').get(2);

		// when / then
		assertThatThrownBy(() -> INVOICES.map(record, CONTEXT)).isInstanceOf(MalformedRecordException.class)
			.hasMessage("invoices.csv line 4: amount (column 'Amount'): amount '12,50' is not a plain decimal number");
	}

	@Test
	void theFormatRequiresTheColumnsOfRequiredFieldsWithTheDelimiter() {
		assertThat(INVOICES.format().requiredColumns()).containsExactly("Invoice Number", "Date", "Amount",
				"Customer Email");
		assertThat(INVOICES.format().delimiter()).isEqualTo(';');
	}

	@Test
	void tagsAreSplitOnSemicolonsAndAContactKeyBecomesAnIdentity() throws Exception {
		// given
		MappedSourceMapper lists = new MappedSourceMapper(MappingFile.parse("lists.yml", """
				source: mailer
				table: tag_applications
				columns: {contact_key: Subscriber, tags: Lists, occurred_at: Changed}
				""", Set.of()));
		CsvRecord record = CsvRecords.text("mailer", "lists.csv", """
				Subscriber,Lists,Changed
				s-42, newsletter ; vip;;newsletter,2026-03-01 08:00:00
				""", ',').get(0);

		// when
		List<StagedRow> rows = lists.map(record, CONTEXT);

		// then: no e-mail, so the contact is the key's alias; duplicate and empty tags dropped
		String alias = ContactIds.forExternalId("t1", "mailer", "key", "s-42");
		Instant changed = Instant.parse("2026-03-01T08:00:00Z");
		assertThat(rows).containsExactly(new Contact("t1", alias, null, null, null, null, null, changed, "mailer", "b1"),
				new ContactIdentity("t1", "mailer", "key", "s-42", alias, changed, "b1"),
				new TagApplication("t1", alias, "newsletter", 1, changed, "mailer", "lists.csv:2", "b1"),
				new TagApplication("t1", alias, "vip", 1, changed, "mailer", "lists.csv:2", "b1"));
	}

	@Test
	void aConstantFillsAColumnTheExportLacks() throws Exception {
		// given: currency is mapped to a column and EUR is its constant; this export has no Currency column
		MappedSourceMapper mapper = new MappedSourceMapper(MappingFile.parse("orders.yml", """
				source: till
				table: purchases
				columns: {purchase_key: Ref, contact_key: Client, occurred_at: At, amount: Total, currency: Currency}
				constants: {currency: EUR}
				""", Set.of()));
		CsvRecord record = CsvRecords.text("till", "orders.csv", """
				Ref,Client,At,Total
				r1,c9,2026-02-01T10:00:00+01:00,3.5
				""", ',').get(0);

		// when
		List<StagedRow> rows = mapper.map(record, CONTEXT);

		// then
		String alias = ContactIds.forExternalId("t1", "till", "key", "c9");
		Instant at = Instant.parse("2026-02-01T09:00:00Z");
		assertThat(mapper.format().requiredColumns()).containsExactly("Ref", "At", "Total", "Client");
		assertThat(rows).containsExactly(new Contact("t1", alias, null, null, null, null, null, at, "till", "b1"),
				new ContactIdentity("t1", "till", "key", "c9", alias, at, "b1"),
				new Purchase("t1", "till:r1", alias, at, 350, "EUR", null, null, "paid", "till", "orders.csv:2", "b1"));
	}

	@Test
	void aRecordWithoutItsContactIsQuarantined() throws Exception {
		// given
		CsvRecord record = CsvRecords.text("invoicer", "invoices.csv", """
				Invoice Number;Customer Email;Date;Amount;Status
				inv-9;;15/01/2026 10:30;1.00;
				""", ';').get(0);

		// when / then
		assertThatThrownBy(() -> INVOICES.map(record, CONTEXT)).isInstanceOf(MalformedRecordException.class)
			.hasMessage("invoices.csv line 2: no contact: empty email (column 'Customer Email')");
	}

	@Test
	void anUnreadableTimestampIsQuarantinedWithTheExpectedPattern() throws Exception {
		// given
		CsvRecord record = CsvRecords.text("invoicer", "invoices.csv", """
				Invoice Number;Customer Email;Date;Amount;Status
				inv-9;ann@example.com;2026-01-15 10:30;1.00;
				""", ';').get(0);

		// when / then
		assertThatThrownBy(() -> INVOICES.map(record, CONTEXT)).isInstanceOf(MalformedRecordException.class)
			.hasMessage("invoices.csv line 2: occurred_at (column 'Date'): unreadable timestamp '2026-01-15 10:30' "
					+ "(expected 'dd/MM/yyyy HH:mm')");
	}
}
