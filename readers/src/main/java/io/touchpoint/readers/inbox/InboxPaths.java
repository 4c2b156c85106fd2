package io.touchpoint.readers.inbox;

/**
 * The rules both inboxes apply to relative paths: which ones are listed and which are refused.
 */
final class InboxPaths {

	private InboxPaths() {
	}

	/**
	 * Refuses a path that could escape the inbox: a {@code ..} segment or a backslash.
	 *
	 * @param relative the inbox-relative path or key
	 * @param shown    how to name it in the message (the full key or path)
	 */
	static void requireSafe(String relative, String shown) {
		if (relative.indexOf('\\') >= 0) {
			throw new IllegalArgumentException("inbox entry '" + shown + "' contains a backslash, which could"
					+ " escape the inbox; rename or remove it, then restart");
		}
		for (String segment : relative.split("/", -1)) {
			if (segment.equals("..")) {
				throw new IllegalArgumentException("inbox entry '" + shown + "' contains a '..' segment, which"
						+ " could escape the inbox; rename or remove it, then restart");
			}
		}
	}

	/**
	 * Whether a safe relative path is an inbox file: it sits in a source folder (not directly in
	 * the root), is not a directory marker and has no hidden segment (starting with {@code .}).
	 */
	static boolean isListed(String relative) {
		if (relative.isEmpty() || relative.endsWith("/")) {
			return false;
		}
		String[] segments = relative.split("/", -1);
		if (segments.length < 2 || segments[0].isEmpty()) {
			return false;
		}
		for (String segment : segments) {
			if (segment.startsWith(".")) {
				return false;
			}
		}
		return true;
	}

	/** The first segment of a listed path: the source. */
	static String sourceOf(String relative) {
		return relative.substring(0, relative.indexOf('/'));
	}
}
