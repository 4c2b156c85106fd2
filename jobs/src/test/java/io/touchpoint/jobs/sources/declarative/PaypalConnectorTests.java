package io.touchpoint.jobs.sources.declarative;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

import io.touchpoint.jobs.model.ContactIds;
import io.touchpoint.jobs.model.Purchase;
import io.touchpoint.jobs.model.Refund;
import io.touchpoint.jobs.support.VendorApiServer;
import io.touchpoint.jobs.support.VendorApiServer.Request;
import io.touchpoint.jobs.support.VendorApiServer.Response;

/**
 * The built-in PayPal connector against a local server answering like PayPal: {@code POST /v1/oauth2/token}
 * (client credentials in basic auth, {@code grant_type=client_credentials}) and {@code GET
 * /v1/reporting/transactions} with {@code start_date}/{@code end_date} ({@code 2026-10-01T00:00:00+0000}, at
 * most 31 days apart, else a 400), {@code page}/{@code page_size} and {@code total_pages}, transactions as in
 * https://developer.paypal.com/docs/api/transaction-search/v1/ (T0006 a checkout payment, T1107 its refund).
 */
class PaypalConnectorTests {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private static final VendorApiServer SERVER = VendorApiServer.INSTANCE;

	private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ssxx");

	@AfterEach
	void clearFaults() {
		SERVER.clearFaults();
	}

	private record Paypal(List<ObjectNode> transactions) implements VendorApiServer.Handler {

		@Override
		public Response handle(Request request) {
			if (request.path().equals("/v1/oauth2/token")) {
				String basic = "Basic " + Base64.getEncoder().encodeToString("client-1:S3CRET".getBytes(StandardCharsets.UTF_8));
				if (!basic.equals(request.headers().get("authorization"))
						|| !request.body().startsWith("grant_type=client_credentials")
						|| !request.headers().get("content-type").startsWith("application/x-www-form-urlencoded")) {
					return Response.status(401, "{\"error\":\"invalid_client\"}");
				}
				return Response.json("{\"scope\":\"https://uri.paypal.com/services/reporting/search/read\","
						+ "\"access_token\":\"A21AAF_token\",\"token_type\":\"Bearer\",\"expires_in\":32400}");
			}
			if (!"Bearer A21AAF_token".equals(request.headers().get("authorization"))) {
				return Response.status(401, "{\"error\":\"invalid_token\"}");
			}
			Instant start = OffsetDateTime.parse(request.param("start_date"), DATE).toInstant();
			Instant end = OffsetDateTime.parse(request.param("end_date"), DATE).toInstant();
			if (Duration.between(start, end).compareTo(Duration.ofDays(31)) > 0) {
				return Response.status(400, "{\"name\":\"INVALID_REQUEST\",\"message\":\"Date range is greater than 31 days\"}");
			}
			List<ObjectNode> matching = new ArrayList<>(transactions);
			matching.removeIf(t -> time(t).isBefore(start) || !time(t).isBefore(end));
			matching.sort(Comparator.comparing(Paypal::time));
			int size = Integer.parseInt(request.param("page_size"));
			int page = Integer.parseInt(request.param("page"));
			int from = (page - 1) * size;
			ObjectNode body = JSON.createObjectNode();
			body.putArray("transaction_details").addAll(matching.subList(Math.min(from, matching.size()),
					Math.min(from + size, matching.size())));
			body.put("account_number", "XZXSPECYZZHXK").put("start_date", request.param("start_date"))
				.put("end_date", request.param("end_date")).put("page", page).put("total_items", matching.size())
				.put("total_pages", Math.max(1, (matching.size() + size - 1) / size));
			return Response.json(JSON.writeValueAsString(body));
		}

		private static Instant time(ObjectNode transaction) {
			return OffsetDateTime.parse(transaction.get("transaction_info").get("transaction_initiation_date").asString(),
					DATE).toInstant();
		}
	}

