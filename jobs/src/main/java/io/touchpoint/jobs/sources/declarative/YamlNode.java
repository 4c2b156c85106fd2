package io.touchpoint.jobs.sources.declarative;

import java.io.StringReader;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;

import io.touchpoint.jobs.config.InvalidConfigurationException;

/**
 * A node of a connector file with where it is: the file, its line and its key path
 * ({@code streams.charges.pagination.type}), so that every validation message names all three.
 */
final class YamlNode {

	private final String file;

	private final String key;

	private final Node node;

	private YamlNode(String file, String key, Node node) {
		this.file = file;
		this.key = key;
		this.node = node;
	}

	/** The root mapping of a YAML text. */
	static YamlNode parse(String file, String yaml) {
		Node root;
		try {
			root = new Yaml(new SafeConstructor(new LoaderOptions())).compose(new StringReader(yaml));
		}
		catch (MarkedYAMLException ex) {
			int line = ex.getProblemMark() == null ? 1 : ex.getProblemMark().getLine() + 1;
			throw new InvalidConfigurationException("Connector file " + file + " line " + line + ": not valid YAML ("
					+ ex.getProblem() + ").");
		}
		catch (YAMLException ex) {
			throw new InvalidConfigurationException("Connector file " + file + ": not valid YAML (" + ex.getMessage()
				.replace('\n', ' ') + ").");
		}
		if (root == null) {
			throw new InvalidConfigurationException("Connector file " + file + ": the file is empty.");
		}
		YamlNode node = new YamlNode(file, "", root);
		node.requireMap();
		return node;
	}

	String key() {
		return key;
	}

	int line() {
		return node.getStartMark().getLine() + 1;
	}

	/** A configuration error naming the file, this node's line and key. */
	InvalidConfigurationException invalid(String problem) {
		return new InvalidConfigurationException("Connector file " + file + " line " + line()
				+ (key.isEmpty() ? "" : ", key " + key) + ": " + problem + ".");
	}

	boolean isMap() {
		return node instanceof MappingNode;
	}

	boolean isList() {
		return node instanceof SequenceNode;
	}

	boolean isScalar() {
		return node instanceof ScalarNode;
	}

	private void requireMap() {
		if (!isMap()) {
			throw invalid("must be a mapping of names to values");
		}
	}

	/** The entries of a mapping, in file order. */
	Map<String, YamlNode> entries() {
		requireMap();
		Map<String, YamlNode> entries = new LinkedHashMap<>();
		for (NodeTuple tuple : ((MappingNode) node).getValue()) {
			if (!(tuple.getKeyNode() instanceof ScalarNode name)) {
				throw new YamlNode(file, key, tuple.getKeyNode()).invalid("a key must be a plain name");
			}
			String child = key.isEmpty() ? name.getValue() : key + "." + name.getValue();
			if (entries.put(name.getValue(), new YamlNode(file, child, tuple.getValueNode())) != null) {
				throw new YamlNode(file, child, tuple.getKeyNode()).invalid("the key appears twice");
			}
		}
		return entries;
	}

	/** Fails on a key not in {@code allowed}, naming the allowed ones. */
	YamlNode only(Set<String> allowed) {
		for (YamlNode child : entries().values()) {
			String name = child.key.substring(child.key.lastIndexOf('.') + 1);
			if (!allowed.contains(name)) {
				throw child.invalid("unknown key '" + name + "'; the keys here are " + String.join(", ",
						allowed.stream().sorted().toList()));
			}
		}
		return this;
	}

	YamlNode get(String name) {
		return entries().get(name);
	}

	YamlNode required(String name) {
		YamlNode child = get(name);
		if (child == null) {
			throw invalid("missing key '" + name + "'");
		}
		return child;
	}

	List<YamlNode> items() {
		if (!isList()) {
			throw invalid("must be a list");
		}
		List<YamlNode> items = new ArrayList<>();
		List<Node> values = ((SequenceNode) node).getValue();
		for (int i = 0; i < values.size(); i++) {
			items.add(new YamlNode(file, key + "[" + i + "]", values.get(i)));
		}
		return items;
	}

	/** The scalar's text (never null: a YAML null is an error here). */
	String text() {
		if (!(node instanceof ScalarNode scalar)) {
			throw invalid("must be a single value");
		}
		return scalar.getValue();
	}

	/** The text of an optional child, or {@code fallback}. */
	String text(String name, String fallback) {
		YamlNode child = get(name);
		return child == null ? fallback : child.text();
	}

	/** A plain Java value (map, list, string) for JSON request bodies. */
	Object plain() {
		if (isMap()) {
			Map<String, Object> map = new LinkedHashMap<>();
			entries().forEach((name, child) -> map.put(name, child.plain()));
			return map;
		}
		if (isList()) {
			return items().stream().map(YamlNode::plain).toList();
		}
		return text();
	}
}
