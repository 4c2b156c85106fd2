package io.touchpoint.jobs.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.CommandSpec;

import io.touchpoint.jobs.support.InProcessCli;
import io.touchpoint.jobs.support.InProcessCli.Result;

/**
 * A bad argument prints the error, the one-line usage and where the help is, nothing more; {@code --help} wraps
 * at spaces only and the command list gives each command's first sentence whole. No server is started.
 */
class HelpAndUsageTests {

	@Test
	void badDateIsNamedWithTheFormatToUseAndNoJavaInternals() {
		// when
		Result result = InProcessCli.run("run", "nightly", "--tenant", "acme", "--date", "11/21/2026");

		// then
		assertThat(result.code()).isEqualTo(2);
		assertThat(result.out()).isEmpty();
		assertThat(result.err()).isEqualTo("""
				touchpoint: Invalid value for option '--date': '11/21/2026' is not a date: write it as YYYY-MM-DD, e.g. 2026-11-21
				Usage: touchpoint run [OPTIONS] --tenant=TENANT JOB
				See 'touchpoint run --help'.
				""");
	}

	@Test
	void unknownOptionAndBadZoneArePrintedWithTheShortUsageOnly() {
		// when
		Result unknown = InProcessCli.run("report", "ltv", "--tenant", "acme", "--colour", "red");
		Result zone = InProcessCli.run("schedules", "add", "eu", "--cron", "0 0 3 * * ?", "--zone", "Europe/Pariss");

		// then
		assertThat(unknown.code()).isEqualTo(2);
		assertThat(unknown.err()).isEqualTo("""
				touchpoint: Unknown options: '--colour', 'red'
				Usage: touchpoint report [OPTIONS] --tenant=TENANT REPORT
				See 'touchpoint report --help'.
				""");
		assertThat(zone.code()).isEqualTo(2);
		assertThat(zone.err()).startsWith("touchpoint: Invalid value for option '--zone': 'Europe/Pariss' is not a time zone:")
			.endsWith("See 'touchpoint schedules add --help'.\n")
			.doesNotContain("java.").doesNotContain("Exception");
		assertThat(zone.err().lines()).hasSize(3);
		Result typo = InProcessCli.run("reprot", "ltv");
		assertThat(typo.code()).isEqualTo(2);
		assertThat(typo.err()).isEqualTo("""
				touchpoint: Unmatched arguments from index 0: 'reprot', 'ltv' (did you mean report?)
				Usage: touchpoint [OPTIONS] COMMAND
				See 'touchpoint --help'.
				""");
	}

	@Test
	void aFormatIsOneOfThoseTheHelpListsAndAnyOtherIsRefusedNamingThem() {
		// when
		Result query = InProcessCli.run("query", "--format", "xml", "SELECT 1");
		Result report = InProcessCli.run("report", "ltv", "--tenant", "acme", "--format", "pdf");
		Result explain = InProcessCli.run("explain", "--tenant", "acme", "--session", "s", "--format", "html");

		// then: refused before any database is opened, with the values
		assertThat(query.code()).isEqualTo(2);
		assertThat(query.err()).startsWith("touchpoint: Invalid value for option '--format': expected one of "
				+ "[table, csv, json] (case-insensitive) but was 'xml'\n");
		assertThat(report.err()).startsWith("touchpoint: Invalid value for option '--format': expected one of "
				+ "[table, csv, json, html] (case-insensitive) but was 'pdf'\n");
		assertThat(explain.err()).contains("expected one of [table, csv, json] (case-insensitive) but was 'html'");
		assertThat(InProcessCli.run("report", "--help").out()).contains("table, csv, json, html (default: table)");
		assertThat(InProcessCli.run("query", "--help").out()).contains("table, csv, json (default: table)");
	}

