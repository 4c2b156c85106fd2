package io.touchpoint.jobs.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code touchpoint bench --json} on its own embedded home: one JSON object with every figure, and row
 * counts that agree with the rows asked for. No figure is compared with a threshold: rates are measured,
 * never asserted.
 */
class BenchCommandIntegrationTests {

	@TempDir
	static Path dir;

	@Test
	void benchPrintsEveryFigureAsJsonAndCountsEveryGeneratedRow() {
		// given a fresh home; when
		StringWriter out = new StringWriter();
		StringWriter err = new StringWriter();
		int code = TouchpointCli.commandLine(new PrintWriter(out, true), new PrintWriter(err, true))
			.execute("--home", dir.resolve("home").toString(), "bench", "--rows", "2000", "--threads", "2", "--json");

		// then
		assertThat(code).as(err.toString()).isZero();
		JsonNode result = JsonMapper.builder().build().readTree(out.toString());
		assertThat(result.propertyNames()).containsExactlyInAnyOrder("shape", "rows", "bytes", "threads", "stage",
				"stageFloor", "stageFloorThreads", "stageVsFloor", "floorThreadsVsOne", "stagedGzipFloor", "stageVsFloors",
				"load", "loadFloor", "loadVsFloor", "keyedLoadFloor", "loadVsKeyedFloor",
				"rollup", "memory", "notes");
		assertThat(result.get("stage").propertyNames()).contains("rows", "seconds", "rowsPerSecond", "mbPerSecond",
				"stepSeconds", "stagedRows");
		assertThat(result.get("stage").get("stepSeconds").propertyNames()).contains("fetch", "normalize", "stage", "load",
				"rollup");
		assertThat(result.get("memory").propertyNames()).contains("peakHeapBytes", "peakHeapAfterGcBytes", "peakRssBytes",
				"gcCount");
		assertThat(result.get("rollup").propertyNames()).contains("contacts", "seconds");

		// the export, the stage path and both floors each count the 2000 generated rows
		assertThat(result.get("shape").asString()).isEqualTo("tags");
		assertThat(result.get("rows").asLong()).isEqualTo(2000);
		assertThat(result.get("stage").get("rows").asLong()).isEqualTo(2000);
		assertThat(result.get("stageFloor").get("rows").asLong()).isEqualTo(2000);
		assertThat(result.get("stageFloorThreads").get("rows").asLong()).isEqualTo(2000);
		assertThat(result.get("stageFloorThreads").get("threads").asInt()).isEqualTo(2);
		assertThat(result.get("stage").get("threads").asInt()).isEqualTo(2);
		// one HubSpot row is one contact, one record_id identity and its tags: at least 2 staged rows per row
		long staged = result.get("stage").get("stagedRows").asLong();
		assertThat(staged).isGreaterThanOrEqualTo(2 * 2000);
		assertThat(result.get("load").get("rows").asLong()).isEqualTo(staged);
		assertThat(result.get("loadFloor").get("rows").asLong()).isEqualTo(staged);
		assertThat(result.get("stagedGzipFloor").get("rows").asLong()).isEqualTo(staged);
		assertThat(result.get("keyedLoadFloor").get("rows").asLong()).isEqualTo(staged);
		// each of the 2000 rows has its own e-mail, so its own contact
		assertThat(result.get("rollup").get("contacts").asInt()).isEqualTo(2000);
		assertThat(dir.resolve("home/bench")).as("generated files are deleted").isEmptyDirectory();
	}
}
