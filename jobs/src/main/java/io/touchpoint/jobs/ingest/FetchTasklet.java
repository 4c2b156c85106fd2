package io.touchpoint.jobs.ingest;

import java.io.IOException;
import java.io.InputStream;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.TreeMap;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.core.ExitStatus;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.scope.context.ChunkContext;
import org.springframework.batch.core.step.StepContribution;
import org.springframework.batch.core.step.tasklet.Tasklet;
import org.springframework.batch.infrastructure.repeat.RepeatStatus;
import software.amazon.awssdk.services.s3.S3Client;

import io.touchpoint.jobs.config.TouchpointProperties;
import io.touchpoint.jobs.sources.SourceMapper;
import io.touchpoint.jobs.sources.SourceMappers;
import io.touchpoint.readers.inbox.Inbox;
import io.touchpoint.readers.inbox.InboxFile;

/**
 * fetch: lists the tenant's inbox ({@code {inbox}/{source}/...}, a local folder or {@code s3://}),
 * hashes every file of a known source and registers it for the batch. A file whose content an earlier
 * loaded batch of the tenant already ingested is registered as a duplicate and not read again, unless it is
 * part of a new export of a source whose files together are one snapshot ({@link SourceMapper#wholeExport()}).
 * Files of unknown sources are listed in the step's exit description, not read.
 */
public class FetchTasklet implements Tasklet {

	private static final Logger log = LoggerFactory.getLogger(FetchTasklet.class);

	private final S3Client s3;

	private final SourceMappers mappers;

	private final InboxFileRegistry registry;

	private final JobRepository jobRepository;

	private final TouchpointProperties api;

	public FetchTasklet(S3Client s3, SourceMappers mappers, InboxFileRegistry registry, JobRepository jobRepository,
			TouchpointProperties api) {
		this.api = api;
		this.jobRepository = jobRepository;
		this.s3 = s3;
		this.mappers = mappers;
		this.registry = registry;
	}

	@Override
	public RepeatStatus execute(StepContribution contribution, ChunkContext chunkContext) throws Exception {
		var step = chunkContext.getStepContext().getStepExecution();
		String batchId = BatchContext.ensureBatchId(step);
		// Saved in this step's transaction: the step commits as COMPLETED only together with the batch id
		// (Spring Batch itself saves the job context after the step, which a crash in between would lose).
		jobRepository.updateExecutionContext(step.getJobExecution());
		BatchContext batch = BatchContext.of(step);
		if (step.getJobExecution().getJobParameters().getLocalDate(IngestParameters.FROM) != null) {
			contribution.setExitStatus(ExitStatus.COMPLETED.addExitDescription("backfill: API sources only, no inbox read"));
			return RepeatStatus.FINISHED;
		}
		boolean hasApis = !api.connectionsOf(batch.tenantId()).isEmpty();
		if (hasApis && (batch.inbox() == null || (!batch.inbox().startsWith("s3://")
				&& !java.nio.file.Files.isDirectory(localPath(batch.inbox()))))) {
			String summary = "no inbox " + (batch.inbox() == null ? "given" : batch.inbox())
					+ "; tenant " + batch.tenantId() + " has API connections, so only they are fetched";
			log.info("fetch {}: {}", batchId, summary);
			contribution.setExitStatus(ExitStatus.COMPLETED.addExitDescription(summary));
			return RepeatStatus.FINISHED;
		}
		if (batch.inbox() == null || batch.inbox().isBlank()) {
			throw new MissingInboxException("no inbox given for tenant " + batch.tenantId() + " on " + batch.date()
					+ "; pass --inbox or set touchpoint.ingest.inbox");
		}
		if (!batch.inbox().startsWith("s3://") && !java.nio.file.Files.isDirectory(localPath(batch.inbox()))) {
			throw new MissingInboxException("the inbox " + batch.inbox() + " does not exist: the exports of tenant "
					+ batch.tenantId() + " for " + batch.date() + " have not arrived. Put them in " + batch.inbox()
					+ "/<source>/ (sources: " + mappers.names() + "), then restart the execution.");
		}
		Inbox inbox = Inbox.of(batch.inbox(), s3);
		int read = 0;
		int duplicates = 0;
		var unknown = new TreeMap<String, Integer>();
		List<Listed> listed = new ArrayList<>();
		Set<String> newExports = new HashSet<>();
		for (InboxFile file : inbox.list()) {
			if (mappers.find(file.source()) == null) {
				unknown.merge(file.source(), 1, Integer::sum);
				continue;
			}
			String sha256 = sha256(inbox, file);
			String duplicateOf = registry.loadedBy(batch.tenantId(), sha256, batchId);
			listed.add(new Listed(file, sha256, duplicateOf));
			if (duplicateOf == null) {
				newExports.add(file.source());
			}
		}
		for (Listed entry : listed) {
			InboxFile file = entry.file();
			// a snapshot spread over several files is read whole: a file equal to an earlier one is part of it
			String duplicateOf = mappers.find(file.source()).wholeExport() && newExports.contains(file.source()) ? null
					: entry.duplicateOf();
			registry.register(batch.tenantId(), batchId, file, entry.sha256(), duplicateOf);
			if (duplicateOf != null) {
				duplicates++;
				log.info("{}: same content as a file batch {} already loaded; not read again", file.path(), duplicateOf);
			}
			else {
				read++;
			}
			contribution.incrementReadCount();
		}
		if (read + duplicates == 0) {
			log.warn("fetch {}: the inbox {} holds no export files of a known source ({}); the night completes empty",
					batchId, inbox.describe(), mappers.names());
		}
		String summary = read + " file(s) to read, " + duplicates + " already loaded by an earlier batch"
				+ (unknown.isEmpty() ? "" : "; ignored files of unknown sources " + unknown + " (known: " + mappers.names() + ")");
		log.info("fetch {} for tenant {} on {} from {}: {}", batchId, batch.tenantId(), batch.date(), inbox.describe(),
				summary);
		contribution.setExitStatus(ExitStatus.COMPLETED.addExitDescription(summary));
		return RepeatStatus.FINISHED;
	}

	private record Listed(InboxFile file, String sha256, String duplicateOf) {
	}

	private static java.nio.file.Path localPath(String location) {
		return location.startsWith("file:") ? java.nio.file.Path.of(java.net.URI.create(location))
				: java.nio.file.Path.of(location);
	}

	/** The run's inbox is not there: the exports have not arrived, or the location is wrong. */
	public static final class MissingInboxException extends RuntimeException {

		MissingInboxException(String message) {
			super(message);
		}
	}

	private static String sha256(Inbox inbox, InboxFile file) throws IOException {
		try (InputStream in = new DigestInputStream(inbox.open(file), MessageDigest.getInstance("SHA-256"))) {
			in.transferTo(java.io.OutputStream.nullOutputStream());
			return HexFormat.of().formatHex(((DigestInputStream) in).getMessageDigest().digest());
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}
}
