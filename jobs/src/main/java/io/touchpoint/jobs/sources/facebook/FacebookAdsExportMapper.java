package io.touchpoint.jobs.sources.facebook;

import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.springframework.stereotype.Component;

import io.touchpoint.jobs.model.AdSpend;
import io.touchpoint.jobs.model.Money;
import io.touchpoint.jobs.sources.Records;
import io.touchpoint.jobs.sources.SourceMapper;
import io.touchpoint.readers.MalformedFileException;
import io.touchpoint.readers.MalformedRecordException;
import io.touchpoint.readers.SourceRecord;
import io.touchpoint.readers.csv.CsvHeader;
import io.touchpoint.readers.csv.CsvRecord;
import io.touchpoint.writers.staging.StagedRow;

/**
 * The Meta (Facebook) Ads Manager report exported as CSV ({@code Reporting starts, Reporting ends,
 * Campaign name, Ad set name, Ad name, ..., Amount spent (USD), Impressions, ..., Link clicks, ...,
 * Clicks (all)}), mapped by column name to one {@link AdSpend} row per line. The ad account's currency
 * is only in the header, {@code Amount spent (XXX)}, so the mapper reads the header itself rather than
 * declaring required columns: that way an export in another UI language ({@code Montant dépensé (EUR)})
 * is told apart from one that misses a column.
 * <ul>
 * <li>A row with an empty {@code Campaign name} is the total row Ads Manager adds: filtered.</li>
 * <li>The spend date is {@code Reporting starts}; a row whose {@code Reporting ends} differs covers several
 * days (an export without a daily breakdown) and is quarantined, since its spend cannot be put on one day.</li>
 * <li>{@code Ad set name} and {@code Ad name} are optional (campaign-level exports).</li>
 * <li>Impressions and clicks ({@code Link clicks}, or {@code Clicks (all)} when the export has no link
 * clicks column) are whole numbers; an empty cell or an absent column is 0, as is an empty amount.</li>
 * </ul>
 */
@Component
public final class FacebookAdsExportMapper implements SourceMapper {

	public static final String SOURCE = "facebook";

	/** The ad platform recorded in {@code ad_spend.platform}. */
	public static final String PLATFORM = "facebook";

	private static final String STARTS = "Reporting starts";

	private static final String ENDS = "Reporting ends";

	private static final String CAMPAIGN = "Campaign name";

	private static final List<String> REQUIRED = List.of(STARTS, ENDS, CAMPAIGN);

	private static final Pattern AMOUNT_SPENT = Pattern.compile("Amount spent \\(([A-Za-z]{3})\\)");

	/** Any money column, in any language: a name ending in a currency code in parentheses. */
	private static final Pattern CURRENCY_SUFFIX = Pattern.compile(".*\\(([A-Z]{3})\\)");

	private static final int MAX_NAME = 255;

	private static final FileFormat FORMAT = new FileFormat(FileFormat.Kind.CSV, StandardCharsets.UTF_8, List.of());

	@Override
	public String source() {
		return SOURCE;
	}

	/** CSV in UTF-8; no required columns are declared because {@link #map} checks the header itself. */
	@Override
	public FileFormat format() {
		return FORMAT;
	}

	@Override
	public List<StagedRow> map(SourceRecord raw, MappingContext context) {
		CsvRecord record = (CsvRecord) raw;
		SpendColumn spend = spendColumn(record.header());
		String campaign = Records.text(record, CAMPAIGN);
		if (campaign == null) {
			return List.of();
		}
		LocalDate starts = date(record, STARTS);
		LocalDate ends = date(record, ENDS);
		if (!ends.equals(starts)) {
			throw MalformedRecordException.of(record, "the row covers " + starts + " to " + ends + " (Reporting starts to"
					+ " Reporting ends), not one day; export the report again with a daily breakdown (Breakdown > By time"
					+ " > Day) and import that file (touchpoint import --source facebook)");
		}
		String amountText = Records.text(record, spend.column());
		long amount = amountText == null ? 0
				: Records.parse(record, spend.column(), () -> Money.toMinor(amountText, spend.currency()));
		if (amount < 0) {
			throw MalformedRecordException.of(record, spend.column() + ": spend cannot be negative (" + amountText + ")");
		}
		long impressions = count(record, "Impressions");
		long clicks = count(record, record.has("Link clicks") ? "Link clicks" : "Clicks (all)");
		return List.of(new AdSpend(context.tenantId(), PLATFORM, name(record, CAMPAIGN), name(record, "Ad set name"),
				name(record, "Ad name"), starts, impressions, clicks, amount, spend.currency(), SOURCE, context.batchId()));
	}

