package io.touchpoint.jobs.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

import org.junit.jupiter.api.Test;
import org.springframework.core.io.ClassPathResource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The configuration metadata the build writes (META-INF/spring-configuration-metadata.json, from the
 * {@code @ConfigurationProperties} records and additional-spring-configuration-metadata.json) describes every
 * {@code touchpoint.*} setting, and each prefix is bound by one record.
 */
class ConfigurationMetadataTests {

	private static JsonNode metadata() throws IOException {
		try (InputStream in = new ClassPathResource("META-INF/spring-configuration-metadata.json").getInputStream()) {
			return JsonMapper.shared().readTree(in);
		}
	}

	@Test
	void everySettingHasADescription() throws IOException {
		List<String> undescribed = new ArrayList<>();
		for (JsonNode property : metadata().get("properties")) {
			if (!property.hasNonNull("description") || property.get("description").asString().isBlank()) {
				undescribed.add(property.get("name").asString());
			}
		}
		assertThat(undescribed).as("settings without a description: a @param on the record component, or "
				+ "additional-spring-configuration-metadata.json").isEmpty();
	}

	@Test
	void eachPrefixIsBoundByOneRecord() throws IOException {
		Map<String, Set<String>> sources = new TreeMap<>();
		for (JsonNode group : metadata().get("groups")) {
			sources.computeIfAbsent(group.get("name").asString(), name -> new TreeSet<>())
				.add(group.get("sourceType").asString());
		}
		assertThat(sources).isNotEmpty().allSatisfy((prefix, types) -> assertThat(types)
			.as(prefix + " is bound by more than one record").hasSize(1));
		assertThat(sources).containsKeys("touchpoint", "touchpoint.scheduler", "touchpoint.sources");
	}

	@Test
	void theDocumentedSettingsAreThere() throws IOException {
		Set<String> names = new TreeSet<>();
		metadata().get("properties").forEach(property -> names.add(property.get("name").asString()));
		assertThat(names).contains("touchpoint.home", "touchpoint.warehouse.socket-timeout", "touchpoint.s3.base-delay",
				"touchpoint.scheduler.http-port", "touchpoint.scheduler.tenants", "touchpoint.sources.schema-policy",
				"touchpoint.funnels", "touchpoint.tenants", "touchpoint.connections", "touchpoint.api.max-attempts",
				"touchpoint.embedded.lock-wait", "touchpoint.rollups.session-timeout", "touchpoint.progress.interval");
	}
}
