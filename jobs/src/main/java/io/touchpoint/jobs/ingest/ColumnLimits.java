package io.touchpoint.jobs.ingest;

import java.lang.invoke.LambdaMetafactory;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

import javax.sql.DataSource;

import org.springframework.jdbc.core.JdbcTemplate;

import io.touchpoint.jobs.model.CanonicalTables;
import io.touchpoint.readers.MalformedRecordException;
import io.touchpoint.readers.SourceRecord;
import io.touchpoint.writers.staging.StagedRow;

/**
 * The longest text each canonical column holds, read once per normalize step from the warehouse's own schema,
 * and the check every mapped row passes before it is staged: a value longer than its column quarantines the
 * record, naming the table, the column and both lengths, for every source (exports, APIs, mapping files)
 * instead of failing the whole file's load later with "Data too long". Rows are the canonical records, whose
 * components are named after their columns ({@code firstName} is {@code first_name}).
 */
public final class ColumnLimits {

	/**
	 * A text component of a row type with a column limit. The accessor is a function spun from the record's
	 * accessor method, which the JIT compiles like a lambda: a method handle held in a field is invoked through
	 * its generic, uncompiled path on every row (5% of a normalize profile).
	 */
	private record Checked(String column, Function<Object, Object> accessor, int max) {
	}

	private final Map<String, Map<String, Integer>> limits;

	private final Map<Class<?>, List<Checked>> checks = new ConcurrentHashMap<>();

	ColumnLimits(Map<String, Map<String, Integer>> limits) {
		this.limits = limits;
	}

	/** The text columns of the canonical tables (quarantine excepted: it cuts its own values) and their lengths. */
	public static ColumnLimits read(DataSource warehouse) {
		List<String> tables = CanonicalTables.all().keySet().stream().filter(table -> !table.equals("quarantine")).toList();
		Map<String, Map<String, Integer>> limits = new HashMap<>();
		new JdbcTemplate(warehouse).query("SELECT TABLE_NAME, COLUMN_NAME, CHARACTER_MAXIMUM_LENGTH FROM "
				+ "information_schema.COLUMNS WHERE TABLE_SCHEMA = DATABASE() AND CHARACTER_MAXIMUM_LENGTH IS NOT NULL",
				rs -> {
					if (tables.contains(rs.getString(1))) {
						limits.computeIfAbsent(rs.getString(1), t -> new HashMap<>())
							.put(rs.getString(2), (int) Math.min(Integer.MAX_VALUE, rs.getLong(3)));
					}
				});
		return new ColumnLimits(limits);
	}

	/** Throws a {@link MalformedRecordException} for {@code record} if a text of {@code row} is longer than its column. */
	public void check(SourceRecord record, StagedRow row) {
		List<Checked> ofType = checks.get(row.getClass()); // no capturing lambda per row
		if (ofType == null) {
			ofType = checks.computeIfAbsent(row.getClass(), type -> checksOf(type, row.table()));
		}
		for (Checked checked : ofType) {
			String value = (String) checked.accessor().apply(row);
			if (value != null && value.length() > checked.max()) {
				int length = value.codePointCount(0, value.length());
				if (length > checked.max()) {
					throw MalformedRecordException.of(record, row.table() + "." + checked.column() + ": longer than "
							+ checked.max() + " characters (" + length + ")");
				}
			}
		}
	}

	private List<Checked> checksOf(Class<?> type, String table) {
		Map<String, Integer> columns = limits.getOrDefault(table, Map.of());
		List<Checked> checked = new ArrayList<>();
		if (type.isRecord()) {
			for (RecordComponent component : type.getRecordComponents()) {
				Integer max = columns.get(snakeCase(component.getName()));
				if (component.getType() == String.class && max != null) {
					checked.add(new Checked(snakeCase(component.getName()), accessor(component), max));
				}
			}
		}
		return List.copyOf(checked);
	}

	@SuppressWarnings("unchecked")
	private static Function<Object, Object> accessor(RecordComponent component) {
		Class<?> type = component.getDeclaringRecord();
		try {
			MethodHandles.Lookup lookup = MethodHandles.lookup();
			MethodHandle getter = lookup.unreflect(component.getAccessor());
			return (Function<Object, Object>) LambdaMetafactory
				.metafactory(lookup, "apply", MethodType.methodType(Function.class),
						MethodType.methodType(Object.class, Object.class), getter,
						MethodType.methodType(component.getType(), type))
				.getTarget()
				.invokeExact();
		}
		catch (Throwable ex) {
			throw new IllegalStateException("the canonical record " + type.getName()
					+ " must be public to have its column lengths checked", ex);
		}
	}

	static String snakeCase(String name) {
		StringBuilder snake = new StringBuilder(name.length() + 4);
		for (char c : name.toCharArray()) {
			if (Character.isUpperCase(c)) {
				snake.append('_').append(Character.toLowerCase(c));
			}
			else {
				snake.append(c);
			}
		}
		return snake.toString();
	}
}
