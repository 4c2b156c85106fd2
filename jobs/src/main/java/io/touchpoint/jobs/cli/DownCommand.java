package io.touchpoint.jobs.cli;

import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

import io.touchpoint.jobs.embedded.ResidentStack;

/** {@code touchpoint down}: stops the home's resident stack, as SIGTERM would. */
@Command(name = "down", mixinStandardHelpOptions = true,
		description = { "Stop the resident stack of the home (touchpoint up, or touchpoint scheduler on the embedded",
				"default): it gets SIGTERM, as from Ctrl-C, and this command waits until it has stopped. A scheduler",
				"first asks its running jobs to stop at their next chunk boundary (touchpoint restart continues them)." },
		footer = { "", "Exit codes: 0 stopped (or none was running), 1 it did not stop within --wait." })
final class DownCommand implements Callable<Integer> {

	@ParentCommand
	private TouchpointCli root;

	@Spec
	private CommandSpec spec;

	@Option(names = "--wait", defaultValue = "120", paramLabel = "SECONDS",
			description = "How long to wait for it to stop (default: ${DEFAULT-VALUE} s)")
	private long waitSeconds;

	@Override
	public Integer call() throws InterruptedException {
		Path home = root.home().toAbsolutePath().normalize();
		ResidentStack stack = ResidentStack.read(home);
		Optional<ProcessHandle> process = stack == null ? Optional.empty() : ProcessHandle.of(stack.pid());
		if (process.isEmpty()) {
			spec.commandLine().getOut().println("No resident stack runs on " + home + ".");
			return TouchpointCli.OK;
		}
		process.get().destroy();
		try {
			process.get().onExit().get(waitSeconds, TimeUnit.SECONDS);
		}
		catch (TimeoutException ex) {
			spec.commandLine().getErr().println("touchpoint: failed: the resident stack (pid " + stack.pid() + ") of " + home
					+ " has not stopped after " + waitSeconds + " s (a job may still be finishing its chunk). Wait, run "
					+ "touchpoint down again, or kill -9 " + stack.pid() + " (its runs then need touchpoint recover).");
			return TouchpointCli.FAILED;
		}
		catch (java.util.concurrent.ExecutionException ex) {
			throw new IllegalStateException(ex);
		}
		spec.commandLine().getOut().println("Resident stack of " + home + " (pid " + stack.pid() + ") stopped.");
		return TouchpointCli.OK;
	}
}
