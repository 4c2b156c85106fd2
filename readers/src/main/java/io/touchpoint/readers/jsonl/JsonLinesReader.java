package io.touchpoint.readers.jsonl;

import java.io.InputStream;
import java.nio.charset.Charset;
import java.util.Locale;

import org.springframework.batch.infrastructure.item.ExecutionContext;
import tools.jackson.core.JacksonException;
import tools.jackson.core.TokenStreamLocation;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import io.touchpoint.readers.AbstractRecordFileReader;
import io.touchpoint.readers.IoSupplier;
import io.touchpoint.readers.MalformedFileException;
import io.touchpoint.readers.MalformedRecordException;

/**
 * Reads a JSON-lines file: one JSON object per line.
 *
 * <p>The input is gunzipped when it starts with the gzip magic bytes and decoded strictly in the
 * given charset; blank lines are skipped. A line that is not a JSON object throws a
 * {@link MalformedRecordException} (skippable; the next {@code read()} returns the next line).
 * Bytes invalid in the charset, a truncated gzip stream or a line longer than
 * {@link #setMaxRecordChars(int)} throw a {@link MalformedFileException} naming the file and
 * line.
 *
 * <p>Restart: {@link #update(ExecutionContext)} saves under {@code name + ".records"} how many
 * records were returned or thrown as malformed; {@link #open(ExecutionContext)} reads the file
 * again from the start and discards that many non-blank lines.
 */
public class JsonLinesReader extends AbstractRecordFileReader<JsonRecord> {

	private static final int MAX_DETAIL_CHARS = 150;

	private static final JsonMapper MAPPER = JsonMapper.builder()
		.enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
		.enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
		.build();

	/**
	 * @param source  the source the file belongs to
	 * @param file    the display name of the file (inbox-relative path)
	 * @param opener  opens the raw bytes; called again on every {@link #open(ExecutionContext)}
	 * @param charset the file's encoding
	 */
	public JsonLinesReader(String source, String file, IoSupplier<InputStream> opener, Charset charset) {
		this(source, file, opener, charset, DEFAULT_MAX_RECORD_CHARS);
	}

	/**
	 * @param source         the source the file belongs to
	 * @param file           the display name of the file (inbox-relative path)
	 * @param opener         opens the raw bytes; called again on every open
	 * @param charset        the file's encoding
	 * @param maxRecordChars the longest line accepted, in characters
	 */
	public JsonLinesReader(String source, String file, IoSupplier<InputStream> opener, Charset charset,
			int maxRecordChars) {
		super("jsonl", source, file, opener, charset);
		setMaxRecordChars(maxRecordChars);
	}

	/**
	 * Parses the line.
	 *
	 * @throws MalformedRecordException when the line is not a JSON object
	 */
	@Override
	protected JsonRecord toRecord(String text, long line) {
		JsonNode node;
		try {
			node = MAPPER.readTree(text);
		}
		catch (JacksonException e) {
			throw new MalformedRecordException(source(), file(), line, text, "not a JSON object: " + describe(e));
		}
		if (node == null || !node.isObject()) {
			String found = node == null || node.isMissingNode() ? "nothing" : node.getNodeType().name().toLowerCase(Locale.ROOT);
			throw new MalformedRecordException(source(), file(), line, text, "not a JSON object: found " + found);
		}
		return new JsonRecord(source(), file(), line, text, node);
	}

	@Override
	protected String tooLongReason(int maxRecordChars) {
		return "the line is longer than " + maxRecordChars + " characters; fix the file or re-export it with one"
				+ " record per line, then restart the execution";
	}

	private static String describe(JacksonException e) {
		String message = e.getOriginalMessage();
		if (message == null || message.isBlank()) {
			message = e.getClass().getSimpleName();
		}
		int newline = message.indexOf('\n');
		if (newline >= 0) {
			message = message.substring(0, newline);
		}
		if (message.length() > MAX_DETAIL_CHARS) {
			message = message.substring(0, MAX_DETAIL_CHARS) + "...";
		}
		TokenStreamLocation location = e.getLocation();
		if (location != null && location.getColumnNr() > 0) {
			message = message + " (column " + location.getColumnNr() + ")";
		}
		return message;
	}
}
