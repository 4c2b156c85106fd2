package io.touchpoint.jobs.rollup;

import java.io.IOException;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.sql.DataSource;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.jdbc.support.JdbcTransactionManager;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

import io.touchpoint.jobs.config.WarehouseDataSource;

/**
 * Recomputes a tenant's rollups from {@code sql/rollups/NN_<table>.sql}, in file-name order, in one
 * warehouse transaction: for each file it deletes the tenant's rows of {@code <table>} and runs the
 * file's set-based INSERT ... SELECT. Running it twice gives the same tables; readers see either the
 * old or the new numbers, never a mix.
 */
@Component
public class RollupRunner {

	private static final Logger log = LoggerFactory.getLogger(RollupRunner.class);

	private static final Pattern NAME = Pattern.compile("\\d+_([a-z_]+)\\.sql");

	private final NamedParameterJdbcTemplate jdbc;

	private final TransactionTemplate transaction;

	private final List<Rollup> rollups;

	public RollupRunner(@WarehouseDataSource DataSource warehouse) {
		this.jdbc = new NamedParameterJdbcTemplate(warehouse);
		this.transaction = new TransactionTemplate(new JdbcTransactionManager(warehouse));
		this.rollups = load();
	}

	/** Recomputes every rollup of the tenant; returns rows written per table. */
	public Map<String, Integer> recompute(String tenantId) {
		Map<String, Object> params = Map.of("tenantId", tenantId);
		return transaction.execute(status -> {
			Map<String, Integer> written = new java.util.LinkedHashMap<>();
			for (Rollup rollup : rollups) {
				jdbc.update("DELETE FROM " + rollup.table() + " WHERE tenant_id = :tenantId", params);
				written.put(rollup.table(), jdbc.update(rollup.sql(), params));
			}
			log.info("rollups for tenant {}: {}", tenantId, written);
			return written;
		});
	}

	private static List<Rollup> load() {
		try {
			Resource[] files = new PathMatchingResourcePatternResolver().getResources("classpath*:sql/rollups/*.sql");
			return Arrays.stream(files)
				.sorted(Comparator.comparing(Resource::getFilename))
				.map(RollupRunner::rollup)
				.toList();
		}
		catch (IOException ex) {
			throw new IllegalStateException("Cannot list sql/rollups/ on the classpath: " + ex.getMessage(), ex);
		}
	}

	private static Rollup rollup(Resource file) {
		Matcher matcher = NAME.matcher(file.getFilename());
		if (!matcher.matches()) {
			throw new IllegalStateException("Rollup files are named NN_<table>.sql: " + file.getFilename());
		}
		try {
			String sql = new String(file.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
			return new Rollup(matcher.group(1), sql);
		}
		catch (IOException ex) {
			throw new IllegalStateException("Cannot read " + file.getFilename(), ex);
		}
	}

	private record Rollup(String table, String sql) {
	}
}
