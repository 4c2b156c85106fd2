package io.touchpoint.jobs.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;

import io.touchpoint.jobs.config.InvalidConfigurationException;
import io.touchpoint.jobs.embedded.HomeLock;
import io.touchpoint.jobs.executions.JobRuns;
import io.touchpoint.jobs.failures.FailureMessages;

/**
 * The {@code touchpoint} command line. Exit codes: 0 completed, 1 failed (the message names the file,
 * line or key and what to do), 2 usage or configuration error, including a refused launch (a night
 * already completed or running, or the home folder in use).
 */
@Command(name = "touchpoint", mixinStandardHelpOptions = true, versionProvider = BuildVersion.class,
		description = "Batch ETL for marketing analytics: ingest exports, stage, load, roll up, report.",
		subcommands = { DemoCommand.class, RunCommand.class, ImportCommand.class, ExecutionsCommand.class,
				ExecutionCommand.class, RestartCommand.class, QuarantineCommand.class, QueryCommand.class, ReportCommand.class,
				RollupCommand.class,
				InitCommand.class, CursorCommand.class, ConnectorsCommand.class, PipelinesCommand.class, BenchCommand.class,
				SchedulesCommand.class,
				SchedulerCommand.class, WorkerCommand.class, StopCommand.class, AbandonCommand.class, RecoverCommand.class,
				AlertsCommand.class,
				PurgeCommand.class, UpCommand.class, DownCommand.class, ExplainCommand.class,
				ChecksCommand.class, SchemaCommand.class,
				CommandLine.HelpCommand.class },
		footer = { "", "Exit codes: 0 completed, 1 failed, 2 usage or configuration error (including a refused launch).",
				"Configuration: --touchpoint.x=y arguments, TOUCHPOINT_X environment variables or application.properties;"
						+ " see README.md." })
public final class TouchpointCli {

	public static final int OK = 0;

	public static final int FAILED = 1;

	public static final int USAGE = 2;

	@Option(names = "--home", scope = ScopeType.INHERIT, paramLabel = "DIR",
			description = "Where the embedded default keeps its data (default: $TOUCHPOINT_HOME, else .touchpoint/)")
	private @Nullable Path home;

	/** Spring Boot properties given on the command line as {@code --touchpoint.x=y} (any position). */
	private final List<String> properties = new ArrayList<>();

	/** The home folder: --home, else $TOUCHPOINT_HOME, else .touchpoint in the current directory. */
	public Path home() {
		if (home != null) {
			return home;
		}
		String env = System.getenv("TOUCHPOINT_HOME");
		return Path.of(env == null || env.isBlank() ? ".touchpoint" : env);
	}

	public static int run(String... args) {
		PrintWriter out = new PrintWriter(System.out, true);
		PrintWriter err = new PrintWriter(System.err, true);
		try {
			return commandLine(out, err).execute(args);
		}
		finally {
			out.flush();
			err.flush();
		}
	}

	/** Starts the application for one command, with the home folder and command-line properties. */
	Session session(boolean requireSchema) {
		return session(requireSchema, List.of());
	}

	/** Like {@link #session(boolean)}, with properties a command adds (the command line's win). */
	Session session(boolean requireSchema, List<String> commandProperties) {
		List<String> all = new ArrayList<>(commandProperties);
		all.addAll(properties);
		return Session.open(home(), requireSchema, all.toArray(String[]::new));
	}

	/**
	 * The configuration alone, bound as a session would bind it (command line, environment, application.properties)
	 * but without the databases, S3 or the embedded servers: a context of the given configuration classes only.
	 */
	ConfigurableApplicationContext configuration(Class<?>... configuration) {
		return new SpringApplicationBuilder(configuration).logStartupInfo(false)
			.properties("touchpoint.home=" + home().toAbsolutePath().normalize(), "spring.main.web-application-type=none")
			.run(Session.commandLine(properties.toArray(String[]::new)));
	}

