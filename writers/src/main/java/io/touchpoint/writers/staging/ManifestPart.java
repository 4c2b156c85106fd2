package io.touchpoint.writers.staging;

/**
 * One published staging part listed in a {@link Manifest}.
 *
 * <p>{@code key} is the full S3 key of the gzip CSV part (in the manifest's bucket), {@code rows}
 * and {@code moneyMinor} are its row count and money sum, {@code sha256} the lowercase hex SHA-256
 * of the object's bytes.
 */
public record ManifestPart(String key, long rows, long moneyMinor, String sha256) {
}
