package io.touchpoint.jobs.checks;

import java.sql.Date;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import javax.sql.DataSource;

import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.JdbcTemplate;

import io.touchpoint.jobs.config.TouchpointProperties.SchemaPolicy;

/**
 * The columns each file source's files had ({@code tp_source_schemas}), per tenant, source and stream (the
 * file's name without digits or extension: {@code payments-2026-11-01.csv} is stream {@code payments}).
 * {@link #observe} compares a file's header with the stream's active columns, records what it saw, and
 * returns the columns added and dropped (a rename is one of each); what the night does about them is the
 * policy's ({@code touchpoint.sources.schema-policy}). API sources' streams are recorded here too, their records'
 * top-level fields as columns ({@link #observeFields}).
 */
public class SourceSchemas {

	static final String ACTIVE = "active";

	static final String PENDING = "pending";

	static final String GONE = "gone";

	static final String DROPPED = "dropped";

	private final JdbcTemplate jdbc;

	public SourceSchemas(DataSource metadataDataSource) {
		this.jdbc = new JdbcTemplate(metadataDataSource);
	}

	/** The columns a header added and dropped against its stream's active columns. */
	public record Change(String stream, List<String> added, List<String> dropped) {

		public boolean none() {
			return added.isEmpty() && dropped.isEmpty();
		}

		@Override
		public String toString() {
			return (added.isEmpty() ? "" : "added " + added) + (added.isEmpty() || dropped.isEmpty() ? "" : ", ")
					+ (dropped.isEmpty() ? "" : "dropped " + dropped);
		}
	}

	/** One recorded column. */
	public record Column(String stream, String column, String status, LocalDate firstSeen, LocalDate lastSeen,
			String firstFile, @Nullable LocalDate changedOn) {
	}

	/** The stream of a file: its name without folders, extension and digits ({@code payments}). */
	public static String stream(String file) {
		String name = file.substring(file.lastIndexOf('/') + 1).toLowerCase(Locale.ROOT);
		int dot = name.indexOf('.');
		if (dot > 0) {
			name = name.substring(0, dot);
		}
		String stream = name.replaceAll("[0-9]+", "").replaceAll("[^a-z]+", "_").replaceAll("^_+|_+$", "");
		return stream.isEmpty() ? "file" : stream;
	}

	/**
	 * Records the header of one file of the night {@code date} and returns its change. The first file of a
	 * stream sets its columns. Under {@code evolve} added columns become active and dropped ones dropped; under
	 * {@code freeze} and {@code discard} they wait as pending and gone until {@link #accept}. Idempotent: a
	 * restarted night that reads the file again records nothing new.
	 */
	public synchronized Change observe(String tenant, String source, String file, LocalDate date, List<String> header,
			SchemaPolicy policy) {
		String stream = stream(file);
		Map<String, String> known = new LinkedHashMap<>();
		jdbc.query("SELECT column_name, status FROM tp_source_schemas WHERE tenant_id = ? AND source = ? AND stream = ?",
				rs -> {
					known.put(rs.getString(1), rs.getString(2));
				}, tenant, source, stream);
		if (known.isEmpty()) {
			for (String column : header) {
				markActive(tenant, source, stream, column, date, file);
			}
			return new Change(stream, List.of(), List.of());
		}
		List<String> added = new ArrayList<>();
		for (String column : header) {
			if (expected(known.get(column))) {
				// a column held back as gone that is back is simply active again
				markActive(tenant, source, stream, column, date, file);
			}
			else {
				added.add(column);
			}
		}
		List<String> dropped = known.entrySet()
			.stream()
			.filter(e -> expected(e.getValue()) && !header.contains(e.getKey()))
			.map(Map.Entry::getKey)
			.toList();
		boolean evolve = policy == SchemaPolicy.EVOLVE;
		for (String column : added) {
			markChanged(tenant, source, stream, column, evolve ? ACTIVE : PENDING, date, file);
		}
		for (String column : dropped) {
			jdbc.update("UPDATE tp_source_schemas SET status = ?, changed_on = ? WHERE tenant_id = ? AND source = ? "
					+ "AND stream = ? AND column_name = ?", evolve ? DROPPED : GONE, Date.valueOf(date), tenant, source,
					stream, column);
		}
		return new Change(stream, List.copyOf(added), dropped);
	}

