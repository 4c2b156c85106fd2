package io.touchpoint.jobs.bench;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Writes N realistic export rows into an inbox ({@code <inbox>/<source>/<file>.csv}), streamed row by row:
 * real header names, RFC 4180 quoting where a value needs it (names with commas, descriptions with
 * quotes), the sources' own timestamp formats. Deterministic for a seed; no line break inside a quoted
 * field, so the floor can split the files at line boundaries.
 */
final class ExportGenerator {

	static final String HUBSPOT_HEADER = "Record ID,First Name,Last Name,Email,Phone Number,Lifecycle Stage,Create Date,"
			+ "Last Modified Date,Tags";

	static final String STRIPE_HEADER = "id,Created date (UTC),Amount,Amount Refunded,Currency,Captured,Converted Amount,"
			+ "Converted Amount Refunded,Converted Currency,Decline Reason,Description,Fee,Refunded date (UTC),"
			+ "Statement Descriptor,Status,Seller Message,Customer ID,Customer Description,Customer Email,plan (metadata)";

	static final String SEGMENT_HEADER = "id,anonymous_id,user_id,timestamp,event,event_text,context_page_url,"
			+ "context_campaign_source,context_campaign_name,context_traits_email";

	private static final String[] FIRST = { "Ada", "Bruno", "Chloé", "Dmitri", "Eve", "Farah", "Gus", "Hana", "Ivo",
			"Jules", "Kenji", "Léa", "Mo", "Noor", "Otto", "Priya" };

	private static final String[] LAST = { "Martin", "O'Brien", "Smith, Jr.", "Nguyen", "García", "Kowalski", "Ng",
			"Dubois", "Rossi", "Okafor", "Schmidt", "Silva" };

	private static final String[] TAGS = { "newsletter", "webinar-2026-q3", "trial", "pricing-page", "demo-request",
			"ebook:growth", "partner referral", "event:saastr", "churn-risk", "beta", "vip", "abandoned-cart" };

	private static final String[] STAGES = { "Subscriber", "Lead", "Marketing Qualified Lead", "Customer" };

	private static final String[] EVENTS = { "Signed Up", "Viewed Pricing", "Started Trial", "Clicked Ad",
			"Downloaded Ebook", "Requested Demo" };

	private static final String[] CAMPAIGNS = { "spring_sale", "brand", "retargeting", "webinar", "newsletter" };

	private static final String[] CHANNELS = { "google", "facebook", "linkedin", "newsletter", "" };

	private static final String[] PRICES = { "19.00", "49.00", "99.00", "249.00", "12.50" };

	private final long rows;

	private final BenchShape shape;

	private final LocalDate date;

	private final long seed;

	ExportGenerator(long rows, BenchShape shape, LocalDate date, long seed) {
		if (rows < 1) {
			throw new IllegalArgumentException("--rows must be 1 or more, not " + rows);
		}
		this.rows = rows;
		this.shape = shape;
		this.date = date;
		this.seed = seed;
	}

	/** The generated files, and their rows (records) and bytes in total. */
	record Export(List<Path> files, long rows, long bytes) {
	}

	Export writeTo(Path inbox) throws IOException {
		List<Path> files = new ArrayList<>();
		long tagRows = switch (shape) {
			case tags -> rows;
			case mixed -> rows * 4 / 10;
			default -> 0;
		};
		long purchaseRows = switch (shape) {
			case purchases -> rows;
			case mixed -> rows * 3 / 10;
			default -> 0;
		};
		long touchpointRows = rows - tagRows - purchaseRows;
		if (tagRows > 0) {
			files.add(write(inbox.resolve("hubspot/hubspot-crm-exports-all-contacts-" + date + ".csv"), HUBSPOT_HEADER,
					tagRows, this::hubspotRow));
		}
		if (purchaseRows > 0) {
			files.add(write(inbox.resolve("stripe/unified_payments-" + date + ".csv"), STRIPE_HEADER, purchaseRows,
					this::stripeRow));
		}
		if (touchpointRows > 0) {
			files.add(write(inbox.resolve("segment/tracks-" + date + ".csv"), SEGMENT_HEADER, touchpointRows,
					this::segmentRow));
		}
		long bytes = 0;
		for (Path file : files) {
			bytes += Files.size(file);
		}
		return new Export(List.copyOf(files), rows, bytes);
	}

	private interface RowWriter {

		void write(long n, SplittableRandom random, Csv out) throws IOException;
	}

