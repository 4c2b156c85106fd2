package io.touchpoint.jobs.bench;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

import org.springframework.batch.infrastructure.item.ExecutionContext;

import io.touchpoint.jobs.sources.SourceMapper;
import io.touchpoint.jobs.sources.hubspot.HubspotContactsMapper;
import io.touchpoint.jobs.sources.stripe.StripePaymentsMapper;
import io.touchpoint.jobs.sources.web.SegmentEventsMapper;
import io.touchpoint.readers.csv.CsvRecord;
import io.touchpoint.readers.csv.CsvRecordReader;
import io.touchpoint.writers.staging.StagedRow;

/**
 * The micro-benchmarks' input: one source's export made by {@code touchpoint bench}'s own
 * {@link ExportGenerator} (same headers, quoting, timestamp formats and seed), held in memory, with the
 * records our reader makes of it, the mapper that source uses and the canonical rows it maps them to.
 * Building it writes a temporary file, which is deleted before this returns.
 */
public final class Exports {

	/** The business date of the generated rows; fixed, so every run reads the same bytes. */
	static final LocalDate DATE = LocalDate.of(2026, 11, 21);

	private static final long SEED = 7;

	/** The tenant and batch the benchmarks map records for, listed at the end of {@link #DATE} in UTC. */
	public static final SourceMapper.MappingContext CONTEXT = new SourceMapper.MappingContext("bench_jmh",
			"jmh-batch", DATE.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant());

	private Exports() {
	}

	/**
	 * One source's export: its source name, file name and bytes (header line included), {@code rows} records.
	 */
	public record Export(BenchShape shape, String source, String file, byte[] bytes, int rows) {

		/** A reader over the bytes, as the import job reads the file. */
		public CsvRecordReader reader() {
			return new CsvRecordReader(source, file, () -> new ByteArrayInputStream(bytes), StandardCharsets.UTF_8,
					',');
		}

		/** Every record, read once by {@link #reader()}. */
		public List<CsvRecord> records() {
			CsvRecordReader reader = reader();
			reader.open(new ExecutionContext());
			try {
				List<CsvRecord> records = new ArrayList<>(rows);
				for (CsvRecord record = reader.read(); record != null; record = reader.read()) {
					records.add(record);
				}
				return records;
			}
			catch (IOException ex) {
				throw new UncheckedIOException("could not read the " + shape + " export: " + ex.getMessage(), ex);
			}
			finally {
				reader.close();
			}
		}

		/** The data lines as they are in the file, without the header and line terminators. */
		public List<String> lines() {
			String[] lines = new String(bytes, StandardCharsets.UTF_8).split("\r\n");
			return List.of(lines).subList(1, lines.length);
		}

		/** The mapper the import job uses for this source. */
		public SourceMapper mapper() {
			return switch (shape) {
				case tags -> new HubspotContactsMapper(List.of("Tags"));
				case purchases -> new StripePaymentsMapper();
				case touchpoints -> new SegmentEventsMapper();
				case mixed -> throw new IllegalArgumentException("a mixed export has three mappers");
			};
		}

		/** The canonical rows of every record, in record order. */
		public List<StagedRow> stagedRows() {
			SourceMapper mapper = mapper();
			List<StagedRow> staged = new ArrayList<>();
			for (CsvRecord record : records()) {
				staged.addAll(mapper.map(record, CONTEXT));
			}
			return staged;
		}
	}

	/** {@code rows} records of one source ({@code tags}, {@code purchases} or {@code touchpoints}). */
	public static Export generate(BenchShape shape, int rows) {
		if (shape == BenchShape.mixed) {
			throw new IllegalArgumentException("generate one source at a time, not " + shape);
		}
		Path inbox = null;
		try {
			inbox = Files.createTempDirectory("touchpoint-jmh");
			Path file = new ExportGenerator(rows, shape, DATE, SEED).writeTo(inbox).files().get(0);
			return new Export(shape, file.getParent().getFileName().toString(), file.getFileName().toString(),
					Files.readAllBytes(file), rows);
		}
		catch (IOException ex) {
			throw new UncheckedIOException("could not generate the " + shape + " export: " + ex.getMessage(), ex);
		}
		finally {
			delete(inbox);
		}
	}

	private static void delete(Path folder) {
		if (folder == null) {
			return;
		}
		try (Stream<Path> paths = Files.walk(folder)) {
			for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
				Files.delete(path);
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException("could not delete " + folder + ": " + ex.getMessage(), ex);
		}
	}
}
