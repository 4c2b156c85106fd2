package io.touchpoint.writers.load;

import java.util.Collection;

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

	/**
	 * Refreshes the warehouse's optimizer statistics of {@code tables} after a load added rows to them, where
	 * the warehouse does not keep them current by itself; never fails (statistics only change plans, not
	 * results): a refresh that cannot run is logged. Does nothing by default.
	 */
	default void refreshStatistics(Collection<LoadTable> tables) {
	}

	/**
	 * The part's {@code s3://} location, after checking its key holds only the characters staging keys are
	 * made of (it reaches SQL as a literal in some statements).
	 *
	 * @throws LoadException naming the key and table when it holds anything else
	 */
	static String requireStagedKey(String bucket, ManifestPart part, LoadTable table) {
		java.util.Objects.requireNonNull(part, "part");
		java.util.Objects.requireNonNull(table, "table");
		String file = "s3://" + bucket + "/" + part.key();
		if (part.key() == null || !part.key().matches("[A-Za-z0-9=/_.\\-]+")) {
			throw new LoadException("refusing to load " + file + " into table " + table.name()
					+ ": the key has characters outside [A-Za-z0-9=/_.-]; the file was not loaded;"
					+ " load only parts published by the stage step");
		}
		return file;
	}
}
