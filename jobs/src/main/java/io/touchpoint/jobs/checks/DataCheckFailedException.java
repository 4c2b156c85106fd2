package io.touchpoint.jobs.checks;

import java.time.LocalDate;
import java.util.List;
import java.util.stream.Collectors;

/**
 * A data check whose action is {@code fail} found the night out of its band: no rollup may read it.
 * The message names tenant, night, each failed source and check with its value and band, and says how
 * to accept the data and restart, or how to make the check only warn.
 */
public final class DataCheckFailedException extends RuntimeException {

	DataCheckFailedException(String tenant, LocalDate date, long executionId, List<CheckResult> failed) {
		super(message(tenant, date, executionId, failed));
	}

	private static String message(String tenant, LocalDate date, long executionId, List<CheckResult> failed) {
		String checks = failed.stream()
			.map(r -> "source " + r.source() + ", check " + r.label() + ": measured "
					+ (r.measured() == null ? "-" : CheckResult.number(r.measured())) + ", band " + r.band() + " ("
					+ r.message() + ")")
			.collect(Collectors.joining("; "));
		CheckResult first = failed.get(0);
		String property = CheckResult.FRESHNESS.equals(first.check()) ? "touchpoint.checks.freshness-action"
				: "touchpoint.checks." + first.check() + ".action";
		return "Data checks failed for tenant " + tenant + " on " + date + ": " + checks
				+ ". Rollups were not run. If the source is late, deliver its data and restart: touchpoint restart "
				+ executionId + ". If the data is right, accept it: touchpoint checks accept " + executionId
				+ " --source " + first.source() + " --check " + first.check() + ", then touchpoint restart "
				+ executionId + ". To only warn on this check, set " + property + "=warn.";
	}
}
