package io.touchpoint.jobs.sources.shopify;

import java.time.Instant;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import org.jspecify.annotations.Nullable;

import io.touchpoint.jobs.model.ContactIds;
import io.touchpoint.jobs.model.Purchase;
import io.touchpoint.jobs.model.Touchpoint;

/**
 * What the Shopify orders export and the Admin API agree on: which financial statuses are purchases,
 * whose contact an order is, and the order's UTM attribution touchpoint. Both read the same order, so
 * they must produce the same keys and rows. Problems are {@link IllegalArgumentException}s the callers
 * turn into quarantine reasons naming their own field.
 */
final class ShopifyOrders {

	static final String SOURCE = ShopifyOrdersMapper.SOURCE;

	private static final Set<String> PURCHASED = Set.of("paid", "partially_paid", "partially_refunded", "refunded");

	private static final Set<String> NOT_SETTLED = Set.of("pending", "authorized", "expired");

	private ShopifyOrders() {
	}

	/**
	 * The lower-case status of a purchase, or null for an order that was not paid (filtered). A voided order
	 * is a purchase with status {@link Purchase#VOIDED}: when an earlier export loaded it paid, this version
	 * stops it counting; one never loaded paid counts nowhere either.
	 */
	static @Nullable String purchaseStatus(String financialStatus) {
		String status = financialStatus.toLowerCase(Locale.ROOT);
		if (status.equals(Purchase.VOIDED)) {
			return Purchase.VOIDED;
		}
		if (NOT_SETTLED.contains(status)) {
			return null;
		}
		if (!PURCHASED.contains(status)) {
			throw new IllegalArgumentException("unknown value '" + financialStatus
					+ "' (expected paid, partially_paid, partially_refunded, refunded, pending, authorized or voided)");
		}
		return status;
	}

	/** {@code shopify:<order id>}: the purchase key of an order, by export and by API. */
	static String purchaseKey(String orderRef) {
		return SOURCE + ":" + orderRef;
	}

	/** The e-mail's contact, else one of the order's own. */
	static String contactId(String tenant, @Nullable String email, String orderRef) {
		return email != null ? ContactIds.forEmail(tenant, email)
				: ContactIds.forExternalId(tenant, SOURCE, "order", orderRef);
	}

	/**
	 * The order's attribution from its attributes ({@code utm_source}, {@code utm_medium},
	 * {@code utm_campaign}, {@code landing_page}, keys lower-case), or null when they name none.
	 *
	 * @throws IllegalArgumentException when a value is longer than its warehouse column
	 */
	static @Nullable Touchpoint attribution(Map<String, String> attributes, String tenant, String purchaseKey, String contactId,
			Instant created, String sourceRef, String batchId) {
		String channel = attributes.get("utm_source");
		String medium = attributes.get("utm_medium");
		String campaign = attributes.get("utm_campaign");
		String landingPage = attributes.get("landing_page");
		if (channel == null && medium == null && campaign == null && landingPage == null) {
			return null;
		}
		limit("utm_source", channel, 255);
		limit("utm_campaign", campaign, 255);
		limit("landing_page", landingPage, 512);
		return new Touchpoint(tenant, purchaseKey + ":attribution", contactId, null, null, ShopifyOrdersMapper.ATTRIBUTION,
				landingPage, null, channel, campaign, created, SOURCE, sourceRef, batchId);
	}

	private static void limit(String key, @Nullable String value, int max) {
		if (value != null && value.length() > max) {
			throw new IllegalArgumentException(key + " is longer than " + max + " characters (" + value.length() + ")");
		}
	}
}
