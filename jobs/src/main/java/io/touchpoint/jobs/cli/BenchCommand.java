package io.touchpoint.jobs.cli;

import java.util.concurrent.Callable;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import tools.jackson.databind.json.JsonMapper;

import io.touchpoint.jobs.bench.BenchResult;
import io.touchpoint.jobs.bench.BenchShape;
import io.touchpoint.jobs.bench.Benchmark;

/** {@code touchpoint bench}: the stage, load and rollup paths measured beside their floors (docs/performance.md). */
@Command(name = "bench", mixinStandardHelpOptions = true,
		description = { "Measure the ingest path on the embedded default: generates N export rows, runs the import job"
				+ " over them as a new tenant, and prints stage, load and rollup rates beside their floors, and peak memory.",
				"Opt-in and slow at large N; see docs/performance.md for what each number means." },
		footer = { "", "Examples:", "  ./touchpoint --home /tmp/benchhome bench --rows 200000",
				"  ./touchpoint --home /tmp/benchhome bench --rows 1000000 --threads 2 --shape mixed --json" })
final class BenchCommand implements Callable<Integer> {

	@ParentCommand
	private TouchpointCli root;

	@Spec
	private CommandSpec spec;

	@Option(names = "--rows", defaultValue = "200000", description = "Export rows to generate (default: ${DEFAULT-VALUE})")
	private long rows;

	@Option(names = "--threads", defaultValue = "1",
			description = "Threads of the stage path (touchpoint.ingest.threads: normalize's compression and uploads,"
					+ " stage's copies) and of its floor (default: ${DEFAULT-VALUE})")
	private int threads;

	@Option(names = "--shape", defaultValue = "tags",
			description = "tags (HubSpot contacts with a tag column), touchpoints (Segment tracks), purchases (Stripe"
					+ " payments) or mixed (default: ${DEFAULT-VALUE})")
	private BenchShape shape;

	@Option(names = "--json", description = "Print one JSON object instead of the table")
	private boolean json;

	@Override
	public Integer call() throws Exception {
		try (Session session = root.session(true,
				threads < 1 ? java.util.List.of() : java.util.List.of("touchpoint.ingest.threads=" + threads))) {
			BenchResult result = session.bean(Benchmark.class).run(rows, threads, shape, root.home().resolve("bench"));
			var out = spec.commandLine().getOut();
			if (json) {
				out.println(JsonMapper.builder().build().writerWithDefaultPrettyPrinter().writeValueAsString(result));
			}
			else {
				out.print(result.table());
			}
			return TouchpointCli.OK;
		}
	}
}
