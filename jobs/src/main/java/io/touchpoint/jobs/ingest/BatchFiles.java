package io.touchpoint.jobs.ingest;

import java.sql.Timestamp;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import javax.sql.DataSource;

import org.jspecify.annotations.Nullable;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.batch.infrastructure.item.ItemStreamReader;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;

import io.touchpoint.jobs.config.Endpoints;
import io.touchpoint.jobs.config.WarehouseDataSource;
import io.touchpoint.jobs.model.CanonicalTables;
import io.touchpoint.jobs.progress.ProgressMeters;
import io.touchpoint.jobs.sources.SourceMappers;
import io.touchpoint.jobs.sources.api.ApiSources;
import io.touchpoint.readers.MalformedFileException;
import io.touchpoint.readers.MalformedRecordException;
import io.touchpoint.readers.NamedStream;
import io.touchpoint.readers.SourceRecord;
import io.touchpoint.readers.inbox.Inbox;
import io.touchpoint.readers.inbox.InboxFile;
import io.touchpoint.readers.inbox.S3Inbox;
import io.touchpoint.writers.staging.Manifest;
import io.touchpoint.writers.staging.ManifestPart;
import io.touchpoint.writers.staging.StagingException;
import io.touchpoint.writers.staging.StagingLocation;
import io.touchpoint.writers.staging.WorkPart;
import io.touchpoint.writers.staging.WorkPartLedger;

/**
 * The files of one execution's batch as a restart will find them, for {@code restart ID --dry-run}: each
 * staged file with its rows (from its manifest, or from the work part stage will publish) and whether the
 * load ledger already holds it; and normalize's input files, with the line it resumes at, found by opening
 * the file at the saved position as the restart will. Reads only.
 */
@Component
public class BatchFiles {

	/** A staged file: {@code skip} (already loaded, per the ledger), {@code load}, or {@code stage+load}. */
	public record StagedFile(String table, String key, long rows, String action, String detail) {
	}

	/** An input file of normalize: {@code done}, {@code resume} (the detail says where) or {@code read}. */
	public record InputFile(String source, String path, long bytes, String action, String detail) {
	}

	private static final String READER = "normalize";

	private final S3Client s3;

	private final JdbcTemplate warehouse;

	private final WorkPartLedger workParts;

	private final InboxFileRegistry registry;

	private final SourceMappers mappers;

	private final String bucket;

	public BatchFiles(S3Client s3, @WarehouseDataSource DataSource warehouse, WorkPartLedger workParts,
			InboxFileRegistry registry, SourceMappers mappers, Endpoints endpoints) {
		this.s3 = s3;
		this.warehouse = new JdbcTemplate(warehouse);
		this.workParts = workParts;
		this.registry = registry;
		this.mappers = mappers;
		this.bucket = endpoints.bucket();
	}

	/** Where the execution's batch is staged, or null when it has no batch yet (its fetch never ran). */
	public @Nullable StagingLocation location(JobExecution execution) {
		String batchId = batchId(execution);
		var parameters = execution.getJobParameters();
		return batchId == null ? null : new StagingLocation(bucket, parameters.getString(IngestParameters.TENANT),
				parameters.getLocalDate(IngestParameters.DATE), batchId);
	}

	/** Every staged file of the batch, table by table in load order, and what a restart does with it. */
	public List<StagedFile> stagedFiles(JobExecution execution) {
		StagingLocation location = location(execution);
		if (location == null) {
			return List.of();
		}
		Map<String, Timestamp> loaded = new HashMap<>();
		warehouse.query("SELECT staged_key, loaded_at FROM load_ledger WHERE tenant_id = ? AND batch_id = ?",
				rs -> {
					loaded.put(rs.getString(1), rs.getTimestamp(2));
				}, location.tenant(), location.batchId());
		List<StagedFile> files = new ArrayList<>();
		for (String table : CanonicalTables.all().keySet()) {
			Manifest manifest = manifest(location, table);
			if (manifest == null) {
				int n = 1;
				for (WorkPart part : workParts.parts(location.batchId(), table)) {
					files.add(new StagedFile(table, location.partKey(table, n++), part.rows(), "stage+load",
							"committed by normalize, not yet published"));
				}
				continue;
			}
			for (ManifestPart part : manifest.parts()) {
				Timestamp at = loaded.get(part.key());
				files.add(at != null
						? new StagedFile(table, part.key(), part.rows(), "skip",
								"loaded " + at.toLocalDateTime().withNano(0).toString().replace('T', ' '))
						: new StagedFile(table, part.key(), part.rows(), "load", "not in the load ledger"));
			}
		}
		return files;
	}

