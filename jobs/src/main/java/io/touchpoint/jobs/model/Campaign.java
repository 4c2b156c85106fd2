package io.touchpoint.jobs.model;

import java.time.Instant;

import io.touchpoint.writers.staging.CsvRowEncoder;
import io.touchpoint.writers.staging.StagedRow;

/**
 * A campaign's name as its source stated it at {@code observedAt} (the record's last modification), so that
 * reports show a campaign tag ({@code campaign:<campaignId>}) by its name. Append-only and keyed by tenant,
 * source, campaign, name and time: the same record loaded again is skipped, a rename is a new row, and a
 * campaign's name is that of its latest row.
 */
public record Campaign(String tenantId, String source, String campaignId, String name, Instant observedAt,
		String sourceRef, String batchId) implements StagedRow {

	public static final String TABLE = "campaigns";

	@Override
	public String table() {
		return TABLE;
	}

	@Override
	public void writeCsv(CsvRowEncoder out) {
		out.string(source).string(campaignId).string(name).timestamp(observedAt).string(sourceRef);
	}
}
