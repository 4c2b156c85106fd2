package io.touchpoint.writers.staging;

/**
 * A committed work part, as registered in the {@code tp_work_parts} ledger.
 *
 * <p>{@code workKey} is the S3 key under {@code work/} the part was uploaded to; {@code rows},
 * {@code moneyMinor} and {@code sha256} describe the uploaded gzip object.
 */
public record WorkPart(String table, String workKey, long rows, long moneyMinor, String sha256) {
}
