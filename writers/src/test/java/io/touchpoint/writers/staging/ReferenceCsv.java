package io.touchpoint.writers.staging;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;

/**
 * The staging CSV format written the slow, obvious way, to compare {@link CsvRowEncoder} with: a string is
 * quoted with {@code \} and {@code "} escaped by a backslash and encoded by {@code String.getBytes(UTF_8)},
 * {@code null} is {@code \N}, a {@link Long} its decimal, an {@link Instant} java.time's UTC
 * {@code yyyy-MM-dd HH:mm:ss.SSSSSS} without the fraction's trailing zeros; fields are separated by {@code ,} and a row with fields ends with {@code \n}.
 */
final class ReferenceCsv {

	private static final DateTimeFormatter TIMESTAMP =
			DateTimeFormatter.ofPattern("uuuu-MM-dd HH:mm:ss.SSSSSS").withZone(ZoneOffset.UTC);

	private ReferenceCsv() {
	}

	/** {@code value} quoted, with {@code \} and {@code "} escaped by a backslash. */
	static String quoted(String value) {
		return "\"" + value.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
	}

	/** The bytes of {@code rows}, each a list of String, null, Long or Instant fields. */
	static byte[] bytes(List<List<Object>> rows) {
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		for (List<Object> row : rows) {
			for (int i = 0; i < row.size(); i++) {
				String text = text(row.get(i));
				out.writeBytes(((i == 0 ? "" : ",") + text).getBytes(StandardCharsets.UTF_8));
			}
			if (!row.isEmpty()) {
				out.write('\n');
			}
		}
		return out.toByteArray();
	}

	/** The same rows through {@link CsvRowEncoder}: a String or null with {@code string}, a Long with {@code number}. */
	static byte[] encoded(List<List<Object>> rows) {
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		CsvRowEncoder encoder = new CsvRowEncoder(out);
		for (List<Object> row : rows) {
			for (Object field : row) {
				if (field == null || field instanceof String) {
					encoder.string((String) field);
				}
				else if (field instanceof Long number) {
					encoder.number(number);
				}
				else {
					encoder.timestamp((Instant) field);
				}
			}
			encoder.endRow();
		}
		encoder.flush();
		return out.toByteArray();
	}

	private static String text(Object field) {
		if (field == null) {
			return "\\N";
		}
		if (field instanceof String value) {
			return quoted(value);
		}
		if (field instanceof Instant instant) {
			// the shortest exact fraction: trailing zeros of the microseconds dropped, and the point with them
			return TIMESTAMP.format(instant).replaceAll("\\.?0+$", "");
		}
		return field.toString();
	}
}
