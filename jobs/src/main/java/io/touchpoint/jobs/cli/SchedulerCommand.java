package io.touchpoint.jobs.cli;

import java.net.URI;
import java.util.concurrent.Callable;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

import io.touchpoint.jobs.embedded.EmbeddedStack;
import io.touchpoint.jobs.schedule.SchedulerNodes;
import io.touchpoint.jobs.watch.WatchServer;
import io.touchpoint.scheduler.SchedulerNode;

/** {@code touchpoint scheduler}: a long-running scheduler node, serving its status, health and metrics over HTTP. */
@Command(name = "scheduler", mixinStandardHelpOptions = true,
		description = { "Run a scheduler node until SIGTERM or Ctrl-C. Nodes on one metadata database form a cluster:",
				"each schedule's firing runs on exactly one node, and its tenants' runs spread over the nodes.",
				"Schedules from touchpoint.scheduler.schedules.* are synchronized into the database at start.",
				"On SIGTERM the node stops taking work, asks its running jobs to stop at the next chunk boundary",
				"(they end STOPPED; touchpoint restart ID continues them) and exits when they have.",
				"It serves over HTTP (no authentication, so on 127.0.0.1 unless told otherwise): a read-only status page",
				"at / (recent executions, schedules and their next fire times), /actuator/health (metadata database,",
				"warehouse, S3) and /actuator/prometheus (rows read/written/skipped, step durations, failures, last",
				"success per job and tenant). The start line prints the URL." },
		footer = { "", "Examples:", "  ./touchpoint scheduler --touchpoint.scheduler.schedules.nightly.cron='0 30 2 * * ?' \\",
				"      --touchpoint.scheduler.schedules.nightly.zone=Europe/Paris --touchpoint.scheduler.tenants=acme,globex",
				"  ./touchpoint scheduler --touchpoint.scheduler.threads=8",
				"  ./touchpoint scheduler --server.port=9090        # or SERVER_PORT; then: curl http://127.0.0.1:9090/actuator/health",
				"  ./touchpoint scheduler --server.address=0.0.0.0  # all interfaces: put a proxy with authentication in front",
				"  ./touchpoint scheduler --server.port=-1          # no HTTP",
				"  (touchpoint.scheduler.http-port and http-address, when set, win over server.port and server.address)",
				"", "On the embedded default the node keeps the stack resident (as touchpoint up does, or attaches to the",
				"stack of a running touchpoint up): other commands on the home attach to it while it runs. Run one node",
				"per home there; run several against external databases (touchpoint.metadata.url).",
				"", "Exit codes: 0 stopped cleanly, 1 failed, 2 configuration error (bad schedule, home in use, HTTP port in use)." })
final class SchedulerCommand implements Callable<Integer> {

	@ParentCommand
	private TouchpointCli root;

	@Spec
	private CommandSpec spec;

	@Override
	public Integer call() throws InterruptedException {
		try (Session session = root.session(true, java.util.List.of("touchpoint.embedded.resident=true",
				"spring.main.lazy-initialization=false"))) {
			SchedulerNodes nodes = session.bean(SchedulerNodes.class);
			WatchServer http = session.bean(WatchServer.class);
			// serve first: a port in use is refused before the node takes any trigger
			URI url = http.enabled() ? http.start() : null;
			SchedulerNode node = nodes.start();
			EmbeddedStack stack = session.beanIfAny(EmbeddedStack.class);
			if (stack != null && stack.resident() != null) {
				UpCommand.print(spec.commandLine().getOut(), root.home().toAbsolutePath().normalize(), stack.resident(),
						session.endpoints().bucket());
			}
			spec.commandLine().getOut().println("Scheduler node " + node.instanceId() + " started with "
					+ node.schedules().list().size() + " schedule(s)" + (url == null ? " (no HTTP)" : " at " + url + " (health "
							+ url + "actuator/health, metrics " + url + "actuator/prometheus)")
					+ "; stop it with SIGTERM or Ctrl-C.");
			nodes.awaitShutdown();
			return TouchpointCli.OK;
		}
	}
}
