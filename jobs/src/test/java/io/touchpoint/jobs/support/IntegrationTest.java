package io.touchpoint.jobs.support;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import io.touchpoint.jobs.TouchpointApplication;

/**
 * Base of every integration test: one Spring context for the whole test JVM, over the embedded default
 * (a real MariaDB server and a real S3Proxy) in a fresh temporary home. Tests keep apart by using
 * their own tenant ids. Mapping files come from test resources {@code mappings/}. {@link TestFaults} lets a test crash a step at a chosen point.
 */
@SpringBootTest(classes = TouchpointApplication.class)
@Import(TestFaults.Configuration.class)
public abstract class IntegrationTest {

	private static final Path HOME = createHome();

	private static Path createHome() {
		try {
			return Files.createTempDirectory("touchpoint-test-home");
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

	@DynamicPropertySource
	static void home(DynamicPropertyRegistry registry) {
		registry.add("touchpoint.home", HOME::toString);
		registry.add("touchpoint.ingest.chunk-size", () -> "3");
		registry.add("touchpoint.ingest.rows-per-part", () -> "2");
		registry.add("touchpoint.sources.mapping-dir", IntegrationTest::mappings);
	}

	/** The mapping files under test resources {@code mappings/}, so the context has mapped sources too. */
	private static String mappings() {
		try {
			return Path.of(IntegrationTest.class.getResource("/mappings").toURI()).toString();
		}
		catch (java.net.URISyntaxException ex) {
			throw new IllegalStateException(ex);
		}
	}

	protected static Path home() {
		return HOME;
	}
}
