package io.touchpoint.jobs.lineage;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;

import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code touchpoint.lineage.*}: whether each nightly and import run emits OpenLineage run events, and where to.
 * {@code transport=http} posts each event to {@code url} (an OpenLineage endpoint such as Marquez's
 * {@code http://host:5000/api/v1/lineage}; a URL without a path gets {@code /api/v1/lineage}), with
 * {@code token} as a bearer token when set; {@code transport=file} appends one event per line to {@code file}.
 * {@code namespace} is the jobs' OpenLineage namespace. The token comes from configuration only and is never
 * logged: {@link #toString()} hides it.
 *
 * @param enabled whether runs emit OpenLineage run events (off by default)
 * @param transport where the events go: {@code http} (an OpenLineage endpoint) or {@code file} (one event a line)
 * @param url the OpenLineage endpoint for {@code transport=http}, such as {@code http://host:5000/api/v1/lineage}
 * @param file the file the events are appended to for {@code transport=file}
 * @param namespace the jobs' OpenLineage namespace
 * @param token a bearer token sent to the endpoint; from configuration only, never logged
 * @param timeout how long one event's request may take before it is given up with a warning
 */
@ConfigurationProperties("touchpoint.lineage")
public record LineageProperties(@DefaultValue("false") boolean enabled, @DefaultValue("http") Transport transport,
		@Nullable URI url, @Nullable Path file, @DefaultValue("touchpoint") String namespace, @Nullable String token,
		@DefaultValue("5s") Duration timeout) {

	/** Where the events go. */
	public enum Transport {
		HTTP, FILE
	}

	public LineageProperties {
		if (enabled && transport == Transport.HTTP && url == null) {
			throw new IllegalArgumentException(
					"touchpoint.lineage.transport=http needs touchpoint.lineage.url (the OpenLineage endpoint)");
		}
		if (enabled && transport == Transport.FILE && file == null) {
			throw new IllegalArgumentException(
					"touchpoint.lineage.transport=file needs touchpoint.lineage.file (the file the events are appended to)");
		}
		if (namespace.isBlank()) {
			throw new IllegalArgumentException("touchpoint.lineage.namespace must not be blank");
		}
	}

	/** Where the events go, for messages: the URL without credentials or query, or the file. */
	public String destination() {
		if (transport == Transport.FILE) {
			return String.valueOf(file);
		}
		URI uri = url;
		if (uri == null) {
			return "";
		}
		return uri.getScheme() + "://" + uri.getHost() + (uri.getPort() < 0 ? "" : ":" + uri.getPort())
				+ (uri.getRawPath() == null ? "" : uri.getRawPath());
	}

	@Override
	public String toString() {
		return "LineageProperties[enabled=" + enabled + ", transport=" + transport + ", destination=" + destination()
				+ ", namespace=" + namespace + ", token=" + (token == null ? "" : "****") + ", timeout=" + timeout + "]";
	}
}
