package io.touchpoint.jobs.alerts;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.json.JsonMapper;

/**
 * Posts {@code {"text": "..."}} (Slack's incoming-webhook shape, also accepted by Mattermost, Teams
 * workflows and most chat tools) to each configured URL. A webhook that fails or times out is logged
 * with its URL masked to the host and never throws: alerts must not fail the run they report.
 */
public class Webhooks {

	private static final Logger log = LoggerFactory.getLogger(Webhooks.class);

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private final List<URI> urls;

	private final Duration timeout;

	private final HttpClient client;

	public Webhooks(List<URI> urls, Duration timeout) {
		this.urls = List.copyOf(urls);
		this.timeout = timeout;
		this.client = HttpClient.newBuilder().connectTimeout(timeout).followRedirects(HttpClient.Redirect.NEVER).build();
	}

	public boolean configured() {
		return !urls.isEmpty();
	}

	/** The URLs, masked (for messages). */
	public List<String> masked() {
		return urls.stream().map(Webhooks::mask).toList();
	}

	/** Posts the text to every webhook; returns how many accepted it (2xx). Never throws. */
	public int post(String text) {
		String body;
		try {
			body = JSON.writeValueAsString(Map.of("text", text));
		}
		catch (RuntimeException ex) {
			log.warn("Alert not sent: cannot write its JSON ({})", ex.getClass().getSimpleName());
			return 0;
		}
		int delivered = 0;
		for (URI url : urls) {
			try {
				HttpRequest request = HttpRequest.newBuilder(url).timeout(timeout)
					.header("Content-Type", "application/json; charset=utf-8")
					.POST(HttpRequest.BodyPublishers.ofString(body))
					.build();
				HttpResponse<Void> response = client.send(request, HttpResponse.BodyHandlers.discarding());
				if (response.statusCode() / 100 == 2) {
					delivered++;
				}
				else {
					log.warn("Alert webhook {} answered HTTP {}", mask(url), response.statusCode());
				}
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				log.warn("Alert webhook {} interrupted", mask(url));
				return delivered;
			}
			catch (Exception ex) {
				// the exception's message may quote the URL: log its type only
				log.warn("Alert webhook {} failed: {}", mask(url), ex.getClass().getSimpleName());
			}
		}
		return delivered;
	}

	/** A webhook URL as it may be shown: scheme and host only (its path is the secret). */
	public static String mask(@Nullable URI url) {
		if (url == null) {
			return "null";
		}
		String host = url.getHost() == null ? "?" : url.getHost();
		return (url.getScheme() == null ? "" : url.getScheme() + "://") + host + "/****";
	}
}
