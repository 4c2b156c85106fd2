package io.touchpoint.jobs.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Predicate;

import javax.sql.DataSource;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.SimpleDriverDataSource;

import io.touchpoint.jobs.support.ChildCli;
import io.touchpoint.jobs.support.ExternalServers;
import io.touchpoint.jobs.support.Inboxes;
import io.touchpoint.scheduler.MisfirePolicy;
import io.touchpoint.scheduler.Schedule;
import io.touchpoint.scheduler.SchedulerNode;

/**
 * A scheduler cluster across processes: two {@code touchpoint scheduler} JVMs on one external metadata database
 * (a standalone MariaDB server, and S3Proxy, started here) share a schedule of six tenants. The first node to
 * start a tenant's night is killed with SIGKILL right after that run's fetch step logs; the other node's Quartz
 * sees its check-ins stop, re-fires its in-flight runs as recovering jobs, marks the executions the dead node
 * left running FAILED and restarts them. Every tenant's night then completed once, in one job instance, no two
 * of its executions overlapping, and the warehouse holds each tenant's rows exactly once.
 *
 * <p>It starts two application JVMs and waits for Quartz to declare a node dead: about 2 minutes on a quiet
 * machine, so it runs with the suite.
 */
class SchedulerClusterIntegrationTests {

	private static final String DB_PASSWORD = "Cluster-Db-4711";

	private static final String ACCESS_KEY = "cluster-access";

	private static final String S3_SECRET = "Cluster-S3-0815";

	private static final String BUCKET = "cluster-staging";

	private static final List<String> TENANTS = List.of("c1", "c2", "c3", "c4", "c5", "c6");

	/** A hang guard for each wait, never a delay: every wait ends on a line or a row it waits for. */
	private static final Duration LIMIT = Duration.ofMinutes(4);

	static ExternalServers servers;

	static Path dir;

	@BeforeAll
	static void startServers() throws Exception {
		dir = Path.of("target", "cluster-tests", Long.toString(System.nanoTime())).toAbsolutePath();
		Files.createDirectories(dir);
		servers = ExternalServers.start(DB_PASSWORD, ACCESS_KEY, S3_SECRET, BUCKET);
	}

	@AfterAll
	static void stopServers() throws Exception {
		servers.close();
	}

