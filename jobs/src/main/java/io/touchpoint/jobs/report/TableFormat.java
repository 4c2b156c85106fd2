package io.touchpoint.jobs.report;

import java.util.ArrayList;
import java.util.List;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Renders rows as an aligned text table, RFC 4180 CSV, or a JSON array of objects. Data never acts on its
 * reader: a table shows control characters (an escape sequence that would clear the screen, a bidi override)
 * as visible escapes, and a CSV text cell a spreadsheet would run as a formula ({@code =}, {@code +},
 * {@code -}, {@code @}, tab, CR first) starts with an apostrophe (OWASP's rule); numbers stay numbers, and
 * JSON carries every value exactly.
 */
public final class TableFormat {

	/** The widest a table cell is shown; a longer one is cut and ends with {@code ...}. */
	public static final int MAX_CELL = 60;

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private TableFormat() {
	}

	public static String render(String format, List<String> columns, List<List<Object>> rows) {
		return switch (format) {
			case "csv" -> csv(columns, rows);
			case "json" -> json(columns, rows);
			default -> table(columns, rows);
		};
	}

	public static String table(List<String> columns, List<List<Object>> rows) {
		int[] widths = new int[columns.size()];
		for (int i = 0; i < columns.size(); i++) {
			widths[i] = printable(columns.get(i)).length();
		}
		List<List<String>> cells = new ArrayList<>();
		for (List<Object> row : rows) {
			List<String> line = new ArrayList<>();
			for (int i = 0; i < row.size(); i++) {
				String cell = row.get(i) == null ? "NULL" : printable(row.get(i).toString().replace('\n', ' '));
				widths[i] = Math.max(widths[i], Math.min(cell.length(), MAX_CELL));
				line.add(cell.length() > MAX_CELL ? cell.substring(0, MAX_CELL - 3) + "..." : cell);
			}
			cells.add(line);
		}
		StringBuilder out = new StringBuilder();
		appendLine(out, columns.stream().map(TableFormat::printable).toList(), widths, rows.isEmpty() ? null : rows.get(0));
		for (int i = 0; i < widths.length; i++) {
			out.append(i == 0 ? "" : "  ").append("-".repeat(widths[i]));
		}
		out.append('\n');
		for (int r = 0; r < cells.size(); r++) {
			appendLine(out, cells.get(r), widths, rows.get(r));
		}
		return out.toString();
	}

	private static void appendLine(StringBuilder out, List<String> cells, int[] widths, @Nullable List<Object> sample) {
		for (int i = 0; i < cells.size(); i++) {
			boolean numeric = sample != null && (sample.get(i) instanceof Number || sample.get(i) instanceof Money);
			String cell = cells.get(i);
			String pad = " ".repeat(Math.max(0, widths[i] - cell.length()));
			out.append(i == 0 ? "" : "  ").append(numeric ? pad + cell : cell + (i == cells.size() - 1 ? "" : pad));
		}
		out.append('\n');
	}

	public static String csv(List<String> columns, List<List<Object>> rows) {
		StringBuilder out = new StringBuilder();
		out.append(String.join(",", columns.stream().map(TableFormat::csvValue).toList())).append("\r\n");
		for (List<Object> row : rows) {
			out.append(String.join(",", row.stream().map(TableFormat::csvValue).toList())).append("\r\n");
		}
		return out.toString();
	}

	private static String csvValue(@Nullable Object value) {
		if (value == null) {
			return "";
		}
		if (value instanceof Number) {
			return value.toString();
		}
		return csvCell(neutralized(value.toString()));
	}

	/**
	 * The text with an apostrophe first when a spreadsheet would take it for a formula: it starts with {@code =},
	 * {@code +}, {@code -}, {@code @}, a tab or a carriage return.
	 */
	public static String neutralized(String text) {
		return !text.isEmpty() && "=+-@\t\r".indexOf(text.charAt(0)) >= 0 ? "'" + text : text;
	}

	/**
	 * The text safe to print on a terminal: control characters (C0 but newline, DEL, C1) and bidirectional
	 * overrides shown as {@code \xNN} or {@code \u202E}, backslash-escapes that cannot act on the terminal.
	 */
	public static String printable(String text) {
		StringBuilder out = null;
		for (int i = 0; i < text.length(); i++) {
			char c = text.charAt(i);
			boolean control = c < 0x20 && c != '\n' || c >= 0x7f && c <= 0x9f
					|| c >= 0x202a && c <= 0x202e || c >= 0x2066 && c <= 0x2069;
			if (control && out == null) {
				out = new StringBuilder(text.length() + 8).append(text, 0, i);
			}
			if (out != null) {
				out.append(!control ? String.valueOf(c) : c <= 0xff ? String.format("\\x%02x", (int) c)
						: String.format("\\u%04X", (int) c));
			}
		}
		return out == null ? text : out.toString();
	}

	private static String csvCell(String value) {
		boolean quote = value.indexOf(',') >= 0 || value.indexOf('"') >= 0 || value.indexOf('\n') >= 0
				|| value.indexOf('\r') >= 0;
		return quote ? '"' + value.replace("\"", "\"\"") + '"' : value;
	}

	public static String json(List<String> columns, List<List<Object>> rows) {
		ArrayNode array = JSON.createArrayNode();
		for (List<Object> row : rows) {
			ObjectNode object = array.addObject();
			for (int i = 0; i < columns.size(); i++) {
				Object value = row.get(i);
				if (value == null) {
					object.putNull(columns.get(i));
				}
				else if (value instanceof Long || value instanceof Integer || value instanceof Short) {
					object.put(columns.get(i), ((Number) value).longValue());
				}
				else if (value instanceof java.math.BigDecimal decimal) {
					object.put(columns.get(i), decimal);
				}
				else {
					object.put(columns.get(i), value.toString());
				}
			}
		}
		return JSON.writerWithDefaultPrettyPrinter().writeValueAsString(array) + "\n";
	}
}
