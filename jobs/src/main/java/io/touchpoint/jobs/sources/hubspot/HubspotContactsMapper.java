package io.touchpoint.jobs.sources.hubspot;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

import io.touchpoint.jobs.model.Contact;
import io.touchpoint.jobs.model.ContactIdentity;
import io.touchpoint.jobs.model.ContactIds;
import io.touchpoint.jobs.model.TagSnapshot;
import io.touchpoint.jobs.sources.Records;
import io.touchpoint.jobs.sources.SourceMapper;
import io.touchpoint.readers.SourceRecord;
import io.touchpoint.readers.csv.CsvRecord;
import io.touchpoint.writers.staging.StagedRow;

/**
 * The HubSpot contacts export (UI export of a contacts view). Columns are labels ({@code Record ID},
 * {@code Email}, {@code Lifecycle Stage}, ...). HubSpot has no tags: the multi-select properties named
 * in {@code touchpoint.sources.hubspot.tag-columns} (default {@code Tags}) hold {@code ;}-separated
 * values. The export is a snapshot ({@link #tagFeed()}): each row lists the contact's current tags, and the
 * load turns a tag gone from a later export into a removal. Dates are read as UTC.
 */
@Component
public final class HubspotContactsMapper implements SourceMapper {

	public static final String SOURCE = "hubspot";

	private static final FileFormat FORMAT = new FileFormat(FileFormat.Kind.CSV, StandardCharsets.UTF_8,
			List.of("Record ID", "Email"));

	private final List<String> tagColumns;

	public HubspotContactsMapper(@Value("${touchpoint.sources.hubspot.tag-columns:Tags}") List<String> tagColumns) {
		this.tagColumns = List.copyOf(tagColumns);
	}

	@Override
	public String source() {
		return SOURCE;
	}

	@Override
	public FileFormat format() {
		return FORMAT;
	}

	/** An export lists each contact with all its current tags. */
	@Override
	public TagFeed tagFeed() {
		return TagFeed.SNAPSHOT;
	}

	@Override
	public List<StagedRow> map(SourceRecord raw, MappingContext context) {
		CsvRecord record = (CsvRecord) raw;
		String tenant = context.tenantId();
		String recordId = Records.atMost(record, "Record ID", Records.required(record, "Record ID"), 255);
		String email = Records.atMost(record, "Email", Records.email(record, "Email"), 320);
		Instant created = Records.timestamp(record, "Create Date");
		Instant updated = Records.requiredTimestamp(record, "Last Modified Date", "Last Activity Date", "Create Date");
		String contactId = ContactIds.of(tenant, email, SOURCE, "record_id", recordId);
		List<StagedRow> rows = new ArrayList<>();
		rows.add(new Contact(tenant, contactId, email, text(record, "First Name", 200), text(record, "Last Name", 200),
				text(record, "Lifecycle Stage", 100), created, updated, SOURCE, context.batchId()));
		rows.add(new ContactIdentity(tenant, SOURCE, "record_id", recordId, contactId, updated, context.batchId()));
		rows.addAll(TagSnapshot.listing(tenant, contactId, tags(record), updated, SOURCE, Records.ref(record),
				context.batchId()));
		return rows;
	}

	/** The trimmed value, quarantining the record when it is longer than its {@code contacts} column. */
	private static String text(CsvRecord record, String column, int max) {
		return Records.atMost(record, column, Records.text(record, column), max);
	}

	private Set<String> tags(CsvRecord record) {
		Set<String> tags = new LinkedHashSet<>();
		for (String column : tagColumns) {
			tags.addAll(Records.parse(record, column, () -> HubspotContacts.tags(record.get(column))));
		}
		return tags;
	}
}
