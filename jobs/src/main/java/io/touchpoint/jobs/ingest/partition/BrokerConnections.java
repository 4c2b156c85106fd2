package io.touchpoint.jobs.ingest.partition;

import java.util.List;
import java.util.Map;

import jakarta.jms.ConnectionFactory;
import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;
import org.springframework.beans.BeanUtils;
import org.springframework.beans.BeansException;
import org.springframework.beans.MutablePropertyValues;
import org.springframework.beans.PropertyAccessException;
import org.springframework.beans.PropertyAccessorFactory;
import org.springframework.beans.PropertyBatchUpdateException;
import org.springframework.jms.connection.UserCredentialsConnectionFactoryAdapter;
import org.springframework.util.ClassUtils;

import io.touchpoint.jobs.config.Broker;
import io.touchpoint.jobs.config.InvalidConfigurationException;

/**
 * The JMS connection factory of the configured broker: ActiveMQ Artemis' client for {@code touchpoint.broker.url},
 * or the class {@code touchpoint.broker.connection-factory} names (another broker's client, on the class path) with
 * the bean properties {@code touchpoint.broker.properties.*}. Failure messages name the setting, never a value.
 */
final class BrokerConnections {

	/** The packages a partition request's object message may hold (Artemis refuses any other class). */
	static final String REQUEST_PACKAGES = "org.springframework.batch.integration.partition,java.lang";

	private BrokerConnections() {
	}

	static ConnectionFactory of(Broker broker) {
		String type = broker.connectionFactory();
		if (type == null) {
			var factory = new ActiveMQConnectionFactory(broker.url(), broker.user(), broker.password());
			factory.setDeserializationAllowList(REQUEST_PACKAGES);
			// no prefetch: a request waits in the queue for the next free worker, not in a busy worker's buffer
			factory.setConsumerWindowSize(0);
			return factory;
		}
		ConnectionFactory factory = configured(type, broker.properties());
		if (broker.user() == null || broker.user().isBlank()) {
			return factory;
		}
		var account = new UserCredentialsConnectionFactoryAdapter();
		account.setTargetConnectionFactory(factory);
		account.setUsername(broker.user());
		account.setPassword(broker.password() == null ? "" : broker.password());
		return account;
	}

	/** An instance of the connection factory class {@code type} with the bean properties {@code properties}. */
	static ConnectionFactory configured(String type, Map<String, String> properties) {
		ConnectionFactory factory = instantiate(type);
		set(factory, type, properties);
		return factory;
	}

	private static ConnectionFactory instantiate(String type) {
		Object made;
		try {
			made = BeanUtils.instantiateClass(ClassUtils.forName(type, BrokerConnections.class.getClassLoader()));
		}
		catch (ClassNotFoundException | LinkageError ex) {
			throw new InvalidConfigurationException("touchpoint.broker.connection-factory: no class " + type + " on the "
					+ "class path. Put the jar of that broker's JMS client on it (docs/scaling.md), or unset the setting "
					+ "for ActiveMQ Artemis' client and touchpoint.broker.url.");
		}
		catch (BeansException ex) {
			throw new InvalidConfigurationException("touchpoint.broker.connection-factory: " + type + " cannot be made "
					+ "with a constructor without arguments (" + ex.getMostSpecificCause().getClass().getSimpleName() + ")");
		}
		if (!(made instanceof ConnectionFactory factory)) {
			throw new InvalidConfigurationException("touchpoint.broker.connection-factory: " + type
					+ " is not a jakarta.jms.ConnectionFactory (a Jakarta JMS 3 client is needed; javax.jms clients are not)");
		}
		return factory;
	}

	/**
	 * Sets the properties, those whose name holds {@code url} first and the rest by name: a client's URL setter
	 * (Artemis' {@code brokerURL}) sets every other property to what the URL says, so set after them it would
	 * undo them, and the order the settings arrive in (a map bound from the environment) is no order at all.
	 */
	private static void set(ConnectionFactory factory, String type, Map<String, String> properties) {
		Map<String, String> ordered = new java.util.TreeMap<>(java.util.Comparator
			.comparing((String name) -> !name.toLowerCase(java.util.Locale.ROOT).contains("url"))
			.thenComparing(java.util.Comparator.naturalOrder()));
		ordered.putAll(properties);
		try {
			PropertyAccessorFactory.forBeanPropertyAccess(factory)
				.setPropertyValues(new MutablePropertyValues(ordered), false, false);
		}
		catch (PropertyBatchUpdateException ex) {
			throw refused(type, List.of(ex.getPropertyAccessExceptions()));
		}
		catch (PropertyAccessException ex) {
			throw refused(type, List.of(ex));
		}
		catch (BeansException ex) { // a property the class does not have: its name only, never a value
			throw new InvalidConfigurationException("touchpoint.broker.properties: " + type + " has no such property among "
					+ properties.keySet().stream().sorted().toList());
		}
	}

	private static InvalidConfigurationException refused(String type, List<PropertyAccessException> failures) {
		List<String> names = failures.stream()
			.map(failure -> "touchpoint.broker.properties." + failure.getPropertyName())
			.sorted()
			.toList();
		return new InvalidConfigurationException(String.join(", ", names) + ": cannot be set on " + type
				+ " (a value of the wrong type?)");
	}
}
