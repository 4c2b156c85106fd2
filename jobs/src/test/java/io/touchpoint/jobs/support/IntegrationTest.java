package io.touchpoint.jobs.support;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.AfterEach;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import io.touchpoint.jobs.TouchpointApplication;

/**
 * Base of every integration test: one Spring context for the whole test JVM, over the embedded default
 * (a real MariaDB server and a real S3Proxy) in a fresh temporary home. Tests keep apart by using
 * their own tenant ids. Mapping files come from test resources {@code mappings/}. {@link TestFaults} lets a test crash a step at a chosen point.
 * S3 and both databases are reached through {@link NetworkFaults}' proxies, with short timeouts and quick retries.
 */
// not a web application, as no command's context is (the scheduler serves HTTP from a child context)
@SpringBootTest(classes = TouchpointApplication.class, webEnvironment = SpringBootTest.WebEnvironment.NONE)
@Import({ TestFaults.Configuration.class, NetworkFaults.Configuration.class })
public abstract class IntegrationTest {

	private static final Path HOME = createHome();

	/** Crashes a step at a chosen point; disarmed after every test, so no armed fault leaks into the next. */
	@Autowired
	protected TestFaults faults;

	@AfterEach
	void disarmFaults() {
		faults.disarm();
	}

	/**
	 * Under the module's {@code target/} (surefire runs in the module folder), not under /tmp: a home holds
	 * a MariaDB installation (~0.5 GB), and homes left in /tmp by earlier runs once filled the disk.
	 * {@code mvn clean} removes them.
	 */
	private static Path createHome() {
		try {
			Path target = Files.createDirectories(Path.of("target").toAbsolutePath());
			return Files.createTempDirectory(target, "touchpoint-test-home");
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
		// S3 and warehouse faults (NetworkFaults): quick retries, timeouts short enough to wait for in a test
		registry.add("touchpoint.s3.max-attempts", () -> "3");
		registry.add("touchpoint.s3.base-delay", () -> "10ms");
		registry.add("touchpoint.s3.max-delay", () -> "100ms");
		registry.add("touchpoint.s3.attempt-timeout", () -> "4s");
		registry.add("touchpoint.s3.api-call-timeout", () -> "60s");
		registry.add("touchpoint.warehouse.connect-timeout", () -> "5s");
		registry.add("touchpoint.warehouse.socket-timeout", () -> "15s");
		registry.add("touchpoint.warehouse.pool-timeout", () -> "10s");
		// the metadata database: a failed run waits out the pool once per record Spring Batch still tries to save
		registry.add("touchpoint.metadata.connect-timeout", () -> "5s");
		registry.add("touchpoint.metadata.socket-timeout", () -> "10s");
		registry.add("touchpoint.metadata.pool-timeout", () -> "5s");
		// API sources: vendor-shaped pages from a local HTTP server, small pages, quick retries
		registry.add("touchpoint.api.max-attempts", () -> "3");
		registry.add("touchpoint.api.base-delay", () -> "10ms");
		registry.add("touchpoint.api.max-delay", () -> "100ms");
		for (String[] connection : VendorApiServer.connections()) {
			String prefix = "touchpoint.connections." + connection[0] + "." + connection[1] + ".";
			registry.add(prefix + "base-url", () -> VendorApiServer.INSTANCE.baseUrl(connection[0] + "/" + connection[1]));
			registry.add(prefix + "token", () -> apiToken(connection[0], connection[1]));
			registry.add(prefix + "page-size", () -> "2");
			for (int i = 2; i < connection.length; i++) {
				String[] property = connection[i].split("=", 2);
				registry.add(prefix + property[0], () -> property[1]);
			}
		}
		registry.add("touchpoint.sources.hubspot.tag-properties", () -> "interests");
		// failure alerts: an unreachable webhook first, then a local receiver (AlertWebhooksIntegrationTests)
		String unreachable = AlertReceiver.unreachable();
		registry.add("touchpoint.alerts.webhooks", () -> unreachable + "," + AlertReceiver.INSTANCE.url());
		registry.add("touchpoint.alerts.timeout", () -> "2s");
		// lineage: every nightly and import run's OpenLineage events to a local receiver (LineageIntegrationTests)
		registry.add("touchpoint.lineage.enabled", () -> "true");
		registry.add("touchpoint.lineage.url", io.touchpoint.jobs.lineage.LineageReceiver.INSTANCE::url);
		registry.add("touchpoint.lineage.token", () -> io.touchpoint.jobs.lineage.LineageReceiver.TOKEN);
	}

	/** The secret token of a test tenant's API connection (tests check it is sent, and never printed). */
	protected static String apiToken(String tenant, String source) {
		return "tok_" + source + "_" + tenant + "_S3CRET";
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

	/** The execution of step {@code name} in {@code execution}. */
	protected static StepExecution step(JobExecution execution, String name) {
		return execution.getStepExecutions().stream().filter(s -> s.getStepName().equals(name)).findFirst().orElseThrow();
	}
}
