package io.touchpoint.jobs.sources.declarative;

import java.math.BigDecimal;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZonedDateTime;
import java.time.temporal.TemporalAccessor;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

import io.touchpoint.jobs.model.Money;
import io.touchpoint.jobs.model.Timestamps;
import io.touchpoint.jobs.sources.Records;
import io.touchpoint.readers.MalformedRecordException;
import io.touchpoint.readers.jsonl.JsonRecord;

/**
 * Where one canonical field of a row comes from in a record: a JSON pointer ({@code /customer}), the first
 * present of several ({@code [/billing_details/email, /receipt_email]}), or a mapping with {@code path} or
 * {@code paths}, {@code const}, {@code prefix}, {@code values} (raw value to output, {@code default}),
 * {@code format} and {@code zone} (times), {@code unit}/{@code exponent}/{@code negate} (amounts), {@code split} (tags),
 * {@code each} (the path, with {@code {}}, once per comma-separated value)
 * and {@code part} ({@code first}/{@code last} word of a name). An expanded object counts as its
 * {@code id}. A value that cannot be read quarantines the record naming the field and the pointer.
 */
record FieldValue(String field, List<String> paths, String constant, @Nullable String prefix, Map<String, String> values,
		@Nullable String fallback, Connector.TimeFormat time, String unit, Integer exponent, @Nullable String split, String part,
		boolean negate) {

	private static final Set<String> KEYS = Set.of("path", "paths", "const", "prefix", "values", "default", "format",
			"zone", "unit", "exponent", "split", "part", "negate", "each");

	static FieldValue parse(String field, YamlNode node) {
		return parse(field, node, Set.of());
	}

	/** As {@link #parse(String, YamlNode)}, allowing the mapping to hold {@code extraKeys} too. */
	static FieldValue parse(String field, YamlNode node, Set<String> extraKeys) {
		if (node.isScalar()) {
			return new FieldValue(field, List.of(Connector.pointer(node)), null, null, Map.of(), null, null, null, null,
					null, null, false);
		}
		if (node.isList()) {
			return new FieldValue(field, node.items().stream().map(Connector::pointer).toList(), null, null, Map.of(),
					null, null, null, null, null, null, false);
		}
		Set<String> allowed = new java.util.HashSet<>(KEYS);
		allowed.addAll(extraKeys);
		node.only(allowed);
		List<String> paths = new ArrayList<>();
		if (node.get("path") != null) {
			paths.add(Connector.pointer(node.get("path")));
		}
		if (node.get("paths") != null) {
			node.get("paths").items().forEach(item -> paths.add(Connector.pointer(item)));
		}
		String constant = node.text("const", null);
		if (node.get("each") != null) {
			if (paths.isEmpty() || paths.stream().noneMatch(p -> p.contains("{}"))) {
				throw node.get("each").invalid("'each' repeats a path with {} for each of its comma-separated values;"
						+ " write the path like /properties/{}");
			}
			List<String> expanded = new ArrayList<>();
			for (String item : node.get("each").text().split(",")) {
				if (!item.isBlank()) {
					paths.forEach(path -> expanded.add(path.replace("{}", item.strip())));
				}
			}
			paths.clear();
			paths.addAll(expanded);
		}
		else if (paths.isEmpty() && constant == null) {
			throw node.invalid("give 'path', 'paths' or 'const'");
		}
		Map<String, String> values = new LinkedHashMap<>();
		if (node.get("values") != null) {
			node.get("values").entries().forEach((raw, out) -> values.put(raw, out.text()));
		}
		Connector.TimeFormat time = node.get("format") == null && node.get("zone") == null ? null
				: Connector.TimeFormat.parse(node.get("format"), node.get("zone"));
		String unit = node.text("unit", null);
		if (unit != null && !unit.equals("major") && !unit.equals("minor")) {
			throw node.get("unit").invalid("use major (a decimal such as 15.00) or minor (whole cents such as 1500)");
		}
		Integer exponent = null;
		if (node.get("exponent") != null) {
			try {
				exponent = Integer.parseInt(node.get("exponent").text());
			}
			catch (NumberFormatException ex) {
				throw node.get("exponent").invalid("the exponent is the number of decimals the amount is scaled by, 0 to 9");
			}
		}
		String part = node.text("part", null);
		if (part != null && !part.equals("first") && !part.equals("last")) {
			throw node.get("part").invalid("use first (all but the last word) or last (the last word)");
		}
		return new FieldValue(field, List.copyOf(paths), constant, node.text("prefix", null), values,
				node.text("default", null), time, unit, exponent, node.text("split", null), part,
				Boolean.parseBoolean(node.text("negate", "false")));
	}

	/** The label messages use: {@code amount (/amount)}. */
	String label() {
		return field + (paths.isEmpty() ? " (constant)" : " (" + String.join(", ", paths) + ")");
	}

	/** The raw trimmed text of the first present path, else the constant; null when none. */
	@Nullable
	String raw(JsonRecord record) {
		for (String path : paths) {
			String text = text(record, path);
			if (text != null) {
				return text;
			}
		}
		return constant;
	}

	/** The widths of the canonical columns fields land in: a longer value quarantines its record, not the load. */
	private static final Map<String, Integer> WIDTHS = Map.ofEntries(Map.entry("first_name", 200),
			Map.entry("last_name", 200), Map.entry("lifecycle_stage", 100), Map.entry("status", 32), Map.entry("kind", 32),
			Map.entry("platform", 32), Map.entry("name", 512), Map.entry("url", 2048), Map.entry("channel", 255),
			Map.entry("campaign", 255), Map.entry("event_id", 255), Map.entry("ad_set", 255), Map.entry("ad", 255),
			Map.entry("payment_ref", 255), Map.entry("payment_intent_ref", 255));

	/**
	 * The value with {@code values}, {@code default}, {@code part} and {@code prefix} applied; null when absent.
	 * A value longer than its canonical column quarantines the record.
	 */
	@Nullable
	String text(JsonRecord record) {
		String value = value(record);
		Integer width = WIDTHS.get(field);
		return width == null ? value : Records.atMost(record, label(), value, width);
	}

	private @Nullable String value(JsonRecord record) {
		String raw = raw(record);
		String value = raw;
		if (!values.isEmpty()) {
			value = raw == null ? null : values.getOrDefault(raw, fallback != null ? fallback : raw);
		}
		if (value == null) {
			value = fallback;
		}
		if (value != null && value.isBlank()) {
			return null;
		}
		if (value != null && part != null) {
			int space = value.lastIndexOf(' ');
			value = part.equals("first") ? (space < 0 ? value : value.substring(0, space).strip())
					: (space < 0 ? null : value.substring(space + 1));
		}
		return value == null || prefix == null ? value : prefix + value;
	}

	String required(JsonRecord record) {
		String value = text(record);
		if (value == null) {
			throw MalformedRecordException.of(record, "empty " + label());
		}
		return value;
	}

	/** The time; null when absent. */
	@Nullable
	Instant instant(JsonRecord record) {
		String text = text(record);
		if (text == null) {
			return null;
		}
		Connector.TimeFormat format = time == null ? Connector.TimeFormat.ISO : time;
		try {
			return parseTime(text, format);
		}
		catch (IllegalArgumentException | DateTimeException ex) {
			throw MalformedRecordException.of(record, label() + ": '" + text + "' is not a time"
					+ (format.kind().equals("pattern") ? "" : " (" + format.kind() + ")"));
		}
	}

	/** A time written in {@code format}. */
	static Instant parseTime(String text, Connector.TimeFormat format) {
		return switch (format.kind()) {
			case "epoch_seconds" -> Instant.ofEpochSecond(Long.parseLong(text));
			case "epoch_millis" -> Instant.ofEpochMilli(Long.parseLong(text));
			case "iso" -> Timestamps.parse(text, format.zone());
			default -> pattern(format, text);
		};
	}

	Instant requiredInstant(JsonRecord record) {
		Instant instant = instant(record);
		if (instant == null) {
			throw MalformedRecordException.of(record, "no " + label());
		}
		return instant;
	}

	private static Instant pattern(Connector.TimeFormat format, String text) {
		TemporalAccessor parsed = format.pattern().parseBest(text, ZonedDateTime::from, LocalDateTime::from,
				LocalDate::from);
		if (parsed instanceof ZonedDateTime zoned) {
			return zoned.toInstant();
		}
		if (parsed instanceof LocalDateTime local) {
			return local.atZone(format.zone()).toInstant();
		}
		return ((LocalDate) parsed).atStartOfDay(format.zone()).toInstant();
	}

	/** The amount in minor units of {@code currency}: major decimals by default, or whole minor units, or scaled. */
	long minor(JsonRecord record, String currency) {
		String text = text(record);
		if (text == null) {
			throw MalformedRecordException.of(record, "no " + label());
		}
		try {
			long minor;
			if ("minor".equals(unit)) {
				minor = Long.parseLong(text);
			}
			else {
				String major = exponent == null ? text : new BigDecimal(text).movePointLeft(exponent).toPlainString();
				minor = Money.toMinor(major, currency);
			}
			return negate ? -minor : minor;
		}
		catch (IllegalArgumentException ex) {
			throw MalformedRecordException.of(record, label() + ": " + (ex instanceof NumberFormatException
					? "'" + text + "' is not a whole number of minor units" : ex.getMessage()));
		}
	}

	/** A whole number; 0 when absent. */
	long count(JsonRecord record) {
		String text = text(record);
		try {
			return text == null ? 0 : new BigDecimal(text).longValueExact();
		}
		catch (ArithmeticException | NumberFormatException ex) {
			throw MalformedRecordException.of(record, label() + ": '" + text + "' is not a whole number");
		}
	}

	/** The tags of every path (each split at {@code split}), trimmed, blanks and repeats dropped. */
	Set<String> tags(JsonRecord record) {
		Set<String> tags = new LinkedHashSet<>();
		List<String> texts = new ArrayList<>();
		for (String path : paths) {
			JsonNode node = record.node().at(path);
			if (node.isArray()) {
				node.forEach(item -> texts.add(item.isObject() && item.has("name") ? item.get("name").asString()
						: item.asString()));
			}
			else {
				String text = text(record, path);
				if (text != null) {
					texts.add(text);
				}
			}
		}
		if (paths.isEmpty() && constant != null) {
			texts.add(constant);
		}
		for (String text : texts) {
			for (String tag : split == null ? new String[] { text } : text.split(java.util.regex.Pattern.quote(split))) {
				String trimmed = tag.strip();
				if (trimmed.length() > 255) {
					throw MalformedRecordException.of(record, label() + ": a tag longer than 255 characters");
				}
				if (!trimmed.isEmpty()) {
					tags.add(prefix == null ? trimmed : prefix + trimmed);
				}
			}
		}
		return tags;
	}

	/** The trimmed text at a pointer (a number or boolean as its text, an object as its id). */
	static @Nullable String text(JsonRecord record, String pointer) {
		JsonNode node = record.node().at(pointer);
		if (node.isMissingNode() || node.isNull()) {
			return null;
		}
		if (node.isObject() && node.has("id")) {
			node = node.get("id");
		}
		if (node.isContainer()) {
			throw MalformedRecordException.of(record, pointer + ": expected a value, found "
					+ (node.isArray() ? "an array" : "an object"));
		}
		String text = node.asString().strip();
		return text.isEmpty() ? null : text;
	}
}
