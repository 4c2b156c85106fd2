package io.touchpoint.readers.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** {@link ApiClient} against a real local HTTP server that answers from a script of responses. */
class ApiClientTests {

	private static final RetryPolicy POLICY = new RetryPolicy(4, Duration.ofMillis(100), Duration.ofSeconds(1),
			Duration.ofSeconds(30), Duration.ofSeconds(2));

	private HttpServer server;

	/** What the server answers, in order; the last answer repeats. */
	private final Deque<Answer> script = new ArrayDeque<>();

	private final List<String> authorizations = new CopyOnWriteArrayList<>();

	private final List<List<String>> contentTypes = new CopyOnWriteArrayList<>();

	private final List<Duration> waits = new ArrayList<>();

	private final Sleeper recording = waits::add;

	/** Released when a test ends: an answer that {@code blocks} holds its exchange until then (a hung server). */
	private final java.util.concurrent.CountDownLatch release = new java.util.concurrent.CountDownLatch(1);

	record Answer(int status, Map<String, String> headers, String body, boolean blocks) {
		Answer(int status, String body) {
			this(status, Map.of(), body, false);
		}
	}

	@BeforeEach
	void start() throws IOException {
		server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
		server.createContext("/", exchange -> {
			authorizations.add(exchange.getRequestHeaders().getFirst("Authorization"));
			contentTypes.add(List.copyOf(exchange.getRequestHeaders().getOrDefault("Content-Type", List.of())));
			Answer answer;
			synchronized (script) {
				answer = script.size() > 1 ? script.poll() : script.peek();
			}
			if (answer.blocks()) {
				try {
					release.await(30, java.util.concurrent.TimeUnit.SECONDS);
				}
				catch (InterruptedException ex) {
					Thread.currentThread().interrupt();
				}
			}
			answer.headers().forEach((name, value) -> exchange.getResponseHeaders().add(name, value));
			byte[] body = answer.body().getBytes(StandardCharsets.UTF_8);
			exchange.sendResponseHeaders(answer.status(), body.length == 0 ? -1 : body.length);
			if (body.length > 0) {
				exchange.getResponseBody().write(body);
			}
			exchange.close();
		});
		server.setExecutor(java.util.concurrent.Executors.newCachedThreadPool());
		server.start();
	}

	@AfterEach
	void stop() {
		release.countDown();
		server.stop(0);
	}

	private ApiRequest request(String pathAndQuery) {
		URI uri = URI.create("http://127.0.0.1:" + server.getAddress().getPort() + pathAndQuery);
		return ApiRequest.get(uri, Map.of("Authorization", "Bearer sk_live_SECRET123"), "stripe charges page 2 of tenant acme");
	}

	private RequestBudget budget(int max) {
		return new RequestBudget("tenant acme, source stripe", max, 0, recording, 0);
	}

	@Test
	void aPostBodyIsJsonUnlessTheRequestNamesItsOwnContentType() throws Exception {
		script.add(new Answer(200, "{}"));
		ApiClient client = new ApiClient(POLICY, recording);
		RequestBudget budget = new RequestBudget("tenant acme", 10, 0, recording, 0);

		URI uri = request("/search").uri();
		client.send(ApiRequest.post(uri, Map.of(), "{\"a\":1}", "a search"), budget);
		client.send(ApiRequest.post(uri, Map.of("Content-Type", "application/x-www-form-urlencoded"),
				"grant_type=client_credentials", "a token"), budget);

		assertThat(contentTypes).containsExactly(List.of("application/json"),
				List.of("application/x-www-form-urlencoded"));
	}

	@Test
	void waitsTheRetryAfterOfA429ThenSucceeds() throws Exception {
		script.add(new Answer(429, Map.of("Retry-After", "7"), "{\"error\":\"rate\"}", false));
		script.add(new Answer(200, "{\"data\":[]}"));
		ApiResponse response = new ApiClient(POLICY, recording).send(request("/v1/charges"), budget(10));

		assertThat(response.text()).isEqualTo("{\"data\":[]}");
		assertThat(waits).containsExactly(Duration.ofSeconds(7));
		assertThat(authorizations).containsExactly("Bearer sk_live_SECRET123", "Bearer sk_live_SECRET123");
	}

	@Test
	void retriesA500WithABackoffWithinTheJitterBounds() throws Exception {
		script.add(new Answer(500, "oops"));
		script.add(new Answer(503, ""));
		script.add(new Answer(200, "{}"));
		new ApiClient(POLICY, recording).send(request("/v1/charges"), budget(10));

		assertThat(authorizations).hasSize(3);
		// attempt 1: between 50 and 100 ms; attempt 2: between 100 and 200 ms
		assertThat(waits).hasSize(2);
		assertThat(waits.get(0).toMillis()).isBetween(50L, 100L);
		assertThat(waits.get(1).toMillis()).isBetween(100L, 200L);
	}

