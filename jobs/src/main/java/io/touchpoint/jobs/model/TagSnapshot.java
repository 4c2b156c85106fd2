package io.touchpoint.jobs.model;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

import io.touchpoint.writers.staging.CsvRowEncoder;
import io.touchpoint.writers.staging.StagedRow;

/**
 * One tag a snapshot source lists for a contact at {@code observedAt}: the source states the contact's whole
 * current tag set (a HubSpot contacts export or API page, a Salesforce Data Export's campaign membership), so a
 * tag missing from a later listing was removed.
 * Each listed contact also has a row with the empty tag, so a contact listed without tags is a listing too.
 * After a batch's parts are loaded, {@code sql/<dialect>/derive/tag_snapshots.sql} turns its listings into
 * {@link TagApplication}s: {@code +1} for a listed tag the contact does not hold from that source, a removal
 * for a held tag the listing no longer has. A source of changes (a list membership, a mapped file of tag
 * events) writes {@link TagApplication}s directly.
 */
public record TagSnapshot(String tenantId, String contactId, String tag, Instant observedAt, String source,
		String sourceRef, String batchId) implements StagedRow {

	public static final String TABLE = "tag_snapshots";

	/** The tag of the row that says the contact was listed, whatever its tags. */
	public static final String LISTED = "";

	/** The rows of one listing: the contact's marker, then one per tag. */
	public static List<StagedRow> listing(String tenantId, String contactId, Collection<String> tags, Instant observedAt,
			String source, String sourceRef, String batchId) {
		List<StagedRow> rows = new ArrayList<>(tags.size() + 1);
		rows.add(new TagSnapshot(tenantId, contactId, LISTED, observedAt, source, sourceRef, batchId));
		for (String tag : tags) {
			rows.add(new TagSnapshot(tenantId, contactId, tag, observedAt, source, sourceRef, batchId));
		}
		return rows;
	}

	@Override
	public String table() {
		return TABLE;
	}

	@Override
	public void writeCsv(CsvRowEncoder out) {
		out.string(contactId).string(tag).timestamp(observedAt).string(source).string(sourceRef);
	}
}
