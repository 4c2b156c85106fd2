package io.touchpoint.jobs.sources.declarative;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;
import org.springframework.stereotype.Component;

import io.touchpoint.jobs.config.InvalidConfigurationException;
import io.touchpoint.jobs.config.TouchpointProperties;

/**
 * The connector files: the built-ins on the classpath ({@code connectors/*.yml}) and the home's
 * ({@code <home>/connectors/*.yml}, {@code *.yaml}); a home file declaring a built-in's source replaces
 * it. Each file is validated when loaded (at startup): a bad one stops the application with a message
 * naming the file, line and key.
 */
@Component
public final class Connectors {

	static final String BUILT_IN = "classpath*:connectors/*.yml";

	private final Path folder;

	private volatile List<Connector> loaded;

	@org.springframework.beans.factory.annotation.Autowired
	public Connectors(TouchpointProperties properties) {
		this(properties.home().resolve("connectors"));
	}

	Connectors(Path folder) {
		this.folder = folder;
	}

	/** The home's connector folder. */
	public Path folder() {
		return folder;
	}

	/** Every connector by source name: built-ins, then the home's replacing them. */
	public List<Connector> all() {
		List<Connector> connectors = loaded;
		if (connectors == null) {
			Map<String, Connector> bySource = new TreeMap<>();
			for (Connector connector : builtIn()) {
				bySource.put(connector.source(), connector);
			}
			Map<String, Connector> home = new TreeMap<>();
			for (Path file : files()) {
				Connector connector = read(file);
				Connector other = home.putIfAbsent(connector.source(), connector);
				if (other != null) {
					throw new InvalidConfigurationException("Connector file " + file + ": source '" + connector.source()
							+ "' is already declared by " + other.file() + "; keep one connector file per source.");
				}
				bySource.put(connector.source(), connector);
			}
			connectors = List.copyOf(bySource.values());
			loaded = connectors;
		}
		return connectors;
	}

	/** The connector of a source, or null. */
	public Connector find(String source) {
		return all().stream().filter(c -> c.source().equals(source)).findFirst().orElse(null);
	}

	/** The built-in connectors on the classpath. */
	static List<Connector> builtIn() {
		List<Connector> connectors = new ArrayList<>();
		try {
			Resource[] resources = new PathMatchingResourcePatternResolver(Connectors.class.getClassLoader())
				.getResources(BUILT_IN);
			java.util.Arrays.sort(resources, java.util.Comparator.comparing(r -> String.valueOf(r.getFilename())));
			for (Resource resource : resources) {
				try (InputStream in = resource.getInputStream()) {
					connectors.add(Connector.parse("connectors/" + resource.getFilename() + " (built in)",
							new String(in.readAllBytes(), StandardCharsets.UTF_8)));
				}
			}
		}
		catch (IOException ex) {
			throw new InvalidConfigurationException("Cannot read the built-in connectors: " + ex.getMessage());
		}
		return connectors;
	}

	private static Connector read(Path file) {
		try {
			return Connector.parse(file.toString(), Files.readString(file, StandardCharsets.UTF_8));
		}
		catch (IOException ex) {
			throw new InvalidConfigurationException("Connector file " + file + ": cannot be read (" + ex.getMessage() + ").");
		}
	}

	private List<Path> files() {
		if (!Files.isDirectory(folder)) {
			return List.of();
		}
		try (Stream<Path> files = Files.list(folder)) {
			return files.filter(Files::isRegularFile)
				.filter(f -> f.getFileName().toString().endsWith(".yml") || f.getFileName().toString().endsWith(".yaml"))
				.sorted()
				.toList();
		}
		catch (IOException ex) {
			throw new InvalidConfigurationException("Cannot list the connector files in " + folder + ": " + ex.getMessage());
		}
	}
}
