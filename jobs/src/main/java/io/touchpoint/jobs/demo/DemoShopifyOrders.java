package io.touchpoint.jobs.demo;

import java.io.IOException;
import java.io.Writer;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * The demo's Shopify admin orders export ({@code shopify/orders_export_<date>.csv}, 79 columns) for one
 * tenant and day: paid orders of some of the tenant's people (the first with three line items, one row
 * each, order columns on the first row only; some with UTMs in a multi-line Note Attributes cell), a
 * pending cash-on-delivery order, an order from four weeks earlier that was partially refunded today
 * (so its offset is the other side of a daylight-saving change when the demo dates are in November),
 * and on the first day an {@code Id} a spreadsheet rewrote as {@code 5.60101E+12}. Times are shop time
 * in the tenant's zone with their {@code +HHMM} offset; money is in the tenant's currency.
 */
final class DemoShopifyOrders {

	static final List<String> HEADER = List.of("Name", "Email", "Financial Status", "Paid at", "Fulfillment Status",
			"Fulfilled at", "Accepts Marketing", "Currency", "Subtotal", "Shipping", "Taxes", "Total", "Discount Code",
			"Discount Amount", "Shipping Method", "Created at", "Lineitem quantity", "Lineitem name", "Lineitem price",
			"Lineitem compare at price", "Lineitem sku", "Lineitem requires shipping", "Lineitem taxable",
			"Lineitem fulfillment status", "Billing Name", "Billing Street", "Billing Address1", "Billing Address2",
			"Billing Company", "Billing City", "Billing Zip", "Billing Province", "Billing Country", "Billing Phone",
			"Shipping Name", "Shipping Street", "Shipping Address1", "Shipping Address2", "Shipping Company",
			"Shipping City", "Shipping Zip", "Shipping Province", "Shipping Country", "Shipping Phone", "Notes",
			"Note Attributes", "Cancelled at", "Payment Method", "Payment Reference", "Refunded Amount", "Vendor",
			"Outstanding Balance", "Employee", "Location", "Device ID", "Id", "Tags", "Risk Level", "Source",
			"Lineitem discount", "Tax 1 Name", "Tax 1 Value", "Tax 2 Name", "Tax 2 Value", "Tax 3 Name", "Tax 3 Value",
			"Tax 4 Name", "Tax 4 Value", "Tax 5 Name", "Tax 5 Value", "Phone", "Receipt Number", "Duties",
			"Billing Province Name", "Shipping Province Name", "Payment ID", "Payment Terms Name", "Next Payment Due At",
			"Payment References");

	private static final String[] PRODUCTS = { "Builder\u2019s Starter Kit", "Pro Plan Box", "Team Bundle",
			"Field Guide (2nd ed.)" };

	private static final DateTimeFormatter SHOP_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss xx");

	private final DemoExports.Tenant tenant;

	private final LocalDate date;

	private final Random random;

	private final List<String> lines = new ArrayList<>();

	private DemoShopifyOrders(DemoExports.Tenant tenant, LocalDate date, Random random) {
		this.tenant = tenant;
		this.date = date;
		this.random = random;
	}

	/** Writes {@code <folder>/orders_export_<date>.csv}. */
	static void write(Path folder, DemoExports.Tenant tenant, List<DemoExports.Person> people, LocalDate date, int day,
			Random random) throws IOException {
		DemoShopifyOrders orders = new DemoShopifyOrders(tenant, date, random);
		int number = 1000 + day * 100;
		int paid = 0;
		for (DemoExports.Person p : people) {
			if (random.nextDouble() < p.propensity() * 0.12) {
				int items = paid++ == 0 ? 3 : 1 + random.nextInt(2);
				orders.order(p, ++number, "paid", orders.today(), items, false);
			}
		}
		orders.order(people.get(2 % people.size()), ++number, "pending", orders.today(), 2, false);
		orders.order(people.get((3 + day) % people.size()), 900 + day, "partially_refunded",
				ZonedDateTime.of(date.minusDays(28), LocalTime.of(10, 15), tenant.zone()), 1, false);
		if (day == 0) {
			orders.order(people.get(1 % people.size()), ++number, "paid", orders.today(), 1, true);
		}
		Files.createDirectories(folder);
		try (Writer out = Files.newBufferedWriter(folder.resolve("orders_export_" + date + ".csv"), StandardCharsets.UTF_8)) {
			out.write(String.join(",", HEADER) + "\r\n");
			for (String line : orders.lines) {
				out.write(line);
			}
		}
	}