	@Test
	void givesUpAfterTheLastAttemptNamingThePageAndWhatToDoWithoutTheToken() {
		script.add(new Answer(502, "bad gateway"));
		assertThatThrownBy(() -> new ApiClient(POLICY, recording)
			.send(request("/v1/charges?starting_after=ch_9&access_token=tok_SECRET456"), budget(10)))
			.isInstanceOf(ApiException.class)
			.hasMessageStartingWith("stripe charges page 2 of tenant acme: gave up after 4 attempt(s), the last: HTTP 502")
			.hasMessageContaining("starting_after=ch_9")
			.hasMessageContaining("access_token=****")
			.hasMessageContaining("restart the execution")
			.hasMessageNotContaining("SECRET");
		assertThat(authorizations).hasSize(4);
		assertThat(waits).hasSize(3);
	}

	@Test
	void aClientErrorFailsAtOnceWithAdvice() {
		script.add(new Answer(401, "{\"error\":{\"message\":\"Invalid API Key provided\"}}"));
		assertThatThrownBy(() -> new ApiClient(POLICY, recording).send(request("/v1/charges"), budget(10)))
			.isInstanceOf(ApiException.class)
			.hasMessageContaining("HTTP 401")
			.hasMessageContaining("Invalid API Key provided")
			.hasMessageContaining("check the connection's token")
			.satisfies(ex -> assertThat(((ApiException) ex).status()).isEqualTo(401));
		assertThat(authorizations).hasSize(1);
		assertThat(waits).isEmpty();
	}

	@Test
	void aRetryAfterLongerThanTheMaximumFailsInsteadOfHanging() {
		script.add(new Answer(429, Map.of("Retry-After", "3600"), "", false));
		assertThatThrownBy(() -> new ApiClient(POLICY, recording).send(request("/v1/charges"), budget(10)))
			.isInstanceOf(ApiException.class)
			.hasMessageContaining("Retry-After 3600 s")
			.hasMessageContaining("resumes at this page");
		assertThat(waits).isEmpty();
	}

	@Test
	void aSlowServerTimesOutAndIsRetried() throws Exception {
		script.add(new Answer(200, Map.of(), "{\"slow\":true}", true));
		script.add(new Answer(200, "{\"slow\":false}"));
		RetryPolicy quick = new RetryPolicy(3, Duration.ofMillis(10), Duration.ofMillis(10), Duration.ofSeconds(1),
				Duration.ofMillis(500));
		ApiResponse response = new ApiClient(quick, recording).send(request("/v1/charges"), budget(10));

		assertThat(response.text()).isEqualTo("{\"slow\":false}");
		assertThat(waits).hasSize(1);
	}

	@Test
	void theBudgetCountsRetriesAndStopsTheRun() {
		script.add(new Answer(500, ""));
		RequestBudget budget = new RequestBudget("tenant acme, source stripe", 2, 0, recording, 0);
		assertThatThrownBy(() -> new ApiClient(POLICY, recording).send(request("/v1/charges"), budget))
			.isInstanceOf(RequestBudget.BudgetExhaustedException.class)
			.hasMessageContaining("request budget of 2 request(s) for tenant acme, source stripe is used up");
		assertThat(authorizations).hasSize(2);
	}

	@Test
	void aBudgetRestoredFromAnEarlierExecutionKeepsCounting() throws Exception {
		RequestBudget budget = new RequestBudget("tenant acme, source stripe", 5, 0, recording, 5);
		assertThatThrownBy(() -> budget.acquire("stripe charges page 9 of tenant acme"))
			.isInstanceOf(RequestBudget.BudgetExhaustedException.class)
			.hasMessageStartingWith("stripe charges page 9 of tenant acme:");
	}

	@Test
	void theBudgetPacesRequestsToItsRate() throws Exception {
		long[] now = { 0 };
		Sleeper advancing = duration -> {
			waits.add(duration);
			now[0] += duration.toNanos();
		};
		RequestBudget budget = new RequestBudget("t", 10, 2.0, advancing, 0, () -> now[0]);
		budget.acquire("a");
		now[0] += 100_000_000L; // the caller spent 100 ms on the first request
		budget.acquire("b");
		budget.acquire("c");
		// two requests per second: b waits the rest of its 500 ms slot, c a whole slot
		assertThat(waits).containsExactly(Duration.ofMillis(400), Duration.ofMillis(500));
	}

	@Test
	void requestsPrintWithoutHeaderValuesOrSecretParameters() {
		ApiRequest request = request("/v1/x?after=abc&api_key=k_SECRET&limit=100");
		assertThat(request.toString()).contains("after=abc", "api_key=****", "limit=100", "Authorization")
			.doesNotContain("SECRET");
	}
}
