package io.touchpoint.jobs.sources;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

import io.touchpoint.jobs.sources.mapping.MappingFileSources;

/**
 * Every source mapper known to the application, by source name: the {@code @Component} mappers and one
 * per mapping file, loaded at startup.
 */
@Component
public final class SourceMappers {

	private final Map<String, SourceMapper> bySource;

	public SourceMappers(List<SourceMapper> builtIn, ObjectProvider<MappingFileSources> mappingFiles) {
		List<SourceMapper> mappers = new ArrayList<>(builtIn);
		Set<String> names = builtIn.stream().map(SourceMapper::source).collect(Collectors.toSet());
		mappingFiles.ifAvailable(files -> mappers.addAll(files.load(names)));
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
