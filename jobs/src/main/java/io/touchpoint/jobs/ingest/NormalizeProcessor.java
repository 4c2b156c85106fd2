package io.touchpoint.jobs.ingest;

import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;

import org.springframework.batch.infrastructure.item.ItemProcessor;

import io.touchpoint.jobs.sources.SourceMapper;
import io.touchpoint.jobs.sources.SourceMappers;
import io.touchpoint.readers.SourceRecord;
import io.touchpoint.readers.csv.CsvHeader;
import io.touchpoint.readers.csv.CsvRecord;
import io.touchpoint.writers.staging.StagedRow;

/**
 * normalize: a raw record to canonical rows through its source's mapper. Checks each CSV file's header
 * for the source's required columns once. Returns null for records that are not data (Spring Batch
 * counts them as filtered); bad records throw and are quarantined by the step's skip policy, and so is a
 * record whose row holds a value longer than its column ({@link ColumnLimits}).
 */
public class NormalizeProcessor implements ItemProcessor<SourceRecord, List<StagedRow>> {

	private final SourceMappers mappers;

	private final SourceMapper.MappingContext context;

	private final ColumnLimits limits;

	private final Set<CsvHeader> checkedHeaders = Collections.newSetFromMap(new IdentityHashMap<>());

	public NormalizeProcessor(SourceMappers mappers, SourceMapper.MappingContext context, ColumnLimits limits) {
		this.mappers = mappers;
		this.context = context;
		this.limits = limits;
	}

	@Override
	public List<StagedRow> process(SourceRecord record) {
		SourceMapper mapper = mappers.forFile(record.source(), record.file());
		if (record instanceof CsvRecord csv && checkedHeaders.add(csv.header())) {
			csv.header().require(mapper.format(csv.file()).requiredColumns());
		}
		List<StagedRow> rows = mapper.map(record, context);
		for (StagedRow row : rows) {
			limits.check(record, row);
		}
		return rows.isEmpty() ? null : rows;
	}
}
