package io.touchpoint.writers.staging;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.CopyObjectRequest;
import software.amazon.awssdk.services.s3.model.HeadObjectRequest;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.services.s3.model.PutObjectRequest;
import software.amazon.awssdk.services.s3.model.S3Exception;

/**
 * Publishes a batch's committed work parts to their final staging keys, with one manifest per table.
 *
 * <p>For every requested table, the table's parts in the {@link WorkPartLedger} are numbered in
 * ledger order 1..n and server-side copied to {@link StagingLocation#partKey}; the table's
 * {@code _manifest.json} is written last. Tables without parts get a manifest without parts. A part
 * already at its final key with the same size is left alone, so re-running publish is idempotent
 * and yields the same keys and manifests; one with a different size is never overwritten.
 */
public final class StagePublisher {

    private static final Logger log = LoggerFactory.getLogger(StagePublisher.class);

    private final S3Client s3;
    private final WorkPartLedger ledger;

    public StagePublisher(S3Client s3, WorkPartLedger ledger) {
        this.s3 = Objects.requireNonNull(s3, "s3");
        this.ledger = Objects.requireNonNull(ledger, "ledger");
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
        int n = 1;
        for (WorkPart part : parts) {
            String key = location.partKey(table, n++);
            copy(location, table, part.workKey(), key);
            published.add(new ManifestPart(key, part.rows(), part.moneyMinor(), part.sha256()));
        }
        Manifest manifest = new Manifest(table, location.tenant(), location.date().toString(), location.batchId(),
                published);
        String manifestKey = location.manifestKey(table);
        try {
            s3.putObject(PutObjectRequest.builder().bucket(location.bucket()).key(manifestKey)
                    .contentType("application/json").build(),
                    RequestBody.fromBytes(manifest.toJson().getBytes(StandardCharsets.UTF_8)));
        } catch (SdkException e) {
            throw new StagingException("could not upload s3://" + location.bucket() + "/" + manifestKey + ": "
                    + e.getMessage() + "; check that the bucket is reachable, then restart the execution", e);
        }
        log.debug("published {} part(s) of table {} for batch {}: {} rows, money {}, manifest s3://{}/{}",
                published.size(), table, location.batchId(), manifest.rows(), manifest.moneyMinor(),
                location.bucket(), manifestKey);
        return manifest;
    }

    private void copy(StagingLocation location, String table, String workKey, String key) {
        String bucket = location.bucket();
        HeadObjectResponse existing = head(bucket, key);
        if (existing != null) {
            HeadObjectResponse source = head(bucket, workKey);
            if (source == null) {
                log.info("s3://{}/{} is already published and its work part {} is gone; keeping it", bucket, key,
                        workKey);
                return;
            }
            if (Objects.equals(existing.contentLength(), source.contentLength())) {
                return;
            }
            throw new StagingException("refusing to overwrite s3://" + bucket + "/" + key + " (" + existing.contentLength()
                    + " bytes) with work part s3://" + bucket + "/" + workKey + " (" + source.contentLength()
                    + " bytes): that key holds another publication of batch " + location.batchId()
                    + "; make sure no load used s3://" + bucket + "/" + location.stagingPrefix(table)
                    + " (load_ledger), delete it, then re-run the stage step");
        }
        try {
            s3.copyObject(CopyObjectRequest.builder().sourceBucket(bucket).sourceKey(workKey)
                    .destinationBucket(bucket).destinationKey(key).build());
        } catch (SdkException e) {
            throw new StagingException("could not copy s3://" + bucket + "/" + workKey + " to s3://" + bucket + "/"
                    + key + ": " + e.getMessage() + "; check that the bucket is reachable and the work part"
                    + " exists, then restart the execution", e);
        }
    }

    private HeadObjectResponse head(String bucket, String key) {
        try {
            return s3.headObject(HeadObjectRequest.builder().bucket(bucket).key(key).build());
        } catch (S3Exception e) {
            if (e.statusCode() == 404) {
                return null;
            }
            throw new StagingException("could not check s3://" + bucket + "/" + key + ": " + e.getMessage()
                    + "; check that the bucket is reachable, then restart the execution", e);
        } catch (SdkException e) {
            throw new StagingException("could not check s3://" + bucket + "/" + key + ": " + e.getMessage()
                    + "; check that the bucket is reachable, then restart the execution", e);
        }
    }
}
