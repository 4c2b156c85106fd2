package io.touchpoint.writers.staging;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.infrastructure.item.Chunk;
import org.springframework.batch.infrastructure.item.ItemWriter;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.PutObjectRequest;

import io.touchpoint.writers.quarantine.QuarantineBuffer;

/**
 * Writes each chunk's staged rows as gzip CSV work parts in S3 and registers them in the
 * {@link WorkPartLedger} on the chunk transaction.
 *
 * <p>For each chunk, the rows of all items plus the rows drained from the {@link QuarantineBuffer}
 * are grouped by table (first-seen order); each table's rows are cut into parts of at most
 * {@code rowsPerPart} rows, each part is uploaded to a fresh key
 * {@code work/batch=<batchId>/<table>/<uuid>.csv.gz} and then registered with its row count, money
 * sum and SHA-256. The registration joins the caller's transaction, so a part is committed exactly
 * when its chunk commits; parts of a rolled-back chunk stay orphaned under {@code work/} and are
 * never published, and a retried chunk uploads new keys. An empty chunk uploads nothing.
 *
 * <p>A chunk's parts are encoded and compressed on {@code threads} threads (1: on the chunk's thread) and
 * uploaded on up to {@code uploads} other threads, so a part's upload overlaps the next part's compression
 * at any number of threads; they are registered afterwards, on the chunk's thread, in the same order as
 * with one thread, once every upload of the chunk has finished.
 */
public class StagingPartWriter implements ItemWriter<List<? extends StagedRow>> {

	private static final Logger log = LoggerFactory.getLogger(StagingPartWriter.class);

	private final S3Client s3;
	private final StagingLocation location;
	private final WorkPartLedger ledger;
	private final int rowsPerPart;
	private final QuarantineBuffer quarantine;
	private final int threads;
	private final int uploads;
	private ExecutorService encoders;
	private ExecutorService uploaders;

	public StagingPartWriter(S3Client s3, StagingLocation location, WorkPartLedger ledger, int rowsPerPart,
			QuarantineBuffer quarantine) {
		this(s3, location, ledger, rowsPerPart, quarantine, 1, 1);
	}

	/**
	 * A writer that compresses a chunk's parts on {@code threads} threads (1: on the caller's thread) and uploads
	 * them on up to {@code uploads} threads; the parts are registered on the caller's thread, in the same order
	 * either way.
	 */
	public StagingPartWriter(S3Client s3, StagingLocation location, WorkPartLedger ledger, int rowsPerPart,
			QuarantineBuffer quarantine, int threads, int uploads) {
		if (threads < 1) {
			throw new IllegalArgumentException("threads is " + threads + " for batch "
					+ (location == null ? null : location.batchId()) + ": configure 1 or more threads");
		}
		if (uploads < 1) {
			throw new IllegalArgumentException("uploads is " + uploads + " for batch "
					+ (location == null ? null : location.batchId()) + ": configure 1 or more concurrent uploads");
		}
		this.threads = threads;
		this.uploads = uploads;
		if (rowsPerPart < 1) {
			throw new IllegalArgumentException("rowsPerPart is " + rowsPerPart + " for batch "
					+ (location == null ? null : location.batchId()) + ": configure 1 or more rows per part");
		}
		this.s3 = Objects.requireNonNull(s3, "s3");
		this.location = Objects.requireNonNull(location, "location");
		this.ledger = Objects.requireNonNull(ledger, "ledger");
		this.rowsPerPart = rowsPerPart;
		this.quarantine = Objects.requireNonNull(quarantine, "quarantine");
	}

	@Override
	public void write(Chunk<? extends List<? extends StagedRow>> chunk) {
		Map<String, List<StagedRow>> byTable = new LinkedHashMap<>();
		for (List<? extends StagedRow> item : chunk) {
			if (item != null) {
				for (StagedRow row : item) {
					add(byTable, row);
				}
			}
		}
		for (StagedRow row : quarantine.drain()) {
			add(byTable, row);
		}
		List<CompletableFuture<Uploaded>> parts = new ArrayList<>();
		for (Map.Entry<String, List<StagedRow>> table : byTable.entrySet()) {
			List<StagedRow> rows = table.getValue();
			for (int from = 0; from < rows.size(); from += rowsPerPart) {
				List<StagedRow> slice = rows.subList(from, Math.min(rows.size(), from + rowsPerPart));
				String key = location.workPrefix() + table.getKey() + "/" + UUID.randomUUID() + ".csv.gz";
				parts.add(CompletableFuture.supplyAsync(() -> encode(table.getKey(), key, slice), encoders())
					.thenApplyAsync(this::upload, uploaders()));
			}
		}
		for (Uploaded uploaded : await(parts)) {
			register(uploaded);
		}
	}

