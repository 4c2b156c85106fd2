package io.touchpoint.jobs.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;
import picocli.CommandLine;
import picocli.CommandLine.Help;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Model.PositionalParamSpec;

/**
 * How {@code --help} lays out text: descriptions and footers written as several source lines are joined into
 * paragraphs and wrapped at spaces only (never inside a word, a property name or a URI); command examples
 * are never wrapped; the command list shows each command's first sentence whole. Also the short usage a
 * usage error prints.
 */
final class HelpLayout {

	static final int WIDTH = 80;

	private HelpLayout() {
	}

	/** Installs the layout on a command and all its subcommands. */
	static void install(CommandLine command) {
		Map<String, CommandLine.IHelpSectionRenderer> sections = command.getHelpSectionMap();
		sections.put(CommandLine.Model.UsageMessageSpec.SECTION_KEY_DESCRIPTION,
				help -> paragraphs(help.commandSpec().usageMessage().description()));
		sections.put(CommandLine.Model.UsageMessageSpec.SECTION_KEY_FOOTER,
				help -> paragraphs(help.commandSpec().usageMessage().footer()));
		sections.put(CommandLine.Model.UsageMessageSpec.SECTION_KEY_COMMAND_LIST, HelpLayout::commandList);
		sections.put(CommandLine.Model.UsageMessageSpec.SECTION_KEY_OPTION_LIST, HelpLayout::optionList);
		sections.put(CommandLine.Model.UsageMessageSpec.SECTION_KEY_PARAMETER_LIST, help -> "");
		command.setHelpSectionMap(sections);
		command.getSubcommands().values().forEach(HelpLayout::install);
	}

	/**
	 * "Usage: touchpoint run [OPTIONS] JOB" and "See 'touchpoint run --help'.": what follows the error of a bad
	 * argument, instead of the whole help.
	 */
	static String shortUsage(CommandLine command) {
		CommandSpec spec = command.getCommandSpec();
		StringBuilder usage = new StringBuilder("Usage: ").append(spec.qualifiedName());
		if (!spec.options().isEmpty()) {
			usage.append(" [OPTIONS]");
		}
		for (OptionSpec option : spec.requiredArgs().stream().filter(OptionSpec.class::isInstance)
			.map(OptionSpec.class::cast).toList()) {
			usage.append(' ').append(option.longestName()).append('=').append(label(option));
		}
		for (PositionalParamSpec positional : spec.positionalParameters()) {
			usage.append(' ').append(positional.required() ? label(positional) : "[" + label(positional) + "]");
			if (positional.isMultiValue()) {
				usage.append("...");
			}
		}
		if (!spec.subcommands().isEmpty()) {
			usage.append(" COMMAND");
		}
		return usage + "\nSee '" + spec.qualifiedName() + " --help'.\n";
	}

	private static String label(ArgSpec arg) {
		String label = arg.paramLabel();
		return label.startsWith("<") && label.endsWith(">") ? label.substring(1, label.length() - 1).toUpperCase() : label;
	}

	/** Each command with its first sentence, wrapped under the description column. */
	private static String commandList(Help help) {
		Map<String, CommandLine> commands = help.commandSpec().subcommands();
		if (commands.isEmpty()) {
			return "";
		}
		int width = commands.keySet().stream().mapToInt(String::length).max().orElse(0) + 4;
		StringBuilder out = new StringBuilder();
		java.util.Set<CommandLine> seen = new java.util.HashSet<>();
		for (var entry : commands.entrySet()) {
			if (!seen.add(entry.getValue())) {
				continue;
			}
			var usage = entry.getValue().getCommandSpec().usageMessage();
			List<String> paragraphs = joined(usage.header().length > 0 ? usage.header() : usage.description());
			String text = firstSentence(paragraphs.stream().filter(p -> !p.isBlank()).findFirst().orElse("").strip());
			out.append(column("  " + entry.getKey(), width + 2, text));
		}
		return out.toString();
	}

	/** Options and positional parameters: names, then the description wrapped at spaces under its column. */
	private static String optionList(Help help) {
		CommandSpec spec = help.commandSpec();
		List<String[]> rows = new ArrayList<>();
		for (PositionalParamSpec positional : spec.positionalParameters()) {
			rows.add(new String[] { "      " + label(positional), description(positional) });
		}
		List<OptionSpec> options = new ArrayList<>(spec.options());
		options.removeIf(OptionSpec::hidden);
		options.sort(java.util.Comparator.comparing(o -> o.longestName().replaceFirst("^-+", "").toLowerCase()));
		for (OptionSpec option : options) {
			String[] names = option.names();
			String shortName = names.length > 1 && names[0].length() == 2 ? names[0] + ", " : "    ";
			String name = option.longestName() + (option.arity().max() > 0 ? "=" + label(option) : "");
			rows.add(new String[] { "  " + shortName + name, description(option) });
		}
		int width = Math.min(30, rows.stream().mapToInt(row -> row[0].length()).max().orElse(0) + 2);
		StringBuilder out = new StringBuilder();
		for (String[] row : rows) {
			out.append(column(row[0], width, row[1]));
		}
		return out.toString();
	}

