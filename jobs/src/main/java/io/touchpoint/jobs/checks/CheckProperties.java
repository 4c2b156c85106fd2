package io.touchpoint.jobs.checks;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code touchpoint.checks.*}: the data checks the nightly job runs per tenant and source after
 * reconcile and before rollup. Each check's {@code action} says what a result outside its band does:
 * {@code warn} records it, shows it and alerts; {@code fail} also fails the night before any rollup
 * reads it. Freshness is off until {@code touchpoint.checks.freshness} is set (a duration); its action is
 * {@code touchpoint.checks.freshness-action}, as a property cannot be both a duration and a group.
 *
 * @param enabled         whether the nightly job runs the data checks
 * @param rowCount        the row-count check
 * @param quarantine      the quarantine-share check
 * @param money           the money-sum check
 * @param freshness       the most a source's newest record may lag the night (a duration); off when unset
 * @param freshnessAction what a stale source does: warn or fail
 */
@ConfigurationProperties("touchpoint.checks")
public record CheckProperties(@DefaultValue("true") boolean enabled, @DefaultValue RowCount rowCount,
		@DefaultValue Quarantine quarantine, @DefaultValue Money money, Duration freshness,
		@DefaultValue("fail") Action freshnessAction) {

	/** What a result outside its band does. */
	public enum Action {
		WARN, FAIL
	}

	/**
	 * Rows loaded for the source tonight against the mean of the trailing {@code nights} nights that
	 * have a result (at least {@code min-nights} of them): outside [{@code low} × mean, {@code high} ×
	 * mean] is out of band.
	 *
	 * @param action    what an out-of-band row count does: warn or fail
	 * @param nights    the trailing nights the mean is taken over
	 * @param minNights the fewest nights with a result before the check applies
	 * @param low       the lowest share of the mean in band
	 * @param high      the highest share of the mean in band
	 */
	public record RowCount(@DefaultValue("warn") Action action, @DefaultValue("7") int nights,
			@DefaultValue("3") int minNights, @DefaultValue("0.5") double low, @DefaultValue("1.5") double high) {
	}

	/**
	 * Records quarantined / (quarantined + rows loaded) for the source tonight above {@code max-share}.
	 *
	 * @param action   what a share above max-share does: warn or fail
	 * @param maxShare the highest share of records quarantined in band
	 */
	public record Quarantine(@DefaultValue("warn") Action action, @DefaultValue("0.05") double maxShare) {
	}

	/**
	 * The money sum of the source's purchases, refunds and ad spend tonight, per currency, that moves more
	 * than {@code max-change} (a fraction) from the mean of the same trailing nights as the row count.
	 *
	 * @param action    what a change above max-change does: warn or fail
	 * @param maxChange the largest change from the trailing mean in band, a fraction
	 */
	public record Money(@DefaultValue("warn") Action action, @DefaultValue("0.5") double maxChange) {
	}
}
