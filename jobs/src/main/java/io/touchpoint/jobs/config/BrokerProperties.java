package io.touchpoint.jobs.config;

import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The message broker that carries normalize partitions to {@code touchpoint worker} processes
 * ({@code touchpoint.workers.remote=true}). Unset on the embedded default, the resident stack's own broker serves
 * (its password is kept in the home's credentials file). {@link #toString()} hides the password.
 *
 * @param url      the broker's URL, for ActiveMQ Artemis' client: {@code tcp://host:61616}, with options such as
 *                 {@code ?sslEnabled=true}; unset, the embedded default's broker
 * @param user     the broker account
 * @param password the broker account's password (never logged)
 */
@ConfigurationProperties("touchpoint.broker")
public record BrokerProperties(@Nullable String url, @Nullable String user, @Nullable String password) {

	/** The configured broker, or null when no URL is set. */
	public @Nullable Broker broker() {
		return url == null || url.isBlank() ? null : new Broker(url, user, password);
	}

	@Override
	public String toString() {
		return "BrokerProperties[url=" + url + ", user=" + user + ", password=****]";
	}
}
