package io.touchpoint.writers.load.singlestore;

import org.jspecify.annotations.Nullable;

/**
 * One row of {@code information_schema.PIPELINES_ERRORS} (or of our copy, {@code pipeline_errors}):
 * the pipeline, the file ({@code BATCH_SOURCE_PARTITION_ID}, null for errors of no file), when, what,
 * and the offending line with its number when the error is about one.
 */
public record PipelineError(String pipeline, @Nullable String file, @Nullable Long unixTime, @Nullable String type,
		@Nullable Long code, @Nullable String message, @Nullable Long lineNumber, @Nullable String line) {

	private static final int MAX_LINE_SHOWN = 200;

	/** One sentence: {@code line 12: <message> (line text: "...")}. */
	public String describe() {
		StringBuilder out = new StringBuilder();
		if (lineNumber != null && lineNumber > 0) {
			out.append("line ").append(lineNumber).append(": ");
		}
		out.append(type == null ? "Error" : type);
		if (code != null) {
			out.append(' ').append(code);
		}
		out.append(": ").append(message == null ? "(no message)" : message.strip());
		if (line != null && !line.isBlank()) {
			String shown = line.length() > MAX_LINE_SHOWN ? line.substring(0, MAX_LINE_SHOWN) + "..." : line;
			out.append(" (line text: \"").append(shown.strip()).append("\")");
		}
		return out.toString();
	}
}