	private ZonedDateTime today() {
		return ZonedDateTime.of(date, LocalTime.of(1 + random.nextInt(20), random.nextInt(60), random.nextInt(60)),
				tenant.zone());
	}

	private void order(DemoExports.Person p, int number, String status, ZonedDateTime created, int items,
			boolean spreadsheetId) {
		String name = "#" + number;
		String createdAt = created.format(SHOP_TIME);
		List<String> prices = new ArrayList<>();
		BigDecimal total = BigDecimal.ZERO;
		for (int i = 0; i < items; i++) {
			String price = tenant.prices().get(random.nextInt(tenant.prices().size()));
			prices.add(price);
			total = total.add(new BigDecimal(price));
		}
		String zero = tenant.currency().equals("jpy") ? "0" : "0.00";
		long id = 5_601_000_000_000L + number * 1_009L;
		Map<String, String> row = new HashMap<>();
		row.putAll(Map.of("Name", name, "Email", p.email(), "Financial Status", status, "Currency",
				tenant.currency().toUpperCase(), "Subtotal", total.toPlainString(), "Shipping", zero, "Taxes", zero, "Total",
				total.toPlainString(), "Created at", createdAt, "Id", spreadsheetId ? "5.60101E+12" : String.valueOf(id)));
		row.putAll(Map.of("Paid at", status.equals("pending") ? "" : created.plusSeconds(2).format(SHOP_TIME),
				"Fulfillment Status", status.equals("pending") ? "unfulfilled" : "fulfilled", "Accepts Marketing",
				p.tags().contains("newsletter") ? "yes" : "no", "Discount Amount", zero, "Shipping Method", "Standard",
				"Payment Method", status.equals("pending") ? "Cash on Delivery (COD)" : "Shopify Payments",
				"Outstanding Balance", status.equals("pending") ? total.toPlainString() : zero, "Risk Level", "Low",
				"Source", "web"));
		row.putAll(Map.of("Billing Name", p.first() + " " + p.last(), "Shipping Name", p.first() + " " + p.last(),
				"Billing City", "Springfield", "Shipping City", "Springfield", "Refunded Amount", zero, "Note Attributes",
				noteAttributes(p)));
		if (status.equals("partially_refunded")) {
			BigDecimal half = total.divide(BigDecimal.valueOf(2)).setScale(total.scale(), RoundingMode.DOWN);
			row.put("Refunded Amount", half.toPlainString());
			row.put("Payment ID", name + ".1 + " + name + ".2");
		}
		for (int i = 0; i < items; i++) {
			if (i > 0) {
				row = new HashMap<>(Map.of("Name", name, "Email", p.email(), "Created at", createdAt));
			}
			row.putAll(Map.of("Lineitem quantity", "1", "Lineitem name", PRODUCTS[(number + i) % PRODUCTS.length],
					"Lineitem price", prices.get(i), "Lineitem sku", "SKU-" + ((number + i) % PRODUCTS.length),
					"Lineitem requires shipping", "true", "Lineitem taxable", "true", "Lineitem fulfillment status",
					status.equals("pending") ? "pending" : "fulfilled", "Vendor", tenant.id().toUpperCase(),
					"Lineitem discount", zero));
			lines.add(line(row));
		}
	}

	/** UTMs for every second person, as a multi-line Note Attributes cell; the campaigns match Segment's. */
	private static String noteAttributes(DemoExports.Person p) {
		if (p.n() % 2 != 0) {
			return "";
		}
		int c = p.n() % DemoExports.CAMPAIGNS.length;
		return "utm_source: " + DemoExports.CHANNELS[c] + "\nutm_medium: cpc\nutm_campaign: " + DemoExports.CAMPAIGNS[c]
				+ "\nlanding_page: /products/starter-kit?utm_source=" + DemoExports.CHANNELS[c] + "\nip_address: 203.0.113."
				+ p.n() % 250;
	}

	private static String line(Map<String, String> row) {
		String[] fields = new String[HEADER.size()];
		for (int i = 0; i < fields.length; i++) {
			fields[i] = row.getOrDefault(HEADER.get(i), "");
		}
		return DemoExports.csv(fields);
	}
}
