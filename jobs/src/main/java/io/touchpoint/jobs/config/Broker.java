package io.touchpoint.jobs.config;

import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * Where the message broker is, resolved once: {@code touchpoint.broker.*}, or the broker of the embedded default's
 * resident stack with the account made for it. {@code connectionFactory} names another JMS client's connection
 * factory class, given {@code properties}; null, {@code url} is for ActiveMQ Artemis' client. {@link #toString()}
 * hides the password and the properties.
 */
public record Broker(String url, @Nullable String user, @Nullable String password, @Nullable String connectionFactory,
		Map<String, String> properties) {

	/** An ActiveMQ Artemis broker. */
	public Broker(String url, @Nullable String user, @Nullable String password) {
		this(url, user, password, null, Map.of());
	}

	/** Where it is, for messages: the URL, or the connection factory's class. */
	public String describe() {
		return connectionFactory == null ? url : connectionFactory;
	}

	@Override
	public String toString() {
		return "Broker[" + describe() + ", user=" + user + ", password=****]";
	}
}