	@Test
	void twoNodesRunEveryTenantsNightOnceAndTheSurvivorFinishesTheRunsOfANodeKilledMidRun() throws Exception {
		// given the schema, and two scheduler nodes, the first of them to log a run's fetch step killed right there
		assertThat(init().out()).contains("V001__canonical_schema.sql (warehouse)");
		AtomicReference<String> killed = new AtomicReference<>();
		CountDownLatch kill = new CountDownLatch(1);
		ChildCli a = node("node-a", firstFetch("node-a", killed, kill));
		ChildCli b = node("node-b", firstFetch("node-b", killed, kill));
		Predicate<String> started = line -> line.startsWith("Scheduler node ");
		a.awaitLine(started, LIMIT);
		b.awaitLine(started, LIMIT);

		// and a small night (hand-counted in inbox/small/README.md) in each tenant's inbox, for the business date
		// of a schedule of the six tenants that fires once, a few seconds from now
		ZonedDateTime fireAt = ZonedDateTime.now(ZoneOffset.UTC).truncatedTo(ChronoUnit.SECONDS).plusSeconds(5);
		LocalDate night = fireAt.toLocalDate().minusDays(1);
		for (String tenant : TENANTS) {
			Path inbox = dir.resolve("inbox").resolve(tenant).resolve(night.toString());
			Inboxes.copy(inbox, "stripe", "/inbox/small/unified_payments.csv", "unified_payments.csv");
			Inboxes.copy(inbox, "hubspot", "/inbox/small/hubspot-contacts.csv", "hubspot-contacts.csv");
			Inboxes.copy(inbox, "segment", "/inbox/small/events.jsonl", "events.jsonl");
		}

		// when the schedule is added
		String cron = fireAt.getSecond() + " " + fireAt.getMinute() + " " + fireAt.getHour() + " " + fireAt.getDayOfMonth()
				+ " " + fireAt.getMonthValue() + " ? " + fireAt.getYear();
		try (SchedulerNode cli = SchedulerNode.standby(metadata())) {
			cli.schedules().add(new Schedule("cluster", "nightly", cron, ZoneOffset.UTC, TENANTS, 1,
					MisfirePolicy.FIRE_ONCE), "test", false, Instant.now());
		}

		// then one node is killed mid-run, and the other finishes every tenant's night
		assertThat(kill.await(LIMIT.toSeconds(), TimeUnit.SECONDS)).as("a node started a run; node-a:%n%s%nnode-b:%n%s",
				a.output(), b.output()).isTrue();
		String victimId = killed.get();
		ChildCli victim = victimId.equals("node-a") ? a : b;
		ChildCli survivor = victim == a ? b : a;
		assertThat(victim.exitCode(1)).as(victim.output()).isNotZero();
		for (String tenant : TENANTS) {
			survivor.awaitLine(line -> line.contains("Schedule cluster: nightly " + tenant + " " + night + ": COMPLETED"),
					LIMIT);
		}
		survivor.awaitLine(line -> line.contains("left running by failed scheduler node " + victimId), LIMIT);
		survivor.process().destroy(); // SIGTERM: a clean stop, which the JVM ends with 128 + 15
		assertThat(survivor.exitCode(2)).as(survivor.output()).isEqualTo(143);
		String survivorId = victim == a ? "node-b" : "node-a";
		assertThat(Files.readString(dir.resolve(survivorId).resolve("logs/touchpoint.log")))
			.contains("Scheduler node " + survivorId + " stopped");

		JdbcTemplate meta = new JdbcTemplate(metadata());
		for (String tenant : TENANTS) {
			// one job instance per tenant night, exactly one completed execution, none overlapping another
			List<Map<String, Object>> executions = meta.queryForList("""
					SELECT e.JOB_INSTANCE_ID, e.STATUS, e.START_TIME, e.END_TIME FROM BATCH_JOB_EXECUTION e
					JOIN BATCH_JOB_INSTANCE i ON i.JOB_INSTANCE_ID = e.JOB_INSTANCE_ID AND i.JOB_NAME = 'nightly'
					JOIN BATCH_JOB_EXECUTION_PARAMS t ON t.JOB_EXECUTION_ID = e.JOB_EXECUTION_ID
					  AND t.PARAMETER_NAME = 'tenant' AND t.PARAMETER_VALUE = ?
					ORDER BY e.JOB_EXECUTION_ID""", tenant);
			assertThat(executions).extracting(e -> e.get("JOB_INSTANCE_ID")).as(tenant).hasSize(executions.size())
				.containsOnly(executions.get(0).get("JOB_INSTANCE_ID"));
			assertThat(executions).extracting(e -> e.get("STATUS")).as(tenant).containsOnlyOnce("COMPLETED")
				.last().isEqualTo("COMPLETED");
			for (int i = 1; i < executions.size(); i++) {
				Object endBefore = executions.get(i - 1).get("END_TIME");
				assertThat(endBefore).as("%s: execution %d ended before the next one started", tenant, i).isNotNull();
				assertThat(((Timestamp) endBefore).toInstant())
					.isBeforeOrEqualTo(((Timestamp) executions.get(i).get("START_TIME")).toInstant());
			}
		}
		// the killed node's run: marked FAILED by the survivor, then restarted by it to completion
		assertThat(meta.queryForObject("SELECT COUNT(*) FROM BATCH_JOB_EXECUTION WHERE STATUS = 'FAILED'", Integer.class))
			.isBetween(1, 2);

		// and the warehouse holds every tenant's rows once: 4 contacts, 2 purchases of 10000 + 5000, 1 refund,
		// 4 tag applications, 3 touchpoints, 3 quarantined records (inbox/small/README.md)
		JdbcTemplate warehouse = new JdbcTemplate(new SimpleDriverDataSource(new org.mariadb.jdbc.Driver(),
				servers.jdbcUrl("wh"), ExternalServers.USER, DB_PASSWORD));
		for (String tenant : TENANTS) {
			assertThat(warehouse.queryForList("SELECT CONCAT((SELECT COUNT(*) FROM contacts WHERE tenant_id = ?), ' ',"
					+ " (SELECT COUNT(*) FROM purchases WHERE tenant_id = ?), ' ',"
					+ " (SELECT SUM(amount_minor) FROM purchases WHERE tenant_id = ?), ' ',"
					+ " (SELECT COUNT(*) FROM refunds WHERE tenant_id = ?), ' ',"
					+ " (SELECT COUNT(*) FROM tag_applications WHERE tenant_id = ?), ' ',"
					+ " (SELECT COUNT(*) FROM touchpoints WHERE tenant_id = ?), ' ',"
					+ " (SELECT COUNT(*) FROM quarantine WHERE tenant_id = ?))", String.class, tenant, tenant, tenant,
					tenant, tenant, tenant, tenant))
				.as(tenant)
				.containsExactly("4 2 15000 1 4 3 3");
		}
	}

