package io.touchpoint.jobs.support;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import org.springframework.batch.infrastructure.item.ExecutionContext;

import io.touchpoint.readers.csv.CsvRecord;
import io.touchpoint.readers.csv.CsvRecordReader;

/** Every record of a UTF-8 CSV test file or inline text, read by the real reader, for mapper unit tests. */
public final class CsvRecords {

	private CsvRecords() {
	}

	/** The records of classpath resource {@code resource}; the file's display name is its last path segment. */
	public static List<CsvRecord> read(String source, String resource) throws Exception {
		return records(new CsvRecordReader(source, resource.substring(resource.lastIndexOf('/') + 1),
				() -> CsvRecords.class.getResourceAsStream(resource), StandardCharsets.UTF_8, ','));
	}

	/** The records of {@code csv}, as a file named {@code inline.csv}. */
	public static List<CsvRecord> readText(String source, String csv) throws Exception {
		return records(new CsvRecordReader(source, "inline.csv",
				() -> new ByteArrayInputStream(csv.getBytes(StandardCharsets.UTF_8)), StandardCharsets.UTF_8, ','));
	}

	private static List<CsvRecord> records(CsvRecordReader reader) throws Exception {
		reader.open(new ExecutionContext());
		List<CsvRecord> records = new ArrayList<>();
		for (CsvRecord record = reader.read(); record != null; record = reader.read()) {
			records.add(record);
		}
		reader.close();
		return records;
	}
}