	/**
	 * normalize's input files in reading order: those before the saved position are done; the one at it
	 * resumes after the records already read (the detail names the line); the rest are read whole. Without
	 * a normalize step execution ({@code normalize} null), every file is read from its start.
	 */
	public List<InputFile> inputFiles(JobExecution execution, @Nullable StepExecution normalize) {
		String batchId = batchId(execution);
		if (batchId == null) {
			return List.of();
		}
		ExecutionContext saved = normalize == null ? new ExecutionContext() : normalize.getExecutionContext();
		if (saved.containsKey(io.touchpoint.jobs.ingest.partition.PartitionedNormalizeConfiguration.PARTITIONED)) {
			return registry.filesToRead(batchId).stream().map(file -> new InputFile(file.source(), file.path(), file.size(),
					"read", "in partitions: those that did not complete run again, each from its last committed chunk"))
				.toList();
		}
		int index = saved.getInt(READER + ".fileIndex", 0);
		List<InboxFile> files = registry.filesToRead(batchId);
		List<InputFile> input = new ArrayList<>();
		for (int i = 0; i < files.size(); i++) {
			InboxFile file = files.get(i);
			if (i < index) {
				input.add(new InputFile(file.source(), file.path(), file.size(), "done", "read before the failure"));
			}
			else if (i == index && normalize != null) {
				input.add(new InputFile(file.source(), file.path(), file.size(), "resume", resumesAt(execution, file, saved)));
			}
			else {
				input.add(new InputFile(file.source(), file.path(), file.size(), "read", "from its start"));
			}
		}
		return input;
	}

	/** Opens the file at the saved position, as the restart will, and reads the record there for its line. */
	private String resumesAt(JobExecution execution, InboxFile file, ExecutionContext saved) {
		String prefix = READER + ".file.";
		ExecutionContext position = new ExecutionContext();
		saved.entrySet().stream().filter(e -> e.getKey().startsWith(prefix)).forEach(e -> position.put(e.getKey(), e.getValue()));
		long read = position.getLong(prefix + "records", 0L);
		String records = read + " record(s) read before the failure";
		ItemStreamReader<? extends SourceRecord> reader = NormalizeReaders.fileReader(inbox(execution, file), file,
				mappers.forFile(file.source(), file.path()),
				new NormalizeProgressListener(ProgressMeters.logging(Duration.ZERO).meter(READER), List.of()));
		if (reader instanceof NamedStream named) {
			named.setName(READER + ".file");
		}
		try {
			reader.open(position);
			SourceRecord next = reader.read();
			return next == null ? "at its end (" + records + "): nothing left to read"
					: "at line " + next.line() + " (" + records + ")";
		}
		catch (MalformedRecordException ex) {
			return "at line " + ex.line() + " (" + records + "), a record that will be quarantined";
		}
		catch (MalformedFileException ex) {
			return "at line " + ex.line() + " (" + records + "), which cannot be read: " + ex.reason();
		}
		catch (Exception ex) {
			return "cannot resume after " + records + ": " + ex.getMessage();
		}
		finally {
			reader.close();
		}
	}

	private Inbox inbox(JobExecution execution, InboxFile file) {
		var parameters = execution.getJobParameters();
		if (ApiSources.isPage(file.path())) {
			return new S3Inbox(s3, bucket, ApiSources.landingPrefix(parameters.getString(IngestParameters.TENANT),
					parameters.getLocalDate(IngestParameters.DATE), batchId(execution)));
		}
		return Inbox.of(parameters.getString(IngestParameters.INBOX), s3);
	}

	private @Nullable Manifest manifest(StagingLocation location, String table) {
		try {
			return Manifest.read(s3, bucket, location.manifestKey(table));
		}
		catch (StagingException ex) {
			if (ex.getCause() instanceof NoSuchKeyException) {
				return null;
			}
			throw ex;
		}
	}

	private static @Nullable String batchId(JobExecution execution) {
		var context = execution.getExecutionContext();
		return context.containsKey(BatchContext.BATCH_ID) ? context.getString(BatchContext.BATCH_ID) : null;
	}
}
