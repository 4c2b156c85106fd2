package io.touchpoint.jobs.support;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import org.springframework.batch.infrastructure.item.ExecutionContext;

import io.touchpoint.readers.csv.CsvRecord;
import io.touchpoint.readers.csv.CsvRecordReader;

/** Every record of a CSV test resource or text, read through the real {@link CsvRecordReader}, for mapper tests. */
public final class CsvRecords {

	private CsvRecords() {
	}

	/** The records of classpath resource {@code resource}, named {@code file} in positions and messages. */
	public static List<CsvRecord> resource(String source, String file, String resource) throws Exception {
		return all(new CsvRecordReader(source, file, () -> CsvRecords.class.getResourceAsStream(resource),
				StandardCharsets.UTF_8, ','));
	}

	/** The records of classpath resource {@code resource} in {@code charset}; the display name is its last path segment. */
	public static List<CsvRecord> read(String source, String resource, java.nio.charset.Charset charset) throws Exception {
		return all(new CsvRecordReader(source, resource.substring(resource.lastIndexOf('/') + 1),
				() -> CsvRecords.class.getResourceAsStream(resource), charset, ','));
	}

	/** The records of classpath resource {@code resource}; the file's display name is its last path segment. */
	public static List<CsvRecord> read(String source, String resource) throws Exception {
		return resource(source, resource.substring(resource.lastIndexOf('/') + 1), resource);
	}

	/** The records of {@code csv} (a header line first), named {@code file} in positions and messages. */
	public static List<CsvRecord> text(String source, String file, String csv) throws Exception {
		return all(new CsvRecordReader(source, file, () -> new ByteArrayInputStream(csv.getBytes(StandardCharsets.UTF_8)),
				StandardCharsets.UTF_8, ','));
	}

	/** The records of {@code csv} with fields separated by {@code separator}, named {@code file}. */
	public static List<CsvRecord> text(String source, String file, String csv, char separator) throws Exception {
		return all(new CsvRecordReader(source, file, () -> new ByteArrayInputStream(csv.getBytes(StandardCharsets.UTF_8)),
				StandardCharsets.UTF_8, separator));
	}

	/** The records of {@code csv}, as a file named {@code inline.csv}. */
	public static List<CsvRecord> readText(String source, String csv) throws Exception {
		return text(source, "inline.csv", csv);
	}

	private static List<CsvRecord> all(CsvRecordReader reader) throws Exception {
		reader.open(new ExecutionContext());
		try {
			List<CsvRecord> records = new ArrayList<>();
			for (CsvRecord record = reader.read(); record != null; record = reader.read()) {
				records.add(record);
			}
			return records;
		}
		finally {
			reader.close();
		}
	}
}