	@Test
	void theTenantAndSourceOptionsReadTheSameInEveryCommandThatTakesThem() {
		// when
		List<String> helps = List.of("schema show", "checks show", "cursor show").stream()
			.map(command -> InProcessCli.run((command + " --help").split(" ")).out())
			.toList();
		Result missing = InProcessCli.run("cursor", "rewind", "--source", "stripe", "--to", "2026-11-01");

		// then
		assertThat(helps).allSatisfy(help -> assertThat(help).containsPattern("--tenant=TENANT +Tenant id\n")
			.containsPattern("--source=SOURCE +Only this source\n"));
		assertThat(missing.code()).isEqualTo(2);
		assertThat(missing.err()).startsWith("touchpoint: Missing required option: '--tenant");
	}

	@Test
	void commandListGivesEachCommandsFirstSentenceWhole() {
		// when
		Result help = InProcessCli.run("--help");

		// then: every entry, its wrapped lines joined, is a sentence ending in a full stop
		assertThat(help.code()).isZero();
		String list = help.out().substring(help.out().indexOf("Commands:\n") + 10, help.out().indexOf("\n\nExit codes"));
		List<String> entries = new ArrayList<>();
		for (String line : list.split("\n")) {
			if (line.startsWith("  ") && !line.startsWith("   ")) {
				entries.add(line.strip());
			}
			else {
				entries.set(entries.size() - 1, entries.get(entries.size() - 1) + " " + line.strip());
			}
		}
		assertThat(entries).hasSize(29).allSatisfy(entry -> assertThat(entry).endsWith("."));
		assertThat(help.out()).contains("\n  schedules       List and change the schedules.\n")
			.contains("\n  scheduler       Run a scheduler node until SIGTERM or Ctrl-C.\n")
			.contains("\n  worker          Run normalize partitions that nights send over the message\n")
			.contains("\n  help            Display help information about the specified command.\n");
	}

	@Test
	void everyHelpWrapsAtSpacesOnlyKeepingEachWordWhole() {
		CommandLine cli = TouchpointCli.commandLine(new java.io.PrintWriter(java.io.Writer.nullWriter()),
				new java.io.PrintWriter(java.io.Writer.nullWriter()));
		for (CommandLine command : all(cli)) {
			String help = command.getUsageMessage(CommandLine.Help.Ansi.OFF);
			Set<String> rendered = new HashSet<>(Arrays.asList(help.split("\\s+")));
			for (String word : sourceWords(command.getCommandSpec())) {
				assertThat(rendered).as(command.getCommandSpec().qualifiedName() + ": '" + word + "' whole in\n" + help)
					.contains(word);
			}
			for (String line : help.split("\n")) {
				boolean example = line.startsWith("  ./touchpoint") || line.startsWith("    ") && line.strip().startsWith("--")
						|| line.startsWith("  TOUCHPOINT_") || line.startsWith("  0 ");
				if (!example) {
					assertThat(line.length()).as(command.getCommandSpec().qualifiedName() + ": " + line).isLessThanOrEqualTo(80);
				}
			}
		}
		// the URI of run's --inbox, once broken after "s3:", is whole
		assertThat(cli.getSubcommands().get("run").getUsageMessage()).contains("a folder or s3://bucket/prefix,");
	}

	private static List<CommandLine> all(CommandLine command) {
		List<CommandLine> all = new ArrayList<>(List.of(command));
		command.getSubcommands().values().stream().distinct().filter(sub -> !sub.getCommandName().equals("help"))
			.forEach(sub -> all.addAll(all(sub)));
		return all;
	}

	/** The words of a command's description, footer and option descriptions, as its source writes them. */
	private static List<String> sourceWords(CommandSpec spec) {
		List<String> text = new ArrayList<>(List.of(spec.usageMessage().description()));
		text.addAll(List.of(spec.usageMessage().footer()));
		for (ArgSpec arg : spec.args()) {
			text.addAll(List.of(arg.description()));
		}
		return text.stream().flatMap(line -> Arrays.stream(line.split("\\s+")))
			.filter(word -> !word.isEmpty() && !word.contains("${") && !word.contains("%"))
			.toList();
	}
}
