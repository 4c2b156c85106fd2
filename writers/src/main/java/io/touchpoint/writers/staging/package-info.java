/**
 * Staging a batch in S3: chunks written as gzip CSV work parts and registered in a ledger on the chunk
 * transaction, then published under final keys with one manifest per table.
 */
@NullMarked
package io.touchpoint.writers.staging;

import org.jspecify.annotations.NullMarked;
