package io.touchpoint.jobs.cli;

import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Option;

import io.touchpoint.jobs.executions.KnownTenants;

/**
 * The {@code --tenant} and {@code --source} options of the commands that read one tenant's records, of all its sources
 * or one ({@code schema show}, {@code checks show}, {@code cursor show}): one help text, and one check of the tenant
 * against those Touchpoint knows. A picocli mixin: {@code @Mixin TenantScope scope;}.
 */
final class TenantScope {

	@Option(names = "--tenant", required = true, description = "Tenant id")
	private String tenant;

	@Option(names = "--source", description = "Only this source")
	private @Nullable String source;

	/** The tenant asked for. */
	String tenant() {
		return tenant;
	}

	/** The source asked for, or null for all the tenant's sources. */
	@Nullable
	String source() {
		return source;
	}

	/** Refuses (a usage error, exit 2) a tenant Touchpoint does not know, naming those it knows. */
	void requireKnownTenant(Session session) {
		session.bean(KnownTenants.class).require(tenant);
	}

	/** How a message names the records asked for: "tenant acme" or "tenant acme and source stripe". */
	String describe() {
		return "tenant " + tenant + (source == null ? "" : " and source " + source);
	}

	/**
	 * The {@code --tenant} and {@code --source} of a command that changes one source of one tenant
	 * ({@code schema accept}, {@code cursor rewind}): both required.
	 */
	static final class OneSource {

		@Option(names = "--tenant", required = true, description = "Tenant id")
		private String tenant;

		@Option(names = "--source", required = true, description = "Source, e.g. stripe")
		private String source;

		/** The tenant asked for. */
		String tenant() {
			return tenant;
		}

		/** The source asked for. */
		String source() {
			return source;
		}

		/** Refuses (a usage error, exit 2) a tenant Touchpoint does not know, naming those it knows. */
		void requireKnownTenant(Session session) {
			session.bean(KnownTenants.class).require(tenant);
		}
	}
}
