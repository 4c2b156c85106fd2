package io.touchpoint.jobs.ingest;

import java.util.Comparator;
import java.util.List;
import java.util.Optional;

import io.touchpoint.jobs.failures.FailureMessages;
import io.touchpoint.jobs.sources.SourceMapper;
import io.touchpoint.jobs.sources.SourceMappers;
import io.touchpoint.readers.MalformedFileException;
import io.touchpoint.readers.csv.CsvRecord;

/**
 * Checks a CSV file's header against the columns its source needs. A header that lacks them but has every
 * column another source needs was given the wrong source (a Shopify orders export imported as
 * {@code --source stripe}): the failure says which source it looks like, and that restarting cannot help,
 * because the execution would read the same file as the same source again.
 */
final class HeaderCheck {

	private HeaderCheck() {
	}

	static void require(SourceMappers mappers, SourceMapper mapper, CsvRecord record) {
		try {
			record.header().require(mapper.format(record.file()).requiredColumns());
		}
		catch (MalformedFileException ex) {
			Optional<String> other = lookalike(mappers, record);
			if (other.isEmpty()) {
				throw ex;
			}
			throw new MalformedFileException(record.file(), 1, "this looks like a " + other.get() + " export, not "
					+ record.source() + " (its header has every column the " + other.get() + " source needs): import it "
					+ "with --source " + other.get() + ", or in a nightly inbox put it under " + other.get() + "/. "
					+ FailureMessages.RESTART_CANNOT_HELP + ": it would read the file as " + record.source() + " again");
		}
	}

	/** The other source whose required columns the header has, the one needing the most columns first. */
	private static Optional<String> lookalike(SourceMappers mappers, CsvRecord record) {
		return List.of(mappers.names().split(", ")).stream()
			.filter(source -> !source.equals(record.source()))
			.map(mappers::get)
			.filter(candidate -> {
				var format = candidate.format(record.file());
				return format.kind() == SourceMapper.FileFormat.Kind.CSV && !format.requiredColumns().isEmpty()
						&& format.requiredColumns().stream().allMatch(record.header()::has);
			})
			.max(Comparator.comparingInt(candidate -> candidate.format(record.file()).requiredColumns().size()))
			.map(SourceMapper::source);
	}
}
