package io.touchpoint.jobs.sources;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;

/**
 * Payment processor references found in another source's text (a Shopify order's gateway reference):
 * a Stripe charge ({@code ch_...}, {@code py_...}) or PaymentIntent ({@code pi_...}), prefixed the way the
 * Stripe mappers store them ({@code stripe:ch_...}), so that rollups can count the payment once.
 */
public record PaymentRefs(String charge, String paymentIntent) {

	public static final PaymentRefs NONE = new PaymentRefs(null, null);

	private static final Pattern CHARGE = Pattern.compile("\\b((?:ch|py)_[A-Za-z0-9]+)\\b");

	private static final Pattern INTENT = Pattern.compile("\\b(pi_[A-Za-z0-9]+)\\b");

	/** The first charge and PaymentIntent ids in the texts (null texts are skipped). */
	public static @Nullable PaymentRefs find(String... texts) {
		String charge = null;
		String intent = null;
		for (String text : texts) {
			if (text == null) {
				continue;
			}
			if (charge == null) {
				charge = first(CHARGE, text);
			}
			if (intent == null) {
				intent = first(INTENT, text);
			}
		}
		return new PaymentRefs(charge == null ? null : "stripe:" + charge, intent == null ? null : "stripe:" + intent);
	}

	private static @Nullable String first(Pattern pattern, String text) {
		Matcher matcher = pattern.matcher(text);
		return matcher.find() ? matcher.group(1) : null;
	}
}