	/** Accepts the first fetch line of a tenant's run printed by any node, once in all: that node is killed. */
	private static Predicate<String> firstFetch(String node, AtomicReference<String> killed, CountDownLatch kill) {
		return line -> {
			if (line.contains(" fetch ") && line.contains(" for tenant c") && killed.compareAndSet(null, node)) {
				kill.countDown();
				return true;
			}
			return false;
		};
	}

	private static ChildCli node(String id, Predicate<String> killOn) {
		List<String> args = new ArrayList<>(external(dir.resolve(id)));
		args.addAll(List.of("--touchpoint.ingest.inbox=" + dir.resolve("inbox") + "/{tenant}/{date}",
				"--touchpoint.scheduler.instance-id=" + id, "--touchpoint.scheduler.threads=2",
				"--touchpoint.scheduler.checkin-interval=2s", "--touchpoint.scheduler.http-port=-1", "scheduler"));
		return ChildCli.start(Map.of("AWS_ACCESS_KEY_ID", ACCESS_KEY, "AWS_SECRET_ACCESS_KEY", S3_SECRET), killOn, 1,
				args.toArray(String[]::new));
	}

	private static List<String> external(Path home) {
		return List.of("--home", home.toString(), "--touchpoint.warehouse.url=" + servers.jdbcUrl("wh"),
				"--touchpoint.warehouse.username=" + ExternalServers.USER, "--touchpoint.warehouse.password=" + DB_PASSWORD,
				"--touchpoint.metadata.url=" + servers.jdbcUrl("meta"),
				"--touchpoint.metadata.username=" + ExternalServers.USER, "--touchpoint.metadata.password=" + DB_PASSWORD,
				"--touchpoint.s3.endpoint=" + servers.s3Endpoint(), "--touchpoint.s3.bucket=" + BUCKET);
	}

	private static DataSource metadata() {
		return new SimpleDriverDataSource(new org.mariadb.jdbc.Driver(), servers.jdbcUrl("meta"), ExternalServers.USER,
				DB_PASSWORD);
	}

	private record Result(int code, String out) {
	}

	/** {@code touchpoint init} in this JVM, against the external servers. */
	private static Result init() {
		StringWriter out = new StringWriter();
		List<String> args = new ArrayList<>(external(dir.resolve("init")));
		args.add("init");
		System.setProperty("aws.accessKeyId", ACCESS_KEY);
		System.setProperty("aws.secretAccessKey", S3_SECRET);
		try {
			int code = TouchpointCli.commandLine(new PrintWriter(out, true), new PrintWriter(out, true))
				.execute(args.toArray(String[]::new));
			assertThat(code).as(out.toString()).isZero();
			return new Result(code, out.toString());
		}
		finally {
			System.clearProperty("aws.accessKeyId");
			System.clearProperty("aws.secretAccessKey");
		}
	}
}
