package io.touchpoint.jobs.bench;

/**
 * What the generated export holds: HubSpot contacts with a {@code ;}-separated tag column
 * ({@code tags}), Segment {@code tracks} as a warehouse CSV ({@code touchpoints}), the Stripe payments
 * export ({@code purchases}), or the three sources side by side ({@code mixed}: 40% / 30% / 30% of the rows).
 */
public enum BenchShape {

	tags, touchpoints, purchases, mixed
}
