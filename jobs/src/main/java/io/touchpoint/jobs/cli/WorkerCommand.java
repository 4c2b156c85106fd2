package io.touchpoint.jobs.cli;

import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

import io.touchpoint.jobs.config.Broker;
import io.touchpoint.jobs.ingest.partition.PartitionWorker;
import io.touchpoint.jobs.ingest.partition.WorkerProperties;

/** {@code touchpoint worker}: runs normalize partitions that nights send over the message broker. */
@Command(name = "worker", mixinStandardHelpOptions = true,
		description = { "Run normalize partitions that nights send over the message broker, until SIGTERM or Ctrl-C.",
				"A night run with touchpoint.workers.remote=true cuts its exports into touchpoint.ingest.partitions",
				"partitions and sends one request per partition to the queue touchpoint.workers.queue; each worker takes",
				"requests from it (touchpoint.workers.concurrency at once) and normalizes the partition into the same",
				"metadata database, warehouse and S3, with its own chunk transactions, restart position and quarantine.",
				"A partition resumes from its last committed chunk. Run it with the settings the nights use: on the",
				"embedded default it attaches to the resident stack of --home, which must have been started with",
				"touchpoint.workers.remote=true (it then serves the broker); elsewhere set touchpoint.broker.url, user",
				"and password. It logs each partition it takes and finishes. On SIGTERM it stops taking requests and",
				"asks the partitions in hand to stop at their next chunk boundary (they end STOPPED). A worker killed",
				"mid-partition leaves it STARTED: the night fails after touchpoint.workers.timeout naming it, and",
				"touchpoint restart ID sends it again." },
		footer = { "", "Examples:", "  export TOUCHPOINT_WORKERS_REMOTE=true TOUCHPOINT_INGEST_PARTITIONS=4",
				"  ./touchpoint up &          # on the embedded default: the stack serves the broker",
				"  ./touchpoint worker &      # as many as you like",
				"  ./touchpoint run nightly --tenant acme --date 2026-11-01",
				"  TOUCHPOINT_BROKER_URL=tcp://broker:61616 ./touchpoint worker   # a broker of your own",
				"", "Exit codes: 0 stopped cleanly, 1 failed, 2 configuration error (no broker, no schema)." })
final class WorkerCommand implements Callable<Integer> {

	@ParentCommand
	private TouchpointCli root;

	@Spec
	private CommandSpec spec;

	@Override
	public Integer call() throws InterruptedException {
		try (Session session = root.session(true, List.of("touchpoint.workers.remote=true",
				"touchpoint.workers.listen=true"))) {
			WorkerProperties workers = session.bean(WorkerProperties.class);
			Broker broker = session.bean(Broker.class);
			PartitionWorker worker = session.bean(PartitionWorker.class);
			PrintWriter out = spec.commandLine().getOut();
			worker.start();
			out.println("Worker listening on queue " + workers.queue() + " at " + broker.describe() + " ("
					+ workers.concurrency() + " partition(s) at once); stop it with SIGTERM or Ctrl-C.");
			out.flush();
			session.awaitClose();
			return TouchpointCli.OK;
		}
	}
}
