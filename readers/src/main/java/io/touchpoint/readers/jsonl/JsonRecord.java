package io.touchpoint.readers.jsonl;

import java.util.Objects;

import tools.jackson.databind.JsonNode;

import io.touchpoint.readers.SourceRecord;

/**
 * One JSON-lines record: the parsed object, its line and its raw text.
 *
 * <p>{@link #node()} is always a JSON object. Numbers with a fraction are kept as
 * {@link java.math.BigDecimal} ({@code node.get("amount").decimalValue()}), so amounts are not
 * rounded through {@code double}.
 */
public final class JsonRecord implements SourceRecord {

	private final String source;
	private final String file;
	private final long line;
	private final String rawText;
	private final JsonNode node;

	/**
	 * @param source  the source the file belongs to
	 * @param file    the display name of the file
	 * @param line    the line of the record
	 * @param rawText the line's text, without its terminator
	 * @param node    the parsed JSON object
	 */
	public JsonRecord(String source, String file, long line, String rawText, JsonNode node) {
		this.source = source;
		this.file = file;
		this.line = line;
		this.rawText = rawText;
		this.node = Objects.requireNonNull(node, "node");
	}

	/** The parsed JSON object. */
	public JsonNode node() {
		return node;
	}

	@Override
	public String source() {
		return source;
	}

	@Override
	public String file() {
		return file;
	}

	@Override
	public long line() {
		return line;
	}

	@Override
	public String rawText() {
		return rawText;
	}

	@Override
	public String toString() {
		return file + " line " + line + ": " + rawText;
	}
}
