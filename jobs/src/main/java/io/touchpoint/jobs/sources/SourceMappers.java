package io.touchpoint.jobs.sources;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.springframework.stereotype.Component;

/** Every source mapper known to the application, by source name. */
@Component
public final class SourceMappers {

	private final Map<String, SourceMapper> bySource;

	public SourceMappers(List<SourceMapper> mappers) {
		this.bySource = mappers.stream()
			.collect(Collectors.toMap(SourceMapper::source, Function.identity(), (a, b) -> {
				throw new IllegalStateException("Two mappers for source " + a.source());
			}, TreeMap::new));
	}

	/** The mapper for a source, or null if the source is unknown. */
	public SourceMapper find(String source) {
		return bySource.get(source);
	}

	public SourceMapper get(String source) {
		SourceMapper mapper = bySource.get(source);
		if (mapper == null) {
			throw new IllegalArgumentException("Unknown source '" + source + "' (known: " + names() + ")");
		}
		return mapper;
	}

	public String names() {
		return String.join(", ", bySource.keySet());
	}
}