	/** A compressed part, to upload. */
	private record Encoded(String table, String key, byte[] body, long rows, long money, String sha256) {
	}

	/** An uploaded part, to register. */
	private record Uploaded(String table, String key, long rows, long money, String sha256) {
	}

	/**
	 * Waits for every part (so no upload of a failed chunk goes on after it) and returns them in order; the
	 * first failure, in part order, is thrown.
	 */
	private List<Uploaded> await(List<CompletableFuture<Uploaded>> parts) {
		List<Uploaded> uploaded = new ArrayList<>(parts.size());
		RuntimeException failure = null;
		for (CompletableFuture<Uploaded> part : parts) {
			try {
				uploaded.add(part.get());
			}
			catch (ExecutionException e) {
				if (failure == null) {
					failure = e.getCause() instanceof RuntimeException cause ? cause
							: new StagingException("could not write a work part of batch " + location.batchId() + ": "
									+ e.getCause() + "; restart the execution", e.getCause());
				}
			}
			catch (InterruptedException e) {
				Thread.currentThread().interrupt();
				parts.forEach(f -> f.cancel(true));
				throw new StagingException("interrupted while writing the work parts of batch " + location.batchId()
						+ "; restart the execution", e);
			}
		}
		if (failure != null) {
			throw failure;
		}
		return uploaded;
	}

	/** The caller's thread with one thread, else a pool of {@code threads}. */
	private synchronized Executor encoders() {
		if (threads == 1) {
			return Runnable::run;
		}
		if (encoders == null) {
			encoders = IdleDaemonPool.of(threads, "staging-encode-" + location.batchId());
		}
		return encoders;
	}

	private synchronized Executor uploaders() {
		if (uploaders == null) {
			uploaders = IdleDaemonPool.of(uploads, "staging-upload-" + location.batchId());
		}
		return uploaders;
	}

	private static void add(Map<String, List<StagedRow>> byTable, StagedRow row) {
		if (row != null) {
			List<StagedRow> rows = byTable.get(row.table());
			if (rows == null) { // a table name is checked once a chunk, not once a row
				rows = new ArrayList<>();
				byTable.put(StagingLocation.requireTable(row.table()), rows);
			}
			rows.add(row);
		}
	}

	private Encoded encode(String table, String key, List<StagedRow> rows) {
		long money = 0;
		ByteArrayOutputStream bytes = new ByteArrayOutputStream(Math.max(1024, rows.size() * 64));
		try (FastGzipOutputStream gzip = new FastGzipOutputStream(bytes)) {
			CsvRowEncoder encoder = new CsvRowEncoder(gzip);
			for (StagedRow row : rows) {
				row.writeCsv(encoder);
				encoder.endRow();
				money = Math.addExact(money, row.moneyMinor());
			}
			encoder.flush();
		}
		catch (IOException e) {
			throw new UncheckedIOException("could not compress part s3://" + location.bucket() + "/" + key
					+ " of batch " + location.batchId() + ": " + e.getMessage() + "; restart the execution", e);
		}
		byte[] body = bytes.toByteArray();
		return new Encoded(table, key, body, rows.size(), money, sha256(body));
	}

	private Uploaded upload(Encoded part) {
		try {
			s3.putObject(PutObjectRequest.builder().bucket(location.bucket()).key(part.key())
				.contentType("application/gzip").build(), RequestBody.fromBytes(part.body()));
		}
		catch (SdkException e) {
			throw new StagingException("could not upload s3://" + location.bucket() + "/" + part.key() + ": "
					+ e.getMessage() + "; check that the bucket is reachable, then restart the execution", e);
		}
		return new Uploaded(part.table(), part.key(), part.rows(), part.money(), part.sha256());
	}

	/** Registers an uploaded part, on the caller's (the chunk's) transaction. */
	private void register(Uploaded part) {
		ledger.register(location.batchId(), part.table(), part.key(), part.rows(), part.money(), part.sha256());
		log.debug("staged work part s3://{}/{}: {} rows, money {}", location.bucket(), part.key(), part.rows(),
				part.money());
	}

	static String sha256(byte[] bytes) {
		try {
			return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
		}
		catch (NoSuchAlgorithmException e) {
			throw new IllegalStateException("this JVM has no SHA-256, which every Java platform must provide", e);
		}
	}
}
