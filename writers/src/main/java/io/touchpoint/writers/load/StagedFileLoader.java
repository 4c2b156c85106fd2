package io.touchpoint.writers.load;

import io.touchpoint.writers.staging.ManifestPart;

/**
 * Loads one published staging part into the warehouse, exactly once.
 *
 * <p>Implementations record each loaded part in the warehouse's {@code load_ledger} in the same
 * transaction as its rows, and return {@code alreadyLoaded} (with the recorded numbers) for a part
 * the ledger already holds, so a restarted load step skips what is done.
 */
public interface StagedFileLoader {

    /**
     * Loads {@code s3://bucket/part.key()} into {@code table}.
     *
     * @throws LoadException naming the key and table if the part could not be loaded; nothing of it is then loaded
     */
    LoadResult load(String bucket, ManifestPart part, LoadTable table, String tenantId, String batchId);
}
