package io.touchpoint.jobs.lineage;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import com.sun.net.httpserver.HttpServer;

/**
 * A local HTTP server standing in for an OpenLineage endpoint (Marquez's {@code POST /api/v1/lineage}): it
 * records each posted body with its {@code Authorization} header and answers {@link #status} (201, as Marquez
 * does, unless a test sets another). The shared test context sends every nightly and import run's events here.
 */
public final class LineageReceiver {

	public static final LineageReceiver INSTANCE = new LineageReceiver();

	/** The bearer token the shared test context configures: it must never appear in a log or an event. */
	public static final String TOKEN = "ol_tok_S3CRET_lineage";

	/** One received request. */
	public record Received(String body, String authorization) {
	}

	private final HttpServer server;

	private final List<Received> received = new ArrayList<>();

	private volatile int status = 201;

	public LineageReceiver() {
		try {
			server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
		server.createContext("/api/v1/lineage", exchange -> {
			try (InputStream in = exchange.getRequestBody()) {
				String body = new String(in.readAllBytes(), StandardCharsets.UTF_8);
				String authorization = exchange.getRequestHeaders().getFirst("Authorization");
				if (exchange.getRequestMethod().equals("POST")) {
					synchronized (received) {
						received.add(new Received(body, authorization == null ? "" : authorization));
					}
				}
			}
			exchange.sendResponseHeaders(status, -1);
			exchange.close();
		});
		server.start();
	}

	/** The endpoint URL (with the path Marquez serves). */
	public String url() {
		return "http://127.0.0.1:" + server.getAddress().getPort() + "/api/v1/lineage";
	}

	/** What the endpoint answers from now on. */
	public void status(int status) {
		this.status = status;
	}

	/** The requests received so far whose body contains the text, in order. */
	public List<Received> containing(String text) {
		synchronized (received) {
			return received.stream().filter(r -> r.body().contains(text)).toList();
		}
	}

	public void stop() {
		server.stop(0);
	}
}
