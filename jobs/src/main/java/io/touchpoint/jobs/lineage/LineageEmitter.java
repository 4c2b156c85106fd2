package io.touchpoint.jobs.lineage;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import io.openlineage.client.OpenLineage;
import io.openlineage.client.OpenLineageClient;
import io.openlineage.client.transports.ApiKeyTokenProvider;
import io.openlineage.client.transports.FileConfig;
import io.openlineage.client.transports.FileTransport;
import io.openlineage.client.transports.HttpConfig;
import io.openlineage.client.transports.HttpTransport;
import io.openlineage.client.transports.HttpTransportResponseException;
import io.openlineage.client.transports.Transport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends OpenLineage run events through the {@code openlineage-java} client's HTTP or file transport
 * ({@link LineageProperties}). Lineage is a by-product of a night, never a reason to fail one: an event that
 * cannot be delivered is dropped and warned about once per destination and cause (the endpoint and the HTTP
 * status, or the error), then only logged at debug. The bearer token travels in the request header only and
 * is in no message.
 */
public final class LineageEmitter implements AutoCloseable {

	private static final Logger log = LoggerFactory.getLogger(LineageEmitter.class);

	private final OpenLineageClient client;

	private final Transport transport;

	private final String destination;

	private final Set<String> warned = ConcurrentHashMap.newKeySet();

	public LineageEmitter(LineageProperties properties) {
		this(transport(properties), properties.destination());
	}

	/** An emitter over any transport, e.g. another of the client's, named {@code destination} in warnings. */
	public LineageEmitter(Transport transport, String destination) {
		this.transport = transport;
		this.client = OpenLineageClient.builder().transport(transport).build();
		this.destination = destination;
	}

	private static Transport transport(LineageProperties properties) {
		if (properties.transport() == LineageProperties.Transport.FILE) {
			return new FileTransport(new FileConfig(String.valueOf(properties.file())));
		}
		HttpConfig config = new HttpConfig();
		config.setUrl(properties.url());
		config.setTimeoutInMillis(Math.toIntExact(properties.timeout().toMillis()));
		String token = properties.token();
		if (token != null && !token.isBlank()) {
			ApiKeyTokenProvider auth = new ApiKeyTokenProvider();
			auth.setApiKey(token);
			config.setAuth(auth);
		}
		return new HttpTransport(config);
	}

	/** Sends one event; false (and a warning the first time for its cause) when it could not be delivered. */
	public boolean emit(OpenLineage.RunEvent event) {
		try {
			client.emit(event);
			return true;
		}
		catch (RuntimeException ex) {
			String cause = cause(ex);
			String message = "OpenLineage " + event.getEventType() + " event of " + event.getJob().getName()
					+ " not delivered to " + destination + ": " + cause
					+ "; the run goes on without it (touchpoint.lineage.*; further failures like this one are logged at debug)";
			if (warned.add(cause)) {
				log.warn(message);
			}
			else {
				log.debug(message);
			}
			return false;
		}
	}

	/** The HTTP status, or the innermost error's type and message (never a response body or a header). */
	private static String cause(Throwable ex) {
		for (Throwable t = ex; t != null; t = t.getCause()) {
			if (t instanceof HttpTransportResponseException response) {
				return "HTTP status " + response.getStatusCode();
			}
		}
		Throwable root = ex;
		while (root.getCause() != null && root.getCause() != root) {
			root = root.getCause();
		}
		return root.getClass().getSimpleName() + (root.getMessage() == null ? "" : " (" + root.getMessage() + ")");
	}

	@Override
	public void close() {
		try {
			transport.close();
		}
		catch (Exception ex) {
			log.debug("closing the OpenLineage transport to {}: {}", destination, ex.toString());
		}
	}
}