	private static String description(ArgSpec arg) {
		String text = String.join(" ", arg.description());
		String defaultValue = arg.defaultValueString();
		return text.replace("${DEFAULT-VALUE}", defaultValue == null ? "" : defaultValue).replace("%%", "%");
	}

	/** {@code left} padded to {@code width}, then {@code text} wrapped at spaces, continuation lines indented. */
	private static String column(String left, int width, String text) {
		String indent = " ".repeat(width + 2);
		List<String> lines = wrap(text, WIDTH - indent.length());
		StringBuilder out = new StringBuilder();
		if (left.length() > width) {
			out.append(left).append('\n');
			lines.forEach(line -> out.append(indent).append(line).append('\n'));
			return out.toString();
		}
		out.append(left).append(" ".repeat(width + 2 - left.length()));
		for (int i = 0; i < lines.size(); i++) {
			out.append(i == 0 ? "" : indent).append(lines.get(i)).append('\n');
		}
		if (lines.isEmpty()) {
			out.append('\n');
		}
		return out.toString();
	}

	/**
	 * The source lines as text: a line that does not end a sentence (or a heading ending in ':') goes on with the
	 * next; an indented line (an example, a list item) is its own paragraph, wrapped with a hanging indent, and an
	 * example (indented, starting with {@code ./}, {@code #} or a cron line, or indented 4 and more and starting with {@code -}: its continuation) is
	 * kept as it is. {@code %n} (picocli's
	 * line break) ends a paragraph.
	 */
	private static String paragraphs(String[] lines) {
		StringBuilder out = new StringBuilder();
		for (String paragraph : joined(lines)) {
			if (paragraph.isEmpty()) {
				out.append('\n');
				continue;
			}
			int indent = paragraph.length() - paragraph.stripLeading().length();
			if (indent >= 4 && paragraph.strip().startsWith("-") || indent > 0 && isVerbatim(paragraph.strip())) {
				out.append(paragraph).append('\n');
				continue;
			}
			String prefix = " ".repeat(indent);
			List<String> wrapped = wrap(paragraph.strip(), WIDTH - indent - (indent > 0 ? 2 : 0));
			for (int i = 0; i < wrapped.size(); i++) {
				out.append(prefix).append(i == 0 || indent == 0 ? "" : "  ").append(wrapped.get(i)).append('\n');
			}
		}
		return out.toString();
	}

	private static boolean isVerbatim(String line) {
		return line.startsWith("./") || line.startsWith("#") || line.matches("^[0-9*].*") || line.startsWith("touchpoint ")
				|| line.startsWith("curl ");
	}

	/** Source lines joined into paragraphs (see {@link #paragraphs}). */
	private static List<String> joined(String[] source) {
		List<String> lines = new ArrayList<>();
		for (String line : source) {
			lines.addAll(List.of(line.replace("%%", "%").split("%n", -1)).stream().map(l -> l.isEmpty() && !line.isEmpty() ? " " : l)
				.toList());
		}
		List<String> paragraphs = new ArrayList<>();
		StringBuilder current = null;
		for (String line : lines) {
			boolean indented = line.startsWith(" ");
			if (line.isBlank()) {
				flush(paragraphs, current);
				current = null;
				paragraphs.add("");
				continue;
			}
			if (current != null && !indented && current.charAt(0) != ' '
					&& (!endsSentence(current) || current.toString().endsWith(":") && Character.isLowerCase(line.charAt(0)))) {
				current.append(' ').append(line.strip());
				continue;
			}
			flush(paragraphs, current);
			current = new StringBuilder(line.stripTrailing());
		}
		flush(paragraphs, current);
		return paragraphs;
	}

	private static boolean endsSentence(CharSequence text) {
		String s = text.toString().stripTrailing();
		if (s.isEmpty()) {
			return true;
		}
		char last = s.charAt(s.length() - 1);
		return last == '.' || last == ':' || last == '!' || last == '?' || isVerbatim(s.strip());
	}

	private static void flush(List<String> paragraphs, @Nullable StringBuilder current) {
		if (current != null) {
			paragraphs.add(current.toString());
		}
	}

	/** The text up to the end of its first sentence (a '. ' not after "e.g" or "i.e"), or all of it. */
	static String firstSentence(String text) {
		for (int i = text.indexOf(". "); i >= 0; i = text.indexOf(". ", i + 1)) {
			if (!text.startsWith("e.g", Math.max(0, i - 3)) && !text.startsWith("i.e", Math.max(0, i - 3))) {
				return text.substring(0, i + 1);
			}
		}
		return text;
	}

	/** Words of {@code text} in lines of at most {@code width} characters, broken at spaces only. */
	static List<String> wrap(String text, int width) {
		List<String> lines = new ArrayList<>();
		StringBuilder line = new StringBuilder();
		for (String word : text.split(" +")) {
			if (word.isEmpty()) {
				continue;
			}
			if (line.length() > 0 && line.length() + 1 + word.length() > width) {
				lines.add(line.toString());
				line.setLength(0);
			}
			line.append(line.length() == 0 ? "" : " ").append(word);
		}
		if (line.length() > 0) {
			lines.add(line.toString());
		}
		return lines;
	}
}
