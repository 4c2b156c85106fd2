package io.touchpoint.readers;

import java.util.ArrayList;
import java.util.List;

import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.batch.infrastructure.item.ItemReader;
import org.springframework.batch.infrastructure.item.ItemStreamReader;

/** Drives readers in tests. */
public final class TestReaders {

	private TestReaders() {
	}

	/** Every record left, read until {@code read()} returns null. */
	public static <T> List<T> readAll(ItemReader<T> reader) throws Exception {
		List<T> records = new ArrayList<>();
		for (T record = reader.read(); record != null; record = reader.read()) {
			records.add(record);
		}
		return records;
	}

	/** The reader opened from the start with {@code records} records read, for a test of the next read. */
	public static <R extends ItemStreamReader<?>> R openedAfter(R reader, int records) throws Exception {
		reader.open(new ExecutionContext());
		for (int i = 0; i < records; i++) {
			reader.read();
		}
		return reader;
	}
}
