package io.touchpoint.jobs.rollup;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;

import javax.sql.DataSource;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

import io.touchpoint.jobs.config.WarehouseDataSource;
import io.touchpoint.jobs.rollup.RollupProperties.TouchpointCounting;
import io.touchpoint.jobs.support.IntegrationTest;

/**
 * Rollups on two connections ({@code touchpoint.rollups.threads} 2): a contact range that fails runs again alone
 * and the tables equal a rebuild on one connection; readers see the old numbers until the ranges' rows are moved
 * in, and never a mix of old and new.
 */
class RollupRangesIntegrationTests extends IntegrationTest {

	@Autowired
	@WarehouseDataSource
	private DataSource warehouse;

	@Test
	void aRangeThatFailsRunsAgainAloneAndTheTablesEqualARebuildOnOneConnection() {
		// given ten customers: c0 paid 10.00, c1 20.00, ... c9 100.00 (55,000 minor units in all), c3 refunded 5.00
		JdbcTemplate jdbc = new JdbcTemplate(warehouse);
		Facts facts = customers(jdbc, "ranges-retry");
		facts.refund("stripe:r3", "stripe:p3", "c3", "2026-02-02 10:00:00", -500, "USD", false);
		List<String> attempts = Collections.synchronizedList(new ArrayList<>());
		RollupRunner runner = runner(2);
		runner.listener(new RollupRunner.RangeListener() {
			@Override
			public void started(int range, int attempt) {
				attempts.add(range + "/" + attempt);
				if (range == 1 && attempt == 1) {
					throw new IllegalStateException("injected failure of range 1");
				}
			}
		});

		// when
		RollupRunner.Result result = runner.rebuild("ranges-retry", RollupRunner.NO_WINDOW_END);

		// then range 1 ran twice, range 0 once
		assertThat(attempts).containsExactlyInAnyOrder("0/1", "1/1", "1/2");
		assertThat(result.written()).containsEntry("contact_value", 10).containsEntry("counted_purchases", 10);
		assertThat(jdbc.queryForObject("SELECT SUM(net_minor) FROM contact_value WHERE tenant_id = 'ranges-retry'",
				Long.class)).isEqualTo(55_000 - 500);
		assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM rollup_next_contact_value WHERE tenant_id = 'ranges-retry'",
				Integer.class)).isZero();
		Map<String, List<String>> onTwo = facts.snapshot();
		runner(1).rebuild("ranges-retry", RollupRunner.NO_WINDOW_END);
		assertThat(onTwo).isEqualTo(facts.snapshot());
	}

	@Test
	void readersSeeTheOldNumbersUntilTheMoveAndNeverAMix() throws InterruptedException {
		// given ten customers rolled up (55,000 minor units), then a batch in which each pays 5.00 more (60,000)
		JdbcTemplate jdbc = new JdbcTemplate(warehouse);
		Facts facts = customers(jdbc, "ranges-readers");
		RollupRunner runner = runner(2);
		runner.rebuild("ranges-readers", RollupRunner.NO_WINDOW_END);
		facts.batch("b2");
		for (int i = 0; i < 10; i++) {
			facts.purchase("stripe:q" + i, "c" + i, "2026-03-01 10:00:00", 500, "USD", null, null);
		}
		String both = "SELECT CONCAT((SELECT SUM(net_minor) FROM contact_value WHERE tenant_id = 'ranges-readers'), '/', "
				+ "(SELECT SUM(net_minor) FROM daily_revenue WHERE tenant_id = 'ranges-readers'))";
		List<String> between = new ArrayList<>();
		List<String> seen = Collections.synchronizedList(new ArrayList<>());
		AtomicBoolean done = new AtomicBoolean();
		List<Thread> readers = new ArrayList<>();
		runner.listener(new RollupRunner.RangeListener() {
			@Override
			public void computed(String tenantId) {
				// every range has committed its rows; another connection reads before the move
				between.add(jdbc.queryForObject(both, String.class));
				between.add(String.valueOf(jdbc.queryForObject(
						"SELECT SUM(net_minor) FROM rollup_next_contact_value WHERE tenant_id = 'ranges-readers'", Long.class)));
				Thread reader = new Thread(() -> {
					while (!done.get()) {
						seen.add(jdbc.queryForObject(both, String.class));
					}
				});
				reader.start();
				readers.add(reader);
			}
		});

		// when
		runner.incremental("ranges-readers", "b2", RollupRunner.NO_WINDOW_END);
		seen.add(jdbc.queryForObject(both, String.class));
		done.set(true);
		for (Thread reader : readers) {
			reader.join();
		}

		// then before the move: the old numbers, and the ranges' new ones waiting; during and after: old or new pairs
		assertThat(between).containsExactly("55000/55000", "60000");
		assertThat(seen).isNotEmpty().allMatch(pair -> pair.equals("55000/55000") || pair.equals("60000/60000"));
		assertThat(seen.get(seen.size() - 1)).isEqualTo("60000/60000");
	}

	/** c0 to c9, each one purchase of (i + 1) * 1,000 USD minor units on 2026-02-01, in batch b1. */
	private static Facts customers(JdbcTemplate jdbc, String tenant) {
		Facts facts = new Facts(jdbc, tenant).batch("b1");
		for (int i = 0; i < 10; i++) {
			facts.contact("c" + i, "2026-01-01 00:00:00")
				.purchase("stripe:p" + i, "c" + i, "2026-02-01 10:00:00", (i + 1) * 1000L, "USD", null, null);
		}
		return facts;
	}

	private RollupRunner runner(int threads) {
		return new RollupRunner(warehouse, new RollupProperties(ZoneOffset.UTC, TouchpointCounting.EVER, null, 30,
				Duration.ofMinutes(30), 50, threads), new RollupProperties.TenantSettings(Map.of()));
	}
}
