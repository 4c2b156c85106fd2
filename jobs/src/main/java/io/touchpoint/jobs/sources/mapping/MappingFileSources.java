package io.touchpoint.jobs.sources.mapping;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

import org.springframework.stereotype.Component;

import io.touchpoint.jobs.config.InvalidConfigurationException;
import io.touchpoint.jobs.config.TouchpointProperties;

/**
 * Loads the mapping files ({@code *.yml}, {@code *.yaml}) of {@code touchpoint.sources.mapping-dir}
 * (default {@code <home>/mappings}; a missing folder means none), one {@link MappedSourceMapper} each, in
 * file name order. A bad file, or two files declaring one source, is an
 * {@link InvalidConfigurationException} naming the file.
 */
@Component
public final class MappingFileSources {

	private final Path folder;

	public MappingFileSources(TouchpointProperties properties) {
		this.folder = properties.mappingDir();
	}

	/** A mapper per mapping file; {@code builtInSources} are the sources with a Java mapper. */
	public List<MappedSourceMapper> load(Set<String> builtInSources) {
		if (!Files.exists(folder)) {
			return List.of();
		}
		if (!Files.isDirectory(folder)) {
			throw new InvalidConfigurationException("touchpoint.sources.mapping-dir " + folder
					+ " is not a folder; point it at the folder holding the mapping files");
		}
		List<MappedSourceMapper> mappers = new ArrayList<>();
		Map<String, Path> seen = new HashMap<>();
		for (Path file : files()) {
			MappingFile mapping = MappingFile.read(file, builtInSources);
			Path other = seen.putIfAbsent(mapping.source(), file);
			if (other != null) {
				throw MappingFile.invalid(file.toString(), "source '" + mapping.source() + "' is already declared by "
						+ other + "; keep one mapping file per source");
			}
			mappers.add(new MappedSourceMapper(mapping));
		}
		return mappers;
	}

	private List<Path> files() {
		return yamlFiles(folder, "mapping files");
	}

	/** The {@code *.yml} and {@code *.yaml} files of a folder, by name ({@code what} they are names them in errors). */
	public static List<Path> yamlFiles(Path folder, String what) {
		try (Stream<Path> files = Files.list(folder)) {
			return files.filter(Files::isRegularFile)
				.filter(f -> f.getFileName().toString().endsWith(".yml") || f.getFileName().toString().endsWith(".yaml"))
				.sorted()
				.toList();
		}
		catch (IOException ex) {
			throw new InvalidConfigurationException("Cannot list the " + what + " in " + folder + ": " + ex.getMessage());
		}
	}
}
