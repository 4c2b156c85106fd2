package io.touchpoint.jobs.cli;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.time.LocalDate;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.Callable;

import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

import io.touchpoint.jobs.executions.JobRuns;
import io.touchpoint.jobs.ingest.IngestParameters;
import io.touchpoint.jobs.model.Identifiers;
import io.touchpoint.jobs.nightly.NightlyJobConfiguration;
import io.touchpoint.jobs.sources.SourceMappers;

/**
 * {@code touchpoint import}: one-off files through the same flow as the nightly job. The files are
 * copied to {@code <home>/imports/...}; content a loaded batch already ingested is not counted again.
 */
@Command(name = "import", mixinStandardHelpOptions = true,
		description = { "Ingest one-off export files for a tenant: the nightly flow (normalize, stage, load, reconcile, "
				+ "rollup, report) over just these files.",
				"Files whose content was already loaded for the tenant are recognised and not counted twice." },
		footer = { "", "Example:", "  ./touchpoint import --tenant acme --source stripe --date 2026-11-19 unified_payments.csv" })
final class ImportCommand implements Callable<Integer> {

	@ParentCommand
	private TouchpointCli root;

	@Spec
	private CommandSpec spec;

	@Option(names = "--tenant", required = true, description = "Tenant id")
	private String tenant;

	@Option(names = "--source", required = true,
			description = "Source of the files (its inbox folder name): stripe, shopify, hubspot, salesforce, segment, facebook")
	private String source;

	@Option(names = "--date", required = true, description = "Business date the files belong to, YYYY-MM-DD")
	private LocalDate date;

	@Parameters(arity = "1..*", paramLabel = "FILE", description = "Export files (plain or .gz)")
	private List<Path> files;

	@Override
	public Integer call() throws Exception {
		Identifiers.tenant(tenant);
		Identifiers.source(source);
		for (Path file : files) {
			if (!Files.isRegularFile(file)) {
				throw new IllegalArgumentException("No such file: " + file);
			}
		}
		try (Session session = root.session(false)) {
			session.bean(SourceMappers.class).get(source); // an unknown source is refused before a database starts
			session.requireSchema();
			String digest = digest(files);
			Path inbox = root.home().resolve("imports").resolve(tenant).resolve(date.toString()).resolve(digest);
			Path folder = inbox.resolve(source);
			Files.createDirectories(folder);
			for (Path file : files) {
				Files.copy(file, folder.resolve(file.getFileName()), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
			}
			JobExecution execution = session.bean(JobRuns.class)
				.start(NightlyJobConfiguration.IMPORT,
						IngestParameters.oneOff(tenant, date, source, digest, inbox.toAbsolutePath().toString()));
			spec.commandLine().getOut().println(Printer.oneLine(execution));
			return execution.getStatus() == BatchStatus.COMPLETED ? TouchpointCli.OK : TouchpointCli.FAILED;
		}
	}

	/** SHA-256 over the files' names and contents, shortened: identifies this set of files. */
	private static String digest(List<Path> files) throws IOException, java.security.NoSuchAlgorithmException {
		MessageDigest sha = MessageDigest.getInstance("SHA-256");
		for (Path file : files.stream().sorted().toList()) {
			sha.update(file.getFileName().toString().getBytes(java.nio.charset.StandardCharsets.UTF_8));
			try (InputStream in = new DigestInputStream(Files.newInputStream(file), sha)) {
				in.transferTo(java.io.OutputStream.nullOutputStream());
			}
		}
		return HexFormat.of().formatHex(sha.digest()).substring(0, 16);
	}
}
