package io.touchpoint.jobs.cli;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Callable;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

import io.touchpoint.jobs.config.Durations;
import io.touchpoint.jobs.config.TouchpointProperties;
import io.touchpoint.jobs.report.TableFormat;
import io.touchpoint.jobs.sources.declarative.Connector;
import io.touchpoint.jobs.sources.declarative.ConnectorCheck;
import io.touchpoint.jobs.sources.declarative.Connectors;

/**
 * {@code touchpoint connectors list|show|check}: the API sources declared by connector files. None of them
 * starts a database: {@code check} asks the vendor for one page per stream and prints what it maps to,
 * writing nothing.
 */
@Command(name = "connectors", mixinStandardHelpOptions = true,
		description = { "The API sources declared by connector files: the built-ins and <home>/connectors/*.yml "
				+ "(see docs/connectors.md). A tenant fetches one when touchpoint.connections.<tenant>.<source>.* is set." },
		subcommands = { ConnectorsCommand.ListConnectors.class, ConnectorsCommand.Show.class, ConnectorsCommand.Check.class },
		footer = { "", "Examples:", "  ./touchpoint connectors list", "  ./touchpoint connectors show klaviyo",
				"  ./touchpoint connectors check klaviyo --tenant acme" })
final class ConnectorsCommand {

	@ParentCommand
	private TouchpointCli root;

	/** The configuration the commands need: the home, the connections and the connector files. */
	@Configuration(proxyBeanMethods = false)
	@EnableConfigurationProperties(TouchpointProperties.class)
	@Import(Connectors.class)
	static class Settings {
	}

	@Command(name = "list", mixinStandardHelpOptions = true, description = "List the connectors: source, streams, file.")
	static final class ListConnectors implements Callable<Integer> {

		@ParentCommand
		private ConnectorsCommand parent;

		@Spec
		private CommandSpec spec;

		@Option(names = "--json", description = "Print JSON")
		private boolean json;

		@Override
		public Integer call() {
			try (var context = parent.root.configuration(Settings.class)) {
				List<List<Object>> rows = new ArrayList<>();
				for (Connector connector : context.getBean(Connectors.class).all()) {
					rows.add(Arrays.asList(connector.source(), connector.title(), String.join(", ", connector.streamNames()),
							connector.file()));
				}
				spec.commandLine().getOut().print(TableFormat.render(json ? "json" : "table",
						List.of("source", "title", "streams", "file"), rows));
				return TouchpointCli.OK;
			}
		}
	}

	@Command(name = "show", mixinStandardHelpOptions = true,
			description = "Show a connector: its API, auth, streams, what it maps to and what of the API it leaves out.")
	static final class Show implements Callable<Integer> {

		@ParentCommand
		private ConnectorsCommand parent;

		@Spec
		private CommandSpec spec;

		@Parameters(paramLabel = "NAME", description = "The connector's source name, e.g. klaviyo")
		private String name;

		@Override
		public Integer call() {
			try (var context = parent.root.configuration(Settings.class)) {
				Connector connector = find(context.getBean(Connectors.class), name);
				PrintWriter out = spec.commandLine().getOut();
				out.println(connector.title() + " (" + connector.source() + ")");
				out.println("file:        " + connector.file());
				out.println("docs:        " + connector.docs());
				out.println("base URL:    " + connector.baseUrl() + " (touchpoint.connections.<tenant>." + connector.source()
						+ ".base-url overrides it)");
				out.println("auth:        " + ConnectorCheck.describe(connector.auth(), connector.source()));
				out.println("rate:        " + (connector.rate() > 0 ? connector.rate() + " requests/s" : "unpaced")
						+ ", lookback " + Durations.text(connector.lookback()));
				out.println("tags:        " + connector.tagFeed().name().toLowerCase(java.util.Locale.ROOT));
				out.println("streams:");
				for (Connector.Stream stream : connector.streams().values()) {
					out.println("  " + stream.name() + ": " + stream.method() + " " + stream.path() + ", "
							+ ConnectorCheck.describe(stream) + " -> " + String.join(", ", ConnectorCheck.tables(stream)));
				}
				out.println("not covered: " + connector.notCovered());
				return TouchpointCli.OK;
			}
		}
	}

	@Command(name = "check", mixinStandardHelpOptions = true,
			description = { "Ask the vendor for the first page of each stream with the tenant's connection and print the "
					+ "first records as the rows they map to. Writes nothing: no cursor, no file, no row." })
	static final class Check implements Callable<Integer> {

		@ParentCommand
		private ConnectorsCommand parent;

		@Spec
		private CommandSpec spec;

		@Parameters(paramLabel = "NAME", description = "The connector's source name, e.g. klaviyo")
		private String name;

		@Option(names = "--tenant", required = true, description = "Tenant id: its touchpoint.connections.<tenant>.<NAME>.*")
		private String tenant;

		@Option(names = "--records", paramLabel = "N", defaultValue = "3", description = "Records printed per stream")
		private int records;

		@Override
		public Integer call() throws InterruptedException {
			try (var context = parent.root.configuration(Settings.class)) {
				Connector connector = find(context.getBean(Connectors.class), name);
				TouchpointProperties properties = context.getBean(TouchpointProperties.class);
				TouchpointProperties.Connection connection = properties.connectionsOf(tenant).get(connector.source());
				if (connection == null) {
					throw new IllegalArgumentException("Tenant " + tenant + " has no " + connector.source() + " connection: set"
							+ " touchpoint.connections." + tenant + "." + connector.source() + ".token (and what else docs/"
							+ "connectors.md lists for " + connector.source() + ")");
				}
				boolean ok = new ConnectorCheck(connector, properties.api().retryPolicy())
					.run(tenant, connection, records, spec.commandLine().getOut());
				return ok ? TouchpointCli.OK : TouchpointCli.FAILED;
			}
		}
	}

	private static Connector find(Connectors connectors, String name) {
		Connector connector = connectors.find(name);
		if (connector == null) {
			throw new IllegalArgumentException("No connector '" + name + "' (connectors: " + String.join(", ",
					connectors.all().stream().map(Connector::source).toList()) + ")");
		}
		return connector;
	}
}
