package io.touchpoint.writers.load;

/**
 * The outcome of loading one staged part.
 *
 * <p>{@code rows} and {@code moneyMinor} are what the part held (checked against its manifest),
 * {@code rowsInserted} what reached the target table (for merges: the staged row count), and
 * {@code alreadyLoaded} tells that the part had been loaded before and nothing was done now.
 */
public record LoadResult(String key, long rows, long moneyMinor, long rowsInserted, boolean alreadyLoaded) {
}