	private Path write(Path file, String header, long count, RowWriter row) throws IOException {
		Files.createDirectories(file.getParent());
		SplittableRandom random = new SplittableRandom(seed ^ file.getFileName().toString().hashCode());
		try (Writer writer = new BufferedWriter(Files.newBufferedWriter(file, StandardCharsets.UTF_8), 1 << 16)) {
			writer.write(header);
			writer.write("\r\n");
			Csv out = new Csv(writer);
			for (long n = 1; n <= count; n++) {
				row.write(n, random, out);
				out.end();
			}
		}
		return file;
	}

	/** One contact per row, 0 to 4 distinct tags; the person n is the same one in every source. */
	private void hubspotRow(long n, SplittableRandom random, Csv out) throws IOException {
		String first = FIRST[(int) (n % FIRST.length)];
		out.field(Long.toString(7_000_000 + n)).field(first).field(LAST[(int) (n / FIRST.length % LAST.length)])
			.field(email(n)).field("+1 555 01" + (10 + n % 89)).field(STAGES[random.nextInt(STAGES.length)])
			.field(minute(date.minusDays(30 + n % 200).atTime(9, 0).plusMinutes(random.nextInt(600))))
			.field(minute(date.atTime(0, 0).plusMinutes(random.nextInt(1440))));
		int count = random.nextInt(5);
		StringBuilder tags = new StringBuilder();
		int start = random.nextInt(TAGS.length);
		for (int t = 0; t < count; t++) {
			tags.append(t == 0 ? "" : ";").append(TAGS[(start + t * 5) % TAGS.length]);
		}
		out.field(tags.toString());
	}

	/** A paid charge of person n/3 (a customer buys about three times); one in twenty partly refunded. */
	private void stripeRow(long n, SplittableRandom random, Csv out) throws IOException {
		long person = 1 + n / 3;
		String price = PRICES[random.nextInt(PRICES.length)];
		boolean refunded = random.nextInt(20) == 0;
		String refund = refunded ? price : "0.00";
		out.field("ch_3" + Long.toString(seed & 0xffff, 36) + Long.toString(1_000_000_000L + n, 36))
			.field(second(date.atTime(0, 0).plusSeconds(random.nextInt(86_400))))
			.field(price).field(refund).field("usd").field("true").field(price).field(refund).field("usd").field("")
			.field("Subscription update \"pro\", monthly").field("0.85")
			.field(refunded ? second(date.atTime(23, 10)) : "").field("ACME.EXAMPLE")
			.field(refunded ? "Refunded" : "Paid").field("Payment complete.").field("cus_" + (100_000 + person))
			.field("").field(email(person)).field("pro");
	}

	/** A tracked event of person n/5 with its campaign. */
	private void segmentRow(long n, SplittableRandom random, Csv out) throws IOException {
		long person = 1 + n / 5;
		String event = EVENTS[random.nextInt(EVENTS.length)];
		int campaign = random.nextInt(CAMPAIGNS.length);
		out.field("ajs-" + Long.toHexString(seed) + "-" + n).field("anon-" + Long.toHexString(person * 7919))
			.field(random.nextBoolean() ? "user_" + person : "")
			.field(second(date.atTime(0, 0).plusSeconds(random.nextInt(86_400))).replace(' ', 'T') + "." + (100 + random.nextInt(900))
					+ "Z")
			.field(event.toLowerCase().replace(' ', '_')).field(event)
			.field("https://www.example.com/pricing?utm_source=" + CHANNELS[campaign] + "&utm_campaign="
					+ CAMPAIGNS[campaign])
			.field(CHANNELS[campaign]).field(CAMPAIGNS[campaign]).field(random.nextBoolean() ? email(person) : "");
	}

	private static String email(long person) {
		return FIRST[(int) (person % FIRST.length)].toLowerCase().replace("é", "e") + "." + person + "@example.com";
	}

	private static String minute(LocalDateTime at) {
		return at.toString().replace('T', ' ').substring(0, 16);
	}

	private static String second(LocalDateTime at) {
		String text = at.toString().replace('T', ' ');
		return text.length() == 16 ? text + ":00" : text.substring(0, 19);
	}

	/** RFC 4180 fields on one line: quoted only when a value holds a comma or a quote. */
	private static final class Csv {

		private final Writer out;

		private boolean first = true;

		Csv(Writer out) {
			this.out = out;
		}

		Csv field(String value) throws IOException {
			if (!first) {
				out.write(',');
			}
			first = false;
			if (value.indexOf(',') >= 0 || value.indexOf('"') >= 0) {
				out.write('"');
				out.write(value.replace("\"", "\"\""));
				out.write('"');
			}
			else {
				out.write(value);
			}
			return this;
		}

		void end() throws IOException {
			out.write("\r\n");
			first = true;
		}
	}
}
