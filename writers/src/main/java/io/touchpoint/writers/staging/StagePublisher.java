package io.touchpoint.writers.staging;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.CopyObjectRequest;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Request;
import software.amazon.awssdk.services.s3.model.PutObjectRequest;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * Publishes a batch's committed work parts to their final staging keys, with one manifest per table.
 *
 * <p>For every requested table, the table's parts in the {@link WorkPartLedger} are numbered in
 * ledger order 1..n and server-side copied to {@link StagingLocation#partKey}; the table's
 * {@code _manifest.json} is written last. Tables without parts get a manifest without parts. A part
 * already at its final key with the same size is left alone, so re-running publish is idempotent
 * and yields the same keys and manifests; one with a different size is never overwritten. What is
 * already published is read from one listing of the table's staging prefix (and, on a re-run, of its
 * work prefix), not from a HEAD per part; with {@code threads} above 1 the copies run concurrently, and
 * the manifest is still written after all of them.
 */
public final class StagePublisher {

	private static final Logger log = LoggerFactory.getLogger(StagePublisher.class);

	private final S3Client s3;
	private final WorkPartLedger ledger;
	private final int threads;

	public StagePublisher(S3Client s3, WorkPartLedger ledger) {
		this(s3, ledger, 1);
	}

	/** A publisher copying up to {@code threads} parts at a time. */
	public StagePublisher(S3Client s3, WorkPartLedger ledger, int threads) {
		if (threads < 1) {
			throw new IllegalArgumentException("threads is " + threads + ": configure 1 or more threads");
		}
		this.s3 = Objects.requireNonNull(s3, "s3");
		this.ledger = Objects.requireNonNull(ledger, "ledger");
		this.threads = threads;
	}

	/** Publishes the batch's tables and returns their manifests by table, in the order given. */
	public Map<String, Manifest> publish(StagingLocation location, Collection<String> tables) {
		Set<String> requested = new LinkedHashSet<>();
		for (String table : tables) {
			requested.add(StagingLocation.requireTable(table));
		}
		Map<String, List<WorkPart>> byTable = new LinkedHashMap<>();
		for (WorkPart part : ledger.parts(location.batchId())) {
			byTable.computeIfAbsent(part.table(), t -> new ArrayList<>()).add(part);
		}
		Set<String> unrequested = new TreeSet<>(byTable.keySet());
		unrequested.removeAll(requested);
		if (!unrequested.isEmpty()) {
			log.debug("batch {} has committed work parts for tables {} that were not asked to be published;"
					+ " they stay under s3://{}/{}", location.batchId(), unrequested, location.bucket(),
					location.workPrefix());
		}
		Map<String, Manifest> manifests = new LinkedHashMap<>();
		for (String table : requested) {
			manifests.put(table, publishTable(location, table, byTable.getOrDefault(table, List.of())));
		}
		return manifests;
	}

	private Manifest publishTable(StagingLocation location, String table, List<WorkPart> parts) {
		List<ManifestPart> published = new ArrayList<>(parts.size());
		Map<String, Long> existing = parts.isEmpty() ? Map.of() : sizes(location.bucket(), location.stagingPrefix(table));
		Map<String, Long> work = existing.isEmpty() ? Map.of()
				: sizes(location.bucket(), location.workPrefix() + table + "/");
		List<Runnable> copies = new ArrayList<>();
		int n = 1;
		for (WorkPart part : parts) {
			String key = location.partKey(table, n++);
			if (!published(location, table, part.workKey(), key, existing, work)) {
				copies.add(() -> copy(location, part.workKey(), key));
			}
			published.add(new ManifestPart(key, part.rows(), part.moneyMinor(), part.sha256()));
		}
		run(copies);
		Manifest manifest = new Manifest(table, location.tenant(), location.date().toString(), location.batchId(),
				published);
		String manifestKey = location.manifestKey(table);
		try {
			s3.putObject(PutObjectRequest.builder().bucket(location.bucket()).key(manifestKey)
				.contentType("application/json").build(),
					RequestBody.fromBytes(manifest.toJson().getBytes(StandardCharsets.UTF_8)));
		}
		catch (SdkException e) {
			throw new StagingException("could not upload s3://" + location.bucket() + "/" + manifestKey + ": "
					+ e.getMessage() + "; check that the bucket is reachable, then restart the execution", e);
		}
		log.debug("published {} part(s) of table {} for batch {}: {} rows, money {}, manifest s3://{}/{}",
				published.size(), table, location.batchId(), manifest.rows(), manifest.moneyMinor(),
				location.bucket(), manifestKey);
		return manifest;
	}

