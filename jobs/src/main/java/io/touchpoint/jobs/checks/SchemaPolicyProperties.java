package io.touchpoint.jobs.checks;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code touchpoint.sources.schema-policy}: what a night does when a file's header adds, drops or renames
 * columns against the columns its (tenant, source, stream) had: {@code evolve} proceeds, records the change
 * and warns in the night's checks and alerts; {@code freeze} fails the file naming the columns until they
 * are accepted ({@code touchpoint schema accept}); {@code discard} quarantines the file's records until then.
 * A required column that disappears fails the file under every policy.
 */
@ConfigurationProperties("touchpoint.sources")
public record SchemaPolicyProperties(@DefaultValue("evolve") Policy schemaPolicy) {

	/** The schema-change policy. */
	public enum Policy {
		EVOLVE, FREEZE, DISCARD
	}
}
