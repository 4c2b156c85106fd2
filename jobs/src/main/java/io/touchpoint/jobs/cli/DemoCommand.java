package io.touchpoint.jobs.cli;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.concurrent.Callable;

import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.jdbc.core.JdbcTemplate;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

import io.touchpoint.jobs.demo.DemoExports;
import io.touchpoint.jobs.embedded.EmbeddedLibraries;
import io.touchpoint.jobs.executions.JobRuns;
import io.touchpoint.jobs.ingest.IngestParameters;
import io.touchpoint.jobs.nightly.NightlyJobConfiguration;
import io.touchpoint.jobs.report.JourneyReports;
import io.touchpoint.jobs.report.LtvReport;
import io.touchpoint.jobs.report.RollupReports;
import io.touchpoint.jobs.rollup.RollupRunner;

/** {@code touchpoint demo}: sample exports for a few tenants and days, the nightly job for each, the report. */
@Command(name = "demo", mixinStandardHelpOptions = true,
		description = {
				"Generate realistic Stripe, Shopify, HubSpot, Salesforce, Segment and Meta Ads exports (with some bad rows) for a few tenants "
						+ "and days, run the nightly job for each, and print the touchpoint-value report.",
				"Runs on the embedded default (a real MariaDB and S3 server under --home); nights already completed are skipped." },
		footer = { "", "Examples:", "  ./touchpoint demo", "  ./touchpoint --home /tmp/tp demo --contacts 1000 --days 3",
				"  ./touchpoint demo --verbose       # the log (schema migration, each step's counts) on the console too" })
final class DemoCommand implements Callable<Integer> {

	@ParentCommand
	private TouchpointCli root;

	@Spec
	private CommandSpec spec;

	@Option(names = "--contacts", defaultValue = "400", description = "Contacts per tenant (default: ${DEFAULT-VALUE}: "
			+ "enough that the top findings' groups are large enough to trust)")
	private int contacts;

	@Option(names = "--days", defaultValue = "2", description = "Business days per tenant (default: ${DEFAULT-VALUE})")
	private int days;

	@Option(names = "--from", defaultValue = "2026-11-19", description = "First business date (default: ${DEFAULT-VALUE})")
	private LocalDate from;

	@Option(names = "--seed", defaultValue = "42", description = "Random seed of the sample data (default: ${DEFAULT-VALUE})")
	private long seed;

	@Option(names = "--verbose", description = "Also print the log (schema migration, each step's counts and timings) "
			+ "on the console; without it, it goes to <home>/logs/touchpoint.log only")
	private boolean verbose;

	@Override
	public Integer call() throws Exception {
		EmbeddedLibraries.require("touchpoint demo runs on the embedded default");
		var out = spec.commandLine().getOut();
		Instant started = Instant.now();
		Path home = root.home();
		Path inbox = home.resolve("demo-inbox");
		new DemoExports(contacts, seed).write(inbox, DemoExports.TENANTS, from, days);
		out.println("Sample exports of " + contacts + " contacts per tenant written to " + inbox.toAbsolutePath().normalize());
		out.println("Running the nightly job for " + DemoExports.TENANTS.size() + " tenants x " + days + " days"
				+ (verbose ? "" : " (the log: " + home.resolve("logs/touchpoint.log") + ")") + "...");
		int failures = 0;
		List<String> settings = new java.util.ArrayList<>(List.of("touchpoint.funnels.trial.steps=" + DemoExports.FUNNEL));
		if (!verbose) {
			settings.add("touchpoint.console.level=WARN");
		}
		try (Session session = root.session(true, settings)) {
			JobRuns runs = session.bean(JobRuns.class);
			for (DemoExports.Tenant tenant : DemoExports.TENANTS) {
				for (int day = 0; day < days; day++) {
					LocalDate date = from.plusDays(day);
					String location = inbox.resolve(tenant.id()).resolve(date.toString()).toAbsolutePath().toString();
					try {
						JobExecution execution = runs.start(NightlyJobConfiguration.NIGHTLY,
								IngestParameters.nightly(tenant.id(), date, location));
						out.println(Printer.oneLine(execution));
						if (execution.getStatus() != BatchStatus.COMPLETED) {
							failures++;
						}
					}
					catch (JobRuns.LaunchRefusedException refused) {
						boolean done = refused.getMessage().contains("already completed");
						out.println("nightly " + tenant.id() + " " + date + ": "
								+ (done ? "already completed, skipped" : "refused: " + refused.getMessage()));
						if (!done) {
							failures++;
						}
					}
				}
			}
			LtvReport report = session.bean(LtvReport.class);
			RollupRunner rollups = session.bean(RollupRunner.class);
			for (DemoExports.Tenant tenant : DemoExports.TENANTS) {
				out.println();
				out.print(report.render(tenant.id(), 3, rollups.settings(tenant.id()).smallGroup()));
			}
			// the first tenant's sessions, its demo funnel and the paths to a first purchase, in a sentence each
			JourneyReports journeys = session.bean(JourneyReports.class);
			String first = DemoExports.TENANTS.get(0).id();
			out.println();
			out.println(session.bean(RollupReports.class).paths(first).lead());
			out.println(journeys.funnel(first, "trial").lead());
			out.println(journeys.conversionPaths(first).lead());
			var warehouse = new JdbcTemplate(session.bean("warehouseDataSource", javax.sql.DataSource.class));
			Long loaded = warehouse.queryForObject("SELECT COALESCE(SUM(row_count), 0) FROM load_ledger", Long.class);
			Long quarantined = warehouse.queryForObject("SELECT COUNT(*) FROM quarantine", Long.class);
			out.println();
			out.printf("Demo finished in %.1f s: %d rows loaded, %d records quarantined (./touchpoint quarantine list). "
					+ "Next: ./touchpoint executions, the funnel: ./touchpoint report funnel --tenant "
					+ DemoExports.TENANTS.get(0).id() + ", or the report as a page: ./touchpoint report ltv --tenant "
					+ DemoExports.TENANTS.get(0).id() + " --format html > report.html%n",
					Duration.between(started, Instant.now()).toMillis() / 1000.0, loaded, quarantined);
		}
		return failures == 0 ? TouchpointCli.OK : TouchpointCli.FAILED;
	}
}
