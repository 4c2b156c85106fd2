package io.touchpoint.jobs.cli;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Callable;

import org.jspecify.annotations.Nullable;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

import io.touchpoint.jobs.report.TableFormat;
import io.touchpoint.jobs.sources.api.ApiSource;
import io.touchpoint.jobs.sources.api.ApiSources;
import io.touchpoint.jobs.sources.api.CursorStore;

/** {@code touchpoint cursor show|rewind}: where each API stream of a tenant will fetch from next. */
@Command(name = "cursor", mixinStandardHelpOptions = true,
		description = { "Inspect and rewind the cursors of API sources. A stream's cursor is the time before which every "
				+ "record has been loaded; the next nightly run fetches from the cursor minus the source's lookback.",
				"Cursors move only when a run's batch has reconciled; backfills never move them." },
		subcommands = { CursorCommand.Show.class, CursorCommand.Rewind.class },
		footer = { "", "Examples:", "  ./touchpoint cursor show --tenant acme",
				"  ./touchpoint cursor show --tenant acme --source stripe --history 20",
				"  ./touchpoint cursor rewind --tenant acme --source stripe --to 2026-11-01",
				"  ./touchpoint cursor rewind --tenant acme --source hubspot --stream contacts --to 2026-11-01T12:00:00Z" })
final class CursorCommand {

	@ParentCommand
	private TouchpointCli root;

	@Command(name = "show", mixinStandardHelpOptions = true, description = "Show a tenant's cursors, and a source's history of changes.")
	static final class Show implements Callable<Integer> {

		@ParentCommand
		private CursorCommand parent;

		@Spec
		private CommandSpec spec;

		@Mixin
		private TenantScope scope;

		@Option(names = "--history", paramLabel = "N", defaultValue = "0",
				description = "Also the last N changes of the source's cursors (needs --source)")
		private int history;

		@Option(names = "--json", description = "Print JSON")
		private boolean json;

		@Override
		public Integer call() {
			String tenant = scope.tenant();
			String source = scope.source();
			if (history > 0 && source == null) {
				throw new IllegalArgumentException("--history needs --source");
			}
			try (Session session = parent.root.session(true)) {
				scope.requireKnownTenant(session);
				CursorStore store = session.bean(CursorStore.class);
				var out = spec.commandLine().getOut();
				List<List<Object>> rows = new ArrayList<>();
				for (CursorStore.Cursor cursor : store.cursors(tenant, source)) {
					rows.add(Arrays.asList(cursor.source(), cursor.stream(), cursor.value().toString(), cursor.batchId(),
							String.valueOf(cursor.updatedAt())));
				}
				if (rows.isEmpty() && !json) {
					out.println("No cursors for " + scope.describe()
							+ ": its API streams have not been loaded yet, so the next run starts at the connection's start"
							+ " (by default 30 days before its date).");
				}
				else {
					out.print(TableFormat.render(json ? "json" : "table",
							List.of("source", "stream", "cursor", "batch", "updated_at"), rows));
				}
				if (history > 0) {
					List<List<Object>> changes = new ArrayList<>();
					for (CursorStore.Change change : store.history(tenant, source, history)) {
						changes.add(Arrays.asList(change.id(), change.stream(), change.oldValue(), change.newValue(),
								String.valueOf(change.changedAt()), change.reason()));
					}
					if (!json) {
						out.println();
						out.println("History (newest first):");
					}
					out.print(TableFormat.render(json ? "json" : "table",
							List.of("id", "stream", "from", "to", "changed_at", "reason"), changes));
				}
				return TouchpointCli.OK;
			}
		}
	}

	@Command(name = "rewind", mixinStandardHelpOptions = true,
			description = { "Move a tenant's cursor of a source (all its streams, or one) back, so the next nightly run "
					+ "fetches again from there. Records fetched again are loaded once: purchases, refunds and contacts "
					+ "are keyed. The change is kept in the cursor history." })
	static final class Rewind implements Callable<Integer> {

		@ParentCommand
		private CursorCommand parent;

		@Spec
		private CommandSpec spec;

		@Mixin
		private TenantScope.OneSource scope;

		@Option(names = "--stream", description = "Only this stream (default: all the source's streams)")
		private @Nullable String stream;

		@Option(names = "--to", required = true, paramLabel = "TIME",
				description = "The new cursor: a date (its start, UTC) or an ISO instant such as 2026-11-01T12:00:00Z")
		private String to;

		@Override
		public Integer call() {
			Instant target = parse(to);
			String tenant = scope.tenant();
			String source = scope.source();
			try (Session session = parent.root.session(true)) {
				scope.requireKnownTenant(session);
				ApiSource api = session.bean(ApiSources.class).find(source);
				if (api == null) {
					throw new IllegalArgumentException("'" + source + "' is not an API source (API sources: "
							+ session.bean(ApiSources.class).names() + ")");
				}
				List<String> streams = stream == null ? api.streams() : List.of(stream);
				if (stream != null && !api.streams().contains(stream)) {
					throw new IllegalArgumentException(source + " has no stream '" + stream + "' (streams: " + api.streams() + ")");
				}
				CursorStore store = session.bean(CursorStore.class);
				var out = spec.commandLine().getOut();
				new TransactionTemplate(session.bean(PlatformTransactionManager.class)).executeWithoutResult(status -> {
					for (String name : streams) {
						Instant current = store.cursor(tenant, source, name);
						if (current != null && current.isBefore(target)) {
							throw new IllegalArgumentException("The " + source + " " + name + " cursor of tenant " + tenant
									+ " is at " + current + ", before " + target + ": rewind only moves a cursor back."
									+ " Nothing was changed.");
						}
					}
					for (String name : streams) {
						Instant old = store.set(tenant, source, name, target, "rewound with touchpoint cursor rewind by "
								+ System.getProperty("user.name", "unknown"), null);
						out.println(source + " " + name + ": " + (old == null ? "(none)" : old) + " -> " + target);
					}
				});
				out.println("The next nightly run of tenant " + tenant + " fetches " + source + " from " + target
						+ " minus the source's lookback.");
				return TouchpointCli.OK;
			}
		}

		private static Instant parse(String text) {
			try {
				return text.length() == 10 ? LocalDate.parse(text).atStartOfDay(ZoneOffset.UTC).toInstant() : Instant.parse(text);
			}
			catch (DateTimeParseException ex) {
				throw new IllegalArgumentException("--to '" + text + "' is neither a date (2026-11-01) nor an instant "
						+ "(2026-11-01T12:00:00Z)");
			}
		}
	}
}
