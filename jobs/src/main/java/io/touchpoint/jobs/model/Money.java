package io.touchpoint.jobs.model;

import java.math.BigDecimal;
import java.util.Currency;
import java.util.Locale;

import org.jspecify.annotations.Nullable;

/**
 * Exact money parsing: a major-unit decimal string ({@code 15.00}, {@code -3.5}, JPY {@code 1200}) to
 * integer minor units with the currency's own exponent, never through floating point. Exponents,
 * thousands separators and fractions of a minor unit are refused with a reason.
 */
public final class Money {

	private Money() {
	}

	/** ISO 4217 code in upper case, or an IllegalArgumentException naming the value. */
	public static String currency(@Nullable String code) {
		if (code == null || code.isBlank()) {
			throw new IllegalArgumentException("missing currency");
		}
		String upper = code.strip().toUpperCase(Locale.ROOT);
		try {
			Currency currency = Currency.getInstance(upper);
			if (currency.getDefaultFractionDigits() < 0) {
				throw new IllegalArgumentException("currency '" + code + "' has no minor unit");
			}
			return upper;
		}
		catch (IllegalArgumentException ex) {
			throw new IllegalArgumentException("unknown currency '" + code + "'");
		}
	}

	/** The amount in minor units of the currency ({@code currency(code)} first). */
	public static long toMinor(@Nullable String amount, String currencyCode) {
		if (amount == null || amount.isBlank()) {
			throw new IllegalArgumentException("missing amount");
		}
		String text = amount.strip();
		for (int i = 0; i < text.length(); i++) {
			char c = text.charAt(i);
			boolean sign = i == 0 && (c == '-' || c == '+');
			if (!sign && c != '.' && (c < '0' || c > '9')) {
				throw new IllegalArgumentException("amount '" + amount + "' is not a plain decimal number");
			}
		}
		BigDecimal value;
		try {
			value = new BigDecimal(text);
		}
		catch (NumberFormatException ex) {
			throw new IllegalArgumentException("amount '" + amount + "' is not a plain decimal number");
		}
		int digits = Currency.getInstance(currencyCode).getDefaultFractionDigits();
		BigDecimal minor = value.movePointRight(digits);
		if (minor.stripTrailingZeros().scale() > 0) {
			throw new IllegalArgumentException(
					"amount '" + amount + "' has a fraction of a minor unit of " + currencyCode + " (" + digits + " decimals)");
		}
		try {
			return minor.longValueExact();
		}
		catch (ArithmeticException ex) {
			throw new IllegalArgumentException("amount '" + amount + "' is out of range");
		}
	}
}
