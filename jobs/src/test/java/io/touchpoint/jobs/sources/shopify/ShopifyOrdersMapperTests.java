package io.touchpoint.jobs.sources.shopify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.touchpoint.jobs.model.Contact;
import io.touchpoint.jobs.model.ContactIds;
import io.touchpoint.jobs.model.Purchase;
import io.touchpoint.jobs.model.Refund;
import io.touchpoint.jobs.model.Touchpoint;
import io.touchpoint.jobs.sources.SourceMapper;
import io.touchpoint.jobs.support.CsvRecords;
import io.touchpoint.readers.MalformedFileException;
import io.touchpoint.readers.MalformedRecordException;
import io.touchpoint.readers.csv.CsvRecord;
import io.touchpoint.writers.staging.StagedRow;

/**
 * The Shopify orders export mapped from the hand-written fixtures; the expected rows are worked out in
 * fixtures/shopify/README.md.
 */
class ShopifyOrdersMapperTests {

	private static final String FILE = "shopify/orders_export_1.csv";

	private static final String OLD_FILE = "shopify/orders_export_72_columns.csv";

	private final ShopifyOrdersMapper mapper = new ShopifyOrdersMapper();

	private final SourceMapper.MappingContext context = new SourceMapper.MappingContext("t1", "b1",
			Instant.parse("2026-11-02T00:00:00Z"));

	private final String ann = ContactIds.forEmail("t1", "ann@example.com");

	@Test
	void orderWithThreeLineItemsIsOnePurchaseWithItsUtmAttribution() throws Exception {
		// given #1001: 2 x 12.50 + 30.00 + 4.50 + 4.95 shipping = 64.45 GBP, created 18:20:05 +0100 (BST)
		CsvRecord order = fixture().get(0);
		Instant created = Instant.parse("2025-10-25T17:20:05Z");

		// when
		List<StagedRow> rows = mapper.map(order, context);

		// then
		assertThat(order.line()).isEqualTo(2);
		assertThat(rows).containsExactly(
				new Contact("t1", ann, "ann@example.com", "Ann", "Archer", null, null, created, "shopify", "b1"),
				new Purchase("t1", "shopify:6123456789012", ann, created, 6445, "GBP", null, null, "paid", "shopify",
						FILE + ":2", "b1"),
				new Touchpoint("t1", "shopify:6123456789012:attribution", ann, null, null, "order_attribution",
						"/collections/knitwear?utm_source=google&utm_campaign=autumn_knits", null, "google", "autumn_knits",
						created, "shopify", FILE + ":2", "b1"));
	}

	@Test
	void furtherLineItemsOfAnOrderAreFiltered() throws Exception {
		// given the rows after #1001's and #1004's first rows: Financial Status and Total empty
		List<CsvRecord> records = fixture();

		// when / then
		for (int index : new int[] { 1, 2, 6 }) {
			CsvRecord lineItem = records.get(index);
			assertThat(lineItem.get("Lineitem name")).isNotBlank();
			assertThat(mapper.map(lineItem, context)).as("line %d", lineItem.line()).isEmpty();
		}
		assertThat(records).extracting(CsvRecord::line).containsExactly(2L, 7L, 8L, 9L, 11L, 12L, 14L);
	}

	@Test
	void partialRefundIsACumulativeRefundDatedAtTheOrderWhenNotCancelled() throws Exception {
		// given #1002: 80.00 GBP, 25.00 refunded, created 01:45:00 +0100 = 00:45:00 UTC, e-mail BOB@Example.com
		CsvRecord order = fixture().get(3);
		String bob = ContactIds.forEmail("t1", "bob@example.com");
		Instant created = Instant.parse("2025-10-26T00:45:00Z");

		// when
		List<StagedRow> rows = mapper.map(order, context);

		// then the gift-message Note Attributes carry no UTMs, so there is no touchpoint
		assertThat(rows).containsExactly(
				new Contact("t1", bob, "bob@example.com", "Bob", "van der Berg", null, null, created, "shopify", "b1"),
				new Purchase("t1", "shopify:61234567890123", bob, created, 8000, "GBP", null, null, "partially_refunded",
						"shopify", FILE + ":9", "b1"),
				new Refund("t1", "shopify:61234567890123:refunded:2500", "shopify:61234567890123", bob, created, -2500,
						"GBP", true, "shopify", FILE + ":9", "b1"));
	}

