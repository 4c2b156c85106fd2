package io.touchpoint.jobs.cli;

import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;
import tools.jackson.databind.json.JsonMapper;

import io.touchpoint.jobs.executions.HistoryPurge;
import io.touchpoint.jobs.report.TableFormat;

/** {@code touchpoint purge --older-than 90d}: removes run history nothing will restart (see {@link HistoryPurge}). */
@Command(name = "purge", mixinStandardHelpOptions = true,
		description = { "Remove old run history from the metadata database (Spring Batch slows down as it grows).",
				"A run (JobInstance) goes when all its executions ended before the cutoff and its last one COMPLETED or was",
				"ABANDONED; a FAILED or STOPPED run stays until it is restarted or abandoned. With it go its batch's work-part",
				"and API-fetch bookkeeping, and inbox-file rows no duplicate check reads. Kept: inbox files that were loaded",
				"(so the same export is never loaded twice), API cursors and their history, the warehouse's load ledger and",
				"quarantine, and every S3 object. A purged night can be launched again: its files are then duplicates." },
		footer = { "", "Examples:", "  ./touchpoint purge --older-than 90d --dry-run", "  ./touchpoint purge --older-than 90d",
				"  ./touchpoint purge --older-than 2026-01-01 --batch-size 500 --json",
				"", "Exit codes: 0 purged (or counted with --dry-run), 1 failed (batches already purged stay purged),",
				"2 usage error." })
final class PurgeCommand implements Callable<Integer> {

	@ParentCommand
	private TouchpointCli root;

	@Spec
	private CommandSpec spec;

	@Option(names = "--older-than", required = true, paramLabel = "AGE",
			description = "Runs that ended before then: a duration back from now (90d, 36h) or a date YYYY-MM-DD")
	private String olderThan;

	@Option(names = "--dry-run", description = "Count what would be removed, remove nothing")
	private boolean dryRun;

	@Option(names = "--batch-size", paramLabel = "N", defaultValue = "1000",
			description = "Runs removed per transaction (default ${DEFAULT-VALUE})")
	private int batchSize;

	@Option(names = "--json", description = "Print JSON")
	private boolean json;

	@Override
	public Integer call() {
		LocalDateTime cutoff = Since.parse("--older-than", olderThan, LocalDateTime.now());
		if (batchSize < 1) {
			throw new IllegalArgumentException("--batch-size must be 1 or more, not " + batchSize);
		}
		try (Session session = root.session(true)) {
			HistoryPurge.Result result = session.bean(HistoryPurge.class).purge(cutoff, batchSize, dryRun);
			spec.commandLine().getOut().print(json ? json(result) : text(result));
			return TouchpointCli.OK;
		}
	}

	static String text(HistoryPurge.Result result) {
		List<List<Object>> rows = new ArrayList<>();
		result.rows().forEach((table, n) -> rows.add(List.of(table, n)));
		return (result.dryRun() ? "Would purge " : "Purged ") + result.instances() + " run(s) that ended before "
				+ result.cutoff().withNano(0).toString().replace('T', ' ')
				+ (result.dryRun() ? " (dry run: nothing was deleted)" : "") + ":\n"
				+ TableFormat.table(List.of("table", "rows"), rows);
	}

	static String json(HistoryPurge.Result result) {
		Map<String, Object> object = new LinkedHashMap<>();
		object.put("cutoff", result.cutoff().withNano(0).toString());
		object.put("dryRun", result.dryRun());
		object.put("instances", result.instances());
		object.put("rows", result.rows());
		return JsonMapper.builder().build().writerWithDefaultPrettyPrinter().writeValueAsString(object) + "\n";
	}
}
