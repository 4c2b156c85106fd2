package io.touchpoint.jobs.report;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.text.DecimalFormat;
import java.text.DecimalFormatSymbols;
import java.util.Currency;
import java.util.Locale;
import java.util.Map;

/** Renders minor units for people: {@code $512}, {@code $1,234.50}, {@code 534.80 THB}. */
public final class MoneyFormat {

	private static final Map<String, String> SYMBOLS = Map.of("USD", "$", "EUR", "€", "GBP", "£", "JPY", "¥",
			"CAD", "CA$", "AUD", "A$");

	private MoneyFormat() {
	}

	/** Exact amount with the currency's decimals. */
	public static String exact(long minor, String currency) {
		int digits = Currency.getInstance(currency).getDefaultFractionDigits();
		return render(BigDecimal.valueOf(minor, digits), digits, currency);
	}

	/** Rounded to whole units (half away from zero), for sentences. */
	public static String whole(long minor, String currency) {
		int digits = Currency.getInstance(currency).getDefaultFractionDigits();
		return render(BigDecimal.valueOf(minor, digits).setScale(0, RoundingMode.HALF_UP), 0, currency);
	}

	/** A signed difference in whole units: {@code +$315} or {@code -$20}. */
	public static String signedWhole(long minor, String currency) {
		return (minor >= 0 ? "+" : "-") + whole(Math.abs(minor), currency);
	}

	private static String render(BigDecimal amount, int digits, String currency) {
		DecimalFormat format = new DecimalFormat(digits == 0 ? "#,##0" : "#,##0." + "0".repeat(digits),
				DecimalFormatSymbols.getInstance(Locale.ROOT));
		String number = format.format(amount.abs());
		String sign = amount.signum() < 0 ? "-" : "";
		String symbol = SYMBOLS.get(currency);
		return symbol != null ? sign + symbol + number : sign + number + " " + currency;
	}
}
