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
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;
import org.springframework.core.env.Environment;
import org.springframework.core.env.PropertyResolver;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;
import org.springframework.stereotype.Component;

import io.touchpoint.jobs.config.InvalidConfigurationException;
import io.touchpoint.jobs.config.TouchpointProperties;
import io.touchpoint.jobs.sources.mapping.MappingFileSources;

/**
 * The connector files: the built-ins on the classpath ({@code connectors/*.yml}) and the home's
 * ({@code <home>/connectors/*.yml}, {@code *.yaml}); a home file declaring a built-in's source replaces
 * it. Each file is validated when loaded (at startup): a bad one stops the application with a message
 * naming the file, line and key. A file may read source-wide settings as {@code ${name:default}}.
 */
@Component
public final class Connectors {

	static final String BUILT_IN = "classpath*:connectors/*.yml";

	private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{([^}:]+)(?::([^}]*))?}");

	private final Path folder;

	private final @Nullable PropertyResolver settings;

	private volatile List<Connector> loaded;

	@org.springframework.beans.factory.annotation.Autowired
	public Connectors(TouchpointProperties properties, Environment environment) {
		this(properties.home().resolve("connectors"), environment);
	}

	Connectors(Path folder, PropertyResolver settings) {
		this.folder = folder;
		this.settings = settings;
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
			for (Connector connector : builtIn(settings)) {
				bySource.put(connector.source(), connector);
			}
			Map<String, Connector> home = new TreeMap<>();
			for (Path file : files()) {
				Connector connector = read(file, settings);
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

	/** The connector of a source. */
	public @Nullable Connector find(String source) {
		return all().stream().filter(c -> c.source().equals(source)).findFirst().orElse(null);
	}

	/** The built-in connectors on the classpath, their {@code ${...}} settings at their defaults. */
	static List<Connector> builtIn() {
		return builtIn(null);
	}

	/** The built-in connectors on the classpath, their {@code ${...}} settings read from {@code settings}. */
	static List<Connector> builtIn(PropertyResolver settings) {
		List<Connector> connectors = new ArrayList<>();
		try {
			Resource[] resources = new PathMatchingResourcePatternResolver(Connectors.class.getClassLoader())
				.getResources(BUILT_IN);
			java.util.Arrays.sort(resources, java.util.Comparator.comparing(r -> String.valueOf(r.getFilename())));
			for (Resource resource : resources) {
				try (InputStream in = resource.getInputStream()) {
					String file = "connectors/" + resource.getFilename() + " (built in)";
					connectors.add(Connector.parse(file, resolve(file, new String(in.readAllBytes(), StandardCharsets.UTF_8),
							settings)));
				}
			}
		}
		catch (IOException ex) {
			throw new InvalidConfigurationException("Cannot read the built-in connectors: " + ex.getMessage());
		}
		return connectors;
	}

	/**
	 * The text with each {@code ${name:default}} replaced by the application's setting {@code name} (its
	 * default when unset): how a connector reads a source-wide setting such as
	 * {@code touchpoint.sources.hubspot.tag-properties}. Connection settings are refused, so that no secret is
	 * ever read into a connector.
	 */
	static String resolve(String file, String yaml, @Nullable PropertyResolver settings) {
		Matcher matcher = PLACEHOLDER.matcher(yaml);
		StringBuilder out = new StringBuilder();
		while (matcher.find()) {
			String name = matcher.group(1).strip();
			int line = (int) yaml.substring(0, matcher.start()).chars().filter(c -> c == '\n').count() + 1;
			if (name.startsWith("touchpoint.connections.")) {
				throw new InvalidConfigurationException("Connector file " + file + " line " + line + ": ${" + name
						+ "} reads a connection's setting; tenants' settings (and secrets) reach requests only through"
						+ " {account} and {options.NAME}.");
			}
			String value = settings == null ? null : settings.getProperty(name);
			if (value == null) {
				value = matcher.group(2);
			}
			if (value == null) {
				throw new InvalidConfigurationException("Connector file " + file + " line " + line + ": ${" + name
						+ "} is not set and has no default; set " + name + " or write ${" + name + ":default}.");
			}
			matcher.appendReplacement(out, Matcher.quoteReplacement(value));
		}
		matcher.appendTail(out);
		return out.toString();
	}

	private static Connector read(Path file, PropertyResolver settings) {
		try {
			return Connector.parse(file.toString(), resolve(file.toString(), Files.readString(file, StandardCharsets.UTF_8),
					settings));
		}
		catch (IOException ex) {
			throw new InvalidConfigurationException("Connector file " + file + ": cannot be read (" + ex.getMessage() + ").");
		}
	}

	private List<Path> files() {
		return Files.isDirectory(folder) ? MappingFileSources.yamlFiles(folder, "connector files") : List.of();
	}
}
