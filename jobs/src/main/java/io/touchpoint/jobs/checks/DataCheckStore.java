package io.touchpoint.jobs.checks;

import java.math.BigDecimal;
import java.sql.Date;
import java.sql.Timestamp;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import javax.sql.DataSource;

import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;

/**
 * The data check results in the metadata database ({@code tp_data_checks}): written by the check step,
 * read back as the trailing nights' history, by {@code touchpoint execution N}, the status page, the
 * metrics and the alerts, and marked accepted by {@code touchpoint checks accept}.
 */
public class DataCheckStore {

	private final NamedParameterJdbcTemplate jdbc;

	public DataCheckStore(DataSource metadataDataSource) {
		this.jdbc = new NamedParameterJdbcTemplate(metadataDataSource);
	}

	/** A stored result with the execution it belongs to. */
	public record Stored(long executionId, String batchId, String tenant, LocalDate date, CheckResult result,
			@Nullable LocalDateTime acceptedAt) {
	}

	public void record(long executionId, String batchId, String tenant, LocalDate date, List<CheckResult> results) {
		List<MapSqlParameterSource> rows = new ArrayList<>();
		for (CheckResult r : results) {
			rows.add(new MapSqlParameterSource().addValue("execution", executionId)
				.addValue("batch", batchId)
				.addValue("tenant", tenant)
				.addValue("date", Date.valueOf(date))
				.addValue("source", r.source())
				.addValue("check", r.check())
				.addValue("subject", r.subject())
				.addValue("measured", decimal(r.measured()))
				.addValue("low", decimal(r.low()))
				.addValue("high", decimal(r.high()))
				.addValue("newest", r.newestEvent() == null ? null : Timestamp.valueOf(r.newestEvent()))
				.addValue("outcome", r.outcome().name())
				.addValue("action", r.action().name())
				.addValue("message", r.message().length() > 2000 ? r.message().substring(0, 2000) : r.message()));
		}
		jdbc.batchUpdate("""
				INSERT INTO tp_data_checks (job_execution_id, batch_id, tenant_id, business_date, source, check_name,
				  subject, measured, band_low, band_high, newest_event, outcome, action, message)
				VALUES (:execution, :batch, :tenant, :date, :source, :check, :subject, :measured, :low, :high, :newest,
				  :outcome, :action, :message)
				""", rows.toArray(MapSqlParameterSource[]::new));
	}

	/**
	 * The measured value of each night in [{@code from}, {@code to}) that has one, the newest result of
	 * the night (a restarted check step records again), oldest night first.
	 */
	public List<Double> history(String tenant, String source, String check, String subject, LocalDate from,
			LocalDate to) {
		Map<LocalDate, Double> nights = new LinkedHashMap<>();
		jdbc.query("""
				SELECT business_date, measured FROM tp_data_checks
				WHERE tenant_id = :tenant AND source = :source AND check_name = :check AND subject = :subject
				  AND business_date >= :from AND business_date < :to AND measured IS NOT NULL
				ORDER BY business_date, check_id
				""", new MapSqlParameterSource("tenant", tenant).addValue("source", source)
			.addValue("check", check)
			.addValue("subject", subject)
			.addValue("from", Date.valueOf(from))
			.addValue("to", Date.valueOf(to)), rs -> {
				nights.put(rs.getDate(1).toLocalDate(), rs.getBigDecimal(2).doubleValue());
			});
		return new ArrayList<>(nights.values());
	}

	/** The currencies (subjects) of a check recorded for the source in [{@code from}, {@code to}). */
	public Set<String> subjects(String tenant, String source, String check, LocalDate from, LocalDate to) {
		return new LinkedHashSet<>(jdbc.queryForList("""
				SELECT DISTINCT subject FROM tp_data_checks
				WHERE tenant_id = :tenant AND source = :source AND check_name = :check
				  AND business_date >= :from AND business_date < :to AND measured IS NOT NULL
				ORDER BY subject
				""", new MapSqlParameterSource("tenant", tenant).addValue("source", source)
			.addValue("check", check)
			.addValue("from", Date.valueOf(from))
			.addValue("to", Date.valueOf(to)), String.class));
	}

	/** The sources checked for the tenant in [{@code from}, {@code to}). */
	public Set<String> sources(String tenant, LocalDate from, LocalDate to) {
		return new LinkedHashSet<>(jdbc.queryForList("""
				SELECT DISTINCT source FROM tp_data_checks
				WHERE tenant_id = :tenant AND business_date >= :from AND business_date < :to ORDER BY source
				""", new MapSqlParameterSource("tenant", tenant).addValue("from", Date.valueOf(from))
			.addValue("to", Date.valueOf(to)), String.class));
	}

