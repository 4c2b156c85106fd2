package io.touchpoint.jobs.rollup;

import java.time.Duration;
import java.time.ZoneId;
import java.util.Map;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.ConstructorBinding;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

import io.touchpoint.jobs.config.TouchpointProperties.Tenant;

/**
 * Rollup settings ({@code touchpoint.rollups.*}): the default tenant time zone for local days, which
 * touchpoints count in {@code touchpoint_value}, and the default reporting currency that
 * {@code daily_revenue} converts to through {@code fx_rates}, and the inactivity after which a visitor's
 * session ends ({@code session-timeout}, 30 minutes by default), and how many of a tenant's most reached
 * touchpoints {@code touchpoint_pair_value} pairs ({@code pair-top}, 50 by default), and on how many warehouse
 * connections the per-contact statements run, each over its own range of contact hashes ({@code threads}, 1 by
 * default: one transaction, as {@link RollupRunner} describes). A tenant overrides the zone and the
 * currency with {@code touchpoint.tenants.<id>.*} ({@link TenantSettings}).
 */
@Validated
@ConfigurationProperties("touchpoint.rollups")
public record RollupProperties(@DefaultValue("UTC") ZoneId timeZone,
		@DefaultValue("ever") TouchpointCounting touchpoints, String reportingCurrency,
		@DefaultValue("30") int smallGroup, @DefaultValue("30m") Duration sessionTimeout,
		@DefaultValue("50") int pairTop, @DefaultValue("1") int threads) {

	// ---- touchpoint_pair_value (pair-top) ----

	@ConstructorBinding
	public RollupProperties {
		if (pairTop < 2) {
			throw new IllegalArgumentException("touchpoint.rollups.pair-top must be at least 2 (a pair needs two "
					+ "touchpoints), not " + pairTop);
		}
		if (threads < 1 || threads > MAX_THREADS) {
			throw new IllegalArgumentException("touchpoint.rollups.threads must be from 1 to " + MAX_THREADS
					+ " (the warehouse pool's connections), not " + threads);
		}
	}

	/** The most connections the per-contact statements run on: the warehouse pool's size. */
	public static final int MAX_THREADS = 4;

	/** Settings on one connection ({@code threads} 1). */
	public RollupProperties(ZoneId timeZone, TouchpointCounting touchpoints, String reportingCurrency, int smallGroup,
			Duration sessionTimeout, int pairTop) {
		this(timeZone, touchpoints, reportingCurrency, smallGroup, sessionTimeout, pairTop, 1);
	}

	/** Settings with the default {@code pair-top} (50). */
	public RollupProperties(ZoneId timeZone, TouchpointCounting touchpoints, String reportingCurrency, int smallGroup,
			Duration sessionTimeout) {
		this(timeZone, touchpoints, reportingCurrency, smallGroup, sessionTimeout, 50);
	}

	// ---- end touchpoint_pair_value ----

	/** Whether a touchpoint after a contact's first purchase counts for it. */
	public enum TouchpointCounting {

		/** Every touchpoint the contact has now (a removed tag does not count). */
		EVER("ever"),

		/** Only touchpoints the contact had at or before its first purchase. */
		BEFORE_PURCHASE("before_purchase");

		private final String sql;

		TouchpointCounting(String sql) {
			this.sql = sql;
		}

		/** The value written to {@code touchpoint_value.counted}. */
		public String sql() {
			return sql;
		}
	}

	/**
	 * Per-tenant settings: {@code touchpoint.tenants.<id>.time-zone} and {@code .reporting-currency}, from
	 * {@code TouchpointProperties.tenants()}.
	 */
	public record TenantSettings(Map<String, Tenant> tenants) {

		public TenantSettings {
			tenants = tenants == null ? Map.of() : Map.copyOf(tenants);
		}
	}

	/** The settings that apply to one tenant. */
	public record Effective(ZoneId timeZone, TouchpointCounting touchpoints, String reportingCurrency, int smallGroup) {
	}

	/** The tenant's effective settings. */
	public Effective forTenant(TenantSettings settings, String tenantId) {
		Tenant tenant = settings.tenants().get(tenantId);
		ZoneId zone = tenant != null && tenant.timeZone() != null ? tenant.timeZone() : timeZone;
		String currency = tenant != null && tenant.reportingCurrency() != null ? tenant.reportingCurrency() : reportingCurrency;
		return new Effective(zone, touchpoints, currency == null ? null : currency.toUpperCase(java.util.Locale.ROOT),
				smallGroup);
	}
}