	/** The {@code Amount spent (XXX)} column and its currency. */
	private record SpendColumn(String column, String currency) {
	}

	/**
	 * Reads the export's layout from its header: the required English columns and exactly one currency.
	 *
	 * @throws MalformedFileException when the header is localized, misses a column or names two currencies
	 */
	private static SpendColumn spendColumn(CsvHeader header) {
		List<String> spendColumns = new ArrayList<>(1);
		List<String> currencies = new ArrayList<>(1);
		for (String name : header.names()) {
			Matcher matcher = AMOUNT_SPENT.matcher(name);
			if (matcher.matches()) {
				spendColumns.add(name);
				String currency = matcher.group(1).toUpperCase(Locale.ROOT);
				if (!currencies.contains(currency)) {
					currencies.add(currency);
				}
			}
		}
		if (spendColumns.isEmpty()) {
			rejectLocalized(header);
		}
		header.require(REQUIRED);
		if (spendColumns.isEmpty()) {
			throw new MalformedFileException(header.file(), 1, "no 'Amount spent (<currency>)' column (found: "
					+ String.join(", ", header.names()) + "); the spend column, whose name carries the ad account's"
					+ " currency as in 'Amount spent (USD)', is required: add Amount spent to the report's columns in"
					+ " Ads Manager, export it again, then restart the execution");
		}
		if (currencies.size() > 1) {
			throw new MalformedFileException(header.file(), 1, "the header names " + currencies.size() + " currencies ('"
					+ String.join("', '", spendColumns) + "'), so the spend of a row is ambiguous; expected one 'Amount"
					+ " spent (<currency>)' column: export each ad account currency to its own file, then restart the"
					+ " execution");
		}
		String column = spendColumns.get(0);
		try {
			return new SpendColumn(column, Money.currency(currencies.get(0)));
		}
		catch (IllegalArgumentException ex) {
			throw new MalformedFileException(header.file(), 1, "column '" + column + "': " + ex.getMessage()
					+ "; expected an ISO 4217 code as in 'Amount spent (USD)': re-export the report, then restart the"
					+ " execution");
		}
	}

	/**
	 * A header without {@code Amount spent (XXX)} that has a non-ASCII column name, or a money column but not
	 * the English {@code Reporting starts}/{@code Campaign name}, was exported in another UI language. The
	 * message names its spend-like column ({@code Montant dépensé (EUR)}) when it can.
	 */
	private static void rejectLocalized(CsvHeader header) {
		boolean english = header.has(STARTS) && header.has(CAMPAIGN);
		String shown = null;
		int rank = 0;
		for (String name : header.names()) {
			boolean nonAscii = name.chars().anyMatch(c -> c > 0x7F);
			boolean money = CURRENCY_SUFFIX.matcher(name).matches();
			int nameRank = nonAscii && money ? 3 : money && !english ? 2 : nonAscii ? 1 : 0;
			if (nameRank > rank) {
				shown = name;
				rank = nameRank;
			}
		}
		if (shown != null) {
			throw new MalformedFileException(header.file(), 1, "the header is not in English (column '" + shown
					+ "', no 'Amount spent (<currency>)'): only English Ads Manager exports are supported for now;"
					+ " switch your Facebook language to English (Settings > Language and region), export the report"
					+ " again with columns such as 'Reporting starts', 'Campaign name' and 'Amount spent (USD)',"
					+ " replace the file in the inbox, then restart the execution");
		}
	}

	private static LocalDate date(CsvRecord record, String column) {
		String text = Records.required(record, column);
		try {
			return LocalDate.parse(text);
		}
		catch (DateTimeParseException ex) {
			throw MalformedRecordException.of(record, column + ": '" + text + "' is not a date (yyyy-MM-dd)");
		}
	}

	/** A whole non-negative count; an empty cell or absent column is 0. */
	private static long count(CsvRecord record, String column) {
		String text = Records.text(record, column);
		if (text == null) {
			return 0;
		}
		boolean digits = text.length() <= 18 && text.chars().allMatch(c -> c >= '0' && c <= '9');
		if (!digits) {
			throw MalformedRecordException.of(record, column + ": '" + text + "' is not a whole non-negative number"
					+ " (digits only, no separators)");
		}
		return Long.parseLong(text);
	}

	/** An optional name, at most {@value #MAX_NAME} characters (the warehouse column's size). */
	private static String name(CsvRecord record, String column) {
		String value = Records.text(record, column);
		if (value != null && value.length() > MAX_NAME) {
			throw MalformedRecordException.of(record, column + ": longer than " + MAX_NAME + " characters");
		}
		return value;
	}
}
