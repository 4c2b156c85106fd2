package io.touchpoint.jobs.ingest.partition;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.LinkedHashMap;
import java.util.Map;

import jakarta.jms.ConnectionFactory;
import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;
import org.junit.jupiter.api.Test;
import org.springframework.jms.connection.UserCredentialsConnectionFactoryAdapter;

import io.touchpoint.jobs.config.Broker;
import io.touchpoint.jobs.config.BrokerProperties;
import io.touchpoint.jobs.config.InvalidConfigurationException;

/**
 * The broker's connection factory from the settings: Artemis' client for a URL, or any JMS client's factory class
 * with bean properties; a wrong setting is named, its value never shown.
 */
class BrokerConnectionsTests {

	private static final String ARTEMIS = ActiveMQConnectionFactory.class.getName();

	@Test
	void aUrlGivesArtemisClientWithoutPrefetch() {
		// when
		ConnectionFactory factory = BrokerConnections.of(new Broker("tcp://127.0.0.1:61616", "tp", "secret"));

		// then
		assertThat(factory).isInstanceOfSatisfying(ActiveMQConnectionFactory.class, artemis -> {
			assertThat(artemis.getUser()).isEqualTo("tp");
			assertThat(artemis.getConsumerWindowSize()).isZero();
		});
	}

	@Test
	void aConnectionFactoryClassIsMadeWithItsPropertiesAndTheAccount() {
		// given another client's factory, by class name (here Artemis' own, set through its bean properties), its
		// URL after another property: Artemis' URL setter resets the others, so the URL must be set first
		Map<String, String> properties = new LinkedHashMap<>();
		properties.put("consumerWindowSize", "4096");
		properties.put("brokerURL", "tcp://broker.internal:61617");
		Broker broker = new BrokerProperties(null, "tp", "secret", ARTEMIS, properties).broker();

		// when
		ConnectionFactory factory = BrokerConnections.of(broker);
		ConnectionFactory configured = BrokerConnections.configured(ARTEMIS, broker.properties());

		// then the account goes to createConnection, the properties to the factory
		assertThat(factory).isInstanceOf(UserCredentialsConnectionFactoryAdapter.class);
		ActiveMQConnectionFactory target = (ActiveMQConnectionFactory) configured;
		Map<String, Object> connector = target.getServerLocator().getStaticTransportConfigurations()[0].getParams();
		assertThat(connector.get("host")).hasToString("broker.internal");
		assertThat(connector.get("port")).hasToString("61617");
		assertThat(target.getConsumerWindowSize()).isEqualTo(4096);
		assertThat(broker.toString()).doesNotContain("secret").contains(ARTEMIS);
	}

	@Test
	void aClassNotOnTheClassPathIsNamed() {
		Broker broker = new BrokerProperties(null, null, null, "com.example.NoSuchConnectionFactory", null).broker();

		assertThatThrownBy(() -> BrokerConnections.of(broker)).isInstanceOf(InvalidConfigurationException.class)
			.hasMessageContaining("touchpoint.broker.connection-factory: no class com.example.NoSuchConnectionFactory")
			.hasMessageContaining("jar");
	}

	@Test
	void aPropertyThatCannotBeSetIsNamedWithoutItsValue() {
		Broker broker = new BrokerProperties(null, null, null, ARTEMIS,
				Map.of("consumerWindowSize", "not-a-number-s3cr3t")).broker();

		assertThatThrownBy(() -> BrokerConnections.of(broker)).isInstanceOf(InvalidConfigurationException.class)
			.hasMessageContaining("touchpoint.broker.properties.consumerWindowSize")
			.hasMessageNotContaining("s3cr3t");
	}

	@Test
	void aPropertyTheClassDoesNotHaveIsNamedWithoutItsValue() {
		Broker broker = new BrokerProperties(null, null, null, ARTEMIS, Map.of("noSuchProperty", "s3cr3t")).broker();

		assertThatThrownBy(() -> BrokerConnections.of(broker)).isInstanceOf(InvalidConfigurationException.class)
			.hasMessageContaining("noSuchProperty")
			.hasMessageNotContaining("s3cr3t");
	}

	@Test
	void neitherUrlNorClassIsNoBroker() {
		assertThat(new BrokerProperties(" ", null, null, null, null).broker()).isNull();
	}
}
