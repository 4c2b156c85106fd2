package io.touchpoint.jobs.checks;

import java.time.LocalDateTime;
import java.util.Locale;

import org.jspecify.annotations.Nullable;

/**
 * One data check of one source for one night: what it measured, the band it had to fall in (either end
 * may be open), the newest event time (freshness), the outcome and the action configured for it.
 * {@code subject} narrows the check within the source (the currency of a money sum), or is empty.
 */
public record CheckResult(String source, String check, String subject, @Nullable Double measured,
		@Nullable Double low, @Nullable Double high, @Nullable LocalDateTime newestEvent, Outcome outcome,
		CheckProperties.Action action, String message) {

	public static final String ROW_COUNT = "row-count";

	public static final String QUARANTINE = "quarantine";

	public static final String MONEY = "money";

	public static final String FRESHNESS = "freshness";

	/** Not a measure: the columns a source's files added or dropped on the night (a warning). */
	public static final String SCHEMA = "schema";

	/** PASS inside the band; WARN or FAIL outside it, by the action; SKIP when it cannot be measured yet. */
	public enum Outcome {
		PASS, WARN, FAIL, SKIP, ACCEPTED
	}

	/** The check's name with its subject: {@code money[USD]}. */
	public String label() {
		return subject.isEmpty() ? check : check + "[" + subject + "]";
	}

	/** The band as text: {@code 4.5..13.5}, {@code ..0.05}, {@code -} when there is none. */
	public String band() {
		if (low == null && high == null) {
			return "-";
		}
		return (low == null ? "" : number(low)) + ".." + (high == null ? "" : number(high));
	}

	/** A value as the checks print it: whole numbers without decimals, others to four places. */
	public static String number(double value) {
		if (value == Math.rint(value) && Math.abs(value) < 1e15) {
			return String.format(Locale.ROOT, "%d", (long) value);
		}
		return String.format(Locale.ROOT, "%.4f", value).replaceAll("0+$", "");
	}
}
