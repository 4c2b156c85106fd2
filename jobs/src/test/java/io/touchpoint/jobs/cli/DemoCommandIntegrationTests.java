package io.touchpoint.jobs.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import io.touchpoint.jobs.support.ChildCli;

/**
 * {@code touchpoint demo} as the README's first command runs it (its own JVM, default settings): the console holds
 * what a person reads, the nights and the report, while the log goes to the log file; and the top findings of
 * every tenant rest on groups large enough to trust.
 */
class DemoCommandIntegrationTests {

	private static final Pattern COUNTS = Pattern.compile("\\(([+-].+?), ([\\d,]+) vs ([\\d,]+) contacts\\)\\.");

	@Test
	void demoPrintsNightsAndTrustworthyFindingsAndLeavesTheLogToItsFile() throws Exception {
		// given
		Path home = Files.createTempDirectory(Files.createDirectories(Path.of("target").toAbsolutePath()), "demo");

		// when
		ChildCli demo = ChildCli.run(Map.of(), "--home", home.toString(), "demo");

		// then
		assertThat(demo.exitCode(10)).as(demo.output()).isZero();
		List<String> lines = demo.lines();
		assertThat(lines).as("no log line on the console").noneMatch(line -> line.matches("^\\d\\d:\\d\\d:\\d\\d +[A-Z]+ .*"));
		assertThat(lines).filteredOn(line -> line.startsWith("nightly ")).hasSize(6)
			.allMatch(line -> line.contains(": COMPLETED in "));
		assertThat(lines.get(lines.size() - 1)).startsWith("Demo finished in ");
		assertThat(Files.readString(home.resolve("logs/touchpoint.log"))).contains("Applied V001__canonical_schema.sql");
		// three sentences per tenant, each on two groups of at least 30 contacts (the default small-group size)
		List<String> findings = lines.stream().filter(line -> line.startsWith("Contacts ")).toList();
		assertThat(findings).hasSize(9).noneMatch(line -> line.contains("Too few contacts to trust"));
		for (String finding : findings) {
			Matcher counts = COUNTS.matcher(finding);
			assertThat(counts.find()).as(finding).isTrue();
			assertThat(Integer.parseInt(counts.group(2).replace(",", ""))).as(finding).isGreaterThanOrEqualTo(30);
			assertThat(Integer.parseInt(counts.group(3).replace(",", ""))).as(finding).isGreaterThanOrEqualTo(30);
		}
		// the first tenant's sessions hold several events, and its demo funnel loses contacts at every step: the
		// shares of the first step's contacts that went on fall, and some reach the purchase
		assertThat(lines).filteredOn(line -> line.startsWith("The most common path is ")).singleElement().asString()
			.contains(" > ");
		String funnel = lines.stream().filter(line -> line.startsWith("Funnel trial: of ")).findFirst().orElseThrow();
		List<Integer> shares = Pattern.compile("(\\d+)% ").matcher(funnel).results()
			.map(share -> Integer.parseInt(share.group(1)))
			.toList();
		assertThat(shares).as(funnel).hasSize(3).isSortedAccordingTo(java.util.Comparator.reverseOrder());
		assertThat(shares.get(0)).as(funnel).isLessThan(100);
		assertThat(shares.get(2)).as(funnel).isPositive().isLessThan(shares.get(1));
		assertThat(lines).as("the paths to a first purchase")
			.anyMatch(line -> line.startsWith("The most common path to a first purchase is "));
	}
}
