package io.touchpoint.jobs.nightly;

import java.time.LocalDate;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.springframework.batch.core.job.parameters.JobParameters;
import org.springframework.batch.core.job.parameters.JobParametersBuilder;

import io.touchpoint.jobs.ingest.IngestParameters;

/**
 * Which steps of the nightly job may run again on their own for a night that completed
 * ({@code touchpoint run nightly --only STEP}), and why the others may not. A step may when running it
 * again gives the same result whatever ran before: its input is the batch's committed, published state.
 * The re-run is its own JobInstance of the {@code rerun} job: (tenant, date, the steps, the night's job,
 * a run number), since the night's completed instance can never run again.
 */
public final class RerunSteps {

	/** Job parameter: the steps to run, in flow order, comma-separated. */
	public static final String STEPS = "steps";

	/** Job parameter: the re-run's number among the re-runs of these steps for the night (1, 2, ...). */
	public static final String RUN = "run";

	/** Why load may run again (constants, so --help can show them). */
	public static final String LOAD = "load: loads the staged files the load ledger does not hold (after `pipelines "
			+ "reload-file`, or a ledger row removed by hand); the files already loaded are skipped";

	public static final String RECONCILE = "reconcile: checks the ledger and the tables against the manifests again; "
			+ "read-only (the API cursors are not moved again)";

	public static final String ROLLUP = "rollup: recomputes the rollups of the contacts the night's batch touched, then "
			+ "the tenant's tables, in one transaction";

	public static final String REPORT = "report: renders the night's report again from the rollups as they are now, "
			+ "replacing its ltv.txt";

	/** Why fetch may not. */
	public static final String FETCH = "fetch (refused): it registers the batch's inbox files, which the later steps "
			+ "already read; import new files with `touchpoint import`";

	public static final String FETCH_API = "fetch-api (refused): its pages were landed and read already; to fetch again, "
			+ "rewind the cursor (`touchpoint cursor rewind`) and run the next night";

	public static final String NORMALIZE = "normalize (refused): it resumes from the reader position of the night's own "
			+ "execution; alone it would write the batch's rows a second time";

	public static final String STAGE = "stage (refused): it publishes the work parts normalize committed, rewriting the "
			+ "manifests the load ledger was checked against";

	private static final Map<String, String> ALLOWED = byStep(LOAD, RECONCILE, ROLLUP, REPORT);

	private static final Map<String, String> REFUSED = byStep(FETCH, FETCH_API, NORMALIZE, STAGE);

	private RerunSteps() {
	}

	/** The steps that may run again, in flow order. */
	public static List<String> allowed() {
		return List.copyOf(ALLOWED.keySet());
	}

	/** {@code --only STEP}: that step alone. */
	public static List<String> only(String step) {
		return List.of(allowedStep(step));
	}

	/** {@code --from-step STEP}: that step and the allowed steps after it. */
	public static List<String> from(String step) {
		List<String> steps = allowed();
		return steps.subList(steps.indexOf(allowedStep(step)), steps.size());
	}

	/** The steps named by a re-run's {@link #STEPS} parameter. */
	public static List<String> of(JobParameters parameters) {
		return Arrays.asList(parameters.getString(STEPS).split(","));
	}

	/** The identifying parameters of a re-run of {@code steps} of the {@code job} run of one night. */
	public static JobParameters parameters(String job, String tenant, LocalDate date, List<String> steps, long run) {
		return new JobParametersBuilder().addString(IngestParameters.TENANT, tenant)
			.addLocalDate(IngestParameters.DATE, date)
			.addString(STEPS, String.join(",", steps))
			.addString(io.touchpoint.scheduler.RunGuard.RUN_OF, job)
			.addLong(RUN, run)
			.toJobParameters();
	}

	private static String allowedStep(String step) {
		if (ALLOWED.containsKey(step)) {
			return step;
		}
		String allowed = "Steps that can run again for a completed night: " + String.join(", ", ALLOWED.keySet()) + ".";
		if (REFUSED.containsKey(step)) {
			throw new IllegalArgumentException("Step '" + step + "' cannot run again on its own: " + REFUSED.get(step) + ". "
					+ allowed + " To finish a failed night, restart it: touchpoint restart ID");
		}
		throw new IllegalArgumentException("The nightly job has no step '" + step + "'. " + allowed);
	}

	/** "step: why" and "step (refused): why" by step, in the order given, the reason alone as the value. */
	private static Map<String, String> byStep(String... explanations) {
		Map<String, String> map = new LinkedHashMap<>();
		for (String explanation : explanations) {
			int colon = explanation.indexOf(": ");
			map.put(explanation.substring(0, colon).replace(" (refused)", ""), explanation.substring(colon + 2));
		}
		return map;
	}
}