	@Test
	void cancelledTestOrderAfterTheClockChangeIsRefundedAtCancelledAt() throws Exception {
		// given #1003: 19.99 GBP fully refunded, created 01:15:00 +0000 (GMT), cancelled 09:30:12 +0000,
		// paid with "(for testing) Bogus Gateway"
		List<CsvRecord> records = fixture();
		CsvRecord order = records.get(4);
		String cat = ContactIds.forEmail("t1", "cat@example.com");
		Instant created = Instant.parse("2025-10-26T01:15:00Z");

		// when
		List<StagedRow> rows = mapper.map(order, context);

		// then
		assertThat(order.get("Payment Method")).isEqualTo("(for testing) Bogus Gateway");
		assertThat(rows).containsExactly(
				new Contact("t1", cat, "cat@example.com", "Cat", null, null, null, created, "shopify", "b1"),
				new Purchase("t1", "shopify:6123456789020", cat, created, 1999, "GBP", null, null, "refunded", "shopify",
						FILE + ":11", "b1"),
				new Refund("t1", "shopify:6123456789020:refunded:1999", "shopify:6123456789020", cat,
						Instant.parse("2025-10-26T09:30:12Z"), -1999, "GBP", true, "shopify", FILE + ":11", "b1"));
		// and 01:15 GMT, earlier on the wall clock than #1002's 01:45 BST, is 30 minutes later
		Purchase earlier = (Purchase) mapper.map(records.get(3), context).get(1);
		assertThat(((Purchase) rows.get(1)).occurredAt()).isEqualTo(earlier.occurredAt().plusSeconds(30 * 60));
	}

	@Test
	void pendingOrderIsFilteredWithItsAttribution() throws Exception {
		// given #1004: pending (cash on delivery), with UTMs
		CsvRecord order = fixture().get(5);

		// when / then
		assertThat(order.get("Financial Status")).isEqualTo("pending");
		assertThat(mapper.map(order, context)).isEmpty();
	}

	@Test
	void curlyApostropheAndEmptyAsQuotesCellsAreReadAsWritten() throws Exception {
		// given
		List<CsvRecord> records = fixture();

		// when
		CsvRecord socks = records.get(0);
		CsvRecord testOrder = records.get(4);

		// then
		assertThat(socks.header().size()).isEqualTo(79);
		assertThat(socks.get("Lineitem name")).isEqualTo("Builder\u2019s Wool Socks");
		assertThat(testOrder.get("Discount Code")).isEmpty();
		assertThat(testOrder.rawText()).contains(",\"\",0.00,\"\",2025-10-26 01:15:00 +0000,");
	}

	@Test
	void olderSeventyTwoColumnExportKeysAnOrderWithoutIdByItsName() throws Exception {
		// given #0998 in the 72-column layout with an empty Id: 15.00 GBP at 12:00:00 +0100
		CsvRecord order = oldFixture().get(0);

		// when
		List<StagedRow> rows = mapper.map(order, context);

		// then
		assertThat(order.header().size()).isEqualTo(72);
		assertThat(rows).filteredOn(Purchase.class::isInstance).singleElement()
			.isEqualTo(new Purchase("t1", "shopify:name:#0998", ann, Instant.parse("2025-10-20T11:00:00Z"), 1500, "GBP",
					null, null, "paid", "shopify", OLD_FILE + ":2", "b1"));
	}

	@Test
	void anIdASpreadsheetRewroteInScientificNotationIsQuarantinedSayingWhatToDo() throws Exception {
		// given #0999 with Id 6.12346E+12
		CsvRecord order = oldFixture().get(1);

		// when / then
		assertThatThrownBy(() -> mapper.map(order, context)).isInstanceOf(MalformedRecordException.class)
			.hasMessageContaining(OLD_FILE + " line 3")
			.satisfies(ex -> assertThat(((MalformedRecordException) ex).reason())
				.startsWith("Id: '6.12346E+12' is in scientific notation")
				.contains("export the orders from Shopify again"));
	}

