package io.touchpoint.jobs.watch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.sql.DataSource;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.mariadb.jdbc.MariaDbDataSource;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.ExitStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.JobInstance;
import org.springframework.batch.core.job.parameters.JobParameters;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.health.contributor.HealthContributor;
import org.springframework.boot.health.registry.HealthContributorRegistry;
import org.springframework.jdbc.core.JdbcTemplate;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import io.touchpoint.jobs.alerts.Secrets;
import io.touchpoint.jobs.config.Endpoints;
import io.touchpoint.jobs.config.InvalidConfigurationException;
import io.touchpoint.jobs.executions.JobRuns;
import io.touchpoint.jobs.ingest.IngestParameters;
import io.touchpoint.jobs.schedule.SchedulerNodes;
import io.touchpoint.jobs.schedule.SchedulerProperties;
import io.touchpoint.jobs.support.Inboxes;
import io.touchpoint.jobs.support.IntegrationTest;
import io.touchpoint.scheduler.MisfirePolicy;
import io.touchpoint.scheduler.Schedule;
import io.touchpoint.scheduler.SchedulerNode;

/**
 * The scheduler's HTTP server, started from the shared application context on a free port over the
 * embedded MariaDB and S3Proxy, fetched over real HTTP after a real nightly run: health of the metadata
 * database, the warehouse and S3 (and DOWN naming what is wrong without quoting a secret), Prometheus
 * metrics of the run checked against Spring Batch's tables, and the status page.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class WatchServerIntegrationTests extends IntegrationTest {

	private static final String TENANT = "watch";

	private static final String SCHEDULE = "watch-page";

	private final HttpClient http = HttpClient.newHttpClient();

	@Autowired
	private WatchServer server;

	@Autowired
	private JobRuns runs;

	@Autowired
	private JobRepository repository;

	@Autowired
	private SchedulerNodes nodes;

	@Autowired
	private DataSource metadata;

	@Autowired
	private Endpoints endpoints;

	@Autowired
	private Secrets secrets;

	@Autowired
	private S3Client s3;

	@Autowired
	private org.springframework.context.ConfigurableApplicationContext context;

	@Autowired
	private SchedulerProperties properties;

	@Autowired
	private io.touchpoint.jobs.executions.ExecutionQueries queries;

	private URI url;

	private JobExecution run;

	@BeforeAll
	void serveAfterANightlyRun() throws IOException {
		// given a schedule whose next fire time is 2099-01-01 02:30 in Paris (CET, +01:00), for the night before
		try (SchedulerNode cli = nodes.standby()) {
			cli.schedules().add(new Schedule(SCHEDULE, "nightly", "0 30 2 1 1 ? 2099", ZoneId.of("Europe/Paris"),
					List.of(TENANT), 1, MisfirePolicy.FIRE_ONCE), "cli", true);
		}
		// and the scheduler's HTTP server started on a free port of the loopback address, as the command does first
		url = server.start("127.0.0.1", 0);

		// when a nightly run of tenant "watch" over the standard small fixture completes
		Path inbox = Inboxes.standard(home(), TENANT);
		run = runs.start("nightly", IngestParameters.nightly(TENANT, LocalDate.of(2026, 11, 10), inbox.toString()));
		assertThat(run.getStatus()).isEqualTo(BatchStatus.COMPLETED);
	}

	@AfterAll
	void stop() {
		server.stop();
		try (SchedulerNode cli = nodes.standby()) {
			cli.schedules().remove(SCHEDULE);
		}
	}

	@Test
	void healthIsUpWithTheMetadataDatabaseTheWarehouseAndS3() throws Exception {
		HttpResponse<String> response = get("actuator/health");

		assertThat(response.statusCode()).isEqualTo(200);
		JsonNode body = JsonMapper.shared().readTree(response.body());
		assertThat(body.path("status").asString()).isEqualTo("UP");
		for (String component : List.of("metadata", "warehouse", "s3")) {
			assertThat(body.path("components").path(component).path("status").asString()).as(component).isEqualTo("UP");
		}
		assertThat(body.path("components").path("s3").path("details").path("bucket").asString())
			.isEqualTo(endpoints.bucket());
		assertThat(body.path("components").path("metadata").path("details").path("database").asString())
			.containsIgnoringCase("mariadb");
		assertThat(secrets.leaks(response.body())).as("a configured secret in %s", response.body()).isFalse();
	}

	@Test
	void infoReportsTheBuildsVersionAndTheProbesAreUp() throws Exception {
		HttpResponse<String> info = get("actuator/info");
		HttpResponse<String> liveness = get("actuator/health/liveness");
		HttpResponse<String> readiness = get("actuator/health/readiness");

		// the version of the pom that built it (passed to the tests by the build)
		assertThat(info.statusCode()).isEqualTo(200);
		assertThat(JsonMapper.shared().readTree(info.body()).path("build").path("version").asString())
			.isEqualTo(System.getProperty("touchpoint.version"));
		for (HttpResponse<String> probe : List.of(liveness, readiness)) {
			assertThat(probe.statusCode()).as(probe.uri().toString()).isEqualTo(200);
			assertThat(JsonMapper.shared().readTree(probe.body()).path("status").asString()).isEqualTo("UP");
		}
	}

	@Test
	void prometheusCountsTheRowsOfTheRunPerStepAndItsEndAsTheLastSuccess() throws Exception {
		HttpResponse<String> response = get("actuator/prometheus");

		assertThat(response.statusCode()).isEqualTo(200);
		// the counts Spring Batch recorded for each step of the run, read from its tables
		Map<String, Long> written = new HashMap<>();
		new JdbcTemplate(metadata).query("SELECT STEP_NAME, WRITE_COUNT FROM BATCH_STEP_EXECUTION WHERE JOB_EXECUTION_ID = ?",
				rs -> {
					written.put(rs.getString(1), rs.getLong(2));
				}, run.getId());
		assertThat(written).containsKey("load");
		assertThat(written.get("load")).as("the load step wrote rows").isPositive();
		for (Map.Entry<String, Long> step : written.entrySet()) {
			assertThat(sample(response.body(), "touchpoint_rows_written_total",
					Map.of("job", "nightly", "tenant", TENANT, "step", step.getKey())))
				.as("rows written by %s", step.getKey())
				.isEqualTo(step.getValue().doubleValue());
		}
		assertThat(sample(response.body(), "touchpoint_last_success_timestamp_seconds", Map.of("job", "nightly", "tenant", TENANT)))
			.isEqualTo((double) endTime(run.getId()).atZone(ZoneId.systemDefault()).toEpochSecond());
		assertThat(sample(response.body(), "touchpoint_runs_total", Map.of("job", "nightly", "tenant", TENANT, "status", "COMPLETED")))
			.isEqualTo(1.0);
		assertThat(sample(response.body(), "touchpoint_run_failures_total", Map.of("job", "nightly", "tenant", TENANT)))
			.isZero();
		assertThat(sample(response.body(), "touchpoint_step_duration_seconds_count",
				Map.of("job", "nightly", "step", "load", "status", "COMPLETED"))).isPositive();
	}

	@Test
	void aRestartedNodeReportsTheLastSuccessFromTheMetadataDatabase() {
		// given a node that has not seen the run (a fresh registry)
		SimpleMeterRegistry registry = new SimpleMeterRegistry();
		RunMetrics restarted = new RunMetrics(metadata, ZoneId.systemDefault());

		// when it starts serving
		restarted.attach(registry);

		// then
		assertThat(registry.get(RunMetrics.LAST_SUCCESS).tags("job", "nightly", "tenant", TENANT).gauge().value())
			.isEqualTo((double) endTime(run.getId()).atZone(ZoneId.systemDefault()).toEpochSecond());
	}

	@Test
	void theStatusPageListsTheRunAndTheScheduleWithItsNextFireTime() throws Exception {
		HttpResponse<String> response = get("");

		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(type -> assertThat(type).startsWith("text/html"));
		String page = response.body();
		assertThat(page).contains("<td class=\"n\">" + run.getId() + "</td><td>nightly</td><td>" + TENANT
				+ "</td><td>2026-11-10</td><td class=\"s-completed\">COMPLETED</td>");
		// read, written and quarantined: the normalize step's reads, the load step's writes, every step's skips
		Map<String, Long> counts = new JdbcTemplate(metadata).queryForMap("""
				SELECT SUM(CASE WHEN STEP_NAME = 'normalize' THEN READ_COUNT END) AS r,
				       SUM(CASE WHEN STEP_NAME = 'load' THEN WRITE_COUNT END) AS w,
				       SUM(READ_SKIP_COUNT + PROCESS_SKIP_COUNT + WRITE_SKIP_COUNT) AS q
				FROM BATCH_STEP_EXECUTION WHERE JOB_EXECUTION_ID = ?""", run.getId())
			.entrySet().stream().collect(java.util.stream.Collectors.toMap(e -> e.getKey().toLowerCase(java.util.Locale.ROOT),
					e -> ((Number) e.getValue()).longValue()));
		assertThat(counts.get("q")).as("the fixture's bad records").isPositive();
		assertThat(page).containsPattern(Pattern.quote("<td class=\"n\">" + run.getId() + "</td>") + ".*"
				+ Pattern.quote("<td class=\"n\">" + counts.get("r") + "</td><td class=\"n\">" + counts.get("w")
						+ "</td><td class=\"n\">" + counts.get("q") + "</td>"));
		assertThat(page).contains("<td>" + SCHEDULE + "</td>", "<td>2099-01-01 02:30:00+01:00</td><td>2098-12-31</td>");
		assertThat(page).doesNotContain("<script", "http://", "https://");
	}

	@Test
	void aTenantAndAnErrorHoldingMarkupAreShownEscaped() throws Exception {
		// given a failed execution whose tenant and error hold a script (a launch refuses such a tenant id, so its
		// parameters are built here as a metadata database written by something else could hold them)
		String tenant = "<script>alert('tenant')</script>";
		JobExecution failed = failed(new org.springframework.batch.core.job.parameters.JobParametersBuilder()
			.addString(IngestParameters.TENANT, tenant)
			.addLocalDate(IngestParameters.DATE, LocalDate.of(2026, 11, 11))
			.addString(IngestParameters.INBOX, "/nowhere", false)
			.toJobParameters(),
				"java.lang.IllegalStateException: bad row <script>alert(\"error\")</script> & more");

		// when
		String page = get("").body();

		// then
		assertThat(page).contains("&lt;script&gt;alert('tenant')&lt;/script&gt;")
			.contains("bad row &lt;script&gt;alert(&quot;error&quot;)&lt;/script&gt; &amp; more")
			.contains("<td class=\"n\">" + failed.getId() + "</td>")
			.doesNotContain("<script");
	}

	@Test
	void thePageAndTheEndpointsAreReadOnly() throws Exception {
		for (String path : List.of("", "actuator/health", "actuator/prometheus")) {
			HttpResponse<String> post = http.send(HttpRequest.newBuilder(url.resolve(path)).POST(HttpRequest.BodyPublishers.ofString("x"))
				.build(),
					HttpResponse.BodyHandlers.ofString());
			assertThat(post.statusCode()).as("POST /%s", path).isEqualTo(405);
		}
		assertThat(get("actuator/shutdown").statusCode()).isEqualTo(404);
		assertThat(get("actuator/env").statusCode()).isEqualTo(404);
	}

	@Test
	void healthIsDownNamingAMissingBucketOrAnUnreachableS3WithoutASecret() throws Exception {
		String secretKey = endpoints.credentials().resolveCredentials().secretAccessKey();
		int closedPort = closedPort();
		try (S3Client unreachable = S3Client.builder().region(Region.of(endpoints.s3Region())).forcePathStyle(true)
			.credentialsProvider(endpoints.credentials()).endpointOverride(URI.create("http://127.0.0.1:" + closedPort)).build()) {
			Map<String, HealthContributor> cases = Map.of(
					"missing bucket", new S3Health(s3, "no-such-bucket-here", endpoints.s3Region(), endpoints.s3Endpoint(), secrets),
					"unreachable", new S3Health(unreachable, endpoints.bucket(), endpoints.s3Region(),
							URI.create("http://user:" + secretKey + "@127.0.0.1:" + closedPort), secrets));
			for (Map.Entry<String, HealthContributor> broken : cases.entrySet()) {
				String body = withS3(broken.getValue(), () -> {
					HttpResponse<String> response = get("actuator/health");
					assertThat(response.statusCode()).as(broken.getKey()).isEqualTo(503);
					return response.body();
				});
				JsonNode s3Health = JsonMapper.shared().readTree(body).path("components").path("s3");
				assertThat(s3Health.path("status").asString()).as(broken.getKey()).isEqualTo("DOWN");
				assertThat(body).as(broken.getKey()).doesNotContain(secretKey);
				if (broken.getKey().equals("missing bucket")) {
					assertThat(s3Health.path("details").path("error").asString()).contains("HTTP 404", "no-such-bucket-here");
				}
				else {
					assertThat(s3Health.path("details").path("endpoint").asString()).isEqualTo("http://127.0.0.1:" + closedPort);
					assertThat(s3Health.path("details").path("error").asString()).contains("touchpoint.s3.endpoint");
				}
			}
		}
		assertThat(get("actuator/health").statusCode()).as("healthy again").isEqualTo(200);
	}

	@Test
	void aPortInUseIsRefusedNamingThePropertyToChange() throws Exception {
		try (ServerSocket taken = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
			WatchServer second = new WatchServer(context, properties, new RunMetrics(metadata, ZoneId.systemDefault()), nodes,
					queries, metadata, "second-node");

			assertThatThrownBy(() -> second.start("127.0.0.1", taken.getLocalPort()))
				.isInstanceOf(InvalidConfigurationException.class)
				.hasMessageContaining("127.0.0.1:" + taken.getLocalPort())
				.hasMessageContaining("touchpoint.scheduler.http-port");
			assertThat(second.url()).isNull();
		}
	}

	@Test
	void anUnreachableDatabaseIsDownNamingWhereItIsWithoutItsCredentials() throws Exception {
		// given a warehouse URL that carries its credentials, to a port nothing listens on
		int closedPort = closedPort();
		String password = "S3CRET-db-password";
		String url = "jdbc:mariadb://tp:" + password + "@127.0.0.1:" + closedPort + "/touchpoint?connectTimeout=2000&password="
				+ password;
		DatabaseHealth broken = new DatabaseHealth("warehouse", new MariaDbDataSource(url), url, Secrets.of(List.of()));

		// when
		var down = broken.health();

		// then
		assertThat(down.getStatus().getCode()).isEqualTo("DOWN");
		assertThat(down.getDetails().get("location")).isEqualTo("jdbc:mariadb://127.0.0.1:" + closedPort + "/touchpoint");
		assertThat((String) down.getDetails().get("error")).contains("touchpoint.warehouse.url");
		assertThat(down.getDetails().toString()).doesNotContain(password);
	}

	private <T> T withS3(HealthContributor replacement, Check<T> check) throws Exception {
		HealthContributorRegistry health = server.web().getBean(HealthContributorRegistry.class);
		HealthContributor original = health.unregisterContributor("s3");
		health.registerContributor("s3", replacement);
		try {
			return check.run();
		}
		finally {
			health.unregisterContributor("s3");
			health.registerContributor("s3", original);
		}
	}

	private interface Check<T> {
		T run() throws Exception;
	}

	private HttpResponse<String> get(String path) throws IOException, InterruptedException {
		return http.send(HttpRequest.newBuilder(url.resolve(path)).GET().build(), HttpResponse.BodyHandlers.ofString());
	}

	private LocalDateTime endTime(long executionId) {
		return new JdbcTemplate(metadata).queryForObject("SELECT END_TIME FROM BATCH_JOB_EXECUTION WHERE JOB_EXECUTION_ID = ?",
				LocalDateTime.class, executionId);
	}

	/** The value of one sample of the Prometheus text exposition, found by name and exact labels. */
	private static double sample(String exposition, String name, Map<String, String> labels) {
		Pattern line = Pattern.compile("^" + Pattern.quote(name) + "\\{([^}]*)\\} (\\S+)$", Pattern.MULTILINE);
		Matcher matcher = line.matcher(exposition);
		while (matcher.find()) {
			Map<String, String> found = new HashMap<>();
			Matcher label = Pattern.compile("(\\w+)=\"([^\"]*)\"").matcher(matcher.group(1));
			while (label.find()) {
				found.put(label.group(1), label.group(2));
			}
			if (found.equals(labels)) {
				return Double.parseDouble(matcher.group(2));
			}
		}
		throw new AssertionError("No sample " + name + labels + " in:\n" + exposition);
	}

	private JobExecution failed(JobParameters parameters, String error) throws Exception {
		JobInstance instance = repository.createJobInstance("nightly", parameters);
		JobExecution execution = repository.createJobExecution(instance, parameters, new ExecutionContext());
		execution.setStartTime(LocalDateTime.now().minusMinutes(2));
		execution.setEndTime(LocalDateTime.now());
		execution.setStatus(BatchStatus.FAILED);
		execution.setExitStatus(ExitStatus.FAILED.addExitDescription(error));
		repository.update(execution);
		return execution;
	}

	private static int closedPort() throws IOException {
		try (ServerSocket socket = new ServerSocket(0)) {
			return socket.getLocalPort();
		}
	}
}
