package io.touchpoint.writers.load;

import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;

/**
 * Describes how staged parts of one table are loaded into the warehouse.
 *
 * <p>{@code columns} are the columns a part fills, in the order of the staged rows' fields (it must
 * include {@code batch_id}). The {@link #PART_COLUMNS} among them ({@code tenant_id}, {@code batch_id})
 * hold one value for every row of a part, so they are not in the staged files: the loader sets them
 * from the part (the MySQL loader with {@code LOAD DATA ... SET}, a SingleStore pipeline from the
 * {@code tenant=}/{@code batch=} segments of the file's key); {@link #csvColumns()} are the columns the
 * files hold. {@code moneyColumn}, when not null, is the column summed and checked against the
 * manifest. Every target table also has a {@code staged_file VARCHAR(512)} column, set by the loader to
 * the part's key. {@link Mode#APPEND} inserts every row, {@link Mode#IGNORE_DUPLICATES}
 * inserts rows whose unique keys are new ({@code INSERT IGNORE}), and {@link Mode#MERGE} runs
 * {@code mergeSql}, in which {@value #STAGING_PLACEHOLDER} stands for the temporary table holding
 * the part, e.g. {@code INSERT INTO contacts (...) SELECT ... FROM {staging} ON DUPLICATE KEY UPDATE ...}.
 */
public record LoadTable(String name, List<String> columns, @Nullable String moneyColumn, Mode mode,
		@Nullable String mergeSql) {

	/** How staged rows reach the target table. */
	public enum Mode {
		APPEND, IGNORE_DUPLICATES, MERGE
	}

	/** The placeholder for the temporary staging table in {@code mergeSql}. */
	public static final String STAGING_PLACEHOLDER = "{staging}";

	/**
	 * The columns a loader sets from the part rather than reading them from its file, in this order: the
	 * tenant and the batch, which every row of a part shares and which its key names.
	 */
	public static final List<String> PART_COLUMNS = List.of("tenant_id", "batch_id");

	private static final Pattern IDENTIFIER = Pattern.compile("[a-z_][a-z0-9_]{0,63}");

	public LoadTable {
		requireIdentifier("table name", name, name);
		Objects.requireNonNull(mode, "mode of load table " + name);
		if (columns == null || columns.isEmpty()) {
			throw new IllegalArgumentException("load table " + name + " has no columns: list its CSV columns in order");
		}
		columns = List.copyOf(columns);
		var seen = new HashSet<String>();
		for (String column : columns) {
			requireIdentifier("column", column, name);
			if (!seen.add(column)) {
				throw new IllegalArgumentException("load table " + name + " lists column " + column
						+ " twice: list each CSV column once");
			}
		}
		if (seen.contains("staged_file")) {
			throw new IllegalArgumentException("load table " + name
					+ " lists staged_file as a CSV column: the loader sets it, remove it from the columns");
		}
		if (!seen.contains("batch_id")) {
			throw new IllegalArgumentException("load table " + name
					+ " has no batch_id column: every staged table carries batch_id, add it to the columns");
		}
		if (moneyColumn != null && (!seen.contains(moneyColumn) || PART_COLUMNS.contains(moneyColumn))) {
			throw new IllegalArgumentException("money column " + moneyColumn + " of load table " + name
					+ " is not among its columns " + columns + ": add it or set no money column");
		}
		if (mode == Mode.MERGE && (mergeSql == null || !mergeSql.contains(STAGING_PLACEHOLDER))) {
			throw new IllegalArgumentException("load table " + name + " merges but its merge SQL does not read from "
					+ STAGING_PLACEHOLDER + ": write it as INSERT INTO " + name + " (...) SELECT ... FROM "
					+ STAGING_PLACEHOLDER + " ON DUPLICATE KEY UPDATE ...");
		}
	}

	/** A table whose staged rows are all inserted. */
	public static LoadTable append(String name, List<String> columns, @Nullable String moneyColumn) {
		return new LoadTable(name, columns, moneyColumn, Mode.APPEND, null);
	}

	/** A table whose staged rows are inserted unless a unique key already exists. */
	public static LoadTable ignoreDuplicates(String name, List<String> columns, @Nullable String moneyColumn) {
		return new LoadTable(name, columns, moneyColumn, Mode.IGNORE_DUPLICATES, null);
	}

	/** A table whose staged rows are merged by {@code mergeSql}. */
	public static LoadTable merge(String name, List<String> columns, @Nullable String moneyColumn, String mergeSql) {
		return new LoadTable(name, columns, moneyColumn, Mode.MERGE, mergeSql);
	}

	/** The columns of the staged files, in order: {@link #columns()} without the {@link #PART_COLUMNS}. */
	public List<String> csvColumns() {
		return columns.stream().filter(column -> !PART_COLUMNS.contains(column)).toList();
	}

	/** The {@link #PART_COLUMNS} this table has, which the loader sets from the part, in that order. */
	public List<String> partColumns() {
		return PART_COLUMNS.stream().filter(columns::contains).toList();
	}

	/** The name of the temporary table the loader stages a part into: {@code tp_load_<name>}. */
	public String stagingTable() {
		return "tp_load_" + name;
	}

	private static void requireIdentifier(String what, String value, String table) {
		if (value == null || !IDENTIFIER.matcher(value).matches()) {
			throw new IllegalArgumentException("invalid " + what + " '" + value + "' in load table " + table
					+ ": use lowercase letters, digits and '_' (at most 64), starting with a letter or '_'");
		}
	}
}
