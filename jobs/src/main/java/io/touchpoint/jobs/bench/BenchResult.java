package io.touchpoint.jobs.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * The figures of one {@code touchpoint bench} run, printed as a table or serialized as one JSON object
 * (field names as here) so that runs can be compared. Rates are per second of wall time; MB is 10^6 bytes.
 */
public record BenchResult(String shape, long rows, long bytes, int threads, Stage stage, Throughput stageFloor,
		@Nullable Throughput stageFloorThreads, double stageVsFloor, double floorThreadsVsOne, Throughput stagedGzipFloor,
		double stageVsFloors, Load load, Throughput loadFloor,
		double loadVsFloor, Throughput keyedLoadFloor, double loadVsKeyedFloor, Rollup rollup, Memory memory,
		List<String> notes) {

	/** The import job's fetch + normalize + stage steps, with {@code threads} = touchpoint.ingest.threads. */
	public record Stage(int threads, long rows, long bytes, double seconds, double rowsPerSecond, double mbPerSecond,
			Map<String, Double> stepSeconds, long stagedRows) {
	}

	public record Throughput(int threads, long rows, long bytes, double seconds, double rowsPerSecond,
			double mbPerSecond) {

		static Throughput of(int threads, long rows, long bytes, double seconds) {
			return new Throughput(threads, rows, bytes, seconds, rows / seconds, bytes / 1e6 / seconds);
		}
	}

	/** The import job's load step over every staged part. */
	public record Load(long rows, double seconds, double rowsPerSecond) {
	}

	public record Rollup(int contacts, double seconds) {
	}

	public record Memory(long peakHeapBytes, long peakHeapAfterGcBytes, long heapMaxBytes, long peakRssBytes, long gcCount,
			long gcMillis) {
	}

	/** A fixed-width table, one line per figure. */
	public String table() {
		List<String[]> lines = new ArrayList<>();
		lines.add(row("export", String.format(Locale.ROOT, "%,d rows, %.1f MB (%s)", rows, bytes / 1e6, shape), ""));
		lines.add(row("stage (" + threads(stage.threads()) + ")", rate(stage.rowsPerSecond(), stage.mbPerSecond()),
				String.format(Locale.ROOT, "%.2f s: fetch %.2f, normalize %.2f, stage %.2f; %,d rows staged", stage.seconds(),
						stage.stepSeconds().get("fetch"), stage.stepSeconds().get("normalize"),
						stage.stepSeconds().get("stage"), stage.stagedRows())));
		lines.add(row("stage floor (1 thread)", rate(stageFloor.rowsPerSecond(), stageFloor.mbPerSecond()),
				String.format(Locale.ROOT, "%.2f s, CSV read + gzip -1 to nothing", stageFloor.seconds())));
		if (stageFloorThreads != null) {
			lines.add(row("stage floor (" + threads + " threads)",
					rate(stageFloorThreads.rowsPerSecond(), stageFloorThreads.mbPerSecond()),
					String.format(Locale.ROOT, "%.2f s, %.2fx the 1-thread floor", stageFloorThreads.seconds(),
							floorThreadsVsOne)));
		}
		lines.add(row("stage / floor", String.format(Locale.ROOT, "%.2f", stageVsFloor),
				"at " + threads(stage.threads() > 1 && stageFloorThreads != null ? threads : 1)));
		lines.add(row("staged gzip floor", rate(stagedGzipFloor.rowsPerSecond(), stagedGzipFloor.mbPerSecond()),
				String.format(Locale.ROOT, "%.2f s, gzip -1 of the %.1f MB staged (%,d rows), 1 thread",
						stagedGzipFloor.seconds(), stagedGzipFloor.bytes() / 1e6, stagedGzipFloor.rows())));
		lines.add(row("stage / both floors", String.format(Locale.ROOT, "%.2f", stageVsFloors),
				"read floor + staged gzip floor (split over the threads)"));
		lines.add(row("load", rate(load.rowsPerSecond(), -1),
				String.format(Locale.ROOT, "%.2f s, %,d rows", load.seconds(), load.rows())));
		lines.add(row("load floor", rate(loadFloor.rowsPerSecond(), -1),
				String.format(Locale.ROOT, "%.2f s, plain LOAD DATA LOCAL INFILE", loadFloor.seconds())));
		lines.add(row("load / floor", String.format(Locale.ROOT, "%.2f", loadVsFloor), ""));
		lines.add(row("keyed load floor", rate(keyedLoadFloor.rowsPerSecond(), -1),
				String.format(Locale.ROOT, "%.2f s, the same LOAD DATA into copies of the tables with their keys",
						keyedLoadFloor.seconds())));
		lines.add(row("load / keyed floor", String.format(Locale.ROOT, "%.2f", loadVsKeyedFloor), ""));
		lines.add(row("rollup rebuild", String.format(Locale.ROOT, "%.2f s", rollup.seconds()),
				String.format(Locale.ROOT, "%,d contacts", rollup.contacts())));
		lines.add(row("peak heap", mb(memory.peakHeapBytes()),
				String.format(Locale.ROOT, "of %s max; %d GCs, %d ms", mb(memory.heapMaxBytes()), memory.gcCount(),
						memory.gcMillis())));
		lines.add(row("peak heap after GC", mb(memory.peakHeapAfterGcBytes()), "the most the heap held after a collection"));
		lines.add(row("peak RSS", memory.peakRssBytes() < 0 ? "n/a" : mb(memory.peakRssBytes()),
				"this JVM (S3Proxy included, MariaDB not)"));
		StringBuilder out = new StringBuilder();
		for (String[] line : lines) {
			out.append(String.format(Locale.ROOT, "%-24s %-30s %s", (Object[]) line).stripTrailing()).append('\n');
		}
		for (String note : notes) {
			out.append("note: ").append(note).append('\n');
		}
		return out.toString();
	}

	private static String threads(int count) {
		return count + (count == 1 ? " thread" : " threads");
	}

	private static String[] row(String name, String value, String detail) {
		return new String[] { name, value, detail };
	}

	private static String rate(double rowsPerSecond, double mbPerSecond) {
		return String.format(Locale.ROOT, "%,.0f rows/s", rowsPerSecond)
				+ (mbPerSecond < 0 ? "" : String.format(Locale.ROOT, ", %.1f MB/s", mbPerSecond));
	}

	private static String mb(long bytes) {
		return String.format(Locale.ROOT, "%.0f MB", bytes / 1e6);
	}
}