	@Test
	void badValuesAreQuarantinedNamingTheColumn() throws Exception {
		// given one bad value per record
		List<CsvRecord> records = inline("Name,Email,Financial Status,Total,Currency,Created at,Refunded Amount,Id\n"
				+ "#1,not-an-email,paid,10.00,GBP,2025-12-06 11:39:30 +0000,,1\n"
				+ "#2,a@example.com,paid,\"1,234.00\",GBP,2025-12-06 11:39:30 +0000,,2\n"
				+ "#3,a@example.com,paid,10.00,GBP,2025-12-06 11:39:30 +0000,10.01,3\n"
				+ "#4,a@example.com,paid,10.00,GBP,06/12/2025 11:39,,4\n"
				+ "#5,a@example.com,paid,10.00,XXX,2025-12-06 11:39:30 +0000,,5\n"
				+ "#6,a@example.com,on_hold,10.00,GBP,2025-12-06 11:39:30 +0000,,6\n"
				+ "#7,a@example.com,,10.00,GBP,2025-12-06 11:39:30 +0000,,7\n"
				+ "#8,a@example.com,paid,10.00,GBP,2025-12-06 11:39:30 +0000,,#8\n"
				+ "#9,a@example.com,paid,10.00,GBP,,,9\n" + "#10,a@example.com,paid,-10.00,GBP,2025-12-06 11:39:30 +0000,,10\n");

		// when / then
		assertThat(records).extracting(this::reason).containsExactly(
				"Email: 'not-an-email' is not an e-mail address",
				"Total: amount '1,234.00' is not a plain decimal number",
				"Refunded Amount: 10.01 is outside 0..10.00 (the order's Total)",
				"Created at: unreadable timestamp '06/12/2025 11:39'",
				"Currency: unknown currency 'XXX'",
				"Financial Status: unknown value 'on_hold' (expected paid, partially_paid, partially_refunded, refunded,"
						+ " pending, authorized or voided)",
				"Financial Status: empty on an order row (Total is 10.00); only further line items of an order leave both empty",
				"Id: '#8' is not a Shopify order id (digits only)",
				"empty Created at",
				"Total: an order total cannot be negative (-10.00)");
	}

	@Test
	void anOrderWithoutEmailHasAContactOfItsOwnAndOnlyALandingPageIsStillAnAttribution() throws Exception {
		// given a POS-style order without e-mail whose Note Attributes (CRLF, mixed-case keys, a URL value
		// with colons) name only the landing page
		List<CsvRecord> records = inline("Name,Email,Financial Status,Total,Currency,Created at,Billing Name,Note Attributes,Id\n"
				+ "#7,,Paid,12.00,gbp,2025-12-06 11:39:30 +0000,,\"Landing_Page : https://shop.example/a?b=c:d\r\n"
				+ "note without colon\r\nutm_source:\r\nlanding_page: /second\",5555555555555\n");
		String contactId = ContactIds.forExternalId("t1", "shopify", "order", "5555555555555");
		Instant created = Instant.parse("2025-12-06T11:39:30Z");

		// when
		List<StagedRow> rows = mapper.map(records.get(0), context);

		// then
		assertThat(rows).containsExactly(
				new Contact("t1", contactId, null, null, null, null, null, created, "shopify", "b1"),
				new Purchase("t1", "shopify:5555555555555", contactId, created, 1200, "GBP", null, null, "paid", "shopify",
						"shopify/inline.csv:2", "b1"),
				new Touchpoint("t1", "shopify:5555555555555:attribution", contactId, null, null, "order_attribution",
						"https://shop.example/a?b=c:d", null, null, null, created, "shopify", "shopify/inline.csv:2", "b1"));
	}

	@Test
	void aFileWithoutCreatedAtIsRejectedNamingTheColumn() throws Exception {
		// given
		List<CsvRecord> records = inline("Name,Email,Financial Status,Total,Currency\n#1,a@example.com,paid,1.00,GBP\n");

		// when / then
		assertThatThrownBy(() -> records.get(0).header().require(mapper.format().requiredColumns()))
			.isInstanceOf(MalformedFileException.class)
			.hasMessageContaining("'Created at'")
			.hasMessageContaining("shopify/inline.csv");
	}

	private String reason(CsvRecord record) {
		try {
			mapper.map(record, context);
			return "mapped";
		}
		catch (MalformedRecordException ex) {
			assertThat(ex.line()).isEqualTo(record.line());
			assertThat(ex.rawText()).isEqualTo(record.rawText());
			return ex.reason();
		}
	}

	private static List<CsvRecord> fixture() throws Exception {
		return CsvRecords.resource("shopify", FILE, "/fixtures/shopify/orders_export_1.csv");
	}

	private static List<CsvRecord> oldFixture() throws Exception {
		return CsvRecords.resource("shopify", OLD_FILE, "/fixtures/shopify/orders_export_72_columns.csv");
	}

	private static List<CsvRecord> inline(String csv) throws Exception {
		return CsvRecords.text("shopify", "shopify/inline.csv", csv);
	}
}
