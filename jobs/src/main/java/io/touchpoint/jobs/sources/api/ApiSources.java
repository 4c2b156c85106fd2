package io.touchpoint.jobs.sources.api;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

import io.touchpoint.jobs.config.InvalidConfigurationException;
import io.touchpoint.jobs.sources.declarative.Connector;
import io.touchpoint.jobs.sources.declarative.Connectors;
import io.touchpoint.jobs.sources.declarative.DeclarativeApiSource;

/**
 * Every vendor API source, by source name: the Java ones ({@code @Component}s) and one per connector file
 * ({@link Connectors}). A connector file may not take the name of a Java source.
 */
@Component
public final class ApiSources {

	/** Landed pages are registered under this first path segment: {@code api/<source>/<stream>/page-00001.jsonl}. */
	public static final String PAGE_PREFIX = "api/";

	private final Map<String, ApiSource> bySource;

	@org.springframework.beans.factory.annotation.Autowired
	public ApiSources(List<ApiSource> javaSources, ObjectProvider<Connectors> connectors) {
		this(withConnectors(javaSources, connectors.getIfAvailable()));
	}

	public ApiSources(List<ApiSource> sources) {
		this.bySource = sources.stream().collect(Collectors.toMap(ApiSource::source, Function.identity(), (a, b) -> {
			throw new IllegalStateException("Two API sources named " + a.source());
		}, TreeMap::new));
	}

	private static List<ApiSource> withConnectors(List<ApiSource> javaSources, @Nullable Connectors connectors) {
		List<ApiSource> all = new ArrayList<>(javaSources);
		if (connectors != null) {
			for (Connector connector : connectors.all()) {
				if (javaSources.stream().anyMatch(source -> source.source().equals(connector.source()))) {
					throw new InvalidConfigurationException("Connector file " + connector.file() + ": source '"
							+ connector.source() + "' is a built-in Java API source; give the connector another name.");
				}
				all.add(new DeclarativeApiSource(connector));
			}
		}
		return all;
	}

	/** Every source, by name. */
	public java.util.Collection<ApiSource> all() {
		return bySource.values();
	}

	/** The API source of that name. */
	public @Nullable ApiSource find(String source) {
		return bySource.get(source);
	}

	public String names() {
		return String.join(", ", bySource.keySet());
	}

	/** True for the inbox path of a landed API page. */
	public static boolean isPage(String path) {
		return path.startsWith(PAGE_PREFIX);
	}

	/** The path a landed page is registered and quarantined under. */
	public static String pagePath(String source, String stream, int page) {
		return PAGE_PREFIX + source + "/" + stream + "/" + String.format("page-%05d.jsonl", page);
	}

	/** The stream of a landed page's path. */
	public static String streamOf(String path) {
		String[] parts = path.split("/");
		return parts.length > 2 ? parts[2] : "";
	}

	/** The S3 prefix under which a batch's pages are landed (their inbox root). */
	public static String landingPrefix(String tenant, java.time.LocalDate date, String batchId) {
		return "landing/tenant=" + io.touchpoint.jobs.model.Identifiers.tenant(tenant) + "/date=" + date + "/batch=" + batchId + "/";
	}
}
