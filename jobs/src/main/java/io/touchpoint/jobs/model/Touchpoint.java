package io.touchpoint.jobs.model;

import java.time.Instant;

import io.touchpoint.writers.staging.CsvRowEncoder;
import io.touchpoint.writers.staging.StagedRow;

/**
 * One touch: a page view, a tracked event, an ad click. {@code contactId} is set when the event itself
 * names the person (an e-mail); otherwise rollups resolve {@code userId}/{@code anonymousId} through
 * contact_identities. {@code channel} and {@code campaign} come from UTM parameters. {@code eventId} is the
 * source's own key of the event (Segment's {@code messageId}): a tenant's touchpoints are unique by source
 * and event id, so an event delivered or exported again is loaded once.
 */
public record Touchpoint(String tenantId, String eventId, String contactId, String userId, String anonymousId,
		String kind, String name, String url, String channel, String campaign, Instant occurredAt, String source,
		String sourceRef, String batchId) implements StagedRow {

	public static final String TABLE = "touchpoints";

	@Override
	public String table() {
		return TABLE;
	}

	@Override
	public void writeCsv(CsvRowEncoder out) {
		out.string(eventId).string(contactId).string(userId).string(anonymousId).string(kind)
			.string(name).string(url).string(channel).string(campaign).timestamp(occurredAt).string(source)
			.string(sourceRef);
	}
}
