package io.touchpoint.jobs.config;

import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The account {@code touchpoint query} runs as on an external warehouse: a database user with SELECT on the
 * warehouse schema and nothing else (docs/reliability.md shows the statements that create one). Read-only is
 * enforced by that account's grants; without one, {@code query} refuses rather than run as the jobs' owner
 * account. The embedded default has its own reader account and ignores these.
 *
 * @param username the SELECT-only database user touchpoint query runs as on an external warehouse
 * @param password its password; never logged
 */
@ConfigurationProperties("touchpoint.query")
public record QueryProperties(@Nullable String username, @Nullable String password) {

	@Override
	public String toString() {
		return "QueryProperties[username=" + username + ", password=" + (password == null ? "" : "****") + "]";
	}
}
