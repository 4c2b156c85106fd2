package io.touchpoint.jobs.model;

import java.time.LocalDate;

import org.jspecify.annotations.Nullable;

import io.touchpoint.writers.staging.CsvRowEncoder;
import io.touchpoint.writers.staging.StagedRow;

/**
 * What one ad platform charged for one campaign (and, when the export breaks it down, ad set and ad)
 * on one calendar day, with the impressions and clicks it bought. {@code amountMinor} is minor units
 * of the ad account's {@code currency}; {@code platform} names the ad network ({@code facebook}),
 * {@code source} the export or API it came from. {@link #spendKey()} names the (platform, day, campaign,
 * ad set, ad): platforms restate recent days, and a later row with the same key replaces the earlier one.
 */
public record AdSpend(String tenantId, String platform, String campaign, @Nullable String adSet, @Nullable String ad, LocalDate spendDate,
		long impressions, long clicks, long amountMinor, String currency, String source, String batchId)
		implements StagedRow {

	public static final String TABLE = "ad_spend";

	/**
	 * {@code <platform>:<day>:<32 hex digits of SHA-256 over campaign, ad set and ad joined by NUL>}, the key
	 * V007 gave existing rows. By names, as the Ads Manager export has no ids: a renamed campaign starts a
	 * new key.
	 */
	public String spendKey() {
		String names = campaign + "\u0000" + (adSet == null ? "" : adSet) + "\u0000" + (ad == null ? "" : ad);
		return platform + ":" + spendDate + ":" + Digests.sha256Hex(names).substring(0, 32);
	}

	@Override
	public String table() {
		return TABLE;
	}

	@Override
	public long moneyMinor() {
		return amountMinor;
	}

	@Override
	public void writeCsv(CsvRowEncoder out) {
		out.string(platform).string(spendKey()).string(campaign).string(adSet).string(ad).date(spendDate)
			.number(impressions).number(clicks).number(amountMinor).string(currency).string(source);
	}
}
