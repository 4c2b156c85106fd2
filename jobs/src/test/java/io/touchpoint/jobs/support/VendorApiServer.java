package io.touchpoint.jobs.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.function.Predicate;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * A real HTTP server on localhost, one per test JVM, serving vendor-shaped API pages. Each API under test
 * is a route ({@code /<tenant>/<source>/...}) with a handler that answers like the vendor; tests
 * queue faults (a 429 with Retry-After, 500s) in front of a handler for matching requests, and read
 * the log of requests it received.
 */
public final class VendorApiServer {

	public static final VendorApiServer INSTANCE = new VendorApiServer();

	/** One request as received: path below the route, decoded query parameters, headers, body. */
	public record Request(String route, String method, String path, Map<String, String> query,
			Map<String, String> headers, String body) {

		public String param(String name) {
			return query.get(name);
		}
	}

	public record Response(int status, Map<String, String> headers, String body) {

		public static Response json(String body) {
			return new Response(200, Map.of("Content-Type", "application/json"), body);
		}

		public static Response status(int status, String body) {
			return new Response(status, Map.of(), body);
		}
	}

	@FunctionalInterface
	public interface Handler {

		Response handle(Request request);
	}

	private record Fault(Predicate<Request> matches, Deque<Response> responses, boolean always) {
	}

	private final HttpServer server;

	private final Map<String, Handler> routes = new ConcurrentHashMap<>();

	private final List<Fault> faults = new CopyOnWriteArrayList<>();

	private final List<Request> log = new CopyOnWriteArrayList<>();

	private VendorApiServer() {
		try {
			server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		server.setExecutor(Executors.newFixedThreadPool(4, runnable -> {
			Thread thread = new Thread(runnable, "vendor-api");
			thread.setDaemon(true);
			return thread;
		}));
		server.createContext("/", this::serve);
		server.start();
	}

	/** The base URL of a route: {@code http://127.0.0.1:<port>/<route>}. */
	public String baseUrl(String route) {
		return "http://127.0.0.1:" + server.getAddress().getPort() + "/" + route;
	}

	public void route(String route, Handler handler) {
		routes.put(route, handler);
	}

	/** The next requests matching answer these responses, one each, before the handler answers again. */
	public void failNext(Predicate<Request> matches, Response... responses) {
		faults.add(new Fault(matches, new ArrayDeque<>(List.of(responses)), false));
	}

	/** Every request matching answers this response until {@link #clearFaults()}. */
	public void failAlways(Predicate<Request> matches, Response response) {
		faults.add(new Fault(matches, new ArrayDeque<>(List.of(response)), true));
	}

	public void clearFaults() {
		faults.clear();
	}

	/** The requests a route received, in order. */
	public List<Request> requests(String route) {
		return log.stream().filter(request -> request.route().equals(route)).toList();
	}

	private void serve(HttpExchange exchange) throws IOException {
		try (exchange) {
			URI uri = exchange.getRequestURI();
			String full = uri.getRawPath();
			String route = routes.keySet().stream().filter(r -> full.startsWith("/" + r + "/") || full.equals("/" + r))
				.max((a, b) -> Integer.compare(a.length(), b.length())).orElse(null);
			if (route == null) {
				send(exchange, Response.status(404, "{\"error\":\"no route for " + full + "\"}"));
				return;
			}
			Map<String, String> headers = new LinkedHashMap<>();
			exchange.getRequestHeaders().forEach((name, values) -> headers.put(name.toLowerCase(), values.get(0)));
			Request request = new Request(route, exchange.getRequestMethod(), full.substring(route.length() + 1),
					query(uri.getRawQuery()), headers,
					new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
			log.add(request);
			send(exchange, answer(request));
		}
	}

	private Response answer(Request request) {
		for (Fault fault : faults) {
			if (fault.matches().test(request)) {
				synchronized (fault) {
					if (fault.always()) {
						return fault.responses().peek();
					}
					Response response = fault.responses().poll();
					if (response != null) {
						return response;
					}
				}
			}
		}
		try {
			return routes.get(request.route()).handle(request);
		}
		catch (RuntimeException ex) {
			return Response.status(500, "{\"error\":\"" + ex.getMessage() + "\"}");
		}
	}

	private static void send(HttpExchange exchange, Response response) throws IOException {
		response.headers().forEach((name, value) -> exchange.getResponseHeaders().add(name, value));
		byte[] body = response.body().getBytes(StandardCharsets.UTF_8);
		exchange.sendResponseHeaders(response.status(), body.length == 0 ? -1 : body.length);
		if (body.length > 0) {
			exchange.getResponseBody().write(body);
		}
	}

	private static Map<String, String> query(String raw) {
		Map<String, String> query = new LinkedHashMap<>();
		if (raw == null || raw.isEmpty()) {
			return query;
		}
		for (String pair : raw.split("&")) {
			int eq = pair.indexOf('=');
			String name = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
			String value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
			query.merge(name, value, (a, b) -> a + "," + b);
		}
		return query;
	}

	/**
	 * The (tenant, source) API connections the shared test context is configured with, each followed by
	 * further connection properties as {@code name=value} ({@code options.lists=7,9}).
	 */
	public static List<String[]> connections() {
		List<String[]> connections = new ArrayList<>();
		for (String tenant : List.of("api-stripe", "api-crash", "api-both", "api-stripe-schema", "api-stripe-lineage")) {
			connections.add(new String[] { tenant, "stripe" });
		}
		for (String tenant : List.of("api-shopify", "api-shopify-both")) {
			connections.add(new String[] { tenant, "shopify" });
		}
		connections.add(new String[] { "api-hubspot", "hubspot", "options.lists=7,9", "options.search-limit=4" });
		for (String tenant : List.of("api-salesforce", "api-salesforce-removed", "api-salesforce-renamed")) {
			connections.add(new String[] { tenant, "salesforce" });
		}
		connections.add(new String[] { "api-facebook", "facebook", "account=act_42" });
		connections.add(new String[] { "api-klaviyo", "klaviyo" });
		return connections;
	}
}
