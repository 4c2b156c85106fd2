package io.touchpoint.jobs.model;

import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;

/**
 * The one rule for the identifiers that become parts of file-system paths and S3 keys (tenant ids and
 * source names): a letter or digit, then up to 63 letters, digits, {@code _} or {@code -}. So an identifier
 * is never empty, never {@code .} or {@code ..}, never holds a separator, and never leaves the home folder or
 * the bucket prefix it is put under. It is checked before any path or key is built from it; a refused one is
 * a usage error (exit code 2) whose message states the rule.
 */
public final class Identifiers {

	/** The rule, as the messages and docs state it. */
	public static final String RULE = "a letter or digit, then up to 63 letters, digits, '_' or '-'";

	private static final Pattern ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_-]{0,63}");

	private Identifiers() {
	}

	/** Returns {@code tenant} if it follows the rule; throws {@link InvalidIdentifierException} otherwise. */
	public static String tenant(String tenant) {
		return require("tenant id", tenant);
	}

	/** Returns {@code source} if it follows the rule; throws {@link InvalidIdentifierException} otherwise. */
	public static String source(String source) {
		return require("source name", source);
	}

	private static String require(String what, @Nullable String value) {
		if (value == null || !ID.matcher(value).matches()) {
			throw new InvalidIdentifierException("Invalid " + what + " " + shown(value) + ": use " + RULE + ".");
		}
		return value;
	}

	/** The refused value as the message shows it: quoted, at most 40 characters, control characters escaped. */
	private static String shown(@Nullable String value) {
		if (value == null) {
			return "(none)";
		}
		String cut = value.length() > 40 ? value.substring(0, 40) + "... (" + value.length() + " characters)" : value;
		StringBuilder out = new StringBuilder("'");
		cut.codePoints().forEach(c -> out.append(Character.isISOControl(c) ? String.format("\\x%02x", c) : Character.toString(c)));
		return out.append("'").toString();
	}

	/** An identifier that does not follow the rule: a usage error. */
	public static final class InvalidIdentifierException extends IllegalArgumentException {

		InvalidIdentifierException(String message) {
			super(message);
		}
	}
}