	/** The newest event time recorded for the source on a night before {@code date}. */
	public @Nullable LocalDateTime newestEventBefore(String tenant, String source, LocalDate date) {
		return jdbc.queryForObject("""
				SELECT MAX(newest_event) FROM tp_data_checks
				WHERE tenant_id = :tenant AND source = :source AND check_name = 'freshness' AND business_date < :date
				""", new MapSqlParameterSource("tenant", tenant).addValue("source", source)
			.addValue("date", Date.valueOf(date)), LocalDateTime.class);
	}

	/** The (source, check, subject) keys of the batch's failed results someone accepted. */
	public Set<String> accepted(String batchId) {
		return new HashSet<>(jdbc.queryForList("""
				SELECT DISTINCT CONCAT(source, '|', check_name, '|', subject) FROM tp_data_checks
				WHERE batch_id = :batch AND accepted_at IS NOT NULL
				""", new MapSqlParameterSource("batch", batchId), String.class));
	}

	static String key(CheckResult result) {
		return result.source() + "|" + result.check() + "|" + result.subject();
	}

	/**
	 * Marks the failed results of the execution accepted (only the source's, or the check's, when named);
	 * the restarted check step passes them. Returns how many results were accepted.
	 */
	public int accept(long executionId, @Nullable String source, @Nullable String check) {
		return jdbc.update("""
				UPDATE tp_data_checks SET accepted_at = CURRENT_TIMESTAMP(6)
				WHERE job_execution_id = :execution AND outcome = 'FAIL' AND accepted_at IS NULL
				  AND (:source IS NULL OR source = :source) AND (:check IS NULL OR check_name = :check)
				""", new MapSqlParameterSource("execution", executionId).addValue("source", source)
			.addValue("check", check));
	}

	/** The results of one execution, by source and check. */
	public List<Stored> forExecution(long executionId) {
		return query("job_execution_id = :execution", new MapSqlParameterSource("execution", executionId));
	}

	/** The newest results of the tenant's nights, newest night first (at most {@code limit} rows). */
	public List<Stored> forTenant(String tenant, @Nullable String source, int limit) {
		List<Stored> rows = new ArrayList<>(query("tenant_id = :tenant AND (:source IS NULL OR source = :source)",
				new MapSqlParameterSource("tenant", tenant).addValue("source", source)));
		java.util.Collections.reverse(rows);
		return rows.stream().limit(limit).toList();
	}

	private List<Stored> query(String where, MapSqlParameterSource parameters) {
		return jdbc.query("SELECT job_execution_id, batch_id, tenant_id, business_date, source, check_name, subject, "
				+ "measured, band_low, band_high, newest_event, outcome, action, message, accepted_at "
				+ "FROM tp_data_checks WHERE " + where + " ORDER BY business_date, check_id", parameters,
				(rs, i) -> new Stored(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getDate(4).toLocalDate(),
						new CheckResult(rs.getString(5), rs.getString(6), rs.getString(7), dbl(rs.getBigDecimal(8)),
								dbl(rs.getBigDecimal(9)), dbl(rs.getBigDecimal(10)),
								rs.getObject(11, LocalDateTime.class), CheckResult.Outcome.valueOf(rs.getString(12)),
								CheckProperties.Action.valueOf(rs.getString(13)), rs.getString(14)),
						rs.getObject(15, LocalDateTime.class)));
	}

	/** Per execution, its results that did not pass: {@code 1 FAIL, 2 WARN}; executions without any are absent. */
	public Map<Long, String> outcomes(List<Long> executionIds) {
		Map<Long, String> outcomes = new LinkedHashMap<>();
		if (executionIds.isEmpty()) {
			return outcomes;
		}
		jdbc.query("""
				SELECT job_execution_id, outcome, COUNT(*) FROM tp_data_checks
				WHERE job_execution_id IN (:ids) AND outcome IN ('FAIL', 'WARN', 'ACCEPTED')
				GROUP BY job_execution_id, outcome ORDER BY job_execution_id, outcome
				""", new MapSqlParameterSource("ids", executionIds), rs -> {
			outcomes.merge(rs.getLong(1), rs.getLong(3) + " " + rs.getString(2), (a, b) -> a + ", " + b);
		});
		return outcomes;
	}

	private static @Nullable BigDecimal decimal(@Nullable Double value) {
		return value == null ? null : BigDecimal.valueOf(value);
	}

	private static @Nullable Double dbl(@Nullable BigDecimal value) {
		return value == null ? null : value.doubleValue();
	}
}