	private static ObjectNode transaction(String id, String code, String reference, String value, String date,
			String email) {
		ObjectNode transaction = JSON.createObjectNode();
		ObjectNode info = transaction.putObject("transaction_info");
		info.put("paypal_account_id", "6STWC2LSUYYYE").put("transaction_id", id).put("transaction_event_code", code)
			.put("transaction_initiation_date", date).put("transaction_updated_date", date)
			.put("transaction_status", "S");
		if (reference != null) {
			info.put("paypal_reference_id", reference).put("paypal_reference_id_type", "TXN");
		}
		info.putObject("transaction_amount").put("currency_code", "USD").put("value", value);
		ObjectNode payer = transaction.putObject("payer_info");
		payer.put("account_id", "PAYER" + email.length()).put("email_address", email).put("address_status", "Y");
		payer.putObject("payer_name").put("given_name", "Ann").put("surname", "Lee");
		return transaction;
	}

	@Test
	void splitsTheWindowIntoQueriesOf31DaysAndPagesEachToItsTotalThroughA429AndARestart() throws Exception {
		String route = "paypal-tx/paypal";
		SERVER.route(route, new Paypal(List.of(
				transaction("1AB", "T0006", null, "20.00", "2026-10-02T10:00:00+0000", "ann@example.com"),
				transaction("2CD", "T0006", null, "15.50", "2026-10-15T10:00:00+0000", "bob@example.com"),
				transaction("3EF", "T1107", "1AB", "-5.00", "2026-10-20T10:00:00+0000", "ann@example.com"),
				transaction("4GH", "T0400", null, "-30.00", "2026-10-25T10:00:00+0000", "ann@example.com"),
				transaction("5IJ", "T0006", null, "7.25", "2026-11-05T10:00:00-0500", "cat@example.com"))));
		SERVER.failNext(request -> "2".equals(request.param("page")),
				new Response(429, Map.of("Retry-After", "1"), "{\"name\":\"RATE_LIMIT_REACHED\"}"));
		DeclarativeApiSource paypal = StreamRun.builtIn("paypal");
		StreamRun run = new StreamRun(paypal, "acme", "payments", StreamRun.connection(SERVER.baseUrl(route), "S3CRET",
				2, Map.of("client-id", "client-1")), Instant.parse("2026-10-01T00:00:00Z"),
				Instant.parse("2026-11-11T00:00:00Z"));

		run.page();
		StreamRun restarted = run.restart().all();

		// [10-01, 11-01): pages 1 and 2 (a 429 first); then [11-01, 11-11): page 1; one token for both runs' source
		assertThat(SERVER.requests(route)).filteredOn(r -> r.path().equals("/v1/reporting/transactions"))
			.extracting(r -> r.param("start_date") + " " + r.param("end_date") + " " + r.param("page"))
			.containsExactly("2026-10-01T00:00:00+0000 2026-11-01T00:00:00+0000 1",
					"2026-10-01T00:00:00+0000 2026-11-01T00:00:00+0000 2",
					"2026-10-01T00:00:00+0000 2026-11-01T00:00:00+0000 2",
					"2026-11-01T00:00:00+0000 2026-11-11T00:00:00+0000 1");
		assertThat(SERVER.requests(route)).filteredOn(r -> r.path().equals("/v1/oauth2/token")).hasSize(1);
		assertThat(restarted.waits).contains(Duration.ofSeconds(1));
		assertThat(restarted.pages).isEqualTo(3);
		assertThat(restarted.rows).filteredOn(Purchase.class::isInstance).map(Purchase.class::cast)
			.extracting(p -> p.purchaseKey() + " " + p.contactId() + " " + p.occurredAt() + " " + p.amountMinor() + " "
					+ p.currency() + " " + p.paymentRef())
			.containsExactly(
					"paypal:1AB " + ContactIds.forEmail("acme", "ann@example.com") + " 2026-10-02T10:00:00Z 2000 USD paypal:1AB",
					"paypal:2CD " + ContactIds.forEmail("acme", "bob@example.com") + " 2026-10-15T10:00:00Z 1550 USD paypal:2CD",
					"paypal:5IJ " + ContactIds.forEmail("acme", "cat@example.com") + " 2026-11-05T15:00:00Z 725 USD paypal:5IJ");

		StreamRun refunds = new StreamRun(paypal, "acme", "refunds", run.connection, run.from, run.to).all();

		assertThat(refunds.rows).containsExactly(new Refund("acme", "paypal:3EF", "paypal:1AB",
				ContactIds.forEmail("acme", "ann@example.com"), Instant.parse("2026-10-20T10:00:00Z"), -500, "USD", false,
				"paypal", "api/paypal/refunds/page-00002.jsonl:1", "batch-1"));
	}
}
