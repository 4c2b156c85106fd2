package io.touchpoint.jobs.executions;

import java.util.List;

/**
 * Finds the sentence a user needs in a failure: the outermost Touchpoint exception in the cause chain
 * (those name the file, line or key and say what to do; their own causes add detail, not context),
 * else the root cause.
 */
public final class FailureMessages {

	private FailureMessages() {
	}

	public static String summarize(Throwable failure) {
		Throwable ours = null;
		Throwable root = failure;
		for (Throwable t = failure; t != null; t = t.getCause()) {
			if (ours == null && t.getClass().getName().startsWith("io.touchpoint.")) {
				ours = t;
			}
			root = t;
			if (t.getCause() == t) {
				break;
			}
		}
		Throwable chosen = ours != null ? ours : root;
		String message = chosen.getMessage();
		return message == null || message.isBlank() ? chosen.getClass().getSimpleName() : message;
	}

	/** The message of the innermost cause (its class name when it has none): what the driver or SDK saw. */
	public static String rootMessage(Throwable failure) {
		Throwable root = failure;
		while (root.getCause() != null && root.getCause() != root) {
			root = root.getCause();
		}
		return root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
	}

	public static String summarize(List<Throwable> failures) {
		return failures.isEmpty() ? null : summarize(failures.get(failures.size() - 1));
	}

	/**
	 * From a stored exit description (a stack trace as text): the message of the outermost
	 * {@code io.touchpoint} exception line, else of the last "Caused by:" line, else the first line.
	 */
	public static String fromExitDescription(String description) {
		if (description == null || description.isBlank()) {
			return null;
		}
		String ours = null;
		String last = null;
		for (String line : description.split("\n")) {
			String text = line.strip();
			if (text.startsWith("at ") || text.startsWith("...")) {
				continue;
			}
			if (text.startsWith("Caused by: ")) {
				text = text.substring("Caused by: ".length());
			}
			int colon = text.indexOf(": ");
			if (colon > 0 && text.substring(0, colon).matches("[\\w.$]+")) {
				String message = text.substring(colon + 2);
				last = message;
				if (ours == null && text.startsWith("io.touchpoint.")) {
					ours = message;
				}
			}
		}
		return ours != null ? ours : last != null ? last : description.lines().findFirst().orElse(description);
	}
}