	/**
	 * Whether the part is already at its final key (a re-run): with the size of its work part it is left
	 * alone; with another size it is never overwritten. Sizes come from one listing of each prefix, not
	 * from a HEAD request per part.
	 */
	private static boolean published(StagingLocation location, String table, String workKey, String key,
			Map<String, Long> existing, Map<String, Long> work) {
		Long size = existing.get(key);
		if (size == null) {
			return false;
		}
		String bucket = location.bucket();
		Long source = work.get(workKey);
		if (source == null) {
			log.info("s3://{}/{} is already published and its work part {} is gone; keeping it", bucket, key, workKey);
			return true;
		}
		if (size.equals(source)) {
			return true;
		}
		throw new StagingException("refusing to overwrite s3://" + bucket + "/" + key + " (" + size
				+ " bytes) with work part s3://" + bucket + "/" + workKey + " (" + source
				+ " bytes): that key holds another publication of batch " + location.batchId()
				+ "; make sure no load used s3://" + bucket + "/" + location.stagingPrefix(table)
				+ " (load_ledger), delete it, then re-run the stage step");
	}

	private void copy(StagingLocation location, String workKey, String key) {
		String bucket = location.bucket();
		try {
			s3.copyObject(CopyObjectRequest.builder().sourceBucket(bucket).sourceKey(workKey)
				.destinationBucket(bucket).destinationKey(key).build());
		}
		catch (SdkException e) {
			throw new StagingException("could not copy s3://" + bucket + "/" + workKey + " to s3://" + bucket + "/"
					+ key + ": " + e.getMessage() + "; check that the bucket is reachable and the work part"
					+ " exists, then restart the execution", e);
		}
	}

	/** Runs the copies, up to {@code threads} at a time; all finish before the first failure is thrown. */
	private void run(List<Runnable> copies) {
		if (threads == 1 || copies.size() < 2) {
			copies.forEach(Runnable::run);
			return;
		}
		ExecutorService pool = Executors.newFixedThreadPool(Math.min(threads, copies.size()));
		try {
			List<Future<?>> futures = new ArrayList<>();
			for (Runnable copy : copies) {
				futures.add(pool.submit(copy));
			}
			RuntimeException failure = null;
			for (Future<?> future : futures) {
				try {
					future.get();
				}
				catch (ExecutionException e) {
					if (failure == null) {
						failure = e.getCause() instanceof RuntimeException cause ? cause
								: new StagingException("could not publish a part: " + e.getCause()
										+ "; restart the execution", e.getCause());
					}
				}
			}
			if (failure != null) {
				throw failure;
			}
		}
		catch (InterruptedException e) {
			Thread.currentThread().interrupt();
			throw new StagingException("interrupted while publishing parts; restart the execution", e);
		}
		finally {
			pool.shutdownNow();
		}
	}

	/** The size of every object under a prefix, by key, from one (paginated) listing. */
	private Map<String, Long> sizes(String bucket, String prefix) {
		Map<String, Long> sizes = new HashMap<>();
		try {
			for (S3Object object : s3.listObjectsV2Paginator(ListObjectsV2Request.builder().bucket(bucket)
				.prefix(prefix).build()).contents()) {
				sizes.put(object.key(), object.size());
			}
		}
		catch (SdkException e) {
			throw new StagingException("could not list s3://" + bucket + "/" + prefix + ": " + e.getMessage()
					+ "; check that the bucket is reachable, then restart the execution", e);
		}
		return sizes;
	}
}
