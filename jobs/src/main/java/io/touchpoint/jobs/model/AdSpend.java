package io.touchpoint.jobs.model;

import java.time.LocalDate;

import io.touchpoint.writers.staging.CsvRowEncoder;
import io.touchpoint.writers.staging.StagedRow;

/**
 * What one ad platform charged for one campaign (and, when the export breaks it down, ad set and ad)
 * on one calendar day, with the impressions and clicks it bought. {@code amountMinor} is minor units
 * of the ad account's {@code currency}; {@code platform} names the ad network ({@code facebook}),
 * {@code source} the export it came from. Rows are appended: the same day exported in two different
 * files counts twice.
 */
public record AdSpend(String tenantId, String platform, String campaign, String adSet, String ad, LocalDate spendDate,
		long impressions, long clicks, long amountMinor, String currency, String source, String batchId)
		implements StagedRow {

	public static final String TABLE = "ad_spend";

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
		out.string(tenantId).string(platform).string(campaign).string(adSet).string(ad).date(spendDate)
			.number(impressions).number(clicks).number(amountMinor).string(currency).string(source).string(batchId);
	}
}
