package io.touchpoint.jobs.support;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import com.sun.net.httpserver.HttpServer;

/**
 * A local HTTP server standing in for a Slack incoming webhook: it records each POSTed body. The shared
 * test context lists an unreachable webhook first and this one second ({@link #WEBHOOKS}), so every
 * failed run of the suite posts here; tests pick their own messages by tenant.
 */
public final class AlertReceiver {

	public static final AlertReceiver INSTANCE = new AlertReceiver();

	/** The path secret of the webhook URL, as Slack's are: it must never appear in a message or log. */
	public static final String PATH_SECRET = "T0ALERT/B0ALERT/hookS3cr3tXYZ";

	private final HttpServer server;

	private final List<String> bodies = new ArrayList<>();

	private AlertReceiver() {
		try {
			server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
		server.createContext("/services/", exchange -> {
			try (InputStream in = exchange.getRequestBody()) {
				String body = new String(in.readAllBytes(), StandardCharsets.UTF_8);
				if (exchange.getRequestMethod().equals("POST") && exchange.getRequestURI().getPath().endsWith(PATH_SECRET)) {
					synchronized (bodies) {
						bodies.add(body);
					}
				}
			}
			exchange.sendResponseHeaders(200, -1);
			exchange.close();
		});
		server.start();
	}

	/** The webhook URL of this receiver. */
	public String url() {
		return "http://127.0.0.1:" + server.getAddress().getPort() + "/services/" + PATH_SECRET;
	}

	/** A URL where nothing listens (connection refused). */
	public static String unreachable() {
		try (ServerSocket socket = new ServerSocket(0)) {
			return "http://127.0.0.1:" + socket.getLocalPort() + "/services/nobody/listens";
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

	/** The JSON bodies received so far that contain the text. */
	public List<String> bodiesContaining(String text) {
		synchronized (bodies) {
			return bodies.stream().filter(b -> b.contains(text)).toList();
		}
	}
}