	/**
	 * Records top-level fields an API stream's records had on the night {@code date} ({@code page} names the
	 * landed page they were first seen in) and returns those that are new to the stream. Every field of the
	 * stream's first night is part of it (a vendor leaves empty fields out of some records); on a later night a
	 * new field is a change: under {@code evolve} it becomes active, under {@code freeze} and {@code discard} it
	 * waits as pending until {@link #accept}. A field missing from a night's records is not a drop: JSON APIs
	 * omit empty fields, so a field's absence shows only as its last night seen. Idempotent, as {@link #observe}.
	 */
	public synchronized List<String> observeFields(String tenant, String source, String stream, String page,
			LocalDate date, List<String> fields, SchemaPolicy policy) {
		Map<String, String> known = new LinkedHashMap<>();
		boolean[] established = { false };
		jdbc.query("SELECT column_name, status, first_seen FROM tp_source_schemas WHERE tenant_id = ? AND source = ? "
				+ "AND stream = ?", rs -> {
					known.put(rs.getString(1), rs.getString(2));
					established[0] |= rs.getDate(3).toLocalDate().isBefore(date);
				}, tenant, source, stream);
		List<String> added = new ArrayList<>();
		for (String field : fields) {
			String status = known.get(field);
			if (expected(status) || (!established[0] && status == null)) {
				markActive(tenant, source, stream, field, date, page);
				continue;
			}
			added.add(field);
			markChanged(tenant, source, stream, field, policy == SchemaPolicy.EVOLVE ? ACTIVE : PENDING, date, page);
		}
		return List.copyOf(added);
	}

	/** A column or field seen on {@code date}: active, first seen in {@code firstFile} if it is new. */
	private void markActive(String tenant, String source, String stream, String column, LocalDate date, String firstFile) {
		jdbc.update("INSERT INTO tp_source_schemas (tenant_id, source, stream, column_name, status, first_seen, last_seen, "
				+ "first_file) VALUES (?, ?, ?, ?, 'active', ?, ?, ?) ON DUPLICATE KEY UPDATE status = 'active', "
				+ "last_seen = GREATEST(last_seen, VALUES(last_seen))", tenant, source, stream, column, Date.valueOf(date),
				Date.valueOf(date), firstFile);
	}

	/** A column or field that changed on {@code date}, now in {@code status} (active under evolve, else pending). */
	private void markChanged(String tenant, String source, String stream, String column, String status, LocalDate date,
			String firstFile) {
		jdbc.update("INSERT INTO tp_source_schemas (tenant_id, source, stream, column_name, status, first_seen, last_seen, "
				+ "first_file, changed_on) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) ON DUPLICATE KEY UPDATE status = VALUES(status), "
				+ "last_seen = GREATEST(last_seen, VALUES(last_seen)), changed_on = VALUES(changed_on)", tenant, source,
				stream, column, status, Date.valueOf(date), Date.valueOf(date), firstFile, Date.valueOf(date));
	}

	/** A column the stream's files are expected to have: active, or gone but not yet accepted as dropped. */
	private static boolean expected(@Nullable String status) {
		return ACTIVE.equals(status) || GONE.equals(status);
	}

	/** Accepts the held-back changes of a source (pending columns become active, gone ones dropped). */
	public int accept(String tenant, String source, LocalDate today) {
		return jdbc.update("UPDATE tp_source_schemas SET status = CASE status WHEN 'pending' THEN 'active' ELSE 'dropped' END, "
				+ "changed_on = ? WHERE tenant_id = ? AND source = ? AND status IN ('pending', 'gone')", Date.valueOf(today),
				tenant, source);
	}

	/** Every recorded column of the tenant (of one source when named), by source, stream and column. */
	public List<Column> columns(String tenant, @Nullable String source) {
		return jdbc.query("SELECT stream, column_name, status, first_seen, last_seen, first_file, changed_on, source "
				+ "FROM tp_source_schemas WHERE tenant_id = ? AND (? IS NULL OR source = ?) ORDER BY source, stream, "
				+ "first_seen, column_name", (rs, i) -> new Column(rs.getString(8) + "/" + rs.getString(1), rs.getString(2),
						rs.getString(3), rs.getDate(4).toLocalDate(), rs.getDate(5).toLocalDate(), rs.getString(6),
						rs.getDate(7) == null ? null : rs.getDate(7).toLocalDate()), tenant, source, source);
	}

	/** Per source, the columns whose status changed on the night {@code date}: {@code payments: added [Fee]}. */
	public Map<String, String> changesOn(String tenant, LocalDate date) {
		Map<String, List<String>> notes = new LinkedHashMap<>();
		jdbc.query("SELECT source, stream, column_name, status FROM tp_source_schemas WHERE tenant_id = ? AND changed_on = ? "
				+ "ORDER BY source, stream, column_name", rs -> {
					String verb = switch (rs.getString(4)) {
						case ACTIVE -> "added";
						case PENDING -> "added, held back";
						case GONE -> "dropped, held back";
						default -> "dropped";
					};
					notes.computeIfAbsent(rs.getString(1), s -> new ArrayList<>())
						.add(rs.getString(2) + "." + rs.getString(3) + " " + verb);
				}, tenant, Date.valueOf(date));
		Map<String, String> changes = new LinkedHashMap<>();
		notes.forEach((source, list) -> changes.put(source, String.join(", ", list)));
		return changes;
	}
}
