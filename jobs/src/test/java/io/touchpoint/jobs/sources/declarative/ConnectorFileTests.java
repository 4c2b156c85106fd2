package io.touchpoint.jobs.sources.declarative;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.touchpoint.jobs.config.InvalidConfigurationException;
import io.touchpoint.jobs.sources.api.ApiSources;
import io.touchpoint.jobs.sources.shopify.ShopifyApiSource;

/** Loading connector files: every built-in is valid, and a bad file is refused naming file, line and key. */
class ConnectorFileTests {

	private static final String GOOD = """
			source: acme-crm
			base_url: https://api.acme.test
			auth:
			  type: bearer
			streams:
			  people:
			    path: /v1/people
			    records: /items
			    contact:
			      email: /email
			    rows:
			      contacts:
			        updated_at: /updated
			""";

	@Test
	void theBuiltInsAreValidAndDeclareTheirStreams() {
		assertThat(Connectors.builtIn()).extracting(c -> c.source() + " " + c.streamNames()).containsExactly(
				"activecampaign [contacts, contact_tags]", "calendly [scheduled_events]", "hubspot [contacts, list_memberships]",
				"klaviyo [profiles, events]",
				"mailchimp [members]", "paypal [payments, refunds]", "stripe [charges, customers, refunds]",
				"woocommerce [orders]");
		assertThat(Connectors.builtIn()).allSatisfy(c -> assertThat(c.notCovered()).isNotBlank());
	}

	@Test
	void aGoodFileParses() {
		Connector connector = Connector.parse("acme.yml", GOOD);

		assertThat(connector.source()).isEqualTo("acme-crm");
		assertThat(connector.streams().get("people").records()).isEqualTo("/items");
	}

	@Test
	void problemsNameTheFileTheLineAndTheKey() {
		assertThatThrownBy(() -> Connector.parse("acme.yml", GOOD.replace("    records: /items", "    record: /items")))
			.isInstanceOf(InvalidConfigurationException.class)
			.hasMessageStartingWith("Connector file acme.yml line 8, key streams.people.record: unknown key 'record';")
			.hasMessageContaining("records");
		assertThatThrownBy(() -> Connector.parse("acme.yml", GOOD.replace("type: bearer", "type: kerberos")))
			.hasMessage("Connector file acme.yml line 4, key auth.type: unknown auth 'kerberos'; use none, bearer, basic,"
					+ " header, query or oauth2.");
		assertThatThrownBy(() -> Connector.parse("acme.yml", GOOD.replace("records: /items", "records: items")))
			.hasMessageContaining("line 8, key streams.people.records: 'items' is not a JSON pointer");
		assertThatThrownBy(() -> Connector.parse("acme.yml", GOOD.replace("        updated_at: /updated",
				"        created_at: /created")))
			.hasMessageContaining("line 13, key streams.people.rows.contacts: missing required field 'updated_at'");
		assertThatThrownBy(() -> Connector.parse("acme.yml", GOOD + "    pagination:\n      type: offset\n"))
			.hasMessageContaining("line 15, key streams.people.pagination: missing key 'param'");
		assertThatThrownBy(() -> Connector.parse("acme.yml", GOOD.replace("streams:", "lookback: 5 minutes\nstreams:")))
			.hasMessageContaining("line 5, key lookback: '5 minutes' is not a duration");
		assertThatThrownBy(() -> Connector.parse("acme.yml", "source: [unclosed\n"))
			.hasMessageStartingWith("Connector file acme.yml line 2: not valid YAML");
	}

	@Test
	void aKeyInAQueryParameterThatWouldNotBeMaskedIsRefused() {
		assertThatThrownBy(() -> Connector.parse("acme.yml", GOOD.replace("  type: bearer",
				"  type: query\n  name: private_token")))
			.hasMessageContaining("line 5, key auth.name: a key sent as query parameter 'private_token' would appear in"
					+ " messages and logs");
		Connector connector = Connector.parse("acme.yml", GOOD.replace("  type: bearer", "  type: query\n  name: api_key"));
		var connection = StreamRun.connection("https://api.acme.test", "k3y_S3CRET", 50, java.util.Map.of());
		var request = new DeclarativeApiSource(connector).request(new io.touchpoint.jobs.sources.api.StreamFetch("acme",
				"acme-crm", "people", connection, connection.baseUrl(), java.time.Instant.parse("2026-11-01T00:00:00Z"),
				java.time.Instant.parse("2026-11-02T00:00:00Z"), 1, null), null);

		assertThat(request.uri().toString()).isEqualTo("https://api.acme.test/v1/people?api_key=k3y_S3CRET");
		assertThat(request.toString()).isEqualTo("GET https://api.acme.test/v1/people?api_key=**** (headers [])");
	}

	@Test
	void aValueLongerThanItsColumnQuarantinesTheRecordInsteadOfFailingTheLoad() {
		Connector connector = Connector.parse("acme.yml", GOOD.replace("""
				    rows:
				      contacts:
				        updated_at: /updated
				""", """
				    rows:
				      contacts:
				        updated_at: /updated
				        first_name: /first
				"""));
		var json = tools.jackson.databind.json.JsonMapper.builder().build();
		String text = "{\"email\":\"ann@example.com\",\"updated\":\"2026-11-01T00:00:00Z\",\"first\":\"" + "A".repeat(201)
				+ "\"}";
		var record = new io.touchpoint.readers.jsonl.JsonRecord("acme-crm", "api/acme-crm/people/page-00001.jsonl", 3, text,
				json.readTree(text));

		assertThatThrownBy(() -> new DeclarativeApiSource(connector).map(record, "people",
				new io.touchpoint.jobs.sources.SourceMapper.MappingContext("acme", "b1",
						java.time.Instant.parse("2026-11-02T00:00:00Z"))))
			.isInstanceOf(io.touchpoint.readers.MalformedRecordException.class)
			.hasMessageContaining("first_name (/first): longer than 200 characters");
	}

	@Test
	void aSecretInTheFileIsRefused() {
		assertThatThrownBy(() -> Connector.parse("acme.yml", GOOD.replace("streams:",
				"headers:\n  Authorization: Bearer sk_live_123\nstreams:")))
			.hasMessageContaining("line 6, key headers.Authorization: credentials are not written in a connector file")
			.hasMessageNotContaining("sk_live_123");
	}

	@Test
	void aHomeFileReplacesABuiltInAndMayNotTakeAJavaSourcesName(@TempDir Path home) throws Exception {
		Files.writeString(home.resolve("stripe.yml"), GOOD.replace("acme-crm", "stripe"));
		Files.writeString(home.resolve("shopify.yaml"), GOOD.replace("acme-crm", "shopify"));
		Connectors connectors = new Connectors(home, null);

		assertThat(connectors.find("stripe").file()).isEqualTo(home.resolve("stripe.yml").toString());
		assertThatThrownBy(() -> new ApiSources(List.of(new ShopifyApiSource()), providerOf(connectors)))
			.isInstanceOf(InvalidConfigurationException.class)
			.hasMessageContaining("shopify.yaml: source 'shopify' is a built-in Java API source");
	}

	private static org.springframework.beans.factory.ObjectProvider<Connectors> providerOf(Connectors connectors) {
		var factory = new org.springframework.beans.factory.support.StaticListableBeanFactory();
		factory.addBean("connectors", connectors);
		return factory.getBeanProvider(Connectors.class);
	}
}
