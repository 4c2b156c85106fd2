package io.touchpoint.jobs.cli;

import java.util.concurrent.Callable;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

import io.touchpoint.jobs.schedule.SchedulerNodes;
import io.touchpoint.scheduler.SchedulerNode;

/** {@code touchpoint scheduler}: a long-running scheduler node. */
@Command(name = "scheduler", mixinStandardHelpOptions = true,
		description = { "Run a scheduler node until SIGTERM or Ctrl-C. Nodes on one metadata database form a cluster:",
				"each schedule's firing runs on exactly one node, and its tenants' runs spread over the nodes.",
				"Schedules from touchpoint.scheduler.schedules.* are synchronized into the database at start.",
				"On SIGTERM the node stops taking work, asks its running jobs to stop at the next chunk boundary",
				"(they end STOPPED; touchpoint restart ID continues them) and exits when they have." },
		footer = { "", "Examples:", "  ./touchpoint scheduler --touchpoint.scheduler.schedules.nightly.cron='0 30 2 * * ?' \\",
				"      --touchpoint.scheduler.schedules.nightly.zone=Europe/Paris --touchpoint.scheduler.tenants=acme,globex",
				"  ./touchpoint scheduler --touchpoint.scheduler.threads=8",
				"", "On the embedded default only one process can use a home folder, so run one node there;",
				"run several against external databases (touchpoint.metadata.url).",
				"", "Exit codes: 0 stopped cleanly, 1 failed, 2 configuration error (bad schedule, home in use)." })
final class SchedulerCommand implements Callable<Integer> {

	@ParentCommand
	private TouchpointCli root;

	@Spec
	private CommandSpec spec;

	@Override
	public Integer call() throws InterruptedException {
		try (Session session = root.session(true)) {
			SchedulerNodes nodes = session.bean(SchedulerNodes.class);
			SchedulerNode node = nodes.start();
			spec.commandLine().getOut().println("Scheduler node " + node.instanceId() + " started with "
					+ node.schedules().list().size() + " schedule(s); stop it with SIGTERM or Ctrl-C.");
			nodes.awaitShutdown();
			return TouchpointCli.OK;
		}
	}
}
