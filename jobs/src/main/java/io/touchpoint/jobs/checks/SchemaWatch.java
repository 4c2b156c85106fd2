package io.touchpoint.jobs.checks;

import java.time.LocalDate;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Map;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.touchpoint.jobs.config.TouchpointProperties.SchemaPolicy;
import io.touchpoint.readers.MalformedFileException;
import io.touchpoint.readers.MalformedRecordException;
import io.touchpoint.readers.csv.CsvHeader;
import io.touchpoint.readers.csv.CsvRecord;

/**
 * Normalize's view of the schema-change policy for one night: each CSV file's header is recorded once
 * ({@link SourceSchemas#observe}); a changed header proceeds ({@code evolve}, noted in the night's checks),
 * fails the file ({@code freeze}) or has every record quarantined ({@code discard}), naming the columns and
 * how to accept them.
 */
public final class SchemaWatch {

	private static final Logger log = LoggerFactory.getLogger(SchemaWatch.class);

	private final SourceSchemas schemas;

	private final SchemaPolicy policy;

	private final String tenant;

	private final LocalDate date;

	private final Map<CsvHeader, String> discarded = Collections.synchronizedMap(new IdentityHashMap<>());

	public SchemaWatch(SourceSchemas schemas, SchemaPolicy policy, String tenant, LocalDate date) {
		this.schemas = schemas;
		this.policy = policy;
		this.tenant = tenant;
		this.date = date;
	}

	/** The first record of a CSV file: records its header and applies the policy to a change. */
	public void header(CsvRecord record) {
		SourceSchemas.Change change = schemas.observe(tenant, record.source(), record.file(), date,
				record.header().names(), policy);
		if (change.none()) {
			return;
		}
		String what = "the header of " + record.file() + " changed against the columns of tenant " + tenant + "'s "
				+ record.source() + " " + change.stream() + " files: " + change;
		switch (policy) {
			case EVOLVE -> log.warn("{}; proceeding (touchpoint.sources.schema-policy=evolve)", what);
			case FREEZE -> throw new MalformedFileException(record.file(), 1, what
					+ "; touchpoint.sources.schema-policy=freeze holds the file back. If the change is expected, accept it: "
					+ "touchpoint schema accept --tenant " + tenant + " --source " + record.source()
					+ ", then restart the execution (or set touchpoint.sources.schema-policy=evolve)");
			case DISCARD -> discarded.put(record.header(), what
					+ "; touchpoint.sources.schema-policy=discard quarantines its records until the change is accepted: "
					+ "touchpoint schema accept --tenant " + tenant + " --source " + record.source());
		}
	}

	/** Every CSV record: quarantined when its file's header changed under {@code discard}. */
	public void record(CsvRecord record) {
		String reason = discarded.get(record.header());
		if (reason != null) {
			throw new MalformedRecordException(record.source(), record.file(), record.line(), record.rawText(), reason);
		}
	}
}
