package io.touchpoint.jobs.alerts;

import java.net.URI;
import java.time.Duration;
import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code touchpoint.alerts.*}: Slack-compatible webhooks that hear about failed runs and about jobs that
 * have not completed for {@code stale-after}. Webhook URLs carry their own secret: they are never logged
 * or printed whole ({@link Webhooks#mask(URI)}).
 *
 * @param webhooks           Slack-compatible incoming-webhook URLs told of failed and stale runs; secret: never logged whole
 * @param staleAfter         how long a job may go without completing for a tenant before it is stale (e.g. 36h); off when unset
 * @param staleJobs          the jobs checked for staleness
 * @param timeout            connect and request timeout of one webhook POST
 * @param staleCheckInterval how often a scheduler node checks for stale runs
 */
@ConfigurationProperties("touchpoint.alerts")
public record AlertProperties(List<URI> webhooks, Duration staleAfter, @DefaultValue("nightly") List<String> staleJobs,
		@DefaultValue("5s") Duration timeout, @DefaultValue("1h") Duration staleCheckInterval) {

	public AlertProperties {
		webhooks = webhooks == null ? List.of() : List.copyOf(webhooks);
		staleJobs = staleJobs == null ? List.of("nightly") : List.copyOf(staleJobs);
	}

	@Override
	public String toString() {
		return "AlertProperties[webhooks=" + webhooks.stream().map(Webhooks::mask).toList() + ", staleAfter=" + staleAfter
				+ ", staleJobs=" + staleJobs + "]";
	}
}
