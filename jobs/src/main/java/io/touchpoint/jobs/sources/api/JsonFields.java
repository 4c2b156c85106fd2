package io.touchpoint.jobs.sources.api;

import java.time.Instant;
import java.time.format.DateTimeParseException;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

import io.touchpoint.jobs.model.ContactIds;
import io.touchpoint.jobs.model.Timestamps;
import io.touchpoint.readers.MalformedRecordException;
import io.touchpoint.readers.jsonl.JsonRecord;

/**
 * Reads fields of a landed API record by path ({@code "billing_details.email"}); a value of the wrong
 * type quarantines the record with a reason naming the field.
 */
public final class JsonFields {

	private JsonFields() {
	}

	/** The node at a dotted path, or null when absent or JSON null. */
	public static @Nullable JsonNode node(JsonNode root, String path) {
		JsonNode node = root;
		for (String part : path.split("\\.")) {
			if (node == null || !node.isObject()) {
				return null;
			}
			node = node.get(part);
		}
		return node == null || node.isNull() ? null : node;
	}

	/** The trimmed text at a path (a number or boolean as its text), or null when absent, null or blank. */
	public static @Nullable String text(JsonRecord record, String path) {
		JsonNode node = node(record.node(), path);
		if (node == null) {
			return null;
		}
		if (node.isContainer()) {
			throw MalformedRecordException.of(record, path + ": expected a value, found " + (node.isArray() ? "an array" : "an object"));
		}
		String text = node.asString().strip();
		return text.isEmpty() ? null : text;
	}

	public static String required(JsonRecord record, String path) {
		String text = text(record, path);
		if (text == null) {
			throw MalformedRecordException.of(record, "no " + path);
		}
		return text;
	}

	/** The normalized e-mail at a path, or null when absent; a value that is not an e-mail quarantines the record. */
	public static @Nullable String email(JsonRecord record, String path) {
		String raw = text(record, path);
		String email = ContactIds.normalizeEmail(raw);
		if (raw != null && email == null) {
			throw MalformedRecordException.of(record, path + ": '" + raw + "' is not an e-mail address");
		}
		return email;
	}

	/** The id at a path that is either an id string or an expanded object with an {@code id}. */
	public static String id(JsonRecord record, String path) {
		JsonNode node = node(record.node(), path);
		if (node != null && node.isObject()) {
			return text(record, path + ".id");
		}
		return text(record, path);
	}

	/** A whole number at a path (JSON number or numeric string), or null when absent. */
	public static @Nullable Long whole(JsonRecord record, String path) {
		JsonNode node = node(record.node(), path);
		if (node == null) {
			return null;
		}
		if (node.isIntegralNumber() && node.canConvertToLong()) {
			return node.longValue();
		}
		String text = node.isString() ? node.asString().strip() : node.toString();
		if (text.isEmpty()) {
			return null;
		}
		try {
			return Long.parseLong(text);
		}
		catch (NumberFormatException ex) {
			throw MalformedRecordException.of(record, path + ": '" + text + "' is not a whole number");
		}
	}

	public static boolean flag(JsonRecord record, String path) {
		JsonNode node = node(record.node(), path);
		return node != null && (node.isBoolean() ? node.booleanValue() : "true".equalsIgnoreCase(node.asString()));
	}

	/** Unix seconds at a path as an instant. */
	public static @Nullable Instant epochSeconds(JsonRecord record, String path) {
		Long seconds = whole(record, path);
		return seconds == null ? null : Instant.ofEpochSecond(seconds);
	}

	/** An ISO-8601 time at a path (any offset form {@link Timestamps} reads). */
	public static @Nullable Instant time(JsonRecord record, String path) {
		String text = text(record, path);
		if (text == null) {
			return null;
		}
		try {
			return Timestamps.parse(text);
		}
		catch (IllegalArgumentException | DateTimeParseException ex) {
			throw MalformedRecordException.of(record, path + ": '" + text + "' is not a time");
		}
	}
}
