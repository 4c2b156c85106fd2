package io.touchpoint.readers.csv;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import org.jspecify.annotations.Nullable;

import io.touchpoint.readers.MalformedFileException;

/**
 * The column names of a CSV file, looked up by name in constant time.
 *
 * <p>Names are trimmed. A name that appears twice makes the file unreadable (which column would
 * a mapping mean?), except blank names, which exports often leave for trailing empty columns:
 * they are kept in {@link #names()} but cannot be looked up. Lookups are exact and
 * case-sensitive.
 */
public final class CsvHeader {

	/** What to do with a file re-exported with its columns: a restart reads an inbox again, not an import's copy. */
	private static final String AGAIN = " again, then replace it in the nightly inbox and restart, or import the new file";

	private final String file;
	private final List<String> names;
	private final Map<String, Integer> indexes;

	private CsvHeader(String file, List<String> names, Map<String, Integer> indexes) {
		this.file = file;
		this.names = names;
		this.indexes = indexes;
	}

	/**
	 * The header of {@code file}, on its first line.
	 *
	 * @throws MalformedFileException when a column name appears twice
	 */
	public static CsvHeader of(String file, String[] names) {
		return of(file, 1, names);
	}

	/**
	 * The header of {@code file}, on the given line.
	 *
	 * @throws MalformedFileException when a column name appears twice
	 */
	public static CsvHeader of(String file, long line, String[] names) {
		Objects.requireNonNull(file, "file");
		List<String> trimmed = new ArrayList<>(names.length);
		Map<String, Integer> indexes = new HashMap<>(names.length * 2);
		for (int i = 0; i < names.length; i++) {
			String name = names[i] == null ? "" : names[i].trim();
			trimmed.add(name);
			if (name.isEmpty()) {
				continue;
			}
			if (indexes.putIfAbsent(name, i) != null) {
				throw new MalformedFileException(file, line, "duplicated column '" + name + "' in the header"
						+ " (columns " + (indexes.get(name) + 1) + " and " + (i + 1) + "); rename one of them"
						+ " or re-export the file, then restart");
			}
		}
		return new CsvHeader(file, List.copyOf(trimmed), Map.copyOf(indexes));
	}

	/** The 0-based index of the column, or -1 when the header has no such column. */
	public int indexOf(@Nullable String name) {
		Integer index = name == null ? null : indexes.get(name.trim());
		return index == null ? -1 : index;
	}

	/** Whether the header has the column. */
	public boolean has(String name) {
		return indexOf(name) >= 0;
	}

	/** The trimmed column names, in file order. */
	public List<String> names() {
		return names;
	}

	/** The number of columns. */
	public int size() {
		return names.size();
	}

	/** The display name of the file this header belongs to. */
	public String file() {
		return file;
	}

	/**
	 * Checks that every column is present.
	 *
	 * @throws MalformedFileException naming the missing columns, the columns found and the file
	 */
	public void require(Collection<String> columns) {
		List<String> missing = new ArrayList<>();
		for (String column : columns) {
			if (indexOf(column) < 0) {
				missing.add(column);
			}
		}
		if (missing.isEmpty()) {
			return;
		}
		String found = "(found: " + String.join(", ", names) + ")" + separatorHint();
		if (missing.size() == 1) {
			throw new MalformedFileException(file, 1, "missing required column '" + missing.get(0) + "' " + found
					+ "; export the file with that column" + AGAIN);
		}
		throw new MalformedFileException(file, 1, "missing required columns '" + String.join("', '", missing)
				+ "' " + found + "; export the file with those columns" + AGAIN);
	}

	/**
	 * A hint when the header is one column holding another usual separator: the file was exported with
	 * {@code ;} (Excel in many locales), a tab or {@code |}, and every column is "missing" for that reason.
	 */
	private String separatorHint() {
		if (names.size() != 1) {
			return "";
		}
		for (char candidate : new char[] { ';', '\t', '|' }) {
			if (names.get(0).indexOf(candidate) >= 0) {
				String shown = candidate == '\t' ? "tabs" : "'" + candidate + "'";
				return "; the header seems separated by " + shown + ", not by the expected separator";
			}
		}
		return "";
	}

	/** Checks that every column is present; see {@link #require(Collection)}. */
	public void require(String... columns) {
		require(Arrays.asList(columns));
	}

	@Override
	public String toString() {
		return file + " " + names;
	}
}
