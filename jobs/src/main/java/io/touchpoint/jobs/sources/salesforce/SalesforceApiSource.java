package io.touchpoint.jobs.sources.salesforce;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;

import io.touchpoint.jobs.sources.SourceMapper.MappingContext;
import io.touchpoint.jobs.sources.api.ApiPageException;
import io.touchpoint.jobs.sources.api.ApiPages;
import io.touchpoint.jobs.sources.api.ApiSource;
import io.touchpoint.jobs.sources.api.JsonFields;
import io.touchpoint.jobs.sources.api.StreamFetch;
import io.touchpoint.readers.MalformedRecordException;
import io.touchpoint.readers.SourceRecord;
import io.touchpoint.readers.http.ApiRequest;
import io.touchpoint.readers.http.ApiResponse;
import io.touchpoint.readers.jsonl.JsonRecord;
import io.touchpoint.writers.staging.StagedRow;

/**
 * The Salesforce REST API's SOQL query: streams {@code contacts}, {@code leads}, {@code campaigns} and
 * {@code campaign_members} ({@code Contact}, {@code Lead}, {@code Campaign}, {@code CampaignMember}) are
 * {@code GET <instance>/services/data/<version>/query?q=SELECT ... WHERE SystemModstamp >= <from> AND
 * SystemModstamp < <to> ORDER BY SystemModstamp}, continued with {@code nextRecordsUrl} until
 * {@code done}. The base URL is the org's instance URL (required); the API version is the connection's
 * {@code account}, {@code v60.0} by default. Records are mapped by {@link SalesforceRows} as Data Export
 * rows are, so export and API agree; the API's booleans are JSON booleans and its datetimes
 * {@code 2024-01-01T00:00:00.000+0000}. Campaign members are read with {@code /queryAll}, which returns deleted
 * records too ({@code IsDeleted = true}, their {@code SystemModstamp} the deletion): a contact taken off a campaign
 * in Salesforce loses the campaign's tag by the removal that record maps to. Contacts, leads and campaigns use
 * {@code /query} (a deleted one is not loaded either way); a campaign gives the name reports show for its tags.
 */
@Component
public final class SalesforceApiSource implements ApiSource {

	/** Salesforce limits API calls per day, not per second; this stays polite. */
	private static final Defaults DEFAULTS = new Defaults(URI.create("https://login.salesforce.com"), 5,
			Duration.ofMinutes(10));

	static final String DEFAULT_VERSION = "v60.0";

	private static final Map<String, String> OBJECTS = Map.of("contacts", "Contact", "leads", "Lead",
			"campaigns", "Campaign", "campaign_members", "CampaignMember");

	private static final Map<String, String> FIELDS = Map.of(
			"contacts", "Id, IsDeleted, Email, FirstName, LastName, CreatedDate, LastModifiedDate, SystemModstamp",
			"leads", "Id, IsDeleted, Email, FirstName, LastName, Status, CreatedDate, LastModifiedDate, SystemModstamp",
			"campaigns", "Id, IsDeleted, Name, CreatedDate, LastModifiedDate, SystemModstamp",
			"campaign_members", "Id, IsDeleted, CampaignId, ContactId, LeadId, HasResponded, FirstRespondedDate, "
					+ "CreatedDate, LastModifiedDate, SystemModstamp");

	@Override
	public String source() {
		return SalesforceExportMapper.SOURCE;
	}

	@Override
	public List<String> streams() {
		return List.of("contacts", "leads", "campaigns", "campaign_members");
	}

	@Override
	public Defaults defaults() {
		return DEFAULTS;
	}

	@Override
	public ApiRequest request(StreamFetch fetch, @Nullable String pageToken) {
		if (fetch.connection().baseUrl() == null) {
			throw new IllegalStateException("touchpoint.connections." + fetch.tenantId() + ".salesforce.base-url is not set;"
					+ " set it to the org's instance URL (https://acme.my.salesforce.com), then restart");
		}
		Map<String, String> headers = Map.of("Authorization", "Bearer " + ApiPages.token(fetch,
				"an OAuth access token of a user who can read contacts, leads, campaigns and campaign members"));
		if (pageToken != null) {
			return ApiRequest.get(URI.create(fetch.url(pageToken)), headers, fetch.describe());
		}
		String soql = "SELECT " + FIELDS.get(fetch.stream()) + " FROM " + OBJECTS.get(fetch.stream())
				+ " WHERE SystemModstamp >= " + literal(fetch.from()) + " AND SystemModstamp < " + literal(fetch.to())
				+ " ORDER BY SystemModstamp";
		String resource = fetch.stream().equals("campaign_members") ? "/queryAll" : "/query";
		return ApiRequest.get(URI.create(fetch.url("/services/data/" + version(fetch) + resource + "?q=" + ApiPages.encode(soql)
			.replace("+", "%20"))), headers, fetch.describe());
	}

	private static String version(StreamFetch fetch) {
		String account = fetch.connection().account();
		return account == null || account.isBlank() ? DEFAULT_VERSION : account.strip();
	}

	/** A SOQL datetime literal: UTC, no quotes. */
	private static String literal(Instant instant) {
		return instant.truncatedTo(ChronoUnit.SECONDS).toString();
	}

	@Override
	public Page page(StreamFetch fetch, ApiResponse response) {
		JsonNode body = ApiPages.json(fetch, response);
		List<JsonNode> records = ApiPages.array(fetch, body, "records", "Salesforce query");
		JsonNode done = body.get("done");
		if (done == null || !done.isBoolean()) {
			throw new ApiPageException(fetch, "the response is not a Salesforce query page (no done)");
		}
		if (done.booleanValue()) {
			return new Page(records, null);
		}
		JsonNode next = body.get("nextRecordsUrl");
		if (next == null || !next.isString() || !next.asString().startsWith("/services/data/")) {
			throw new ApiPageException(fetch, "done is false but nextRecordsUrl is not a /services/data/ path");
		}
		return new Page(records, next.asString());
	}

	@Override
	public List<StagedRow> map(JsonRecord record, String stream, MappingContext context) {
		JsonRecordFields fields = new JsonRecordFields(record);
		return switch (stream) {
			case "contacts" -> fields.flag("IsDeleted") ? List.of() : SalesforceRows.person(fields, context, "contact_id");
			case "leads" -> fields.flag("IsDeleted") ? List.of() : SalesforceRows.person(fields, context, "lead_id");
			case "campaigns" -> fields.flag("IsDeleted") ? List.of() : SalesforceRows.campaign(fields, context);
			case "campaign_members" -> SalesforceRows.campaignMember(fields, context);
			default -> throw MalformedRecordException.of(record, "unknown Salesforce stream " + stream);
		};
	}

	/** A query record's fields: JSON booleans, ISO datetimes with a {@code +0000} offset. */
	private record JsonRecordFields(JsonRecord json) implements SalesforceRows.Fields {

		@Override
		public SourceRecord record() {
			return json;
		}

		@Override
		public String text(String field) {
			return JsonFields.text(json, field);
		}

		@Override
		public boolean flag(String field) {
			return JsonFields.flag(json, field);
		}

		@Override
		public Instant time(String field) {
			return JsonFields.time(json, field);
		}
	}
}
