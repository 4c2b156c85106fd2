package io.touchpoint.jobs.cli;

import java.util.concurrent.Callable;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;
import tools.jackson.databind.json.JsonMapper;

import io.touchpoint.jobs.bench.BenchResult;
import io.touchpoint.jobs.bench.BenchShape;
import io.touchpoint.jobs.bench.Benchmark;
import io.touchpoint.jobs.bench.RollupBenchmark;

/** {@code touchpoint bench}: the stage, load and rollup paths measured beside their floors (docs/performance.md). */
@Command(name = "bench", mixinStandardHelpOptions = true,
		description = { "Measure the ingest path on the embedded default: generates N export rows, runs the import job"
				+ " over them as a new tenant, and prints stage, load and rollup rates beside their floors, and peak memory.",
				"Opt-in and slow at large N; see docs/performance.md for what each number means." },
		footer = { "", "Examples:", "  ./touchpoint --home /tmp/benchhome bench --rows 200000",
				"  ./touchpoint --home /tmp/benchhome bench --rows 1000000 --threads 2 --shape mixed --json",
				"  ./touchpoint --home /tmp/benchhome bench --rollups-only --rows 5000000" })
final class BenchCommand implements Callable<Integer> {

	@ParentCommand
	private TouchpointCli root;

	@Spec
	private CommandSpec spec;

	@Option(names = "--rows", defaultValue = "200000", description = "Export rows to generate (default: ${DEFAULT-VALUE})")
	private long rows;

	@Option(names = "--threads", defaultValue = "1",
			description = "Threads of the import (touchpoint.ingest.threads: normalize's mapping, compression and uploads,"
					+ " stage's copies, tables loading at once) and of the stage floor (default: ${DEFAULT-VALUE})")
	private int threads;

	@Option(names = "--partitions", defaultValue = "1",
			description = "Partitions of normalize (touchpoint.ingest.partitions), run on --threads threads; 1 reads the"
					+ " export in one step (default: ${DEFAULT-VALUE})")
	private int partitions;

	@Option(names = "--shape", defaultValue = "tags",
			description = "tags (HubSpot contacts with a tag column), touchpoints (Segment tracks), purchases (Stripe"
					+ " payments) or mixed (default: ${DEFAULT-VALUE})")
	private BenchShape shape;

	@Option(names = "--json", description = "Print one JSON object instead of the table")
	private boolean json;

	@Option(names = "--rollups-only",
			description = "Skip the export and the import job: insert --rows tag applications (with contacts,"
					+ " touchpoints, purchases and refunds in proportion) straight into the warehouse as a new tenant,"
					+ " then time a full rollup rebuild and the incremental run for a batch of 1%% more")
	private boolean rollupsOnly;

	@Override
	public Integer call() throws Exception {
		java.util.List<String> settings = new java.util.ArrayList<>();
		if (threads >= 1) {
			settings.add("touchpoint.ingest.threads=" + threads);
		}
		if (partitions >= 1) {
			settings.add("touchpoint.ingest.partitions=" + partitions);
		}
		try (Session session = root.session(true, settings)) {
			if (rollupsOnly) {
				return print(session.bean(RollupBenchmark.class).run(rows), RollupBenchmark.Result::table);
			}
			BenchResult result = session.bean(Benchmark.class).run(rows, threads, shape, root.home().resolve("bench"));
			return print(result, BenchResult::table);
		}
	}

	private <T> int print(T result, java.util.function.Function<T, String> table) throws Exception {
		var out = spec.commandLine().getOut();
		out.print(json ? JsonMapper.builder().build().writerWithDefaultPrettyPrinter().writeValueAsString(result) + "\n"
				: table.apply(result));
		return TouchpointCli.OK;
	}
}
