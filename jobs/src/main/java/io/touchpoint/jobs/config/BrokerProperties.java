package io.touchpoint.jobs.config;

import java.util.Map;

import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The message broker that carries normalize partitions to {@code touchpoint worker} processes
 * ({@code touchpoint.workers.remote=true}). Unset on the embedded default, the resident stack's own broker serves
 * (its password is kept in the home's credentials file). {@link #toString()} hides the password and the
 * connection factory's properties.
 *
 * @param url               the broker's URL, for ActiveMQ Artemis' client: {@code tcp://host:61616}, with options
 *                          such as {@code ?sslEnabled=true}; unset, the embedded default's broker
 * @param user              the broker account
 * @param password          the broker account's password (never logged)
 * @param connectionFactory another JMS broker's client: the class of its {@code jakarta.jms.ConnectionFactory}
 *                          (its jar on the class path), made with its no-argument constructor and given
 *                          {@code properties}; {@code url}, {@code user} and {@code password} then go to
 *                          {@code createConnection} as the account only
 * @param properties        the bean properties of {@code connectionFactory} ({@code touchpoint.broker.properties.brokerURL=...});
 *                          never logged
 */
@ConfigurationProperties("touchpoint.broker")
public record BrokerProperties(@Nullable String url, @Nullable String user, @Nullable String password,
		@Nullable String connectionFactory, @Nullable Map<String, String> properties) {

	/** The configured broker, or null when neither a URL nor a connection factory is set. */
	public @Nullable Broker broker() {
		boolean factory = connectionFactory != null && !connectionFactory.isBlank();
		if (!factory && (url == null || url.isBlank())) {
			return null;
		}
		return new Broker(url == null ? "" : url, user, password, factory ? connectionFactory : null,
				properties == null ? Map.of() : Map.copyOf(properties));
	}

	@Override
	public String toString() {
		return "BrokerProperties[url=" + url + ", user=" + user + ", password=****, connectionFactory=" + connectionFactory
				+ "]";
	}
}