	public static CommandLine commandLine(PrintWriter out, PrintWriter err) {
		TouchpointCli root = new TouchpointCli();
		CommandLine cli = new CommandLine(root) {
			@Override
			public int execute(String... args) {
				List<String> rest = new ArrayList<>();
				for (String arg : args) {
					if (arg.matches("--(touchpoint|spring|logging|server|management)\\.[\\w.\\[\\]-]+=.*")) {
						root.properties.add(arg.substring(2));
					}
					else {
						rest.add(arg);
					}
				}
				return super.execute(rest.toArray(String[]::new));
			}
		};
		cli.setOut(out);
		cli.setErr(err);
		cli.registerConverter(LocalDate.class, TouchpointCli::date);
		cli.registerConverter(Instant.class, TouchpointCli::instant);
		cli.registerConverter(ZoneId.class, TouchpointCli::zone);
		// --format csv: enum options are written in lower case, as their help lists them
		cli.setCaseInsensitiveEnumValuesAllowed(true);
		HelpLayout.install(cli);
		cli.setParameterExceptionHandler((ex, arguments) -> {
			CommandLine command = ex.getCommandLine();
			List<String> suggestions = ex instanceof CommandLine.UnmatchedArgumentException unmatched
					? unmatched.getSuggestions() : List.of();
			command.getErr().print("touchpoint: " + redact(ex.getMessage())
					+ (suggestions.isEmpty() ? "" : " (did you mean " + suggestions.get(0) + "?)") + "\n"
					+ HelpLayout.shortUsage(command));
			command.getErr().flush();
			return USAGE;
		});
		cli.setExecutionExceptionHandler((ex, commandLine, parseResult) -> {
			int code = isUsageError(ex) ? USAGE : FAILED;
			String message = redact(FailureMessages.summarize(ex));
			commandLine.getErr().println((code == USAGE ? "touchpoint: " : "touchpoint: failed: ") + message);
			if (code == FAILED) {
				commandLine.getErr().println("Details: " + commandLine.getCommandSpec().root().commandLine()
					.<TouchpointCli>getCommand().home().resolve("logs/touchpoint.log"));
			}
			return code;
		});
		return cli;
	}

	private static LocalDate date(String text) {
		try {
			return LocalDate.parse(text);
		}
		catch (DateTimeParseException ex) {
			throw new CommandLine.TypeConversionException("'" + text + "' is not a date: write it as YYYY-MM-DD, e.g. 2026-11-21");
		}
	}

	private static Instant instant(String text) {
		try {
			return Instant.parse(text);
		}
		catch (DateTimeParseException ex) {
			throw new CommandLine.TypeConversionException("'" + text
					+ "' is not an instant: write it as YYYY-MM-DDTHH:MM:SSZ, e.g. 2026-11-21T06:00:00Z");
		}
	}

	private static ZoneId zone(String text) {
		try {
			return ZoneId.of(text);
		}
		catch (java.time.DateTimeException ex) {
			throw new CommandLine.TypeConversionException("'" + text
					+ "' is not a time zone: write a region such as Europe/Paris or America/New_York, or UTC");
		}
	}

	/** A refused launch, a configuration error or a bad argument, anywhere in the cause chain. */
	static boolean isUsageError(Throwable failure) {
		for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
			if (t instanceof JobRuns.LaunchRefusedException || t instanceof InvalidConfigurationException
					|| t instanceof HomeLock.HomeInUseException || t instanceof IllegalArgumentException
					|| t instanceof org.springframework.boot.context.properties.bind.BindException) {
				return true;
			}
		}
		return false;
	}

	/** Replaces every configured secret value in a message with ****. */
	static @Nullable String redact(@Nullable String message) {
		if (message == null) {
			return null;
		}
		List<String> secrets = new ArrayList<>();
		for (Map.Entry<String, String> env : System.getenv().entrySet()) {
			if (env.getKey().matches("(?i).*(PASSWORD|SECRET|TOKEN|ACCESS_KEY|CREDENTIAL).*") && env.getValue().length() >= 4) {
				secrets.add(env.getValue());
			}
		}
		for (String name : System.getProperties().stringPropertyNames()) {
			if (name.matches("(?i).*(password|secret|token|access-key|credential).*")) {
				String value = System.getProperty(name);
				if (value != null && value.length() >= 4) {
					secrets.add(value);
				}
			}
		}
		String redacted = message;
		for (String secret : secrets) {
			redacted = redacted.replace(secret, "****");
		}
		return redacted;
	}
}
