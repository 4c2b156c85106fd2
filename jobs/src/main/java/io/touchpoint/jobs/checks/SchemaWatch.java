package io.touchpoint.jobs.checks;

import java.time.LocalDate;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.touchpoint.jobs.config.TouchpointProperties.SchemaPolicy;
import io.touchpoint.jobs.sources.api.ApiSources;
import io.touchpoint.readers.MalformedFileException;
import io.touchpoint.readers.MalformedRecordException;
import io.touchpoint.readers.csv.CsvHeader;
import io.touchpoint.readers.csv.CsvRecord;
import io.touchpoint.readers.jsonl.JsonRecord;

/**
 * Normalize's view of the schema-change policy for one night: each CSV file's header is recorded once
 * ({@link SourceSchemas#observe}); a changed header proceeds ({@code evolve}, noted in the night's checks),
 * fails the file ({@code freeze}) or has every record quarantined ({@code discard}), naming the columns and
 * how to accept them. API sources' landed pages likewise: each stream's records' top-level fields are recorded
 * ({@link SourceSchemas#observeFields}); a field new to the stream proceeds, fails the stream or has the records
 * that carry it quarantined.
 */
public final class SchemaWatch {

	private static final Logger log = LoggerFactory.getLogger(SchemaWatch.class);

	private final SourceSchemas schemas;

	private final SchemaPolicy policy;

	private final String tenant;

	private final LocalDate date;

	private final Map<CsvHeader, String> discarded = Collections.synchronizedMap(new IdentityHashMap<>());

	/** Per API source and stream, the fields recorded tonight, so only a field not seen yet goes to the database. */
	private final Map<String, Set<String>> seenFields = new ConcurrentHashMap<>();

	/** Per API source and stream, the new fields held back (freeze, discard) and what to say about them. */
	private final Map<String, Map<String, String>> heldFields = new ConcurrentHashMap<>();

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

	/**
	 * Every record of an API source's landed page: records its top-level fields and applies the policy to a field
	 * new to the stream. Records of other files pass untouched.
	 */
	public void fields(JsonRecord record) {
		if (!ApiSources.isPage(record.file()) || !record.node().isObject()) {
			return;
		}
		String stream = ApiSources.streamOf(record.file());
		String key = record.source() + "/" + stream;
		Set<String> seen = seenFields.computeIfAbsent(key, k -> ConcurrentHashMap.newKeySet());
		List<String> fields = record.node().propertyNames().stream().toList();
		List<String> fresh = fields.stream().filter(field -> !seen.contains(field)).toList();
		if (!fresh.isEmpty()) {
			List<String> added = schemas.observeFields(tenant, record.source(), stream, record.file(), date, fresh, policy);
			seen.addAll(fresh);
			if (!added.isEmpty()) {
				String what = "the records of tenant " + tenant + "'s " + record.source() + " " + stream + " stream have "
						+ (added.size() == 1 ? "a field" : "fields") + " it did not have before: " + added + " (first in "
						+ record.file() + ", record " + record.line() + ")";
				switch (policy) {
					case EVOLVE -> log.warn("{}; proceeding (touchpoint.sources.schema-policy=evolve)", what);
					case FREEZE -> added.forEach(field -> heldFields.computeIfAbsent(key, k -> new ConcurrentHashMap<>())
						.put(field, what + "; touchpoint.sources.schema-policy=freeze holds the stream back. If the change is "
								+ "expected, accept it: touchpoint schema accept --tenant " + tenant + " --source "
								+ record.source() + ", then restart the execution (or set touchpoint.sources.schema-policy=evolve)"));
					case DISCARD -> added.forEach(field -> heldFields.computeIfAbsent(key, k -> new ConcurrentHashMap<>())
						.put(field, what + "; touchpoint.sources.schema-policy=discard quarantines the records that have "
								+ (added.size() == 1 ? "it" : "them") + " until the change is accepted: touchpoint schema accept "
								+ "--tenant " + tenant + " --source " + record.source()));
				}
			}
		}
		Map<String, String> held = heldFields.get(key);
		if (held == null) {
			return;
		}
		for (String field : fields) {
			String reason = held.get(field);
			if (reason != null) {
				if (policy == SchemaPolicy.FREEZE) {
					throw new MalformedFileException(record.file(), record.line(), reason);
				}
				throw new MalformedRecordException(record.source(), record.file(), record.line(), record.rawText(), reason);
			}
		}
	}
}
