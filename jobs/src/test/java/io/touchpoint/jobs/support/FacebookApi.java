package io.touchpoint.jobs.support;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Answers like the Marketing API's {@code GET /v21.0/act_<id>/insights} at {@code level=ad} with
 * {@code time_increment=1}: one row per ad and day within {@code time_range} (since and until inclusive),
 * every number a string, clicks in {@code inline_link_clicks} or only in {@code actions[]}, pages of
 * {@code limit} rows with {@code paging.cursors.after} and a {@code paging.next} URL (which, like Meta's,
 * carries an access_token that a client must not copy into its logs). Needs the bearer token.
 */
public final class FacebookApi implements VendorApiServer.Handler {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private final String token;

	private final String account;

	private final List<ObjectNode> rows = new CopyOnWriteArrayList<>();

	public FacebookApi(String token, String account) {
		this.token = token;
		this.account = account;
	}

	/** An ad's day; {@code linkClicks} null puts the clicks only in {@code actions[]}. */
	public ObjectNode row(String day, String campaign, String adSet, String ad, String spend, String impressions,
			String linkClicks) {
		ObjectNode row = JSON.createObjectNode();
		row.put("account_currency", "USD").put("campaign_id", "c-" + campaign.hashCode()).put("campaign_name", campaign)
			.put("adset_id", "s-" + adSet.hashCode()).put("adset_name", adSet).put("ad_id", "a-" + ad.hashCode())
			.put("ad_name", ad).put("date_start", day).put("date_stop", day).put("impressions", impressions)
			.put("clicks", "99").put("spend", spend);
		if (linkClicks != null) {
			row.put("inline_link_clicks", linkClicks);
		}
		rows.removeIf(existing -> existing.get("date_start").asString().equals(day)
				&& existing.get("ad_name").asString().equals(ad) && existing.get("adset_name").asString().equals(adSet));
		rows.add(row);
		return row;
	}

	@Override
	public VendorApiServer.Response handle(VendorApiServer.Request request) {
		if (!("Bearer " + token).equals(request.headers().get("authorization"))) {
			return VendorApiServer.Response.status(400, "{\"error\":{\"message\":\"Invalid OAuth access token.\",\"code\":190}}");
		}
		if (!request.path().equals("/v21.0/" + account + "/insights") || !"ad".equals(request.param("level"))
				|| !"1".equals(request.param("time_increment"))) {
			return VendorApiServer.Response.status(400, "{\"error\":{\"message\":\"unexpected request\"}}");
		}
		JsonNode range = JSON.readTree(request.param("time_range"));
		LocalDate since = LocalDate.parse(range.get("since").asString());
		LocalDate until = LocalDate.parse(range.get("until").asString());
		List<ObjectNode> matching = new ArrayList<>(rows.stream().filter(row -> {
			LocalDate day = LocalDate.parse(row.get("date_start").asString());
			return !day.isBefore(since) && !day.isAfter(until);
		}).toList());
		matching.sort(Comparator.comparing((ObjectNode row) -> row.get("date_start").asString())
			.thenComparing(row -> row.get("ad_name").asString()));
		int limit = Integer.parseInt(request.param("limit"));
		int start = request.param("after") == null ? 0 : Integer.parseInt(request.param("after").substring(1));
		int end = Math.min(start + limit, matching.size());
		ObjectNode page = JSON.createObjectNode();
		ArrayNode data = page.putArray("data");
		matching.subList(start, end).forEach(data::add);
		ObjectNode paging = page.putObject("paging");
		paging.putObject("cursors").put("before", "c" + start).put("after", "c" + end);
		if (end < matching.size()) {
			paging.put("next", "https://graph.facebook.com/v21.0/" + account + "/insights?access_token=EAAB" + token
					+ "&after=c" + end);
		}
		return VendorApiServer.Response.json(JSON.writeValueAsString(page));
	}
}
