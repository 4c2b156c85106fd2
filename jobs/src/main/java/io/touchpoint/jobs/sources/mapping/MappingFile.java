package io.touchpoint.jobs.sources.mapping;

import java.io.IOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.DateTimeException;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.YAMLException;

import io.touchpoint.jobs.config.InvalidConfigurationException;
import io.touchpoint.jobs.model.Money;

/**
 * A source declared by a YAML mapping file instead of a Java mapper: which canonical table its CSV export
 * feeds, how the file is read (encoding, delimiter, timestamp pattern and time zone) and, per canonical
 * field, the export column holding it ({@code columns}) or a fixed value ({@code constants}), which also fills
 * a mapped column that is absent or blank. Built only by
 * {@link #parse}, which validates everything and throws an {@link InvalidConfigurationException} naming the
 * file and the problem, so a bad mapping file stops the application at startup.
 *
 * @param file the mapping file, as named in messages
 * @param timestampPattern a {@code java.time} pattern; without one, the formats {@code Timestamps} reads
 * @param timeZone the zone of timestamps without an offset
 * @param columns canonical field to export column header
 * @param constants canonical field to its value in every record
 */
public record MappingFile(String file, String source, Table table, Charset charset, char delimiter,
		@Nullable String timestampPattern, ZoneId timeZone, Map<String, String> columns, Map<String, String> constants) {

	private static final Set<String> KEYS = Set.of("source", "table", "encoding", "delimiter", "timestamp_format",
			"time_zone", "columns", "constants");

	private static final Pattern SOURCE_NAME = Pattern.compile("[a-z0-9][a-z0-9_-]*");

	public MappingFile {
		columns = Map.copyOf(columns);
		constants = Map.copyOf(constants);
	}

	/** The canonical tables a mapping file can feed, with their required and optional fields. */
	public enum Table {

		PURCHASES("purchases", true, List.of("purchase_key", "occurred_at", "amount", "currency"),
				List.of("email", "contact_key", "status")),
		CONTACTS("contacts", true, List.of("updated_at"),
				List.of("email", "contact_key", "first_name", "last_name", "lifecycle_stage", "created_at")),
		TAG_APPLICATIONS("tag_applications", true, List.of("tags", "occurred_at"), List.of("email", "contact_key")),
		TOUCHPOINTS("touchpoints", false, List.of("event_id", "occurred_at"),
				List.of("email", "contact_key", "kind", "name", "url", "channel", "campaign"));

		private final @Nullable String tableName;

		private final boolean needsContact;

		private final List<String> required;

		private final List<String> optional;

		Table(String tableName, boolean needsContact, List<String> required, List<String> optional) {
			this.tableName = tableName;
			this.needsContact = needsContact;
			this.required = required;
			this.optional = optional;
		}

		public String tableName() {
			return tableName;
		}

		/** Whether every record must name its contact by {@code email} or {@code contact_key}. */
		public boolean needsContact() {
			return needsContact;
		}

		public List<String> required() {
			return required;
		}

		/** Every field, required ones first. */
		public List<String> fields() {
			List<String> all = new ArrayList<>(required);
			all.addAll(optional);
			return all;
		}

		static Table named(String name) {
			return Arrays.stream(values()).filter(t -> t.tableName.equals(name)).findFirst().orElse(null);
		}

		static String names() {
			return String.join(", ", Arrays.stream(values()).map(Table::tableName).toList());
		}
	}

	/** Reads and validates a mapping file; {@code builtInSources} are the names it must not take. */
	public static MappingFile read(Path path, Set<String> builtInSources) {
		String text;
		try {
			text = Files.readString(path, StandardCharsets.UTF_8);
		}
		catch (IOException ex) {
			throw invalid(path.toString(), "cannot be read (" + ex.getMessage() + ")");
		}
		return parse(path.toString(), text, builtInSources);
	}

	/** Parses and validates the YAML text of mapping file {@code file}. */
	public static MappingFile parse(String file, String yaml, Set<String> builtInSources) {
		Map<String, Object> root = map(file, "the file", load(file, yaml));
		for (String key : root.keySet()) {
			if (!KEYS.contains(key)) {
				throw invalid(file, "unknown key '" + key + "'; the keys are " + String.join(", ", sorted(KEYS)));
			}
		}
		String source = text(file, root, "source");
		if (source == null || !SOURCE_NAME.matcher(source).matches()) {
			throw invalid(file, "'source' must be the inbox folder name in lower-case letters, digits, '_' or '-'"
					+ (source == null ? "" : " (found '" + source + "')"));
		}
		if (builtInSources.contains(source)) {
			throw invalid(file, "source '" + source + "' is a built-in source; give the mapped source another name");
		}
		String tableName = text(file, root, "table");
		Table table = Table.named(tableName);
		if (table == null) {
			throw invalid(file, (tableName == null ? "missing 'table'" : "unknown table '" + tableName + "'")
					+ "; use one of " + Table.names());
		}
		Charset charset = charset(file, text(file, root, "encoding"));
		char delimiter = delimiter(file, text(file, root, "delimiter"));
		String pattern = text(file, root, "timestamp_format");
		if (pattern != null) {
			try {
				DateTimeFormatter.ofPattern(pattern, Locale.ROOT);
			}
			catch (IllegalArgumentException ex) {
				throw invalid(file, "timestamp_format '" + pattern + "' is not a java.time pattern (" + ex.getMessage() + ")");
			}
		}
		ZoneId zone = zone(file, text(file, root, "time_zone"));
		Map<String, String> columns = fields(file, root, "columns", table);
		Map<String, String> constants = fields(file, root, "constants", table);
		validateFields(file, table, columns, constants);
		return new MappingFile(file, source, table, charset, delimiter, pattern, zone, columns, constants);
	}

	/** The columns a file must have: those of the required fields, and the contact's if only one names it. */
	public List<String> requiredColumns() {
		List<String> required = new ArrayList<>();
		for (String field : table.required()) {
			if (columns.containsKey(field) && !constants.containsKey(field)) {
				required.add(columns.get(field));
			}
		}
		boolean email = columns.containsKey("email");
		if (table.needsContact() && email != columns.containsKey("contact_key")) {
			required.add(columns.get(email ? "email" : "contact_key"));
		}
		return required.stream().distinct().toList();
	}

	private static void validateFields(String file, Table table, Map<String, String> columns,
			Map<String, String> constants) {
		for (String field : table.required()) {
			if (!columns.containsKey(field) && !constants.containsKey(field)) {
				throw invalid(file, "missing required field '" + field + "' for table " + table.tableName()
						+ "; map it under columns or give its value under constants");
			}
		}
		if (table.needsContact() && !columns.containsKey("email") && !columns.containsKey("contact_key")) {
			throw invalid(file, "table " + table.tableName() + " needs 'email' or 'contact_key' under columns");
		}
		String currency = constants.get("currency");
		if (currency != null) {
			try {
				Money.currency(currency);
			}
			catch (IllegalArgumentException ex) {
				throw invalid(file, "constants.currency: " + ex.getMessage() + "; use an ISO 4217 code such as EUR");
			}
		}
	}

	private static Map<String, String> fields(String file, Map<String, Object> root, String key, Table table) {
		Object value = root.get(key);
		if (value == null) {
			return Map.of();
		}
		Map<String, String> fields = new LinkedHashMap<>();
		for (Map.Entry<String, Object> entry : map(file, "'" + key + "'", value).entrySet()) {
			if (!table.fields().contains(entry.getKey())) {
				throw invalid(file, "unknown field '" + entry.getKey() + "' under " + key + " for table "
						+ table.tableName() + "; its fields are " + String.join(", ", table.fields()));
			}
			String text = scalar(file, key + "." + entry.getKey(), entry.getValue());
			if (text == null || text.isBlank()) {
				throw invalid(file, key + "." + entry.getKey() + " is empty");
			}
			fields.put(entry.getKey(), "columns".equals(key) ? text : text.strip());
		}
		return fields;
	}

	private static Charset charset(String file, @Nullable String encoding) {
		if (encoding == null) {
			return StandardCharsets.UTF_8;
		}
		return switch (encoding.toUpperCase(Locale.ROOT)) {
			case "UTF-8" -> StandardCharsets.UTF_8;
			case "ISO-8859-1" -> StandardCharsets.ISO_8859_1;
			default -> throw invalid(file, "unsupported encoding '" + encoding + "'; use UTF-8 or ISO-8859-1");
		};
	}

	private static char delimiter(String file, @Nullable String delimiter) {
		if (delimiter == null) {
			return ',';
		}
		if (delimiter.length() != 1 || delimiter.charAt(0) == '"' || delimiter.charAt(0) == '\n'
				|| delimiter.charAt(0) == '\r') {
			throw invalid(file, "delimiter '" + delimiter + "' must be one character other than a quote or a line break");
		}
		return delimiter.charAt(0);
	}

	private static ZoneId zone(String file, @Nullable String zone) {
		if (zone == null) {
			return ZoneOffset.UTC;
		}
		try {
			return ZoneId.of(zone);
		}
		catch (DateTimeException ex) {
			throw invalid(file, "unknown time_zone '" + zone + "'; use a region id such as Europe/Paris, or UTC");
		}
	}

	private static Object load(String file, String yaml) {
		try {
			return new Yaml(new SafeConstructor(new LoaderOptions())).load(yaml);
		}
		catch (YAMLException ex) {
			throw invalid(file, "is not valid YAML: " + ex.getMessage().replace('\n', ' '));
		}
	}

	@SuppressWarnings("unchecked")
	private static Map<String, Object> map(String file, String what, Object value) {
		if (!(value instanceof Map<?, ?> map) || map.keySet().stream().anyMatch(k -> !(k instanceof String))) {
			throw invalid(file, what + " must be a mapping of names to values");
		}
		return (Map<String, Object>) map;
	}

	private static String text(String file, Map<String, Object> root, String key) {
		return scalar(file, key, root.get(key));
	}

	private static String scalar(String file, String key, @Nullable Object value) {
		if (value instanceof Map<?, ?> || value instanceof List<?>) {
			throw invalid(file, "'" + key + "' must be a single value");
		}
		return value == null ? null : value.toString();
	}

	private static List<String> sorted(Set<String> names) {
		return names.stream().sorted().toList();
	}

	static InvalidConfigurationException invalid(String file, String problem) {
		return new InvalidConfigurationException("Mapping file " + file + ": " + problem + ".");
	}
}
