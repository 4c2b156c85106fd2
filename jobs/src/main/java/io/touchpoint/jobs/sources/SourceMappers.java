package io.touchpoint.jobs.sources;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

import io.touchpoint.jobs.sources.api.ApiSource;
import io.touchpoint.jobs.sources.api.ApiSources;
import io.touchpoint.jobs.sources.mapping.MappingFileSources;
import io.touchpoint.readers.jsonl.JsonRecord;

/**
 * Every source mapper known to the application, by source name: the {@code @Component} mappers and one
 * per mapping file, loaded at startup.
 */
@Component
public final class SourceMappers {

	private final Map<String, SourceMapper> bySource;

	private final ApiSources apiSources;

	public SourceMappers(List<SourceMapper> builtIn, ObjectProvider<MappingFileSources> mappingFiles,
			ApiSources apiSources) {
		this.apiSources = apiSources;
		List<SourceMapper> mappers = new ArrayList<>(builtIn);
		Set<String> names = builtIn.stream().map(SourceMapper::source).collect(Collectors.toSet());
		mappingFiles.ifAvailable(files -> mappers.addAll(files.load(names)));
		this.bySource = mappers.stream()
			.collect(Collectors.toMap(SourceMapper::source, Function.identity(), (a, b) -> {
				throw new IllegalStateException("Two mappers for source " + a.source());
			}, TreeMap::new));
	}

	/** The mapper for a source, or null if the source is unknown. */
	public @Nullable SourceMapper find(String source) {
		return bySource.get(source);
	}

	public SourceMapper get(String source) {
		SourceMapper mapper = bySource.get(source);
		if (mapper == null) {
			throw new IllegalArgumentException("Unknown source '" + source + "' (known: " + names() + ")");
		}
		return mapper;
	}

	/**
	 * The mapper of one file of the batch: a landed API page ({@code api/<source>/<stream>/page-N.jsonl}) is
	 * mapped by its API source, an export by its source's file mapper.
	 */
	public SourceMapper forFile(String source, String path) {
		if (ApiSources.isPage(path)) {
			ApiSource api = apiSources.find(source);
			if (api == null) {
				throw new IllegalArgumentException("No API source '" + source + "' for the landed page " + path);
			}
			return new ApiPageMapper(api);
		}
		return get(source);
	}

	/** Landed API pages: JSON lines of the vendor's records, mapped by the API source per stream. */
	private record ApiPageMapper(ApiSource api) implements SourceMapper {

		private static final FileFormat FORMAT = new FileFormat(FileFormat.Kind.JSON_LINES,
				java.nio.charset.StandardCharsets.UTF_8, List.of());

		@Override
		public String source() {
			return api.source();
		}

		@Override
		public FileFormat format() {
			return FORMAT;
		}

		@Override
		public TagFeed tagFeed() {
			return api.tagFeed();
		}

		@Override
		public List<io.touchpoint.writers.staging.StagedRow> map(io.touchpoint.readers.SourceRecord record,
				MappingContext context) {
			return api.map((JsonRecord) record, ApiSources.streamOf(record.file()), context);
		}
	}

	public String names() {
		return String.join(", ", bySource.keySet());
	}
}
