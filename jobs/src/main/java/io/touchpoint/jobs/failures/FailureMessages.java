package io.touchpoint.jobs.failures;

import java.util.List;

import org.jspecify.annotations.Nullable;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.step.StepExecution;

/**
 * Finds the sentence a user needs in a failure: the outermost Touchpoint exception in the cause chain
 * (those name the file, line or key and say what to do; their own causes add detail, not context),
 * else the root cause.
 */
public final class FailureMessages {

	/** Ends a failure that a restart would only repeat (the run reads the same input the same way again). */
	public static final String RESTART_CANNOT_HELP = "Restarting this execution cannot help";

	private FailureMessages() {
	}

	/** What to do after the failure: restart the execution, or abandon it when a restart cannot help. */
	public static String nextStep(@Nullable String failure, long executionId) {
		return failure != null && failure.contains(RESTART_CANNOT_HELP) ? "./touchpoint abandon " + executionId
				: "Fix the cause, then: ./touchpoint restart " + executionId;
	}

	public static String summarize(Throwable failure) {
		String settings = SettingFailures.describe(failure);
		if (settings != null) {
			return settings;
		}
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

	/**
	 * The sentence that explains why this step failed, or null when the step did not fail. A restarted step
	 * starts from its failed predecessor's ExecutionContext, so a step that then completed may still carry the old
	 * sentence: it is not its error.
	 */
	public static @Nullable String stepError(StepExecution step) {
		if (step.getStatus() == BatchStatus.COMPLETED) {
			return null;
		}
		if (step.getExecutionContext().containsKey(FailureSummaryListener.FAILURE)) {
			return step.getExecutionContext().getString(FailureSummaryListener.FAILURE);
		}
		if (step.getStatus() == BatchStatus.FAILED || step.getStatus() == BatchStatus.UNKNOWN) {
			return step.getFailureExceptions().isEmpty()
					? fromExitDescription(step.getExitStatus().getExitDescription())
					: summarize(step.getFailureExceptions());
		}
		return null;
	}

	public static @Nullable String summarize(List<Throwable> failures) {
		return failures.isEmpty() ? null : summarize(failures.get(failures.size() - 1));
	}

	/**
	 * From a stored exit description (a stack trace as text): the message of the outermost
	 * {@code io.touchpoint} exception line, else of the last "Caused by:" line, else the first line.
	 */
	public static @Nullable String fromExitDescription(@Nullable String description) {
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
