package io.touchpoint.jobs.sources.facebook;

import java.net.URI;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;

import io.touchpoint.jobs.model.AdSpend;
import io.touchpoint.jobs.model.Money;
import io.touchpoint.jobs.sources.Records;
import io.touchpoint.jobs.sources.SourceMapper.MappingContext;
import io.touchpoint.jobs.sources.api.ApiPageException;
import io.touchpoint.jobs.sources.api.ApiPages;
import io.touchpoint.jobs.sources.api.ApiSource;
import io.touchpoint.jobs.sources.api.JsonFields;
import io.touchpoint.jobs.sources.api.StreamFetch;
import io.touchpoint.readers.MalformedRecordException;
import io.touchpoint.readers.http.ApiRequest;
import io.touchpoint.readers.http.ApiResponse;
import io.touchpoint.readers.jsonl.JsonRecord;
import io.touchpoint.writers.staging.StagedRow;

/**
 * The Marketing API's ad account Insights, one row per ad and day:
 * {@code GET /v21.0/act_<account>/insights?level=ad&time_increment=1&time_range={"since":..,"until":..}},
 * paged by {@code paging.cursors.after} while {@code paging.next} is present. The token travels in the
 * {@code Authorization} header, never in our URLs. Numbers are strings; {@code spend} is a major-unit
 * decimal of {@code account_currency}; clicks are {@code inline_link_clicks}, else the {@code link_click}
 * entry of {@code actions[]}.
 * <p>
 * Days are the ad account's own and are re-pulled for 28 days (the default lookback), since Meta restates
 * them as attribution matures: a restated day replaces the earlier row of the same ad and day
 * ({@link AdSpend#spendKey()}), also one loaded from an Ads Manager export, since both key by names.
 */
@Component
public final class FacebookInsightsApiSource implements ApiSource {

	private static final Defaults DEFAULTS = new Defaults(URI.create("https://graph.facebook.com"), 2, Duration.ofDays(28));

	private static final String FIELDS = "account_currency,campaign_id,campaign_name,adset_id,adset_name,ad_id,ad_name,"
			+ "date_start,date_stop,impressions,clicks,inline_link_clicks,spend,actions";

	@Override
	public String source() {
		return FacebookAdsExportMapper.SOURCE;
	}

	@Override
	public List<String> streams() {
		return List.of("insights");
	}

	@Override
	public Defaults defaults() {
		return DEFAULTS;
	}

	@Override
	public ApiRequest request(StreamFetch fetch, @Nullable String pageToken) {
		String account = fetch.connection().account();
		if (account == null || account.isBlank()) {
			throw new IllegalStateException("touchpoint.connections." + fetch.tenantId() + ".facebook.account is not set;"
					+ " set it to the ad account id (act_123...), then restart");
		}
		String act = account.startsWith("act_") ? account : "act_" + account;
		String version = fetch.connection().options().getOrDefault("api-version", "v21.0");
		LocalDate since = fetch.from().atZone(ZoneOffset.UTC).toLocalDate();
		LocalDate until = fetch.to().atZone(ZoneOffset.UTC).toLocalDate().minusDays(1);
		StringBuilder url = new StringBuilder(fetch.url("/" + version + "/" + act + "/insights"));
		url.append("?level=ad&time_increment=1");
		url.append("&time_range=").append(ApiPages.encode("{\"since\":\"" + since + "\",\"until\":\"" + until + "\"}"));
		url.append("&fields=").append(ApiPages.encode(FIELDS));
		url.append("&limit=").append(fetch.connection().pageSize());
		if (pageToken != null) {
			url.append("&after=").append(ApiPages.encode(pageToken));
		}
		return ApiRequest.get(URI.create(url.toString()),
				Map.of("Authorization", "Bearer " + ApiPages.token(fetch, "a Marketing API access token with ads_read")),
				fetch.describe());
	}

	@Override
	public Page page(StreamFetch fetch, ApiResponse response) {
		JsonNode body = ApiPages.json(fetch, response);
		List<JsonNode> records = ApiPages.array(fetch, body, "data", "Insights");
		JsonNode next = JsonFields.node(body, "paging.next");
		String after = next == null ? null : text(JsonFields.node(body, "paging.cursors.after"));
		if (next != null && after == null) {
			throw new ApiPageException(fetch, "paging.next is given without paging.cursors.after to continue from");
		}
		return new Page(records, after);
	}

	private static String text(@Nullable JsonNode node) {
		return node == null ? null : node.asString();
	}

	@Override
	public List<StagedRow> map(JsonRecord record, String stream, MappingContext context) {
		String start = JsonFields.required(record, "date_start");
		String stop = JsonFields.text(record, "date_stop");
		if (stop != null && !stop.equals(start)) {
			throw MalformedRecordException.of(record, "the row covers " + start + " to " + stop
					+ ", not one day; the request asks for time_increment=1");
		}
		LocalDate day = Records.parse(record, "date_start", () -> LocalDate.parse(start));
		String currency = Records.parse(record, "account_currency",
				() -> Money.currency(JsonFields.required(record, "account_currency")));
		String spend = JsonFields.text(record, "spend");
		long amount = spend == null ? 0 : Records.parse(record, "spend", () -> Money.toMinor(spend, currency));
		if (amount < 0) {
			throw MalformedRecordException.of(record, "spend: negative (" + spend + ")");
		}
		Long impressions = JsonFields.whole(record, "impressions");
		Long clicks = JsonFields.whole(record, "inline_link_clicks");
		if (clicks == null) {
			clicks = linkClicks(record);
		}
		String campaign = JsonFields.text(record, "campaign_name");
		if (campaign == null) {
			campaign = JsonFields.required(record, "campaign_id");
		}
		return List.of(new AdSpend(context.tenantId(), FacebookAdsExportMapper.PLATFORM, campaign,
				JsonFields.text(record, "adset_name"), JsonFields.text(record, "ad_name"), day,
				impressions == null ? 0 : impressions, clicks, amount, currency, source(), context.batchId()));
	}

	/** The {@code value} of the {@code link_click} action, 0 without one. */
	private static long linkClicks(JsonRecord record) {
		JsonNode actions = JsonFields.node(record.node(), "actions");
		if (actions == null || !actions.isArray()) {
			return 0;
		}
		for (JsonNode action : actions) {
			if (action.has("action_type") && "link_click".equals(action.get("action_type").asString())) {
				String value = action.has("value") ? action.get("value").asString().strip() : "";
				try {
					return value.isEmpty() ? 0 : Long.parseLong(value);
				}
				catch (NumberFormatException ex) {
					throw MalformedRecordException.of(record, "actions[link_click].value: '" + value + "' is not a whole number");
				}
			}
		}
		return 0;
	}
}
